/// Invalid regression input; each description is one line naming the observation, predictor or class.
public enum RegressionError: InvalidInputError, Equatable, Sendable {
    case emptyPredictorName(index: Int)
    case duplicatePredictorName(String)
    case responseCount(observations: Int, responses: Int)
    case observationNameCount(observations: Int, names: Int)
    case rowLength(observation: Int, expected: Int, actual: Int)
    case nonFiniteValue(observation: String, field: String, value: Double)
    case tooFewObservations(observations: Int, parameters: Int)
    /// The predictor is (numerically) a linear combination of the ones listed before it.
    case linearlyDependentPredictor(predictor: String, combination: [String])
    case predictionRowLength(expected: Int, actual: Int)
    /// A MAGT borehole without a vegetation class (0 is the class rasters' nodata).
    case missingVegetationClass(borehole: String)
    /// A vegetation class that no training borehole had: the model has no coefficient for it.
    case unseenVegetationClass(code: UInt8, location: String, trainedClasses: [UInt8])
    case missingPredictorBuffer(String)
    case bufferSize(name: String, expected: Int, actual: Int)
    /// A decoded model whose coefficients do not match its terms (a damaged model file).
    case modelTermCount(coefficients: Int, names: Int, terms: Int)

    public var description: String {
        switch self {
        case .emptyPredictorName(let index):
            return "predictor \(index + 1) has an empty name"
        case .duplicatePredictorName(let name):
            return "predictor name \"\(name)\" is used twice"
        case .responseCount(let observations, let responses):
            return "design has \(observations) observations but the response has \(responses) values"
        case .observationNameCount(let observations, let names):
            return "design has \(observations) observations but \(names) observation names were given"
        case .rowLength(let observation, let expected, let actual):
            return "observation \(observation + 1) has \(actual) predictor values; expected \(expected)"
        case .nonFiniteValue(let observation, let field, let value):
            return "\(observation): \(field) = \(value) is not a finite number"
        case .tooFewObservations(let observations, let parameters):
            return "\(observations) observations cannot fit \(parameters) parameters; need more observations than parameters"
        case .linearlyDependentPredictor(let predictor, let combination):
            if combination.isEmpty {
                return "predictor \"\(predictor)\" is zero in every observation; switch it off"
            }
            let others = combination.map { "\"\($0)\"" }.joined(separator: ", ")
            return "predictor \"\(predictor)\" is a linear combination of \(others) (rank-deficient design); switch one of them off"
        case .predictionRowLength(let expected, let actual):
            return "prediction row has \(actual) predictor values; the model has \(expected) predictors"
        case .missingVegetationClass(let borehole):
            return "borehole \"\(borehole)\": vegetation class 0 (nodata); the vegetation predictor needs a class"
        case .unseenVegetationClass(let code, let location, let trainedClasses):
            let known = trainedClasses.map(String.init).joined(separator: ", ")
            return "\(location): vegetation class \(code) had no training borehole (trained classes: \(known)); "
                + "mask it as class 0 or add boreholes of that class"
        case .missingPredictorBuffer(let name):
            return "the model uses predictor \"\(name)\" but no \(name) raster block was given"
        case .bufferSize(let name, let expected, let actual):
            return "\(name) block buffer has \(actual) values; expected \(expected)"
        case .modelTermCount(let coefficients, let names, let terms):
            return "the model has \(coefficients) coefficients and \(names) coefficient names for \(terms) terms; the model file is damaged"
        }
    }
}

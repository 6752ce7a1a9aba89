/// Why a random-forest operation refused its input. Each description is one line that
/// names the offending parameter, sample, feature, class or tree.
public enum RandomForestError: InvalidInputError, Equatable, Sendable {
    /// A training or prediction parameter is out of range (named by its command-line flag).
    case invalidParameter(String)
    /// The training samples, labels or names are inconsistent.
    case invalidTrainingData(String)
    /// Buffers handed to prediction do not match the model or each other.
    case invalidPredictionInput(String)
    /// A decoded model is structurally unsound (bad version, index out of range, ...).
    case invalidModel(String)
    /// A confusion matrix was built from inconsistent counts or class indices.
    case invalidConfusionMatrix(String)

    public var description: String {
        switch self {
        case .invalidParameter(let message),
            .invalidTrainingData(let message),
            .invalidPredictionInput(let message),
            .invalidModel(let message),
            .invalidConfusionMatrix(let message):
            return message
        }
    }
}

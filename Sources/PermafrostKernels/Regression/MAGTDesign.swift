/// The predictors a MAGT regression may use (METHOD.md section 3); any subset can be on.
public struct MAGTPredictors: OptionSet, Codable, Sendable, Hashable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// Elevation (m).
    public static let elevation = MAGTPredictors(rawValue: 1 << 0)
    /// Longitude of the pixel centre (degrees, WGS84).
    public static let longitude = MAGTPredictors(rawValue: 1 << 1)
    /// Latitude of the pixel centre (degrees, WGS84).
    public static let latitude = MAGTPredictors(rawValue: 1 << 2)
    /// Vegetation class, one-hot with the reference class dropped.
    public static let vegetation = MAGTPredictors(rawValue: 1 << 3)
    /// cos(aspect).
    public static let northness = MAGTPredictors(rawValue: 1 << 4)
    /// sin(aspect).
    public static let eastness = MAGTPredictors(rawValue: 1 << 5)
    /// Slope (degrees).
    public static let slope = MAGTPredictors(rawValue: 1 << 6)

    public static let all: MAGTPredictors = [.elevation, .longitude, .latitude, .vegetation, .northness, .eastness, .slope]
}

/// Predictor values at one place (a borehole or a pixel). Values of predictors that are
/// switched off are ignored (NaN is fine there); vegetation class 0 means no class (nodata).
public struct MAGTPredictorValues: Sendable, Equatable {
    public var elevation: Double
    public var longitude: Double
    public var latitude: Double
    public var vegetationClass: UInt8
    public var northness: Double
    public var eastness: Double
    public var slope: Double

    public init(
        elevation: Double = .nan, longitude: Double = .nan, latitude: Double = .nan, vegetationClass: UInt8 = 0,
        northness: Double = .nan, eastness: Double = .nan, slope: Double = .nan
    ) {
        self.elevation = elevation
        self.longitude = longitude
        self.latitude = latitude
        self.vegetationClass = vegetationClass
        self.northness = northness
        self.eastness = eastness
        self.slope = slope
    }
}

/// How predictor values become a row of the MAGT design matrix. Columns, in order:
/// elevation, longitude, latitude, one indicator per non-reference vegetation class
/// ("vegetation=<code>", ascending), northness, eastness, slope — each only when switched on.
/// The reference vegetation class is the lowest code among the training boreholes; its
/// effect is in the intercept.
public struct MAGTDesign: Codable, Sendable, Equatable {
    public let predictors: MAGTPredictors
    /// Reference vegetation class (nil when vegetation is off).
    public let vegetationReference: UInt8?
    /// Classes with their own indicator column, ascending.
    public let vegetationIndicators: [UInt8]

    /// - Parameter trainingVegetationClasses: the classes of the training boreholes (repeats
    ///   allowed); only read when vegetation is on. Class 0 (nodata) is ignored here:
    ///   `row(_:location:)` rejects it for each borehole.
    public init(predictors: MAGTPredictors, trainingVegetationClasses: [UInt8]) {
        self.predictors = predictors
        if predictors.contains(.vegetation) {
            let classes = Set(trainingVegetationClasses).subtracting([0]).sorted()
            vegetationReference = classes.first
            vegetationIndicators = Array(classes.dropFirst())
        } else {
            vegetationReference = nil
            vegetationIndicators = []
        }
    }

    /// All vegetation classes the model knows (reference first).
    public var trainedVegetationClasses: [UInt8] {
        (vegetationReference.map { [$0] } ?? []) + vegetationIndicators
    }

    /// Column names of the design matrix (no intercept), in row order.
    public var columnNames: [String] {
        var names: [String] = []
        if predictors.contains(.elevation) { names.append("elevation") }
        if predictors.contains(.longitude) { names.append("longitude") }
        if predictors.contains(.latitude) { names.append("latitude") }
        names += vegetationIndicators.map { "vegetation=\($0)" }
        if predictors.contains(.northness) { names.append("northness") }
        if predictors.contains(.eastness) { names.append("eastness") }
        if predictors.contains(.slope) { names.append("slope") }
        return names
    }

    /// The design row for `values`; `location` names the place in error messages
    /// (e.g. `borehole "MB-07"`). Throws for a missing (NaN, class 0) used predictor and for
    /// a vegetation class the training data did not have.
    public func row(_ values: MAGTPredictorValues, location: String) throws -> [Double] {
        let continuous: [(MAGTPredictors, String, Double)] = [
            (.elevation, "elevation", values.elevation), (.longitude, "longitude", values.longitude),
            (.latitude, "latitude", values.latitude), (.northness, "northness", values.northness),
            (.eastness, "eastness", values.eastness), (.slope, "slope", values.slope),
        ]
        for (predictor, name, value) in continuous where predictors.contains(predictor) && !value.isFinite {
            throw RegressionError.nonFiniteValue(observation: location, field: name, value: value)
        }
        if predictors.contains(.vegetation) && values.vegetationClass == 0 {
            throw RegressionError.missingVegetationClass(borehole: location)
        }
        var row = [Double](repeating: 0, count: columnNames.count)
        _ = try row.withUnsafeMutableBufferPointer { try fill($0, with: values, location: location) }
        return row
    }

    /// Fills `row` (columnNames.count values). Returns false when a used predictor is missing
    /// (not finite, or vegetation class 0); throws for an unseen vegetation class.
    @inline(__always)
    func fill(
        _ row: UnsafeMutableBufferPointer<Double>, with values: MAGTPredictorValues,
        location: @autoclosure () -> String
    ) throws -> Bool {
        var j = 0
        func put(_ value: Double) {
            row[j] = value
            j += 1
        }
        if predictors.contains(.elevation) { put(values.elevation) }
        if predictors.contains(.longitude) { put(values.longitude) }
        if predictors.contains(.latitude) { put(values.latitude) }
        if predictors.contains(.vegetation) {
            let code = values.vegetationClass
            if code == 0 { return false }
            if code != vegetationReference && !vegetationIndicators.contains(code) {
                throw RegressionError.unseenVegetationClass(code: code, location: location(), trainedClasses: trainedVegetationClasses)
            }
            for indicator in vegetationIndicators { put(indicator == code ? 1 : 0) }
        }
        if predictors.contains(.northness) { put(values.northness) }
        if predictors.contains(.eastness) { put(values.eastness) }
        if predictors.contains(.slope) { put(values.slope) }
        for k in 0..<j where !row[k].isFinite { return false }
        return true
    }
}

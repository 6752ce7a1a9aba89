/// One training borehole: its MAGT (C, at the depth of zero annual amplitude or the reading
/// nearest 10-15 m) and the predictor values sampled at its location.
public struct MAGTBorehole: Sendable, Equatable {
    public var id: String
    public var magt: Double
    public var predictors: MAGTPredictorValues

    public init(id: String, magt: Double, predictors: MAGTPredictorValues) {
        self.id = id
        self.magt = magt
        self.predictors = predictors
    }
}

/// Number of training boreholes of one vegetation class.
public struct MAGTVegetationCount: Codable, Sendable, Equatable {
    public var vegetationClass: UInt8
    public var boreholes: Int

    public init(vegetationClass: UInt8, boreholes: Int) {
        self.vegetationClass = vegetationClass
        self.boreholes = boreholes
    }
}

/// What a MAGT fit reports: the regression diagnostics (observations in borehole order),
/// boreholes per vegetation class, and all warnings.
public struct MAGTFitReport: Codable, Sendable, Equatable {
    public var regression: LinearRegressionReport
    public var boreholeIDs: [String]
    /// Empty when vegetation is off.
    public var vegetationBoreholeCounts: [MAGTVegetationCount]
    /// Regression warnings followed by vegetation classes with too few boreholes.
    public var warnings: [String]
    /// The predictor selection that chose the model's predictors, when one ran.
    public var selection: Selection?
    /// Spatial block cross-validation of the fitted predictors (nil in older model files).
    public var blockCrossValidation: MAGTCrossValidation?
    /// With the random-forest method: its out-of-bag RMSE (C).
    public var forestOutOfBagRMSE: Double?

    public struct Selection: Codable, Sendable, Equatable {
        public var criterion: InformationCriterion
        public var steps: [MAGTSelectionStep]

        public init(criterion: InformationCriterion, steps: [MAGTSelectionStep]) {
            self.criterion = criterion
            self.steps = steps
        }
    }
}

/// Per-pixel predictor rasters of one block (pixelCount values each, NaN = nodata; vegetation
/// 0 = nodata). Only the predictors the model uses are required.
public struct MAGTPredictorBlock {
    public var pixelCount: Int
    public var elevation: UnsafeBufferPointer<Float>?
    public var longitude: UnsafeBufferPointer<Float>?
    public var latitude: UnsafeBufferPointer<Float>?
    public var vegetation: UnsafeBufferPointer<UInt8>?
    public var northness: UnsafeBufferPointer<Float>?
    public var eastness: UnsafeBufferPointer<Float>?
    public var slope: UnsafeBufferPointer<Float>?

    public init(
        pixelCount: Int, elevation: UnsafeBufferPointer<Float>? = nil, longitude: UnsafeBufferPointer<Float>? = nil,
        latitude: UnsafeBufferPointer<Float>? = nil, vegetation: UnsafeBufferPointer<UInt8>? = nil,
        northness: UnsafeBufferPointer<Float>? = nil, eastness: UnsafeBufferPointer<Float>? = nil,
        slope: UnsafeBufferPointer<Float>? = nil
    ) {
        self.pixelCount = pixelCount
        self.elevation = elevation
        self.longitude = longitude
        self.latitude = latitude
        self.vegetation = vegetation
        self.northness = northness
        self.eastness = eastness
        self.slope = slope
    }
}

/// The MAGT multiple linear regression of METHOD.md section 3 (always with an intercept).
public struct MAGTModel: Codable, Sendable, Equatable {
    /// A vegetation class with fewer training boreholes than this is reported: with one
    /// borehole its coefficient simply absorbs that borehole's residual.
    public static let minimumBoreholesPerVegetationClass = 2

    public var design: MAGTDesign
    /// The linear regression; with a forest, it is kept for its diagnostics and the forest predicts.
    public var regression: LinearRegressionModel
    /// The random-forest regression on the same design rows (`magt.method: random-forest`).
    public var forest: RegressionForest?

    /// How MAGT is fitted: METHOD's multiple linear regression, or its second method.
    public enum Method: Sendable, Equatable {
        case linear
        case randomForest(RegressionForest.Parameters)
    }

    public init(design: MAGTDesign, regression: LinearRegressionModel, forest: RegressionForest? = nil) {
        self.design = design
        self.regression = regression
        self.forest = forest
    }

    private enum CodingKeys: String, CodingKey {
        case design, regression, forest
    }

    /// Decodes a model and checks that every term of the design has its coefficient, so a
    /// damaged model file is refused instead of read past its coefficients.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        design = try container.decode(MAGTDesign.self, forKey: .design)
        regression = try container.decode(LinearRegressionModel.self, forKey: .regression)
        forest = try container.decodeIfPresent(RegressionForest.self, forKey: .forest)
        let terms = design.columnNames.count + (regression.includesIntercept ? 1 : 0)
        guard regression.coefficients.count == terms, regression.coefficientNames.count == terms,
            regression.standardErrors.count == terms
        else {
            throw RegressionError.modelTermCount(
                coefficients: regression.coefficients.count, names: regression.coefficientNames.count,
                terms: terms)
        }
    }

    /// Fits MAGT on the switched-on predictors of `boreholes`.
    public static func fit(boreholes: [MAGTBorehole], predictors: MAGTPredictors, method: Method = .linear) throws -> (
        model: MAGTModel, report: MAGTFitReport
    ) {
        let design = MAGTDesign(predictors: predictors, trainingVegetationClasses: boreholes.map(\.predictors.vegetationClass))
        let rows = try boreholes.map { try design.row($0.predictors, location: "borehole \"\($0.id)\"") }
        let fit = try LinearRegression.fit(
            design: rows, response: boreholes.map(\.magt), predictorNames: design.columnNames,
            includeIntercept: true, observationNames: boreholes.map { "borehole \"\($0.id)\"" })
        var counts: [MAGTVegetationCount] = []
        var warnings = fit.report.warnings
        for code in design.trainedVegetationClasses {
            let members = boreholes.filter { $0.predictors.vegetationClass == code }
            counts.append(MAGTVegetationCount(vegetationClass: code, boreholes: members.count))
            if members.count < minimumBoreholesPerVegetationClass {
                let ids = members.map { "\"\($0.id)\"" }.joined(separator: ", ")
                warnings.append(
                    "vegetation class \(code) has \(members.count) borehole (\(ids)), fewer than "
                        + "\(minimumBoreholesPerVegetationClass): its MAGT offset rests on that borehole alone")
            }
        }
        var report = MAGTFitReport(
            regression: fit.report, boreholeIDs: boreholes.map(\.id),
            vegetationBoreholeCounts: counts, warnings: warnings)
        var forest: RegressionForest?
        if case .randomForest(let parameters) = method {
            forest = RegressionForest.fit(rows: rows, response: boreholes.map(\.magt), parameters: parameters)
            report.forestOutOfBagRMSE = forest?.outOfBagRMSE
        }
        return (MAGTModel(design: design, regression: fit.model, forest: forest), report)
    }

    /// MAGT (C) at one place; throws for a missing used predictor or an unseen vegetation class.
    public func predict(_ values: MAGTPredictorValues, location: String) throws -> Double {
        let row = try design.row(values, location: location)
        guard let forest else { return try regression.predict(row) }
        return row.withUnsafeBufferPointer { forest.predict($0) }
    }

    /// MAGT (C) for every pixel of a block into `magt` (pixelCount values): NaN where a used
    /// predictor is NaN or the vegetation class is 0. A vegetation class without training
    /// boreholes is an error naming the pixel (mask such classes as 0 first to leave them
    /// as nodata). Returns the number of pixels that got a value.
    @discardableResult
    public func predict(block: MAGTPredictorBlock, into magt: UnsafeMutableBufferPointer<Float>) throws -> Int {
        let count = block.pixelCount
        guard magt.count == count else { throw RegressionError.bufferSize(name: "MAGT output", expected: count, actual: magt.count) }
        func required<T>(_ predictor: MAGTPredictors, _ name: String, _ buffer: UnsafeBufferPointer<T>?) throws -> UnsafeBufferPointer<T>? {
            guard design.predictors.contains(predictor) else { return nil }
            guard let buffer else { throw RegressionError.missingPredictorBuffer(name) }
            guard buffer.count == count else { throw RegressionError.bufferSize(name: name, expected: count, actual: buffer.count) }
            return buffer
        }
        let elevation = try required(.elevation, "elevation", block.elevation)
        let longitude = try required(.longitude, "longitude", block.longitude)
        let latitude = try required(.latitude, "latitude", block.latitude)
        let vegetation = try required(.vegetation, "vegetation", block.vegetation)
        let northness = try required(.northness, "northness", block.northness)
        let eastness = try required(.eastness, "eastness", block.eastness)
        let slope = try required(.slope, "slope", block.slope)

        var row = [Double](repeating: 0, count: design.columnNames.count)
        var predicted = 0
        try row.withUnsafeMutableBufferPointer { row in
            for pixel in 0..<count {
                let values = MAGTPredictorValues(
                    elevation: elevation.map { Double($0[pixel]) } ?? .nan,
                    longitude: longitude.map { Double($0[pixel]) } ?? .nan,
                    latitude: latitude.map { Double($0[pixel]) } ?? .nan,
                    vegetationClass: vegetation?[pixel] ?? 0,
                    northness: northness.map { Double($0[pixel]) } ?? .nan,
                    eastness: eastness.map { Double($0[pixel]) } ?? .nan,
                    slope: slope.map { Double($0[pixel]) } ?? .nan)
                if try design.fill(row, with: values, location: "block pixel \(pixel)") {
                    magt[pixel] = Float(forest?.predict(UnsafeBufferPointer(row)) ?? regression.linearPredictor(UnsafeBufferPointer(row)))
                    predicted += 1
                } else {
                    magt[pixel] = .nan
                }
            }
        }
        return predicted
    }
}

/// Calibration of the edaphic factor E of ALT = E sqrt(n DDT) from boreholes with an
/// observed active-layer thickness.
///
/// Per borehole E_i = ALT_i / s_i with s_i = sqrt(n DDT_i). Per class the boreholes are
/// combined by least squares through the origin, minimising sum (ALT_i - E s_i)^2:
/// E = sum(ALT_i s_i) / sum(s_i^2). This weights boreholes by their thawing index (a plain
/// mean of E_i would let a borehole with a tiny DDT dominate) and is the E that best
/// reproduces the observed thicknesses. RMSE (m) is that of ALT_i against E s_i.
public enum EdaphicFactorCalibration {
    public struct Observation: Sendable, Equatable {
        public var boreholeID: String
        public var classCode: UInt8
        /// Observed active-layer thickness (m).
        public var observedThickness: Double
        /// Air thawing index at the borehole (C day).
        public var thawingIndex: Double

        public init(boreholeID: String, classCode: UInt8, observedThickness: Double, thawingIndex: Double) {
            self.boreholeID = boreholeID
            self.classCode = classCode
            self.observedThickness = observedThickness
            self.thawingIndex = thawingIndex
        }
    }

    public struct BoreholeFactor: Sendable, Equatable {
        public var boreholeID: String
        public var classCode: UInt8
        /// ALT_obs / sqrt(n DDT) of this borehole alone.
        public var edaphicFactor: Double
    }

    public struct ClassFit: Sendable, Equatable {
        public var classCode: UInt8
        public var className: String
        public var edaphicFactor: Double
        public var boreholeCount: Int
        /// Root-mean-square error (m) of the fitted thickness at the class's boreholes.
        public var rootMeanSquareError: Double
    }

    public struct Result: Sendable, Equatable {
        /// One entry per observation, in input order.
        public var boreholes: [BoreholeFactor]
        /// One entry per class with at least one borehole, by ascending code.
        public var classes: [ClassFit]

        /// The fitted factors, ready for `SoilParameterTable.replacingEdaphicFactors`.
        public var factorsByCode: [UInt8: Double] {
            Dictionary(uniqueKeysWithValues: classes.map { ($0.classCode, $0.edaphicFactor) })
        }
    }

    /// Fits E per class; n comes from the soil table. Throws on a borehole whose class is
    /// not in the table or whose thickness or thawing index is not positive.
    public static func calibrate(observations: [Observation], soilTable: SoilParameterTable) throws(SoilParameterError) -> Result {
        var boreholes: [BoreholeFactor] = []
        var scaledIndex: [Double] = []
        for observation in observations {
            guard let entry = soilTable.parameters(forCode: observation.classCode) else {
                throw .invalidObservation(
                    borehole: observation.boreholeID,
                    reason: "class code \(observation.classCode) is not in the soil table")
            }
            guard observation.observedThickness.isFinite, observation.observedThickness > 0 else {
                throw .invalidObservation(
                    borehole: observation.boreholeID,
                    reason: "observed active-layer thickness \(observation.observedThickness) must be positive")
            }
            guard observation.thawingIndex.isFinite, observation.thawingIndex > 0 else {
                throw .invalidObservation(
                    borehole: observation.boreholeID,
                    reason: "thawing index \(observation.thawingIndex) must be positive")
            }
            let s = (entry.properties.nFactor * observation.thawingIndex).squareRoot()
            scaledIndex.append(s)
            boreholes.append(
                BoreholeFactor(
                    boreholeID: observation.boreholeID, classCode: observation.classCode,
                    edaphicFactor: observation.observedThickness / s))
        }

        var fits: [ClassFit] = []
        for code in Set(observations.map(\.classCode)).sorted() {
            let members = observations.indices.filter { observations[$0].classCode == code }
            var crossProduct = 0.0
            var sumOfSquares = 0.0
            for i in members {
                crossProduct += observations[i].observedThickness * scaledIndex[i]
                sumOfSquares += scaledIndex[i] * scaledIndex[i]
            }
            let factor = crossProduct / sumOfSquares
            var squaredError = 0.0
            for i in members {
                let residual = observations[i].observedThickness - factor * scaledIndex[i]
                squaredError += residual * residual
            }
            fits.append(
                ClassFit(
                    classCode: code, className: soilTable.parameters(forCode: code)?.name ?? "",
                    edaphicFactor: factor, boreholeCount: members.count,
                    rootMeanSquareError: (squaredError / Double(members.count)).squareRoot()))
        }
        return Result(boreholes: boreholes, classes: fits)
    }
    /// The edaphic factor the physical form amounts to, E = sqrt(2 lambda_t 86400 / (L rho_d (w - w_u))):
    /// ALT = E sqrt(n DDT) with this E is the Stefan equation.
    public static func physicalFactor(_ properties: SoilThermalProperties) -> Double {
        properties.stefanCoefficient / properties.nFactor.squareRoot()
    }

    /// Each borehole's thickness predicted with its class's E fitted on the class's other
    /// boreholes (leave-one-out), in input order; NaN for a borehole alone in its class.
    public static func leaveOneOutThickness(observations: [Observation], soilTable: SoilParameterTable) throws(SoilParameterError)
        -> [Double]
    {
        var predictions: [Double] = []
        for index in observations.indices {
            let code = observations[index].classCode
            let others = observations.indices.filter { $0 != index && observations[$0].classCode == code }.map { observations[$0] }
            guard !others.isEmpty, let entry = soilTable.parameters(forCode: code) else {
                predictions.append(.nan)
                continue
            }
            let fit = try calibrate(observations: others, soilTable: soilTable)
            let factor = fit.classes[0].edaphicFactor
            predictions.append(
                ActiveLayerModel.empiricalThickness(
                    thawingIndex: observations[index].thawingIndex, edaphicFactor: factor, nFactor: entry.properties.nFactor))
        }
        return predictions
    }
}

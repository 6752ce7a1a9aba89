/// A fitted linear model y = b0 + sum_j b_j x_j (b0 only with an intercept). Codable: JSON
/// round-trips the coefficients exactly.
public struct LinearRegressionModel: Codable, Sendable, Equatable {
    /// Name of the intercept coefficient in `coefficientNames`.
    public static let interceptName = "(Intercept)"

    /// Coefficient names: the intercept first (when present), then the predictors in order.
    public var coefficientNames: [String]
    public var coefficients: [Double]
    /// Standard errors s * sqrt([(X^T X)^-1]_jj), s^2 = RSS / (n - p).
    public var standardErrors: [Double]
    public var includesIntercept: Bool
    /// n - p.
    public var residualDegreesOfFreedom: Int

    public init(
        coefficientNames: [String], coefficients: [Double], standardErrors: [Double],
        includesIntercept: Bool, residualDegreesOfFreedom: Int
    ) {
        self.coefficientNames = coefficientNames
        self.coefficients = coefficients
        self.standardErrors = standardErrors
        self.includesIntercept = includesIntercept
        self.residualDegreesOfFreedom = residualDegreesOfFreedom
    }

    /// t = coefficient / standard error (infinite for an exact fit, whose standard errors are 0).
    public var tValues: [Double] {
        zip(coefficients, standardErrors).map { $0 / $1 }
    }

    /// Number of predictors a prediction row must have (coefficients without the intercept).
    public var predictorCount: Int {
        coefficients.count - (includesIntercept ? 1 : 0)
    }

    /// The model's value for one row of predictors (without the intercept column).
    public func predict(_ predictors: [Double]) throws -> Double {
        guard predictors.count == predictorCount else {
            throw RegressionError.predictionRowLength(expected: predictorCount, actual: predictors.count)
        }
        return predictors.withUnsafeBufferPointer { linearPredictor($0) }
    }

    /// b0 + sum b_j x_j, summed in coefficient order (the single place predictions are formed,
    /// so row and block predictions agree bit for bit).
    @inline(__always)
    func linearPredictor(_ predictors: UnsafeBufferPointer<Double>) -> Double {
        var sum = includesIntercept ? coefficients[0] : 0
        let offset = includesIntercept ? 1 : 0
        for j in 0..<predictors.count {
            sum += coefficients[offset + j] * predictors[j]
        }
        return sum
    }
}

/// Goodness of fit and diagnostics of a least-squares fit.
public struct LinearRegressionReport: Codable, Sendable, Equatable {
    public var observationCount: Int
    /// Coefficients including the intercept.
    public var parameterCount: Int
    /// 1 - RSS/TSS; TSS about the mean with an intercept, about zero without (as R's `lm`).
    /// nil when TSS = 0.
    public var rSquared: Double?
    /// 1 - (1 - R^2) (n - i) / (n - p), i = 1 with an intercept, else 0. nil when R^2 is.
    public var adjustedRSquared: Double?
    /// sqrt(RSS / n).
    public var rmse: Double
    /// s = sqrt(RSS / (n - p)).
    public var residualStandardError: Double
    /// sqrt(mean((e_i / (1 - h_ii))^2)): the exact leave-one-out prediction errors.
    /// nil when an observation has leverage 1 (without it the model cannot be fitted).
    public var leaveOneOutRMSE: Double?
    /// Observed minus fitted, per observation.
    public var residuals: [Double]
    /// Diagonal h_ii of the hat matrix, per observation.
    public var leverages: [Double]
    /// Condition number of the centred, unit-length predictor columns (see `collinearityThreshold`).
    public var conditionNumber: Double
    /// Condition number of the whole design, intercept column included, each column scaled
    /// to unit length but not centred (Belsley et al.'s "with the intercept"): large when a
    /// predictor barely varies about a value far from 0 (latitude 38.1 +/- 0.05 degrees),
    /// which the centred figure leaves out. nil in model files written before it existed.
    public var conditionNumberWithIntercept: Double?
    /// Variance inflation factor per predictor (same order as the predictor names).
    public var varianceInflationFactors: [Double]
    /// Human-readable warnings (collinearity, leverage-1 observations).
    public var warnings: [String]

    /// Condition numbers above this are reported as collinear (Belsley et al. 1980).
    public static let collinearityThreshold = CollinearityDiagnostics.warningConditionNumber
}

/// The result of `LinearRegression.fit`.
public struct LinearRegressionFit: Sendable, Equatable {
    public var model: LinearRegressionModel
    public var report: LinearRegressionReport
}

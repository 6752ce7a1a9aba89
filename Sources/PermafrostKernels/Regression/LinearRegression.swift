import Foundation

/// Ordinary least squares by Householder QR (never the normal equations).
///
/// The design columns are scaled to unit length before factorising (the solution is then
/// rescaled), which makes the dependence test and the condition diagnostics independent of
/// the predictors' units (metres of elevation next to degrees of latitude).
public enum LinearRegression {
    /// Fits `response` on the columns of `design` (one row per observation, one value per predictor).
    ///
    /// Throws when sizes disagree, a value is not finite, there are not more observations than
    /// parameters, or a predictor is a linear combination of the earlier ones (named, with the
    /// predictors that rebuild it). `observationNames` (e.g. borehole ids) label observations in
    /// errors and warnings; by default they are "observation 1", "observation 2", ...
    public static func fit(
        design: [[Double]], response: [Double], predictorNames: [String],
        includeIntercept: Bool, observationNames: [String]? = nil
    ) throws -> LinearRegressionFit {
        let labels = observationNames ?? design.indices.map { "observation \($0 + 1)" }
        try validate(design: design, response: response, predictorNames: predictorNames, labels: labels)
        let n = design.count
        let names = (includeIntercept ? [LinearRegressionModel.interceptName] : []) + predictorNames
        let p = names.count
        guard n > p else { throw RegressionError.tooFewObservations(observations: n, parameters: p) }

        let predictorColumns = predictorNames.indices.map { j in design.map { $0[j] } }
        let columns = (includeIntercept ? [[Double](repeating: 1, count: n)] : []) + predictorColumns
        let columnLengths = columns.map { column in column.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        let scaled = zip(columns, columnLengths).map { column, length in length > 0 ? column.map { $0 / length } : column }

        let qr: HouseholderQR
        switch HouseholderQR.factorise(columns: scaled) {
        case .success(let factors):
            qr = factors
        case .failure(let dependent):
            let combination = dependent.weights.enumerated().filter { abs($0.element) > 1e-6 }.map { names[$0.offset] }
            throw RegressionError.linearlyDependentPredictor(predictor: names[dependent.column], combination: combination)
        }

        let scaledCoefficients = qr.backSubstitute(Array(qr.applyTranspose(response)[..<p]))
        let coefficients = zip(scaledCoefficients, columnLengths).map { $0 / $1 }
        let residuals = (0..<n).map { i in
            response[i] - (0..<p).reduce(0) { $0 + columns[$1][i] * coefficients[$1] }
        }
        let rss = residuals.reduce(0) { $0 + $1 * $1 }
        let residualVariance = rss / Double(n - p)

        // Cov(b) = s^2 D^-1 (R^T R)^-1 D^-1 with D the column lengths; (R^T R)^-1 = R^-1 R^-T.
        let inverseR = qr.inverseRRows()
        let standardErrors = (0..<p).map { j in
            (residualVariance * inverseR[j].reduce(0) { $0 + $1 * $1 }).squareRoot() / columnLengths[j]
        }
        let q = qr.thinQ()
        let leverages = (0..<n).map { i in q.reduce(0) { $0 + $1[i] * $1[i] } }

        var warnings: [String] = []
        let diagnostics = CollinearityDiagnostics(predictorColumns: predictorColumns, centred: includeIntercept)
        if diagnostics.conditionNumber > CollinearityDiagnostics.warningConditionNumber {
            let worst = zip(predictorNames, diagnostics.varianceInflation).sorted { $0.1 > $1.1 }.prefix(3)
                .map { "\($0.0) \(String(format: "%.1f", $0.1))" }.joined(separator: ", ")
            warnings.append(
                String(
                    format: "predictors are collinear: condition number %.1f exceeds %.0f", diagnostics.conditionNumber,
                    CollinearityDiagnostics.warningConditionNumber) + " (largest variance inflation: \(worst))")
        }
        let leverageOne = leverages.indices.filter { 1 - leverages[$0] < 1e-10 }
        if !leverageOne.isEmpty {
            warnings.append(
                "\(leverageOne.map { labels[$0] }.joined(separator: ", ")) "
                    + "\(leverageOne.count == 1 ? "has" : "have") leverage 1 (alone determining a coefficient): "
                    + "leave-one-out RMSE is undefined")
        }
        let leaveOneOut: Double? =
            leverageOne.isEmpty
            ? (zip(residuals, leverages).reduce(0) { $0 + pow($1.0 / (1 - $1.1), 2) } / Double(n)).squareRoot()
            : nil

        let mean = includeIntercept ? response.reduce(0, +) / Double(n) : 0
        let tss = response.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let rSquared: Double? = tss > 0 ? 1 - rss / tss : nil
        let adjusted = rSquared.map { 1 - (1 - $0) * Double(n - (includeIntercept ? 1 : 0)) / Double(n - p) }

        let model = LinearRegressionModel(
            coefficientNames: names, coefficients: coefficients, standardErrors: standardErrors,
            includesIntercept: includeIntercept, residualDegreesOfFreedom: n - p)
        let report = LinearRegressionReport(
            observationCount: n, parameterCount: p, rSquared: rSquared, adjustedRSquared: adjusted,
            rmse: (rss / Double(n)).squareRoot(), residualStandardError: residualVariance.squareRoot(),
            leaveOneOutRMSE: leaveOneOut, residuals: residuals, leverages: leverages,
            conditionNumber: diagnostics.conditionNumber,
            conditionNumberWithIntercept: includeIntercept
                ? CollinearityDiagnostics(predictorColumns: [Array(repeating: 1, count: n)] + predictorColumns, centred: false)
                    .conditionNumber : nil,
            varianceInflationFactors: diagnostics.varianceInflation,
            warnings: warnings)
        return LinearRegressionFit(model: model, report: report)
    }

    private static func validate(design: [[Double]], response: [Double], predictorNames: [String], labels: [String]) throws {
        for (index, name) in predictorNames.enumerated() where name.isEmpty {
            throw RegressionError.emptyPredictorName(index: index)
        }
        var seen: Set<String> = [LinearRegressionModel.interceptName]
        for name in predictorNames where !seen.insert(name).inserted {
            throw RegressionError.duplicatePredictorName(name)
        }
        guard design.count == response.count else {
            throw RegressionError.responseCount(observations: design.count, responses: response.count)
        }
        guard labels.count == design.count else {
            throw RegressionError.observationNameCount(observations: design.count, names: labels.count)
        }
        for (i, row) in design.enumerated() {
            guard row.count == predictorNames.count else {
                throw RegressionError.rowLength(observation: i, expected: predictorNames.count, actual: row.count)
            }
            for (j, value) in row.enumerated() where !value.isFinite {
                throw RegressionError.nonFiniteValue(observation: labels[i], field: predictorNames[j], value: value)
            }
            guard response[i].isFinite else {
                throw RegressionError.nonFiniteValue(observation: labels[i], field: "response", value: response[i])
            }
        }
    }
}

import AtlasTestSupport
import Foundation
import PermafrostKernels
import XCTest

final class LinearRegressionTests: XCTestCase {
    func testNoiselessModelIsRecoveredExactly() throws {
        var random = SeededRandom(seed: 1)
        let design = (0..<40).map { _ in [random.uniform(3600...4600), random.uniform(98.85...99.75), random.uniform(0...1)] }
        let truth = [14.2, -0.0032, -0.05, 0.8]
        let response = design.map { truth[0] + truth[1] * $0[0] + truth[2] * $0[1] + truth[3] * $0[2] }
        let fit = try LinearRegression.fit(
            design: design, response: response, predictorNames: ["elevation", "longitude", "shade"],
            includeIntercept: true)
        XCTAssertEqual(fit.model.coefficientNames, ["(Intercept)", "elevation", "longitude", "shade"])
        for (estimate, expected) in zip(fit.model.coefficients, truth) {
            XCTAssertEqual(estimate, expected, accuracy: 1e-9)
        }
        XCTAssertLessThan(fit.report.residuals.map(abs).max()!, 1e-11)
        XCTAssertEqual(fit.report.rSquared!, 1, accuracy: 1e-15)
        XCTAssertLessThan(fit.report.rmse, 1e-11)
        XCTAssertEqual(fit.report.leverages.reduce(0, +), 4, accuracy: 1e-12)  // trace of the hat matrix = p
        XCTAssertEqual(fit.report.warnings, [])
    }

    func testSimpleRegressionStandardErrorsMatchClosedForm() throws {
        var random = SeededRandom(seed: 2)
        let x = (0..<25).map { _ in random.uniform(3600...4600) }
        let y = x.map { 11.5 - 0.0032 * $0 + random.gaussian(standardDeviation: 0.3) }
        let fit = try LinearRegression.fit(design: x.map { [$0] }, response: y, predictorNames: ["elevation"], includeIntercept: true)

        let n = Double(x.count)
        let xMean = x.reduce(0, +) / n, yMean = y.reduce(0, +) / n
        let sxx = x.reduce(0) { $0 + ($1 - xMean) * ($1 - xMean) }
        let sxy = zip(x, y).reduce(0) { $0 + ($1.0 - xMean) * ($1.1 - yMean) }
        let slope = sxy / sxx, intercept = yMean - slope * xMean
        let rss = zip(x, y).reduce(0) { $0 + pow($1.1 - intercept - slope * $1.0, 2) }
        let s = (rss / (n - 2)).squareRoot()
        let slopeError = s / sxx.squareRoot()
        let interceptError = s * (1 / n + xMean * xMean / sxx).squareRoot()

        XCTAssertEqual(fit.model.coefficients[1], slope, accuracy: 1e-12 * abs(slope))
        XCTAssertEqual(fit.model.coefficients[0], intercept, accuracy: 1e-10 * abs(intercept))
        XCTAssertEqual(fit.model.standardErrors[1], slopeError, accuracy: 1e-9 * slopeError)
        XCTAssertEqual(fit.model.standardErrors[0], interceptError, accuracy: 1e-9 * interceptError)
        XCTAssertEqual(fit.model.tValues[1], slope / slopeError, accuracy: 1e-8 * abs(slope / slopeError))
        XCTAssertEqual(fit.report.residualStandardError, s, accuracy: 1e-12 * s)
        XCTAssertEqual(fit.report.rmse, (rss / n).squareRoot(), accuracy: 1e-12)
        let rSquared = 1 - rss / y.reduce(0) { $0 + ($1 - yMean) * ($1 - yMean) }
        XCTAssertEqual(fit.report.rSquared!, rSquared, accuracy: 1e-12)
        XCTAssertEqual(fit.report.adjustedRSquared!, 1 - (1 - rSquared) * (n - 1) / (n - 2), accuracy: 1e-12)
        XCTAssertEqual(fit.report.conditionNumber, 1)
    }

    func testLeaveOneOutRMSEEqualsRefittingWithoutEachObservation() throws {
        var random = SeededRandom(seed: 3)
        let design = (0..<18).map { _ in [random.uniform(3600...4600), random.uniform(-1...1), random.uniform(0...40)] }
        let response = design.map { 12 - 0.0031 * $0[0] + 0.4 * $0[1] - 0.01 * $0[2] + random.gaussian(standardDeviation: 0.25) }
        let names = ["elevation", "northness", "slope"]
        let fit = try LinearRegression.fit(design: design, response: response, predictorNames: names, includeIntercept: true)

        var squaredErrors = 0.0
        for left in design.indices {
            let keep = design.indices.filter { $0 != left }
            let refit = try LinearRegression.fit(
                design: keep.map { design[$0] }, response: keep.map { response[$0] },
                predictorNames: names, includeIntercept: true)
            squaredErrors += pow(response[left] - (try refit.model.predict(design[left])), 2)
        }
        let bruteForce = (squaredErrors / Double(design.count)).squareRoot()
        XCTAssertEqual(try XCTUnwrap(fit.report.leaveOneOutRMSE), bruteForce, accuracy: 1e-10 * bruteForce)
        XCTAssertGreaterThan(bruteForce, fit.report.rmse)
    }

    func testExactlyCollinearPredictorIsNamed() {
        var random = SeededRandom(seed: 4)
        let design = (0..<12).map { _ -> [Double] in
            let x1 = random.uniform(0...10), x2 = random.uniform(0...10)
            return [x1, x2, 2 * x1 - x2, random.uniform(0...1)]
        }
        let response = design.map { $0[0] + $0[3] }
        XCTAssertThrowsError(
            try LinearRegression.fit(
                design: design, response: response, predictorNames: ["x1", "x2", "x3", "x4"],
                includeIntercept: true)
        ) { error in
            XCTAssertEqual(error as? RegressionError, .linearlyDependentPredictor(predictor: "x3", combination: ["x1", "x2"]))
            XCTAssertEqual(
                "\(error)",
                "predictor \"x3\" is a linear combination of \"x1\", \"x2\" (rank-deficient design); "
                    + "switch one of them off")
        }
    }

    func testPredictorCollinearWithInterceptAndZeroPredictorAreNamed() {
        let x = (0..<10).map(Double.init)
        XCTAssertThrowsError(
            try LinearRegression.fit(
                design: x.map { [$0, 3 + 0.5 * $0] }, response: x, predictorNames: ["a", "b"],
                includeIntercept: true)
        ) {
            XCTAssertEqual($0 as? RegressionError, .linearlyDependentPredictor(predictor: "b", combination: ["(Intercept)", "a"]))
        }
        XCTAssertThrowsError(
            try LinearRegression.fit(
                design: x.map { [$0, 0] }, response: x, predictorNames: ["a", "b"],
                includeIntercept: false)
        ) {
            XCTAssertEqual("\($0)", "predictor \"b\" is zero in every observation; switch it off")
        }
    }

    func testNearlyCollinearDesignWarns() throws {
        var random = SeededRandom(seed: 5)
        let collinear = (0..<30).map { _ -> [Double] in
            let x1 = random.uniform(0...10), x2 = random.uniform(0...10)
            return [x1, x2, x1 + x2 + random.gaussian(standardDeviation: 0.05)]
        }
        let response = collinear.map { $0[0] - $0[1] + 0.5 * $0[2] + random.gaussian(standardDeviation: 0.1) }
        let fit = try LinearRegression.fit(
            design: collinear, response: response, predictorNames: ["x1", "x2", "x1+x2"],
            includeIntercept: true)
        XCTAssertGreaterThan(fit.report.conditionNumber, LinearRegressionReport.collinearityThreshold)
        XCTAssertEqual(fit.report.warnings.count, 1)
        XCTAssertTrue(fit.report.warnings[0].hasPrefix("predictors are collinear: condition number"), fit.report.warnings[0])
        XCTAssertTrue(fit.report.varianceInflationFactors.allSatisfy { $0 > 100 })

        let independent = collinear.map { [$0[0], $0[1]] }
        let clean = try LinearRegression.fit(design: independent, response: response, predictorNames: ["x1", "x2"], includeIntercept: true)
        XCTAssertLessThan(clean.report.conditionNumber, 2)
        XCTAssertEqual(clean.report.warnings, [])
    }

    /// NIST StRD Longley (higher difficulty): certified values to 15 significant digits.
    func testLongleyCertifiedValues() throws {
        let rows: [[Double]] = [
            [83.0, 234289, 2356, 1590, 107608, 1947], [88.5, 259426, 2325, 1456, 108632, 1948],
            [88.2, 258054, 3682, 1616, 109773, 1949], [89.5, 284599, 3351, 1650, 110929, 1950],
            [96.2, 328975, 2099, 3099, 112075, 1951], [98.1, 346999, 1932, 3594, 113270, 1952],
            [99.0, 365385, 1870, 3547, 115094, 1953], [100.0, 363112, 3578, 3350, 116219, 1954],
            [101.2, 397469, 2904, 3048, 117388, 1955], [104.6, 419180, 2822, 2857, 118734, 1956],
            [108.4, 442769, 2936, 2798, 120445, 1957], [110.8, 444546, 4681, 2637, 121950, 1958],
            [112.6, 482704, 3813, 2552, 123366, 1959], [114.2, 502601, 3931, 2514, 125368, 1960],
            [115.7, 518173, 4806, 2572, 127852, 1961], [116.9, 554894, 4007, 2827, 130081, 1962],
        ]
        let employment: [Double] = [
            60323, 61122, 60171, 61187, 63221, 63639, 64989, 63761,
            66019, 67857, 68169, 66513, 68655, 69564, 69331, 70551,
        ]
        let fit = try LinearRegression.fit(
            design: rows, response: employment, predictorNames: ["x1", "x2", "x3", "x4", "x5", "x6"],
            includeIntercept: true)
        let certified = [
            -3482258.63459582, 15.0618722713733, -0.358191792925910e-1, -2.02022980381683,
            -1.03322686717359, -0.511041056535807e-1, 1829.15146461355,
        ]
        let certifiedErrors = [
            890420.383607373, 84.9149257747669, 0.334910077722432e-1, 0.488399681651699,
            0.214274163161675, 0.226073200069370, 455.478499142212,
        ]
        for j in certified.indices {
            XCTAssertEqual(fit.model.coefficients[j], certified[j], accuracy: 1e-9 * abs(certified[j]), "b\(j)")
            XCTAssertEqual(fit.model.standardErrors[j], certifiedErrors[j], accuracy: 1e-9 * certifiedErrors[j], "se\(j)")
        }
        XCTAssertEqual(fit.report.residualStandardError, 304.854073561965, accuracy: 1e-9 * 304.854073561965)
        XCTAssertEqual(fit.report.rSquared!, 0.995479004577296, accuracy: 1e-12)
        XCTAssertTrue(fit.report.warnings.first?.hasPrefix("predictors are collinear") ?? false)
        // Variance inflation factors of Longley's predictors as published (e.g. R car::vif).
        let publishedVIF = [135.53244, 1788.51348, 33.61889, 3.58893, 399.15102, 758.98060]
        for j in publishedVIF.indices {
            XCTAssertEqual(fit.report.varianceInflationFactors[j], publishedVIF[j], accuracy: 1e-6 * publishedVIF[j], "VIF x\(j + 1)")
        }
    }

    func testWithoutInterceptRSquaredIsAboutZero() throws {
        let x: [Double] = [1, 2, 3, 4, 5]
        let y: [Double] = [2.1, 3.9, 6.2, 7.8, 10.1]
        let fit = try LinearRegression.fit(design: x.map { [$0] }, response: y, predictorNames: ["x"], includeIntercept: false)
        let slope = zip(x, y).reduce(0) { $0 + $1.0 * $1.1 } / x.reduce(0) { $0 + $1 * $1 }
        XCTAssertEqual(fit.model.coefficients.count, 1)
        XCTAssertEqual(fit.model.coefficients[0], slope, accuracy: 1e-14)
        let rss = zip(x, y).reduce(0) { $0 + pow($1.1 - slope * $1.0, 2) }
        XCTAssertEqual(fit.report.rSquared!, 1 - rss / y.reduce(0) { $0 + $1 * $1 }, accuracy: 1e-14)
        XCTAssertEqual(fit.report.adjustedRSquared!, 1 - (1 - fit.report.rSquared!) * 5 / 4, accuracy: 1e-14)
    }

    func testLeverageOneObservationMakesLeaveOneOutUndefined() throws {
        // The indicator column is 1 only for the last observation: that observation fits itself.
        let design: [[Double]] = [[1, 0], [2, 0], [3, 0], [4, 0], [2.5, 1]]
        let fit = try LinearRegression.fit(
            design: design, response: [1, 2.1, 2.9, 4.2, 7], predictorNames: ["x", "group"],
            includeIntercept: true, observationNames: ["A", "B", "C", "D", "E"])
        XCTAssertNil(fit.report.leaveOneOutRMSE)
        XCTAssertEqual(fit.report.leverages[4], 1, accuracy: 1e-12)
        XCTAssertEqual(fit.report.warnings, ["E has leverage 1 (alone determining a coefficient): leave-one-out RMSE is undefined"])
    }

    func testInputErrorsNameTheirCulprit() {
        let design: [[Double]] = [[1, 2], [2, .nan], [3, 1], [4, 5]]
        XCTAssertThrowsError(
            try LinearRegression.fit(
                design: design, response: [1, 2, 3, 4], predictorNames: ["a", "b"],
                includeIntercept: true)
        ) {
            XCTAssertEqual("\($0)", "observation 2: b = nan is not a finite number")
        }
        XCTAssertThrowsError(
            try LinearRegression.fit(
                design: [[1], [2], [3]], response: [1, 2, 3], predictorNames: ["a", "a"],
                includeIntercept: true)
        ) {
            XCTAssertEqual($0 as? RegressionError, .duplicatePredictorName("a"))
        }
        XCTAssertThrowsError(
            try LinearRegression.fit(
                design: [[1], [2]], response: [1, 2], predictorNames: ["a"],
                includeIntercept: true)
        ) {
            XCTAssertEqual("\($0)", "2 observations cannot fit 2 parameters; need more observations than parameters")
        }
    }

    func testModelAndReportRoundTripThroughJSON() throws {
        var random = SeededRandom(seed: 6)
        let design = (0..<15).map { _ in [random.uniform(3600...4600), random.uniform(0...1)] }
        let response = design.map { 13 - 0.0033 * $0[0] + $0[1] + random.gaussian(standardDeviation: 0.2) }
        let fit = try LinearRegression.fit(design: design, response: response, predictorNames: ["elevation", "x"], includeIntercept: true)
        let model = try JSONDecoder().decode(LinearRegressionModel.self, from: JSONEncoder().encode(fit.model))
        XCTAssertEqual(model, fit.model)
        let report = try JSONDecoder().decode(LinearRegressionReport.self, from: JSONEncoder().encode(fit.report))
        XCTAssertEqual(report, fit.report)
        XCTAssertThrowsError(try model.predict([4000])) {
            XCTAssertEqual($0 as? RegressionError, .predictionRowLength(expected: 2, actual: 1))
        }
    }
}

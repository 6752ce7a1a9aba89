import AtlasTestSupport
import PermafrostKernels
import XCTest

/// Predictor selection, information criteria and spatial block cross-validation of the MAGT
/// regression, on boreholes generated from a known model.
final class MAGTModelAssessmentTests: XCTestCase {
    /// MAGT = 10 - 0.004 z + vegetation offset (+0.6 for class 2) + 0.1 C noise; longitude,
    /// latitude, aspect and slope are random and play no part.
    static func boreholes(count: Int = 60, noise: Double = 0.1, seed: UInt64 = 5) -> [MAGTBorehole] {
        var random = SeededRandom(seed: seed)
        return (0..<count).map { index in
            let elevation = random.uniform(3600...4500), vegetation: UInt8 = index % 3 == 0 ? 2 : 1
            let aspect = random.uniform(0...(2 * Double.pi))
            let values = MAGTPredictorValues(
                elevation: elevation, longitude: random.uniform(99.1...99.3), latitude: random.uniform(38.0...38.2),
                vegetationClass: vegetation, northness: cos(aspect), eastness: sin(aspect), slope: random.uniform(0...30))
            let magt = 10 - 0.004 * elevation + (vegetation == 2 ? 0.6 : 0) + random.gaussian(standardDeviation: noise)
            return MAGTBorehole(id: "B\(index)", magt: magt, predictors: values)
        }
    }

    func testCriteriaByHand() {
        // n = 10, RSS = 2.5, k = 3: 10 ln 0.25 + 6 and + 3 ln 10.
        XCTAssertEqual(
            InformationCriterion.aic.value(residualSumOfSquares: 2.5, observations: 10, parameters: 3), 10 * log(0.25) + 6, accuracy: 1e-12)
        XCTAssertEqual(
            InformationCriterion.bic.value(residualSumOfSquares: 2.5, observations: 10, parameters: 3), 10 * log(0.25) + 3 * log(10.0),
            accuracy: 1e-12)
    }

    /// BIC keeps elevation and vegetation, the two predictors the data were made from, and
    /// drops the five that are noise (with 300 boreholes, as a chance correlation of a noise
    /// predictor with 60 boreholes' noise can pass); each step lowers the criterion.
    func testBICRecoversTheGeneratingPredictors() throws {
        let (chosen, steps) = try MAGTModel.selectPredictors(boreholes: Self.boreholes(count: 300), from: .all, criterion: .bic)
        XCTAssertEqual(chosen, [.elevation, .vegetation])
        XCTAssertEqual(steps.first?.predictors, ["elevation", "lon", "lat", "vegetation", "northness", "eastness", "slope"])
        XCTAssertEqual(steps.last?.predictors, ["elevation", "vegetation"])
        XCTAssertEqual(steps.count, 6)
        for (previous, next) in zip(steps, steps.dropFirst()) { XCTAssertLessThan(next.criterion, previous.criterion) }
        let fit = try MAGTModel.fit(boreholes: Self.boreholes(count: 300), predictors: chosen)
        XCTAssertEqual(fit.model.regression.coefficients[1], -0.004, accuracy: 2e-4, "elevation coefficient recovered")
    }

    /// Noiseless data from the model: every fold predicts its boreholes exactly. With noise,
    /// the block error stays near the noise and never below the fit's own RMSE by much.
    func testBlockCrossValidation() throws {
        let exact = Self.boreholes(noise: 0)
        let blocks = exact.indices.map { $0 % 4 }
        let perfect = MAGTModel.blockCrossValidation(boreholes: exact, blocks: blocks, predictors: [.elevation, .vegetation])
        XCTAssertEqual(perfect.blocks, 4)
        XCTAssertEqual(perfect.boreholesPredicted, 60)
        XCTAssertEqual(try XCTUnwrap(perfect.rmse), 0, accuracy: 1e-9)
        XCTAssertEqual(perfect.shareWithinHalfDegree, 1)

        let noisy = MAGTModel.blockCrossValidation(boreholes: Self.boreholes(), blocks: blocks, predictors: [.elevation, .vegetation])
        XCTAssertEqual(try XCTUnwrap(noisy.rmse), 0.1, accuracy: 0.04)
        // A vegetation class found in one block only cannot be predicted from the others.
        var lonely = Self.boreholes(noise: 0)
        lonely[0].predictors.vegetationClass = 3
        let skipped = MAGTModel.blockCrossValidation(boreholes: lonely, blocks: blocks, predictors: [.elevation, .vegetation])
        XCTAssertEqual(skipped.boreholesPredicted, 59)
    }

    /// The condition number with the intercept sees what centring hides: latitude varying by
    /// 0.2 degrees about 38 is nearly a multiple of the intercept column.
    func testConditionNumberWithTheIntercept() throws {
        let report = try MAGTModel.fit(boreholes: Self.boreholes(), predictors: [.elevation, .latitude]).report.regression
        XCTAssertLessThan(report.conditionNumber, 2)
        XCTAssertGreaterThan(try XCTUnwrap(report.conditionNumberWithIntercept), 100)
    }
}

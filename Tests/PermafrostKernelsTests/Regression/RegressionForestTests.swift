import AtlasTestSupport
import Foundation
import PermafrostKernels
import XCTest

/// The random-forest regression of MAGT (METHOD section 3, second method).
final class RegressionForestTests: XCTestCase {
    /// A step the trees can represent exactly: MAGT -2 C below 4000 m and +1 C above, with
    /// noise-free boreholes; predictions away from the step are the step's values, and the
    /// out-of-bag error is small.
    func testAStepIsLearnt() {
        var random = SeededRandom(seed: 3)
        let elevations = (0..<80).map { _ in random.uniform(3600...4400) }
        let rows = elevations.map { [$0, random.uniform(0...1)] }
        let response = elevations.map { $0 < 4000 ? -2.0 : 1.0 }
        var parameters = RegressionForest.Parameters()
        parameters.trees = 200
        parameters.mtry = 2
        let forest = RegressionForest.fit(rows: rows, response: response, parameters: parameters)
        XCTAssertEqual([3700.0, 0.5].withUnsafeBufferPointer { forest.predict($0) }, -2, accuracy: 1e-9)
        XCTAssertEqual([4300.0, 0.5].withUnsafeBufferPointer { forest.predict($0) }, 1, accuracy: 1e-9)
        XCTAssertLessThan(try XCTUnwrap(forest.outOfBagRMSE), 0.3)
    }

    /// The same seed grows the same forest; another seed another one.
    func testTheSeedDecides() {
        let boreholes = MAGTModelAssessmentTests.boreholes()
        let rows = boreholes.map { [$0.predictors.elevation, $0.predictors.slope] }
        var parameters = RegressionForest.Parameters()
        parameters.trees = 50
        let a = RegressionForest.fit(rows: rows, response: boreholes.map(\.magt), parameters: parameters)
        let b = RegressionForest.fit(rows: rows, response: boreholes.map(\.magt), parameters: parameters)
        parameters.seed = 2
        let c = RegressionForest.fit(rows: rows, response: boreholes.map(\.magt), parameters: parameters)
        XCTAssertEqual(a, b)
        XCTAssertNotEqual(a, c)
    }

    /// Through the MAGT model: the forest predicts, survives a model file and maps a block.
    func testTheMAGTModelPredictsWithItsForest() throws {
        let boreholes = MAGTModelAssessmentTests.boreholes(noise: 0)
        var parameters = RegressionForest.Parameters()
        parameters.trees = 100
        let (model, report) = try MAGTModel.fit(
            boreholes: boreholes, predictors: [.elevation, .vegetation], method: .randomForest(parameters))
        let forest = try XCTUnwrap(model.forest)
        XCTAssertNotNil(report.forestOutOfBagRMSE)
        let probe = MAGTPredictorValues(elevation: 4100, vegetationClass: 2)
        let row: [Double] = [4100, 1]
        XCTAssertEqual(try model.predict(probe, location: "probe"), row.withUnsafeBufferPointer { forest.predict($0) })
        let decoded = try JSONDecoder().decode(MAGTModel.self, from: JSONEncoder().encode(model))
        XCTAssertEqual(decoded, model)
        let elevation: [Float] = [4100], vegetation: [UInt8] = [2]
        var magt: [Float] = [0]
        try elevation.withUnsafeBufferPointer { z in
            try vegetation.withUnsafeBufferPointer { v in
                try magt.withUnsafeMutableBufferPointer { out in
                    _ = try model.predict(block: MAGTPredictorBlock(pixelCount: 1, elevation: z, vegetation: v), into: out)
                }
            }
        }
        XCTAssertEqual(Double(magt[0]), try model.predict(probe, location: "probe"), accuracy: 1e-5)
    }
}

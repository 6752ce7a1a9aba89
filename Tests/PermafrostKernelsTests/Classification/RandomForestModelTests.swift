import Foundation
import XCTest

@testable import PermafrostKernels

final class RandomForestModelTests: XCTestCase {
    private func noisyForest(threads: Int, seed: UInt64 = 0xFEED_FACE_CAFE_BEEF) throws -> RandomForestTrainingResult {
        let data = try ClassificationTestData.noisyThreshold(count: 300, featureCount: 5, labelNoise: 0.2, seed: 8)
        return try RandomForestModel.train(data, parameters: RandomForestParameters(treeCount: 30, seed: seed), threads: threads)
    }

    func testModelAndReportAreBitIdenticalAcrossThreadCounts() throws {
        let single = try noisyForest(threads: 1)
        let four = try noisyForest(threads: 4)
        XCTAssertEqual(try single.model.jsonData(), try four.model.jsonData())
        XCTAssertEqual(single.report, four.report)
        let other = try noisyForest(threads: 4, seed: 1)
        XCTAssertNotEqual(other.model, single.model, "a different seed must give a different forest")
    }

    func testPredictionIsBitIdenticalAcrossThreadCounts() throws {
        let model = try noisyForest(threads: 2).model
        let rows = try ClassificationTestData.noisyThreshold(count: 3000, featureCount: 5, labelNoise: 0, seed: 99).features
        let one = try model.predict(features: rows, includeProbabilities: true, threads: 1)
        let three = try model.predict(features: rows, includeProbabilities: true, threads: 3)
        XCTAssertEqual(one, three)
        for row in 0..<3000 {
            let probabilities = one.probabilities[(row * 2)..<(row * 2 + 2)]
            XCTAssertEqual(probabilities.reduce(0, +), 1, accuracy: 1e-5)
            let expected: Int32 = probabilities.last! > probabilities.first! ? 1 : 0
            XCTAssertEqual(one.classIndices[row], expected)
        }
    }

    func testJSONRoundTripGivesIdenticalPredictions() throws {
        let model = try noisyForest(threads: 2).model
        let json = try model.jsonData()
        let decoded = try RandomForestModel(jsonData: json)
        XCTAssertEqual(decoded, model)
        XCTAssertEqual(try decoded.jsonData(), json)
        XCTAssertEqual(decoded.parameters.seed, 0xFEED_FACE_CAFE_BEEF)
        let rows = try ClassificationTestData.noisyThreshold(count: 2000, featureCount: 5, labelNoise: 0, seed: 5).features
        XCTAssertEqual(
            try decoded.predict(features: rows, includeProbabilities: true),
            try model.predict(features: rows, includeProbabilities: true))
    }

    func testDecodingRejectsBrokenModels() throws {
        let model = try noisyForest(threads: 2).model
        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: model.jsonData()) as? [String: Any])
        object["formatVersion"] = 99
        XCTAssertThrowsError(try RandomForestModel(jsonData: JSONSerialization.data(withJSONObject: object))) { error in
            XCTAssertEqual("\(error)", "random-forest model format version 99 is not supported (expected 1)")
        }
        object["formatVersion"] = 1
        var trees = try XCTUnwrap(object["trees"] as? [[String: Any]])
        var left = try XCTUnwrap(trees[2]["leftChild"] as? [Int])
        left[0] = 0
        trees[2]["leftChild"] = left
        object["trees"] = trees
        XCTAssertThrowsError(try RandomForestModel(jsonData: JSONSerialization.data(withJSONObject: object))) { error in
            XCTAssertTrue("\(error)".hasPrefix("tree 2: split 0 has child 0, which must lie in 1..<"), "\(error)")
        }
    }

    func testRowsWithNaNGetTheNoDataSentinel() throws {
        let model = try noisyForest(threads: 1).model
        let rows: [Float] = [0.9, 0.5, 0.5, 0.5, 0.5, 0.9, 0.5, .nan, 0.5, 0.5, 0.1, 0.5, 0.5, 0.5, 0.5]
        let prediction = try model.predict(features: rows, includeProbabilities: true)
        XCTAssertEqual(prediction.classIndices, [1, RandomForestModel.noDataClassIndex, 0])
        XCTAssertTrue(prediction.probabilities[2].isNaN && prediction.probabilities[3].isNaN)
        XCTAssertFalse(prediction.probabilities[0].isNaN)
    }

    func testPredictionBuffersAreChecked() throws {
        let model = try noisyForest(threads: 1).model
        XCTAssertThrowsError(try model.predict(features: [1, 2, 3])) { error in
            XCTAssertEqual("\(error)", "prediction input has 3 values, not a multiple of 5 features")
        }
        var classes = [Int32](repeating: 0, count: 1)
        let rows = [Float](repeating: 0.5, count: 10)
        XCTAssertThrowsError(
            try rows.withUnsafeBufferPointer { input in
                try classes.withUnsafeMutableBufferPointer { output in
                    try model.predict(features: input, rowCount: 2, classIndices: output)
                }
            }
        ) { error in
            XCTAssertEqual("\(error)", "class output holds 1 values, expected one per row (2)")
        }
    }
}

import XCTest

@testable import PermafrostKernels

/// Prediction through each of the three packed layouts must give exactly what a plain walk of
/// every tree gives: the leaf distributions summed in tree order, bit for bit.
final class PackedForestTests: XCTestCase {
    private func kinds(_ model: RandomForestModel) -> Set<String> {
        Set(
            model.packedForest.trees.map { layout -> String in
                switch layout {
                case .bitVector: return "bitVector"
                case .complete: return "complete"
                case .sparse: return "sparse"
                case .wide: return "wide"
                }
            })
    }

    private func plainWalkProbabilities(_ model: RandomForestModel, rows: [Float]) -> [Float] {
        PlainWalk.probabilities(model, rows: rows)
    }

    private func check(
        _ parameters: RandomForestParameters, samples: Int, labelNoise: Float = 0.25, expecting expectedKinds: Set<String>,
        leavesVoteForOneClass: Bool? = nil, file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let data = try ClassificationTestData.noisyThreshold(count: samples, featureCount: 5, labelNoise: labelNoise, seed: 21)
        let model = try RandomForestModel.train(data, parameters: parameters, threads: 2).model
        XCTAssertEqual(kinds(model), expectedKinds, "layouts used", file: file, line: line)
        if let leavesVoteForOneClass {
            XCTAssertEqual(model.packedForest.everyLeafVotesForOneClass, leavesVoteForOneClass, "pure leaves", file: file, line: line)
        }
        // 1003 rows: the last group of eight is partly filled, and so is the last pass of 32 rows.
        let rows = try ClassificationTestData.noisyThreshold(count: 1003, featureCount: 5, labelNoise: 0, seed: 77).features
        let expected = plainWalkProbabilities(model, rows: rows)
        for threads in [1, 2] {
            let prediction = try model.predict(features: rows, includeProbabilities: true, threads: threads)
            XCTAssertEqual(prediction.probabilities, expected, "\(expectedKinds), \(threads) threads", file: file, line: line)
        }
    }

    private func check(
        _ parameters: RandomForestParameters, samples: Int, expecting kind: String,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        try check(parameters, samples: samples, expecting: [kind], file: file, line: line)
    }

    func testSmallTreesUseBitVectorsAndMatchAPlainWalk() throws {
        // Depth 4: at most 16 leaves; min leaf 3 leaves some leaves mixed (whole distributions),
        // so votes are added tree by tree.
        try check(
            RandomForestParameters(treeCount: 40, minLeafSize: 3, maxDepth: 4, seed: 3), samples: 400, expecting: ["bitVector"],
            leavesVoteForOneClass: false)
    }

    func testSmallPureTreesCountVotesAndMatchAPlainWalk() throws {
        // Grown to purity on 60 clean samples: every leaf is one class, so bit-vector trees
        // count votes per class (the C kernel's counting path).
        try check(
            RandomForestParameters(treeCount: 40, seed: 6), samples: 60, labelNoise: 0, expecting: ["bitVector"],
            leavesVoteForOneClass: true)
    }

    func testPureForestsMixingCountedAndWalkedTreesMatchAPlainWalk() throws {
        // Noisy labels on 150 samples: pure trees of all three layouts, some with at most 32
        // leaves (counted) and the others walked; counts and walked votes meet in the same sums.
        try check(
            RandomForestParameters(treeCount: 40, seed: 8), samples: 150, labelNoise: 0.3,
            expecting: ["bitVector", "complete", "sparse"], leavesVoteForOneClass: true)
    }

    func testShallowTreesWithManyLeavesAreStoredCompleteAndMatchAPlainWalk() throws {
        try check(RandomForestParameters(treeCount: 30, maxDepth: 9, seed: 4), samples: 1500, expecting: "complete")
    }

    func testDeepTreesUseTheSparseLayoutAndMatchAPlainWalk() throws {
        try check(RandomForestParameters(treeCount: 20, seed: 5), samples: 1500, expecting: "sparse")
    }

    func testSingleLeafTreesWork() throws {
        // Constant features: every tree is one leaf holding the bootstrap's class shares.
        let data = try RandomForestTrainingData(
            features: [Float](repeating: 1, count: 60 * 2), labels: (0..<60).map { $0 % 3 },
            featureNames: ["a", "b"], classLabels: ["x", "y", "z"])
        let model = try RandomForestModel.train(data, parameters: RandomForestParameters(treeCount: 7, seed: 1), threads: 1).model
        let rows: [Float] = [1, 1, 5, -5, 0, 0]
        XCTAssertEqual(
            try model.predict(features: rows, includeProbabilities: true).probabilities,
            plainWalkProbabilities(model, rows: rows))
    }
}

import XCTest

@testable import PermafrostKernels

/// The permutation-importance shortcuts (first tests by feature, following the recorded
/// path, stopping at subtrees of one class) against walking every permuted sample from the
/// root with the same donors.
final class TreeOutOfBagEvaluationTests: XCTestCase {
    func testShortcutsGiveTheAccuracyLossOfFullWalks() throws {
        let data = try ClassificationTestData.noisyThreshold(count: 500, featureCount: 5, labelNoise: 0.2, seed: 9)
        let trees = try RandomForestModel.train(data, parameters: RandomForestParameters(treeCount: 6, seed: 4), threads: 1).model.trees
        let p = data.featureCount, k = data.classCount
        let labels = data.labels.map(Int32.init)
        for (treeIndex, tree) in trees.enumerated() {
            // Every third sample plays out of bag: the evaluation does not care which.
            let samples = stride(from: treeIndex % 3, to: data.sampleCount, by: 3).map(Int32.init)
            let evaluation = data.features.withUnsafeBufferPointer { rows in
                labels.withUnsafeBufferPointer { labelPointer in
                    TreeOutOfBagEvaluation(
                        tree: tree, treeIndex: treeIndex, samples: samples, rows: rows.baseAddress!,
                        labels: labelPointer.baseAddress!, featureCount: p, classCount: k, seed: 77, permutationImportance: true)
                }
            }
            let expected = Self.fullWalks(tree: tree, treeIndex: treeIndex, samples: samples, data: data, seed: 77)
            XCTAssertEqual(evaluation.accuracyDecrease, expected, "tree \(treeIndex)")
            XCTAssertGreaterThan(expected[0], 0.05, "permuting the signal costs accuracy")
            let leaves = data.features.withUnsafeBufferPointer { rows in
                samples.map { Int32(tree.leaf(for: rows.baseAddress! + Int($0) * p)) }
            }
            XCTAssertEqual(evaluation.leaves, leaves)
        }
    }

    /// Breiman's definition with the evaluation's donor draws: for each feature, the samples
    /// whose path tests it take donors by a partial Fisher-Yates shuffle, in sample order,
    /// and are walked from the root.
    private static func fullWalks(tree: RandomForestTree, treeIndex: Int, samples: [Int32], data: RandomForestTrainingData, seed: UInt64)
        -> [Double]
    {
        let p = data.featureCount
        let leafClass = TreeOutOfBagEvaluation.majorityClassPerLeaf(tree, classCount: data.classCount)
        func walk(_ sample: Int, feature: Int, value: Float?) -> (leaf: Int, tested: Set<Int>) {
            var reference = tree.rootReference
            var tested: Set<Int> = []
            while reference >= 0 {
                let node = Int(reference)
                let f = Int(tree.splitFeature[node])
                tested.insert(f)
                let x = f == feature ? (value ?? data.features[sample * p + f]) : data.features[sample * p + f]
                reference = x <= tree.splitThreshold[node] ? tree.leftChild[node] : tree.rightChild[node]
            }
            return (Int(~reference), tested)
        }
        var random = ForestRandomGenerator(seed: seed, treeIndex: treeIndex, purpose: .permutationImportance)
        return (0..<p).map { feature in
            var pool = samples, drawn = 0, change = 0
            for sample in samples.map(Int.init) {
                let original = walk(sample, feature: -1, value: nil)
                guard original.tested.contains(feature) else { continue }
                let pick = drawn + random.nextIndex(below: samples.count - drawn)
                let donor = Int(pool[pick])
                pool[pick] = pool[drawn]
                drawn += 1
                let permuted = walk(sample, feature: feature, value: data.features[donor * p + feature])
                let truth = Int32(data.labels[sample])
                change += (leafClass[original.leaf] == truth ? 1 : 0) - (leafClass[permuted.leaf] == truth ? 1 : 0)
            }
            return Double(change) / Double(samples.count)
        }
    }
}

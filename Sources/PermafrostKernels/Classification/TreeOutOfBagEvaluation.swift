/// What one tree says about the training samples it did not see: the leaf each of them
/// reaches (for the forest's out-of-bag vote) and, optionally, the tree's out-of-bag
/// accuracy loss when each feature's values are permuted among those samples.
///
/// Permutation importance follows Breiman (2001) / ranger: per tree, accuracy of the tree's
/// own (majority-leaf) predictions on its out-of-bag samples minus the accuracy after
/// permuting one feature; the forest value is the mean over trees. Only samples whose path
/// tests the permuted feature can change leaf, so the others are not walked again.
struct TreeOutOfBagEvaluation {
    var leaves: [Int32]
    /// Per feature; nil when permutation importance was not requested.
    var accuracyDecrease: [Double]?

    init(
        tree: RandomForestTree,
        treeIndex: Int,
        samples: [Int32],
        rows: UnsafePointer<Float>,
        labels: UnsafePointer<Int32>,
        featureCount: Int,
        classCount: Int,
        seed: UInt64,
        permutationImportance: Bool
    ) {
        let count = samples.count
        guard permutationImportance && count > 0 else {
            leaves = samples.map { Int32(tree.leaf(for: rows + Int($0) * featureCount)) }
            accuracyDecrease = permutationImportance ? [Double](repeating: 0, count: featureCount) : nil
            return
        }
        let words = (featureCount + 63) / 64
        var pathFeatures = [UInt64](repeating: 0, count: count * words)
        var reached = [Int32](repeating: 0, count: count)
        let leafClass = Self.majorityClassPerLeaf(tree, classCount: classCount)
        for i in 0..<count {
            let row = rows + Int(samples[i]) * featureCount
            var reference = tree.rootReference
            while reference >= 0 {
                let node = Int(reference)
                let feature = Int(tree.splitFeature[node])
                pathFeatures[i * words + feature >> 6] |= 1 << UInt64(feature & 63)
                reference = row[feature] <= tree.splitThreshold[node] ? tree.leftChild[node] : tree.rightChild[node]
            }
            reached[i] = ~reference
        }

        var random = ForestRandomGenerator(seed: seed, treeIndex: treeIndex, purpose: .permutationImportance)
        var donor = [Int32](repeating: 0, count: count)
        var decrease = [Double](repeating: 0, count: featureCount)
        for feature in 0..<featureCount {
            for i in 0..<count { donor[i] = samples[i] }
            for i in stride(from: count - 1, to: 0, by: -1) {
                donor.swapAt(i, random.nextIndex(below: i + 1))
            }
            var change = 0
            for i in 0..<count where pathFeatures[i * words + feature >> 6] & (1 << UInt64(feature & 63)) != 0 {
                let row = rows + Int(samples[i]) * featureCount
                let swapped = rows[Int(donor[i]) * featureCount + feature]
                var reference = tree.rootReference
                while reference >= 0 {
                    let node = Int(reference)
                    let tested = Int(tree.splitFeature[node])
                    let value = tested == feature ? swapped : row[tested]
                    reference = value <= tree.splitThreshold[node] ? tree.leftChild[node] : tree.rightChild[node]
                }
                let truth = labels[Int(samples[i])]
                let before = leafClass[Int(reached[i])] == truth
                let after = leafClass[Int(~reference)] == truth
                change += (before ? 1 : 0) - (after ? 1 : 0)
            }
            decrease[feature] = Double(change) / Double(count)
        }
        leaves = reached
        accuracyDecrease = decrease
    }

    /// Class with the largest probability in each leaf (lowest index on ties).
    static func majorityClassPerLeaf(_ tree: RandomForestTree, classCount: Int) -> [Int32] {
        let leafCount = tree.leafClassProbabilities.count / classCount
        return (0..<leafCount).map { leaf in
            var bestClass = 0
            for c in 1..<max(classCount, 1)
            where tree.leafClassProbabilities[leaf * classCount + c] > tree.leafClassProbabilities[leaf * classCount + bestClass] {
                bestClass = c
            }
            return Int32(bestClass)
        }
    }
}

/// What one tree says about the training samples it did not see: the leaf each of them
/// reaches (for the forest's out-of-bag vote) and, optionally, the tree's out-of-bag
/// accuracy loss when each feature's values are permuted among those samples.
///
/// Permutation importance follows Breiman (2001) / ranger: per tree, accuracy of the tree's
/// own (majority-leaf) predictions on its out-of-bag samples minus the accuracy after
/// permuting one feature; the forest value is the mean over trees. Only samples whose path
/// tests the permuted feature can change leaf, so only their donors are drawn: a partial
/// Fisher-Yates shuffle gives them exactly the values a uniform permutation of all the
/// out-of-bag samples would. Their recorded paths are then followed until a node testing
/// the feature sends the donor's value the other way; only from there is the tree walked.
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
        var reached = [Int32](repeating: 0, count: count)
        guard permutationImportance else {
            tree.withNodes { nodes in
                for i in 0..<count { reached[i] = Int32(nodes.leaf(for: rows + Int(samples[i]) * featureCount)) }
            }
            leaves = reached
            accuracyDecrease = nil
            return
        }
        // Each sample's path as the references it visits, root first and leaf last, at
        // i * pathStride, with the next depth that tests the same feature (or -1); and per
        // feature, the samples whose path tests it with the depth of the first such test,
        // in sample order.
        let pathStride = tree.depth + 2
        let paths = UnsafeMutablePointer<Int32>.allocate(capacity: count * pathStride)
        let nextSameFeature = UnsafeMutablePointer<Int32>.allocate(capacity: count * pathStride)
        let pool = UnsafeMutablePointer<Int32>.allocate(capacity: count)
        let seenBy = UnsafeMutablePointer<Int>.allocate(capacity: featureCount)
        seenBy.initialize(repeating: -1, count: featureCount)
        let lastDepth = UnsafeMutablePointer<Int>.allocate(capacity: featureCount)
        defer {
            paths.deallocate()
            nextSameFeature.deallocate()
            pool.deallocate()
            seenBy.deallocate()
            lastDepth.deallocate()
        }
        var firstTests: [(feature: Int32, sample: Int32, depth: Int32)] = []
        firstTests.reserveCapacity(count * 8)
        let leafClass = Self.majorityClassPerLeaf(tree, classCount: classCount)
        // The class every leaf below a reference predicts (-1 when they differ): split
        // nodes first, then leaves.
        let splits = tree.splitCount
        let classBelow = UnsafeMutablePointer<Int32>.allocate(capacity: splits + leafClass.count)
        defer { classBelow.deallocate() }
        (classBelow + 0).initialize(from: Self.subtreeClass(tree, leafClass: leafClass), count: splits)
        (classBelow + splits).initialize(from: leafClass, count: leafClass.count)
        var random = ForestRandomGenerator(seed: seed, treeIndex: treeIndex, purpose: .permutationImportance)
        var decrease = [Double](repeating: 0, count: featureCount)
        tree.withNodes { nodes in
            for i in 0..<count {
                let row = rows + Int(samples[i]) * featureCount
                let path = paths + i * pathStride
                let nextSame = nextSameFeature + i * pathStride
                var reference = nodes.root, depth = 0
                while reference >= 0 {
                    let node = Int(reference)
                    let feature = Int(nodes.feature[node])
                    if seenBy[feature] != i {
                        seenBy[feature] = i
                        firstTests.append((Int32(feature), Int32(i), Int32(depth)))
                    } else {
                        nextSame[lastDepth[feature]] = Int32(depth)
                    }
                    lastDepth[feature] = depth
                    nextSame[depth] = -1
                    path[depth] = reference
                    depth += 1
                    reference = row[feature] <= nodes.threshold[node] ? nodes.left[node] : nodes.right[node]
                }
                path[depth] = reference
                reached[i] = ~reference
            }
            // Counting sort of the first tests by feature, stable, so samples stay in order.
            var featureStart = [Int](repeating: 0, count: featureCount + 1)
            for test in firstTests { featureStart[Int(test.feature) + 1] += 1 }
            for feature in 0..<featureCount { featureStart[feature + 1] += featureStart[feature] }
            let byFeature = UnsafeMutablePointer<(sample: Int32, depth: Int32)>.allocate(capacity: firstTests.count)
            defer { byFeature.deallocate() }
            var next = featureStart
            for test in firstTests {
                (byFeature + next[Int(test.feature)]).initialize(to: (test.sample, test.depth))
                next[Int(test.feature)] += 1
            }

            // Whether the tree's own prediction was right for each sample, before permuting.
            let rightBefore = (0..<count).map { leafClass[Int(reached[$0])] == labels[Int(samples[$0])] }
            for feature in 0..<featureCount {
                samples.withUnsafeBufferPointer { pool.update(from: $0.baseAddress!, count: count) }
                var drawn = 0, change = 0
                for test in featureStart[feature]..<featureStart[feature + 1] {
                    let (sampleIndex, firstDepth) = byFeature[test]
                    let i = Int(sampleIndex)
                    let pick = drawn + random.nextIndex(below: count - drawn)
                    let donor = Int(pool[pick])
                    pool[pick] = pool[drawn]
                    drawn += 1
                    let swapped = rows[donor * featureCount + feature]
                    // Visit the path's tests of the feature while the donor's value goes the
                    // same way as the sample's.
                    let path = paths + i * pathStride, nextSame = nextSameFeature + i * pathStride
                    var depth = Int(firstDepth)
                    var branch: Int32?
                    while depth >= 0 {
                        let node = Int(path[depth])
                        let child = swapped <= nodes.threshold[node] ? nodes.left[node] : nodes.right[node]
                        if child != path[depth + 1] {
                            branch = child
                            break
                        }
                        depth = Int(nextSame[depth])
                    }
                    // The same leaf, or a walk on from the other branch until a subtree
                    // whose leaves all predict one class.
                    guard var reference = branch else { continue }
                    let sample = Int(samples[i])
                    let row = rows + sample * featureCount
                    while reference >= 0 && classBelow[Int(reference)] < 0 {
                        let node = Int(reference)
                        let tested = Int(nodes.feature[node])
                        let value = tested == feature ? swapped : row[tested]
                        reference = value <= nodes.threshold[node] ? nodes.left[node] : nodes.right[node]
                    }
                    let predicted = classBelow[reference >= 0 ? Int(reference) : splits + Int(~reference)]
                    let rightAfter = predicted == labels[sample]
                    change += (rightBefore[i] ? 1 : 0) - (rightAfter ? 1 : 0)
                }
                decrease[feature] = Double(change) / Double(count)
            }
        }
        leaves = reached
        accuracyDecrease = decrease
    }

    /// Per split node, the class every leaf below it predicts, or -1 when they differ.
    static func subtreeClass(_ tree: RandomForestTree, leafClass: [Int32]) -> [Int32] {
        var classes = [Int32](repeating: -1, count: tree.splitCount)
        // Children have larger indices than their parents: fill from the last node up.
        for node in stride(from: tree.splitCount - 1, through: 0, by: -1) {
            let sides = [tree.leftChild[node], tree.rightChild[node]].map { $0 >= 0 ? classes[Int($0)] : leafClass[Int(~$0)] }
            if sides[0] == sides[1] { classes[node] = sides[0] }
        }
        return classes
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

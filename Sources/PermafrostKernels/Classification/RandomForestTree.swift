/// One CART tree in a flat, cache-friendly layout.
///
/// Split nodes live in parallel arrays indexed 0..<splitCount; split 0 is the root. A child
/// reference `r` is a split node when `r >= 0` and leaf `~r` (that is, -1 - r) when `r < 0`.
/// Leaves hold class distributions only. Children always have larger indices than their
/// parent, which makes every walk finite. A tree that is a single leaf has no split nodes.
public struct RandomForestTree: Codable, Sendable, Equatable {
    /// Feature tested at each split node.
    public var splitFeature: [Int32]
    /// A sample goes left when its value is <= the threshold (the midpoint between the two
    /// neighbouring training values, as in scikit-learn).
    public var splitThreshold: [Float]
    /// Child references taken when value <= threshold.
    public var leftChild: [Int32]
    /// Child references taken when value > threshold. (Prediction never walks NaN values:
    /// such rows get `RandomForestModel.noDataClassIndex`.)
    public var rightChild: [Int32]
    /// Class distribution of each leaf, `leafCount * classCount` values, row-major; each
    /// row sums to 1 (weighted by class weights when those are used).
    public var leafClassProbabilities: [Float]

    public var splitCount: Int { splitFeature.count }

    /// A tree from its arrays (as a model file stores them); `RandomForestModel` checks them.
    public init(
        splitFeature: [Int32], splitThreshold: [Float], leftChild: [Int32], rightChild: [Int32], leafClassProbabilities: [Float]
    ) {
        self.splitFeature = splitFeature
        self.splitThreshold = splitThreshold
        self.leftChild = leftChild
        self.rightChild = rightChild
        self.leafClassProbabilities = leafClassProbabilities
    }

    /// Reference of the root: split 0, or leaf 0 for a single-leaf tree.
    var rootReference: Int32 { splitFeature.isEmpty ? ~0 : 0 }

    /// The split arrays as raw buffers, for walks that must not pay for bounds checks.
    struct Nodes {
        let root: Int32
        let feature: UnsafeBufferPointer<Int32>
        let threshold: UnsafeBufferPointer<Float>
        let left: UnsafeBufferPointer<Int32>
        let right: UnsafeBufferPointer<Int32>

        @inline(__always)
        func leaf(for row: UnsafePointer<Float>) -> Int {
            var reference = root
            while reference >= 0 {
                let node = Int(reference)
                reference = row[Int(feature[node])] <= threshold[node] ? left[node] : right[node]
            }
            return Int(~reference)
        }
    }

    func withNodes<Result>(_ body: (Nodes) throws -> Result) rethrows -> Result {
        try splitFeature.withUnsafeBufferPointer { feature in
            try splitThreshold.withUnsafeBufferPointer { threshold in
                try leftChild.withUnsafeBufferPointer { left in
                    try rightChild.withUnsafeBufferPointer { right in
                        try body(Nodes(root: rootReference, feature: feature, threshold: threshold, left: left, right: right))
                    }
                }
            }
        }
    }

    /// Leaf index reached by the row starting at `row` (featureCount values).
    func leaf(for row: UnsafePointer<Float>) -> Int {
        withNodes { $0.leaf(for: row) }
    }

    /// The number of splits on the longest path from the root to a leaf.
    var depth: Int {
        // Children have larger indices than their parents: one forward pass.
        var depths = [Int](repeating: 0, count: splitCount)
        var deepest = 0
        for node in 0..<splitCount {
            deepest = max(deepest, depths[node] + 1)
            for child in [leftChild[node], rightChild[node]] where child >= 0 { depths[Int(child)] = depths[node] + 1 }
        }
        return deepest
    }

    /// Checks the structure a decoded tree must have before prediction may walk it.
    func validate(featureCount: Int, classCount: Int, treeIndex: Int) throws {
        func fail(_ message: String) -> RandomForestError { .invalidModel("tree \(treeIndex): \(message)") }
        let count = splitFeature.count
        guard splitThreshold.count == count, leftChild.count == count, rightChild.count == count else {
            throw fail("split arrays differ in length")
        }
        guard leafClassProbabilities.count % classCount == 0 else {
            throw fail("\(leafClassProbabilities.count) leaf probabilities are not a multiple of \(classCount) classes")
        }
        let leafCount = leafClassProbabilities.count / classCount
        if count == 0 && leafCount != 1 { throw fail("a tree without splits must have exactly one leaf") }
        for node in 0..<count {
            let feature = Int(splitFeature[node])
            guard feature >= 0 && feature < featureCount else {
                throw fail("split \(node) tests feature \(feature), outside 0..<\(featureCount)")
            }
            guard splitThreshold[node].isFinite else { throw fail("split \(node) has a non-finite threshold") }
            for child in [leftChild[node], rightChild[node]] {
                if child >= 0 {
                    guard Int(child) > node && Int(child) < count else {
                        throw fail("split \(node) has child \(child), which must lie in \(node + 1)..<\(count)")
                    }
                } else if Int(~child) >= leafCount {
                    throw fail("split \(node) refers to leaf \(~child), but the tree has \(leafCount) leaves")
                }
            }
        }
        if leafClassProbabilities.contains(where: { !$0.isFinite || $0 < 0 }) {
            throw fail("leaf class probabilities must be finite and non-negative")
        }
    }
}

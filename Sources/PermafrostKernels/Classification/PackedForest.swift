/// All trees of a model re-laid for fast prediction.
///
/// Every node, leaves included, is a 12-byte record, and the two children of a split are
/// adjacent, so one step is `node = left + (value > threshold)` with no branch. A leaf points
/// to itself with threshold +infinity, so a row that has reached its leaf stays there while
/// the other rows of its group keep walking; a group is done when a step moves no row.
struct PackedForest: Sendable {
    struct Node {
        var threshold: Float
        var feature: UInt32
        var left: UInt32
    }

    /// Rows per prediction block for `rowCount` rows on `threads` threads. Each tree (nodes
    /// and leaf distributions, about 20 KiB for 375 splits and 6 classes) is applied to a
    /// whole block while it is cache-resident; the forest as a whole is far larger than the
    /// caches, so it must be streamed as rarely as possible: blocks of 4096 rows were 1.8x
    /// faster than blocks of 512 (500 trees, one thread). Smaller inputs still get about two
    /// blocks per thread. Block size never changes results: every row sums trees in order.
    static func blockRows(rowCount: Int, threads: Int) -> Int {
        let perThread = (rowCount + 2 * threads - 1) / (2 * threads)
        return max(256, min(8192, perThread))
    }
    /// Rows walked down a tree in lockstep: independent walks let the processor overlap
    /// the memory latency of one row's step with the others'.
    private static let lockstepRows = 16

    private let nodes: [Node]
    /// Per packed node: its leaf's row in `leafProbabilities` (only read for leaves).
    private let leafOfNode: [Int32]
    private let leafProbabilities: [Float]
    /// Per tree: index of its root in `nodes` and of its first leaf distribution.
    private let firstNode: [Int]
    private let firstLeaf: [Int]
    private let featureCount: Int
    private let classCount: Int

    init(trees: [RandomForestTree], featureCount: Int, classCount: Int) {
        var nodes: [Node] = []
        var leafOfNode: [Int32] = []
        var leaves: [Float] = []
        var firstNode: [Int] = [], firstLeaf: [Int] = []
        let totalNodes = trees.reduce(0) { $0 + 2 * $1.splitCount + 1 }
        nodes.reserveCapacity(totalNodes)
        leafOfNode.reserveCapacity(totalNodes)
        for tree in trees {
            let base = nodes.count
            firstNode.append(base)
            firstLeaf.append(leaves.count / classCount)
            leaves.append(contentsOf: tree.leafClassProbabilities)
            // Breadth-first: each split's children get the next two free slots.
            var queue: [Int32] = [tree.rootReference]
            var head = 0
            while head < queue.count {
                let reference = queue[head]
                let slot = UInt32(base + head)
                head += 1
                if reference < 0 {
                    nodes.append(Node(threshold: .infinity, feature: 0, left: slot))
                    leafOfNode.append(~reference)
                } else {
                    let split = Int(reference)
                    nodes.append(Node(
                        threshold: tree.splitThreshold[split], feature: UInt32(tree.splitFeature[split]),
                        left: UInt32(base + queue.count)))
                    leafOfNode.append(-1)
                    queue.append(tree.leftChild[split])
                    queue.append(tree.rightChild[split])
                }
            }
        }
        self.nodes = nodes
        self.leafOfNode = leafOfNode
        self.leafProbabilities = leaves
        self.firstNode = firstNode
        self.firstLeaf = firstLeaf
        self.featureCount = featureCount
        self.classCount = classCount
    }

    /// Overwrites `votes` (rowCount * classCount) with the sum over trees, in tree order, of
    /// the leaf class distributions the rows reach.
    func accumulateVotes(rows: UnsafePointer<Float>, rowCount: Int, into votes: UnsafeMutablePointer<Float>) {
        let k = classCount, p = featureCount
        votes.update(repeating: 0, count: rowCount * k)
        nodes.withUnsafeBufferPointer { allNodes in
            leafOfNode.withUnsafeBufferPointer { leafOfNode in
                leafProbabilities.withUnsafeBufferPointer { allLeaves in
                    withUnsafeTemporaryAllocation(of: UInt32.self, capacity: Self.lockstepRows) { position in
                        for tree in 0..<firstNode.count {
                            let root = UInt32(firstNode[tree])
                            let leaves = allLeaves.baseAddress! + firstLeaf[tree] * k
                            var groupStart = 0
                            while groupStart < rowCount {
                                let groupSize = min(Self.lockstepRows, rowCount - groupStart)
                                let groupRows = rows + groupStart * p
                                for j in 0..<groupSize { position[j] = root }
                                var moved: UInt32
                                repeat {
                                    moved = 0
                                    for j in 0..<groupSize {
                                        let current = position[j]
                                        let node = allNodes[Int(current)]
                                        let value = groupRows[j &* p &+ Int(node.feature)]
                                        let next = node.left &+ (value > node.threshold ? 1 : 0)
                                        position[j] = next
                                        moved |= next ^ current
                                    }
                                } while moved != 0
                                for j in 0..<groupSize {
                                    let leaf = leaves + Int(leafOfNode[Int(position[j])]) * k
                                    let vote = votes + (groupStart + j) * k
                                    for c in 0..<k { vote[c] += leaf[c] }
                                }
                                groupStart += groupSize
                            }
                        }
                    }
                }
            }
        }
    }
}

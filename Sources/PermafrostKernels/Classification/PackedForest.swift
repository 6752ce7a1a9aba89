import CBitVectorForest

/// All trees of a model re-laid for fast prediction, in one of three layouts per tree.
///
/// Small trees (at most 32 leaves: the usual case for a few hundred training pixels) are
/// evaluated without walking, as in QuickScorer (Lucchese et al., SIGIR 2015): leaves are
/// numbered left to right and every split whose test sends a row right clears the bits of
/// its left subtree's leaves; the row's leaf is the lowest bit left. Every split of the tree
/// is tested, for 32 rows per pass in vectors of eight (the kernel is C, `CBitVectorForest`,
/// for AVX2 where the processor has it), but there are no dependent loads.
/// Shallow trees are stored complete: node `i` has its children at `2i + 1` and `2i + 2`, so
/// a step needs no child pointer, and a leaf above the bottom level passes every row straight
/// down to the bottom, so all rows take exactly `depth` steps with no test for arrival. Deep
/// trees would grow too large that way; they keep a sparse layout where a split's two
/// children are adjacent and a leaf points to itself, in eight-byte nodes with the tree's own
/// 16-bit indices, walked by the C kernel `deep_tree_walk` (sixteen rows at a time, rows that
/// reached a leaf dropped every four steps). Trees of more than 65,535 nodes (or forests of
/// more than 65,536 features) keep twelve-byte nodes with 32-bit indices and a Swift walk.
///
/// Leaves whose distribution is a single class with probability 1 (nearly all of them when
/// trees grow to purity) are stored as that class, so a row adds 1 to one vote instead of a
/// whole distribution. Adding 0 and 1 exactly as before keeps the sums bit-identical.
struct PackedForest: Sendable {
    /// A node of a complete tree. `featureOffset` is the feature times `lanes`, the offset of
    /// the feature's values in a lane-interleaved group of rows.
    struct CompleteNode {
        var threshold: Float
        var featureOffset: UInt32
    }

    /// A node of a sparse tree (C's `DeepTreeNode`): a split's right child sits at `left + 1`,
    /// a leaf's `left` is itself; indices are the tree's own.
    typealias SparseNode = DeepTreeNode

    /// A node of a wide sparse tree (too many nodes for 16-bit indices); indices are global.
    struct WideNode {
        var threshold: Float
        var feature: UInt32
        var left: UInt32
    }

    /// Rows walked together down a complete tree, their positions held in registers; also the
    /// rows of a lane-interleaved group, as the bit-vector kernel (C) reads them.
    static let lanes = Int(BIT_VECTOR_FOREST_LANES)
    /// Most leaves of a bit-vector tree: one bit each in a UInt32.
    static let mostBitVectorLeaves = 32
    /// Deepest tree stored complete: 2^11 - 1 nodes of 8 bytes plus 2^10 leaf codes, 20 KiB.
    static let deepestCompleteTree = 10
    /// Most nodes of a sparse tree with 16-bit indices; larger trees are stored wide.
    static let mostSparseNodes = Int(UInt16.max)

    /// Rows per prediction block for `rowCount` rows on `threads` threads. Each tree is
    /// applied to a whole block while it is cache-resident; the forest as a whole is far
    /// larger than the caches, so it must be streamed as rarely as possible: blocks of 4096
    /// rows were 1.8x faster than blocks of 512 (500 trees, one thread). Forests with sparse
    /// trees stop at 4096 rows (their walks read rows in a scattered order: 8.1 s against 8.6 s
    /// at 8192 on the Statlog forest, one thread), others at 8192. Smaller inputs still get
    /// about two blocks per thread. Block size never changes results: every row sums trees in order.
    func blockRows(rowCount: Int, threads: Int) -> Int {
        let perThread = (rowCount + 2 * threads - 1) / (2 * threads)
        return max(256, min(sparseNodes.isEmpty && wideNodes.isEmpty ? 8192 : 4096, perThread))
    }

    enum Layout {
        /// `splitCount` splits at `firstSplit` in `bitVectorSplits`, leaf codes in left-to-right
        /// order at `firstLeafCode` in `bitVectorLeafCodes`, and `classCount` masks at
        /// `firstClassLeaves` in `bitVectorClassLeaves`: the leaves voting for each class.
        case bitVector(firstSplit: Int, splitCount: Int, firstLeafCode: Int, firstClassLeaves: Int)
        /// Nodes at `firstNode`, `2^depth - 1` of them, then `2^depth` leaf codes at `firstLeafCode`.
        case complete(depth: Int, firstNode: Int, firstLeafCode: Int)
        /// Nodes at `firstNode` in `sparseNodes`, leaf codes per node at the same index; every
        /// row takes `firstRound` steps before the walk first drops rows that reached a leaf.
        case sparse(firstNode: Int, firstRound: Int)
        /// Nodes at `firstNode` in `wideNodes`, leaf codes in `wideLeafCodes`.
        /// `shallowestLeaf`: the depth of the tree's shallowest leaf.
        case wide(firstNode: Int, shallowestLeaf: Int)
    }

    let trees: [Layout]
    let bitVectorSplits: PackedArray<BitVectorSplit>
    let bitVectorLeafCodes: PackedArray<Int32>
    let bitVectorClassLeaves: PackedArray<UInt32>
    let completeNodes: PackedArray<CompleteNode>
    /// Leaf reached at the bottom of a complete tree: a class (>= 0) or `~distribution`.
    let completeLeafCodes: PackedArray<Int32>
    let sparseNodes: PackedArray<SparseNode>
    /// Per sparse node: a class (>= 0) or `~distribution` for leaves; unused for splits.
    let sparseLeafCodes: PackedArray<Int32>
    let wideNodes: PackedArray<WideNode>
    let wideLeafCodes: PackedArray<Int32>
    /// Every leaf's class distribution, `classCount` values each, all trees in order.
    let distributions: PackedArray<Float>
    let featureCount: Int
    let classCount: Int
    /// Every leaf votes 1 for one class (trees grown to purity): votes are then whole numbers,
    /// the same in any order, and bit-vector trees can count them eight rows at a time.
    let everyLeafVotesForOneClass: Bool

    /// Whether any tree reads rows lane-interleaved (bit-vector and complete trees).
    var readsInterleavedRows: Bool { !completeNodes.isEmpty || !bitVectorSplits.isEmpty }

    /// `mostSparseNodes` is lowered only by tests, to exercise wide trees on small data.
    init(trees: [RandomForestTree], featureCount: Int, classCount: Int, mostSparseNodes: Int = PackedForest.mostSparseNodes) {
        var builder = Builder(classCount: classCount)
        builder.mostSparseNodes = featureCount <= Int(UInt16.max) + 1 ? mostSparseNodes : 0
        for tree in trees { builder.add(tree) }
        self.trees = builder.layouts
        bitVectorSplits = PackedArray(builder.bitVectorSplits)
        bitVectorLeafCodes = PackedArray(builder.bitVectorLeafCodes)
        bitVectorClassLeaves = PackedArray(builder.bitVectorClassLeaves)
        completeNodes = PackedArray(builder.completeNodes)
        completeLeafCodes = PackedArray(builder.completeLeafCodes)
        sparseNodes = PackedArray(builder.sparseNodes)
        sparseLeafCodes = PackedArray(builder.sparseLeafCodes)
        wideNodes = PackedArray(builder.wideNodes)
        wideLeafCodes = PackedArray(builder.wideLeafCodes)
        distributions = PackedArray(builder.distributions)
        self.featureCount = featureCount
        self.classCount = classCount
        everyLeafVotesForOneClass = builder.everyLeafVotesForOneClass
    }

    private struct Builder {
        let classCount: Int
        var layouts: [Layout] = []
        var bitVectorSplits: [BitVectorSplit] = []
        var bitVectorLeafCodes: [Int32] = []
        var bitVectorClassLeaves: [UInt32] = []
        var everyLeafVotesForOneClass = true
        var completeNodes: [CompleteNode] = []
        var completeLeafCodes: [Int32] = []
        var sparseNodes: [SparseNode] = []
        var sparseLeafCodes: [Int32] = []
        var wideNodes: [WideNode] = []
        var wideLeafCodes: [Int32] = []
        var mostSparseNodes = PackedForest.mostSparseNodes
        var distributions: [Float] = []

        mutating func add(_ tree: RandomForestTree) {
            let firstDistribution = distributions.count / classCount
            distributions.append(contentsOf: tree.leafClassProbabilities)
            let codes = (0..<(tree.leafClassProbabilities.count / classCount)).map { leaf -> Int32 in
                let distribution = tree.leafClassProbabilities[(leaf * classCount)..<((leaf + 1) * classCount)]
                let nonZero = distribution.indices.filter { distribution[$0] != 0 }
                if nonZero.count == 1, distribution[nonZero[0]] == 1 { return Int32(nonZero[0] - leaf * classCount) }
                return ~Int32(firstDistribution + leaf)
            }
            if codes.contains(where: { $0 < 0 }) { everyLeafVotesForOneClass = false }
            let depth = Self.depth(of: tree, tree.rootReference)
            if codes.count <= PackedForest.mostBitVectorLeaves {
                addBitVector(tree, leafCodes: codes)
            } else if depth <= PackedForest.deepestCompleteTree {
                addComplete(tree, depth: depth, leafCodes: codes)
            } else if tree.splitCount + codes.count <= mostSparseNodes {
                addSparse(tree, leafCodes: codes)
            } else {
                addWide(tree, leafCodes: codes)
            }
        }

        static func shallowestLeafDepth(of tree: RandomForestTree, _ reference: Int32) -> Int {
            guard reference >= 0 else { return 0 }
            return 1
                + min(
                    shallowestLeafDepth(of: tree, tree.leftChild[Int(reference)]),
                    shallowestLeafDepth(of: tree, tree.rightChild[Int(reference)]))
        }

        /// The depth a quarter of the tree's leaves lie above: the C walk's first round. Trees
        /// grown to purity hold one to three samples per leaf, so rows spread over leaves about
        /// evenly and most need at least this many steps; a longer first round saves two of the
        /// three passes that drop finished rows (Statlog forest, one thread: 6.8 -> 6.1 CPU-s;
        /// the same from the 25th to the 60th percentile).
        static func lowerQuartileLeafDepth(of tree: RandomForestTree) -> Int {
            var depths: [Int] = []
            var pending: [(reference: Int32, depth: Int)] = [(tree.rootReference, 0)]
            while let (reference, depth) = pending.popLast() {
                if reference < 0 {
                    depths.append(depth)
                } else {
                    pending.append((tree.leftChild[Int(reference)], depth + 1))
                    pending.append((tree.rightChild[Int(reference)], depth + 1))
                }
            }
            depths.sort()
            return depths[depths.count / 4]
        }

        static func depth(of tree: RandomForestTree, _ reference: Int32) -> Int {
            guard reference >= 0 else { return 0 }
            return 1 + max(depth(of: tree, tree.leftChild[Int(reference)]), depth(of: tree, tree.rightChild[Int(reference)]))
        }

        private mutating func addBitVector(_ tree: RandomForestTree, leafCodes: [Int32]) {
            let firstSplit = bitVectorSplits.count, firstLeafCode = bitVectorLeafCodes.count
            // Numbers the leaves under `reference` left to right from `next`; returns the
            // number after the last one.
            func number(_ reference: Int32, from next: Int) -> Int {
                guard reference >= 0 else {
                    bitVectorLeafCodes.append(leafCodes[Int(~reference)])
                    return next + 1
                }
                let split = Int(reference)
                let middle = number(tree.leftChild[split], from: next)
                let leftLeaves = UInt64((1 << (middle - next)) - 1) << UInt64(next)
                bitVectorSplits.append(
                    BitVectorSplit(
                        threshold: tree.splitThreshold[split], keptLeaves: ~UInt32(truncatingIfNeeded: leftLeaves),
                        featureOffset: Int32(Int(tree.splitFeature[split]) * PackedForest.lanes)))
                return number(tree.rightChild[split], from: middle)
            }
            _ = number(tree.rootReference, from: 0)
            let firstClassLeaves = bitVectorClassLeaves.count
            bitVectorClassLeaves.append(contentsOf: repeatElement(0, count: classCount))
            for (leaf, code) in bitVectorLeafCodes[firstLeafCode...].enumerated() where code >= 0 {
                bitVectorClassLeaves[firstClassLeaves + Int(code)] |= 1 << UInt32(leaf)
            }
            layouts.append(
                .bitVector(
                    firstSplit: firstSplit, splitCount: bitVectorSplits.count - firstSplit, firstLeafCode: firstLeafCode,
                    firstClassLeaves: firstClassLeaves))
        }

        private mutating func addComplete(_ tree: RandomForestTree, depth: Int, leafCodes: [Int32]) {
            let firstNode = completeNodes.count, firstLeafCode = completeLeafCodes.count
            let internalCount = (1 << depth) - 1
            // Unreachable slots (below a pass-through leaf's right side) keep these defaults.
            completeNodes.append(contentsOf: repeatElement(CompleteNode(threshold: .infinity, featureOffset: 0), count: internalCount))
            completeLeafCodes.append(contentsOf: repeatElement(0, count: 1 << depth))
            var pending: [(reference: Int32, slot: Int)] = [(tree.rootReference, 0)]
            while let (reference, slot) = pending.popLast() {
                if slot >= internalCount {
                    // A bottom slot is always reached by a leaf: splits stop at depth - 1.
                    completeLeafCodes[firstLeafCode + slot - internalCount] = leafCodes[Int(~reference)]
                } else if reference < 0 {
                    // A leaf above the bottom: threshold +infinity sends every row left, down
                    // to the bottom slot that holds it.
                    pending.append((reference, 2 * slot + 1))
                } else {
                    let split = Int(reference)
                    completeNodes[firstNode + slot] = CompleteNode(
                        threshold: tree.splitThreshold[split], featureOffset: UInt32(Int(tree.splitFeature[split]) * PackedForest.lanes))
                    pending.append((tree.leftChild[split], 2 * slot + 1))
                    pending.append((tree.rightChild[split], 2 * slot + 2))
                }
            }
            layouts.append(.complete(depth: depth, firstNode: firstNode, firstLeafCode: firstLeafCode))
        }

        /// The tree's nodes breadth-first, as the sparse and wide layouts store them: a split's
        /// children sit at `left` and `left + 1` (the next two free slots); a leaf has threshold
        /// +infinity and `left` at its own slot, and carries its leaf code.
        private static func breadthFirstNodes(_ tree: RandomForestTree, leafCodes: [Int32])
            -> [(threshold: Float, feature: Int, left: Int, leafCode: Int32)]
        {
            var nodes: [(threshold: Float, feature: Int, left: Int, leafCode: Int32)] = []
            var queue: [Int32] = [tree.rootReference]
            var head = 0
            while head < queue.count {
                let reference = queue[head]
                if reference >= 0 {
                    let split = Int(reference)
                    nodes.append((tree.splitThreshold[split], Int(tree.splitFeature[split]), queue.count, 0))
                    queue.append(tree.leftChild[split])
                    queue.append(tree.rightChild[split])
                } else {
                    nodes.append((.infinity, 0, head, leafCodes[Int(~reference)]))
                }
                head += 1
            }
            return nodes
        }

        private mutating func addSparse(_ tree: RandomForestTree, leafCodes: [Int32]) {
            let base = sparseNodes.count
            for node in Self.breadthFirstNodes(tree, leafCodes: leafCodes) {
                sparseNodes.append(SparseNode(threshold: node.threshold, feature: UInt16(node.feature), left: UInt16(node.left)))
                sparseLeafCodes.append(node.leafCode)
            }
            layouts.append(.sparse(firstNode: base, firstRound: Self.lowerQuartileLeafDepth(of: tree)))
        }

        /// As `addSparse`, with 32-bit indices counted from the start of all wide nodes.
        private mutating func addWide(_ tree: RandomForestTree, leafCodes: [Int32]) {
            let base = wideNodes.count
            for node in Self.breadthFirstNodes(tree, leafCodes: leafCodes) {
                wideNodes.append(WideNode(threshold: node.threshold, feature: UInt32(node.feature), left: UInt32(base + node.left)))
                wideLeafCodes.append(node.leafCode)
            }
            layouts.append(.wide(firstNode: base, shallowestLeaf: Self.shallowestLeafDepth(of: tree, tree.rootReference)))
        }
    }
}

/// Grows one CART classification tree (Gini impurity) on a bootstrap sample.
///
/// Why it is fast: the in-bag samples are kept sorted by every feature at once, one block
/// per feature, and each node owns the same index range in every block. Scanning a node's
/// range of a block visits its samples in value order, so a split search is one linear pass
/// with O(1) Gini updates (running sums of squared class weights) and no sorting. After a
/// split every block's range is stably partitioned into left and right parts, which keeps
/// them sorted. Duplicate bootstrap draws are one entry with a multiplicity. All scratch
/// memory is allocated once per worker thread and reused for every tree it grows.
final class CARTTreeGrower {
    /// A grown tree plus what the forest report needs from it.
    struct GrownTree {
        var tree: RandomForestTree
        /// Samples never drawn for this tree, ascending.
        var outOfBagSamples: [Int32]
        /// Weighted Gini decrease summed per feature, divided by the root's weight.
        var impurityDecrease: [Double]
    }

    private struct PendingNode {
        var start: Int
        var end: Int
        var depth: Int
        /// Split node whose child this is, or -1 for the root.
        var parent: Int32
        var isLeftChild: Bool
    }

    private struct BestSplit {
        var criterion = -Double.infinity
        var feature = -1
        var lastLeftPosition = -1
    }

    private let tables: ForestTrainingView
    private let parameters: RandomForestParameters
    private let mtry: Int
    private let bootstrapSize: Int

    private let inBagCount: UnsafeMutablePointer<Int32>
    private let sampleWeight: UnsafeMutablePointer<Double>
    private let order: UnsafeMutablePointer<UInt32>
    private let scratch: UnsafeMutablePointer<UInt32>
    private let goesLeft: UnsafeMutablePointer<UInt8>
    private let inBagFlag: UnsafeMutablePointer<UInt8>
    private let drawPool: UnsafeMutablePointer<Int32>
    private let classTotals: UnsafeMutablePointer<Double>
    private let classLeft: UnsafeMutablePointer<Double>
    private let featurePool: UnsafeMutablePointer<Int>
    /// Number of in-bag samples (distinct) of the current tree: the length of each block.
    private var blockLength = 0

    private var splitFeature: [Int32] = []
    private var splitThreshold: [Float] = []
    private var leftChild: [Int32] = []
    private var rightChild: [Int32] = []
    private var leafProbabilities: [Float] = []
    private var impurityDecrease: [Double] = []
    private var pending: [PendingNode] = []

    init(tables: ForestTrainingView, parameters: RandomForestParameters) {
        self.tables = tables
        self.parameters = parameters
        let n = tables.sampleCount, p = tables.featureCount, k = tables.classCount
        mtry = parameters.resolvedMtry(featureCount: p)
        bootstrapSize = max(1, Int((parameters.sampleFraction * Double(n)).rounded()))
        inBagCount = .allocate(capacity: n)
        sampleWeight = .allocate(capacity: n)
        // One spare slot: the branch-free filter in collectInBagOrders writes one past the end.
        order = .allocate(capacity: n * p + 1)
        scratch = .allocate(capacity: n)
        goesLeft = .allocate(capacity: n)
        inBagFlag = .allocate(capacity: n)
        drawPool = .allocate(capacity: n)
        classTotals = .allocate(capacity: k)
        classLeft = .allocate(capacity: k)
        featurePool = .allocate(capacity: p)
    }

    deinit {
        inBagCount.deallocate()
        sampleWeight.deallocate()
        order.deallocate()
        scratch.deallocate()
        goesLeft.deallocate()
        inBagFlag.deallocate()
        drawPool.deallocate()
        classTotals.deallocate()
        classLeft.deallocate()
        featurePool.deallocate()
    }

    func grow(treeIndex: Int) -> GrownTree {
        var random = ForestRandomGenerator(seed: parameters.seed, treeIndex: treeIndex, purpose: .treeGrowth)
        // The feature pool is a permutation whose order feeds the draws: restart it per tree
        // so a tree does not depend on which trees the same worker grew before.
        for feature in 0..<tables.featureCount { featurePool[feature] = feature }
        drawBootstrap(&random)
        collectInBagOrders()

        splitFeature.removeAll(keepingCapacity: true)
        splitThreshold.removeAll(keepingCapacity: true)
        leftChild.removeAll(keepingCapacity: true)
        rightChild.removeAll(keepingCapacity: true)
        leafProbabilities.removeAll(keepingCapacity: true)
        impurityDecrease = [Double](repeating: 0, count: tables.featureCount)
        pending.removeAll(keepingCapacity: true)

        var rootWeight = 0.0
        pending.append(PendingNode(start: 0, end: blockLength, depth: 0, parent: -1, isLeftChild: false))
        while let node = pending.popLast() {
            let totals = sumClasses(start: node.start, end: node.end)
            if node.parent < 0 { rootWeight = totals.weight }
            let reference = split(node, totals: totals, random: &random) ?? makeLeaf(totalWeight: totals.weight)
            if node.parent >= 0 {
                if node.isLeftChild { leftChild[Int(node.parent)] = reference } else { rightChild[Int(node.parent)] = reference }
            }
        }

        var outOfBag: [Int32] = []
        outOfBag.reserveCapacity(tables.sampleCount - blockLength)
        for sample in 0..<tables.sampleCount where inBagCount[sample] == 0 { outOfBag.append(Int32(sample)) }
        let tree = RandomForestTree(
            splitFeature: splitFeature, splitThreshold: splitThreshold,
            leftChild: leftChild, rightChild: rightChild,
            leafClassProbabilities: leafProbabilities)
        let scaled = rootWeight > 0 ? impurityDecrease.map { $0 / rootWeight } : impurityDecrease
        return GrownTree(tree: tree, outOfBagSamples: outOfBag, impurityDecrease: scaled)
    }

    // MARK: bootstrap

    private func drawBootstrap(_ random: inout ForestRandomGenerator) {
        let n = tables.sampleCount
        inBagCount.update(repeating: 0, count: n)
        if parameters.sampleWithReplacement {
            for _ in 0..<bootstrapSize { inBagCount[random.nextIndex(below: n)] &+= 1 }
        } else {
            // Partial Fisher-Yates: the first bootstrapSize entries become the sample.
            for sample in 0..<n { drawPool[sample] = Int32(sample) }
            for draw in 0..<bootstrapSize {
                let pick = draw + random.nextIndex(below: n - draw)
                let chosen = drawPool[pick]
                drawPool[pick] = drawPool[draw]
                drawPool[draw] = chosen
                inBagCount[Int(chosen)] = 1
            }
        }
        for sample in 0..<n {
            sampleWeight[sample] = Double(inBagCount[sample]) * tables.classWeights[Int(tables.labels[sample])]
        }
    }

    /// Fills one block per feature with the in-bag samples in ascending value order.
    private func collectInBagOrders() {
        let n = tables.sampleCount
        var distinct = 0
        // A 0/1 byte per sample, added rather than tested: a third of the samples are out of
        // bag at random, and a branch on it mispredicted often enough to take 17 % of training.
        for sample in 0..<n {
            let inBag: UInt8 = inBagCount[sample] > 0 ? 1 : 0
            inBagFlag[sample] = inBag
            distinct += Int(inBag)
        }
        blockLength = distinct
        for feature in 0..<tables.featureCount {
            let source = tables.sortedSamples + feature * n
            let block = order + feature * distinct
            var written = 0
            for rank in 0..<n {
                let sample = source[rank]
                block[written] = sample
                written &+= Int(inBagFlag[Int(sample)])
            }
        }
    }

    // MARK: nodes

    private struct NodeTotals {
        var weight: Double
        var sumOfSquares: Double
        var draws: Int32
        var classesPresent: Int
    }

    /// Weighted class totals of a node (into classTotals) and their summaries.
    private func sumClasses(start: Int, end: Int) -> NodeTotals {
        let k = tables.classCount
        classTotals.update(repeating: 0, count: k)
        var draws: Int32 = 0
        for position in start..<end {
            let sample = Int(order[position])
            classTotals[Int(tables.labels[sample])] += sampleWeight[sample]
            draws &+= inBagCount[sample]
        }
        var totals = NodeTotals(weight: 0, sumOfSquares: 0, draws: draws, classesPresent: 0)
        for c in 0..<k where classTotals[c] > 0 {
            totals.weight += classTotals[c]
            totals.sumOfSquares += classTotals[c] * classTotals[c]
            totals.classesPresent += 1
        }
        return totals
    }

    private func makeLeaf(totalWeight: Double) -> Int32 {
        let leaf = leafProbabilities.count / tables.classCount
        for c in 0..<tables.classCount {
            leafProbabilities.append(Float(classTotals[c] / totalWeight))
        }
        return ~Int32(leaf)
    }

    /// Splits the node if it may and can be split; returns the new split's reference.
    private func split(_ node: PendingNode, totals: NodeTotals, random: inout ForestRandomGenerator) -> Int32? {
        // Written as a division so that a huge --min-leaf cannot overflow.
        if totals.classesPresent <= 1 || Int(totals.draws) / 2 < parameters.minLeafSize { return nil }
        if let maxDepth = parameters.maxDepth, node.depth >= maxDepth { return nil }

        // Draw features without replacement until mtry of them vary within the node.
        let p = tables.featureCount
        var best = BestSplit()
        var visited = 0, tried = 0
        while visited < p && tried < mtry {
            let pick = visited + random.nextIndex(below: p - visited)
            let feature = featurePool[pick]
            featurePool[pick] = featurePool[visited]
            featurePool[visited] = feature
            visited += 1
            let block = order + feature * blockLength
            let column = tables.columns + feature * tables.sampleCount
            if column[Int(block[node.start])] == column[Int(block[node.end - 1])] { continue }
            tried += 1
            searchSplit(feature: feature, node: node, totals: totals, best: &best)
        }
        guard best.feature >= 0 else { return nil }

        let block = order + best.feature * blockLength
        let column = tables.columns + best.feature * tables.sampleCount
        let below = column[Int(block[best.lastLeftPosition])]
        let above = column[Int(block[best.lastLeftPosition + 1])]
        // Midpoint as scikit-learn does; when rounding lands on the upper value (adjacent
        // floats) fall back to the lower one so that exactly the left samples satisfy <=.
        var threshold = below / 2 + above / 2
        if threshold >= above { threshold = below }

        impurityDecrease[best.feature] += best.criterion - totals.sumOfSquares / totals.weight
        let index = Int32(splitFeature.count)
        splitFeature.append(Int32(best.feature))
        splitThreshold.append(threshold)
        leftChild.append(0)
        rightChild.append(0)

        let middle = best.lastLeftPosition + 1
        partition(around: best.feature, start: node.start, middle: middle, end: node.end)
        pending.append(PendingNode(start: middle, end: node.end, depth: node.depth + 1, parent: index, isLeftChild: false))
        pending.append(PendingNode(start: node.start, end: middle, depth: node.depth + 1, parent: index, isLeftChild: true))
        return index
    }

    /// One pass over the node's samples in the order of `feature`, keeping the split with
    /// the largest sum(left_k^2)/W_left + sum(right_k^2)/W_right, which is the split with
    /// the largest weighted Gini decrease.
    @inline(__always)
    private func searchSplit(feature: Int, node: PendingNode, totals: NodeTotals, best: inout BestSplit) {
        let block = order + feature * blockLength
        let column = tables.columns + feature * tables.sampleCount
        let labels = tables.labels
        let minLeaf = Int32(clamping: parameters.minLeafSize)
        classLeft.update(repeating: 0, count: tables.classCount)
        var weightLeft = 0.0, squaresLeft = 0.0, squaresRight = totals.sumOfSquares
        var drawsLeft: Int32 = 0
        var sample = Int(block[node.start])
        var value = column[sample]
        for position in node.start..<(node.end - 1) {
            let c = Int(labels[sample])
            let w = sampleWeight[sample]
            let left = classLeft[c]
            let right = classTotals[c] - left
            squaresLeft += w * (2 * left + w)
            squaresRight -= w * (2 * right - w)
            classLeft[c] = left + w
            weightLeft += w
            drawsLeft &+= inBagCount[sample]
            let nextSample = Int(block[position + 1])
            let nextValue = column[nextSample]
            if value < nextValue && drawsLeft >= minLeaf && totals.draws - drawsLeft >= minLeaf {
                let criterion = squaresLeft / weightLeft + squaresRight / (totals.weight - weightLeft)
                if criterion > best.criterion {
                    best = BestSplit(criterion: criterion, feature: feature, lastLeftPosition: position)
                }
            }
            sample = nextSample
            value = nextValue
        }
    }

    /// Stable partition of every feature block's range into the split's left and right
    /// samples; the split feature's block is already in that order.
    private func partition(around splitFeature: Int, start: Int, middle: Int, end: Int) {
        let splitBlock = order + splitFeature * blockLength
        for position in start..<middle { goesLeft[Int(splitBlock[position])] = 1 }
        for position in middle..<end { goesLeft[Int(splitBlock[position])] = 0 }
        for feature in 0..<tables.featureCount where feature != splitFeature {
            let range = order + feature * blockLength + start
            var leftCount = 0, rightCount = 0
            for position in 0..<(end - start) {
                let sample = range[position]
                let isLeft = Int(goesLeft[Int(sample)])
                range[leftCount] = sample
                scratch[rightCount] = sample
                leftCount &+= isLeft
                rightCount &+= 1 &- isLeft
            }
            (range + leftCount).update(from: scratch, count: rightCount)
        }
    }
}

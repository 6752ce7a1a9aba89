/// Grows one CART classification tree (Gini impurity) on a bootstrap sample.
///
/// Why it is fast: a node owns one range of a single list of in-bag samples, its split
/// search bins samples by rank instead of scanning them in value order
/// (`GiniSplitSearch`), and a split partitions only that range. Only fine features (more
/// distinct values than an eighth of the samples, whose bins would hold a sample each) keep
/// the in-bag samples in value order as blocks over the same ranges, partitioned at every
/// split. The layout this replaced kept such blocks for every feature, 36 partitions per
/// split on Landsat stacks; with unit class weights the trees are the same to the bit.
/// Duplicate bootstrap draws are one member with a multiplicity. Scratch memory is
/// allocated once per worker thread and reused for every tree it grows.
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

    private let tables: ForestTrainingView
    private let parameters: RandomForestParameters
    private let mtry: Int
    private let bootstrapSize: Int

    private let inBagCount: UnsafeMutablePointer<Int32>
    private let sampleWeight: UnsafeMutablePointer<Double>
    /// In-bag samples (each once); node ranges index into it.
    private let members: UnsafeMutablePointer<UInt32>
    private let scratch: UnsafeMutablePointer<UInt32>
    private let drawPool: UnsafeMutablePointer<Int32>
    private let classTotals: UnsafeMutablePointer<Double>
    private let classLanes: UnsafeMutablePointer<Double>
    private let featurePool: UnsafeMutablePointer<Int>
    private let splitSearch: GiniSplitSearch
    /// Per fine feature (`ForestTrainingTables.fineFeatures`), the in-bag samples in value
    /// order, `memberCount` per block; a node owns the same range in every block as in
    /// `members`. `fineBlock[feature]` is the feature's block, or -1.
    private let blocks: UnsafeMutablePointer<UInt32>
    private let fineBlock: [Int]
    private let goesLeft: UnsafeMutablePointer<UInt8>
    /// 1 for an in-bag sample, 0 otherwise: added, not tested, when filtering.
    private let inBagFlag: UnsafeMutablePointer<UInt8>
    /// Number of in-bag samples (distinct) of the current tree.
    private var memberCount = 0

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
        members = .allocate(capacity: n)
        scratch = .allocate(capacity: n)
        drawPool = .allocate(capacity: n)
        classTotals = .allocate(capacity: k)
        classLanes = .allocate(capacity: 4 * k)
        featurePool = .allocate(capacity: p)
        splitSearch = GiniSplitSearch(tables: tables, minLeafSize: parameters.minLeafSize)
        // One spare slot: the branch-free filter in fillBlocks writes one past the end.
        blocks = .allocate(capacity: n * tables.fineFeatures.count + 1)
        var fineBlock = [Int](repeating: -1, count: p)
        for (block, feature) in tables.fineFeatures.enumerated() { fineBlock[feature] = block }
        self.fineBlock = fineBlock
        goesLeft = .allocate(capacity: n)
        inBagFlag = .allocate(capacity: n)
    }

    deinit {
        inBagCount.deallocate()
        sampleWeight.deallocate()
        members.deallocate()
        scratch.deallocate()
        drawPool.deallocate()
        classTotals.deallocate()
        classLanes.deallocate()
        featurePool.deallocate()
        blocks.deallocate()
        goesLeft.deallocate()
        inBagFlag.deallocate()
    }

    func grow(treeIndex: Int) -> GrownTree {
        var random = ForestRandomGenerator(seed: parameters.seed, treeIndex: treeIndex, purpose: .treeGrowth)
        // The feature pool is a permutation whose order feeds the draws: restart it per tree
        // so a tree does not depend on which trees the same worker grew before.
        for feature in 0..<tables.featureCount { featurePool[feature] = feature }
        drawBootstrap(&random)
        fillBlocks()

        splitFeature.removeAll(keepingCapacity: true)
        splitThreshold.removeAll(keepingCapacity: true)
        leftChild.removeAll(keepingCapacity: true)
        rightChild.removeAll(keepingCapacity: true)
        leafProbabilities.removeAll(keepingCapacity: true)
        impurityDecrease = [Double](repeating: 0, count: tables.featureCount)
        pending.removeAll(keepingCapacity: true)

        var rootWeight = 0.0
        pending.append(PendingNode(start: 0, end: memberCount, depth: 0, parent: -1, isLeftChild: false))
        while let node = pending.popLast() {
            let totals = sumClasses(start: node.start, end: node.end)
            if node.parent < 0 { rootWeight = totals.weight }
            let reference = split(node, totals: totals, random: &random) ?? makeLeaf(totalWeight: totals.weight)
            if node.parent >= 0 {
                if node.isLeftChild { leftChild[Int(node.parent)] = reference } else { rightChild[Int(node.parent)] = reference }
            }
        }

        var outOfBag: [Int32] = []
        outOfBag.reserveCapacity(tables.sampleCount - memberCount)
        for sample in 0..<tables.sampleCount where inBagCount[sample] == 0 { outOfBag.append(Int32(sample)) }
        let tree = RandomForestTree(
            splitFeature: splitFeature, splitThreshold: splitThreshold,
            leftChild: leftChild, rightChild: rightChild,
            leafClassProbabilities: leafProbabilities)
        let scaled = rootWeight > 0 ? impurityDecrease.map { $0 / rootWeight } : impurityDecrease
        return GrownTree(tree: tree, outOfBagSamples: outOfBag, impurityDecrease: scaled)
    }

    // MARK: bootstrap

    /// Draws the bootstrap sample: draws per sample, their weights, and the member list.
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
        // Appended unconditionally and counted only when in bag: a third of the samples
        // are out of bag at random, which a branch would mispredict often.
        var count = 0
        for sample in 0..<n {
            sampleWeight[sample] = Double(inBagCount[sample]) * tables.classWeights[Int(tables.labels[sample])]
            members[count] = UInt32(sample)
            count &+= inBagCount[sample] > 0 ? 1 : 0
        }
        memberCount = count
    }

    /// Each fine feature's block: the in-bag samples in value order, by filtering the
    /// feature's sorted samples (appended always, counted only when in bag: a branch on a
    /// random third of the samples would mispredict).
    private func fillBlocks() {
        guard let sorted = tables.sortedSamples else { return }
        let n = tables.sampleCount
        let inBagFlag = inBagFlag, blocks = blocks
        for sample in 0..<n { inBagFlag[sample] = inBagCount[sample] > 0 ? 1 : 0 }
        for block in 0..<tables.fineFeatures.count {
            let source = sorted + block * n, target = blocks + block * memberCount
            var written = 0
            for position in 0..<n {
                let sample = source[position]
                target[written] = sample
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
        // Four partial sums per class: neighbouring samples are often of one class, and a
        // single sum would make each addition wait for the one before.
        let lanes = classLanes, labels = tables.labels, members = members
        lanes.update(repeating: 0, count: 4 * k)
        var draws: Int32 = 0
        for position in start..<end {
            let sample = Int(members[position])
            lanes[(position & 3) &* k &+ Int(labels[sample])] += sampleWeight[sample]
            draws &+= inBagCount[sample]
        }
        for c in 0..<k { classTotals[c] = (lanes[c] + lanes[k + c]) + (lanes[2 * k + c] + lanes[3 * k + c]) }
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
        var best = GiniSplitSearch.Split()
        let searched = GiniSplitSearch.Node(
            members: members + node.start, count: node.end - node.start, classTotals: classTotals,
            weight: totals.weight, sumOfSquares: totals.sumOfSquares, draws: totals.draws)
        var visited = 0, tried = 0
        while visited < p && tried < mtry {
            let pick = visited + random.nextIndex(below: p - visited)
            let feature = featurePool[pick]
            featurePool[pick] = featurePool[visited]
            featurePool[visited] = feature
            visited += 1
            let varies =
                fineBlock[feature] >= 0
                ? splitSearch.search(
                    feature: feature, sortedSamples: blocks + fineBlock[feature] * memberCount + node.start, node: searched,
                    sampleWeight: sampleWeight, inBagCount: inBagCount, best: &best)
                : splitSearch.search(feature: feature, node: searched, sampleWeight: sampleWeight, inBagCount: inBagCount, best: &best)
            if varies { tried += 1 }
        }
        guard best.feature >= 0 else { return nil }

        let values = tables.distinctValues + tables.distinctStart[best.feature]
        let below = values[best.leftRank]
        let above = values[best.rightRank]
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

        let middle = partition(node, feature: best.feature, leftRank: best.leftRank)
        pending.append(PendingNode(start: middle, end: node.end, depth: node.depth + 1, parent: index, isLeftChild: false))
        pending.append(PendingNode(start: node.start, end: middle, depth: node.depth + 1, parent: index, isLeftChild: true))
        return index
    }

    /// Stable partition of the node's members into those at or below `leftRank` in
    /// `feature` and the others; returns where the right part starts.
    private func partition(_ node: PendingNode, feature: Int, leftRank: Int) -> Int {
        let keys = tables.binKeys + feature * tables.sampleCount
        let range = members + node.start
        let limit = UInt32((leftRank + 1) << tables.classBits)
        var leftCount = 0, rightCount = 0
        for position in 0..<(node.end - node.start) {
            let sample = range[position]
            let isLeft = keys[Int(sample)] < limit ? 1 : 0
            range[leftCount] = sample
            scratch[rightCount] = sample
            leftCount &+= isLeft
            rightCount &+= 1 &- isLeft
        }
        (range + leftCount).update(from: scratch, count: rightCount)
        if !tables.fineFeatures.isEmpty { partitionBlocks(node, leftCount: leftCount) }
        return node.start + leftCount
    }

    /// Stable partition of every fine feature's block over the node's range, the left part
    /// being the members just moved left.
    private func partitionBlocks(_ node: PendingNode, leftCount: Int) {
        let count = node.end - node.start
        let blocks = blocks, scratch = scratch, goesLeft = goesLeft, members = members
        for position in 0..<count { goesLeft[Int(members[node.start + position])] = position < leftCount ? 1 : 0 }
        for block in 0..<tables.fineFeatures.count {
            let range = blocks + block * memberCount + node.start
            var left = 0, right = 0
            for position in 0..<count {
                let sample = range[position]
                let isLeft = Int(goesLeft[Int(sample)])
                range[left] = sample
                scratch[right] = sample
                left &+= isLeft
                right &+= 1 &- isLeft
            }
            (range + left).update(from: scratch, count: right)
        }
    }
}

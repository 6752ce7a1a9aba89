/// The best Gini split of one tree node on one feature, exactly as a scan over the node's
/// samples sorted by value would find it, without comparing or sorting floats.
///
/// Each sample's bin key is its rank among the feature's distinct values and its class,
/// `rank << classBits | class` (`ForestTrainingTables`). A search adds each sample's weight
/// into its key's bin, then visits the filled ranks in ascending order, updating the class
/// sums a rank at a time and evaluating each boundary between filled ranks. Large nodes
/// step through every rank between their lowest and highest; small nodes whose ranks spread
/// wide radix-sort their keys instead. Fine features (`ForestTrainingTables.fineFeatures`)
/// come with the node's samples already in value order and are scanned sample by sample.
/// With unit class weights all sums are whole numbers, exact in any order, so the criteria
/// and trees are those of a sample-by-sample scan to the last bit.
final class GiniSplitSearch {
    /// A node's samples and their class totals.
    struct Node {
        var members: UnsafePointer<UInt32>
        var count: Int
        var classTotals: UnsafePointer<Double>
        var weight: Double
        var sumOfSquares: Double
        var draws: Int32
    }

    struct Split {
        /// sum(left_k^2)/W_left + sum(right_k^2)/W_right: the larger, the larger the
        /// weighted Gini decrease.
        var criterion = -Double.infinity
        var feature = -1
        /// Highest rank that goes left, and the lowest rank that goes right.
        var leftRank = 0
        var rightRank = 0
    }

    private let tables: ForestTrainingView
    private let classCount: Int
    private let classBits: Int
    private let minLeafSize: Int
    /// Leaf sizes need checking only above 1 draw: each side of a boundary between filled
    /// ranks holds a draw.
    private let checksLeafSize: Bool
    /// Draws are counted in bins of their own only when they must be checked and class
    /// weights make them differ from weights.
    private let countsDrawsApart: Bool
    /// Weight per bin key, and draws per key when counted apart. Zero between searches: a
    /// search clears what it filled.
    private let bins: UnsafeMutablePointer<Double>
    private let binDraws: UnsafeMutablePointer<Int32>
    private let classLeft: UnsafeMutablePointer<Double>
    /// A small node's keys, and room for sorting them.
    private let nodeKeys: UnsafeMutablePointer<UInt32>
    private let sortScratch: UnsafeMutablePointer<UInt32>

    init(tables: ForestTrainingView, minLeafSize: Int) {
        self.tables = tables
        self.minLeafSize = minLeafSize
        classCount = tables.classCount
        classBits = tables.classBits
        checksLeafSize = minLeafSize > 1
        countsDrawsApart = checksLeafSize && !tables.weightsAreDraws
        let keys = tables.largestDistinctCount << classBits
        bins = .allocate(capacity: keys)
        bins.initialize(repeating: 0, count: keys)
        binDraws = .allocate(capacity: countsDrawsApart ? keys : 0)
        binDraws.initialize(repeating: 0, count: countsDrawsApart ? keys : 0)
        classLeft = .allocate(capacity: classCount)
        nodeKeys = .allocate(capacity: tables.sampleCount)
        sortScratch = .allocate(capacity: tables.sampleCount)
    }

    deinit {
        bins.deallocate()
        binDraws.deallocate()
        classLeft.deallocate()
        nodeKeys.deallocate()
        sortScratch.deallocate()
    }

    /// Keeps in `best` the better of it and this feature's best split. Returns false when
    /// the feature is constant in the node.
    func search(
        feature: Int, node: Node, sampleWeight: UnsafePointer<Double>, inBagCount: UnsafePointer<Int32>, best: inout Split
    ) -> Bool {
        let keys = tables.binKeys + feature * tables.sampleCount
        // Locals, not properties, in the hot loop: stores through the bins could alias the
        // object's fields as far as the compiler knows, which made it reload them each time.
        let members = node.members, bins = bins
        var lowest = UInt32.max, highest: UInt32 = 0
        for position in 0..<node.count {
            let sample = Int(members[position])
            let key = keys[sample]
            bins[Int(key)] += sampleWeight[sample]
            lowest = min(lowest, key)
            highest = max(highest, key)
        }
        if countsDrawsApart {
            for position in 0..<node.count {
                let sample = Int(members[position])
                binDraws[Int(keys[sample])] &+= inBagCount[sample]
            }
        }
        let firstRank = Int(lowest) >> classBits, lastRank = Int(highest) >> classBits
        let span = lastRank - firstRank + 1
        // Stepping through the span costs a load per class and rank; sorting the node's
        // keys costs what RankRadixSort estimates, plus gathering and clearing them.
        if span * classCount <= RankRadixSort.estimatedSteps(count: node.count, largest: highest) + 2 * node.count {
            let stride = 1 << classBits
            defer {
                (bins + (firstRank << classBits)).update(repeating: 0, count: span * stride)
                if countsDrawsApart { (binDraws + (firstRank << classBits)).update(repeating: 0, count: span * stride) }
            }
            return scanRanks(firstRank...lastRank, feature: feature, node: node, best: &best)
        }
        for position in 0..<node.count { nodeKeys[position] = keys[Int(members[position])] }
        RankRadixSort.sort(nodeKeys, count: node.count, largest: highest, scratch: sortScratch)
        defer {
            for position in 0..<node.count {
                bins[Int(nodeKeys[position])] = 0
                if countsDrawsApart { binDraws[Int(nodeKeys[position])] = 0 }
            }
        }
        return scanSortedKeys(feature: feature, node: node, best: &best)
    }

    /// The scan over every rank from the node's lowest to its highest, skipping empty ones.
    private func scanRanks(_ ranks: ClosedRange<Int>, feature: Int, node: Node, best: inout Split) -> Bool {
        let k = classCount, classBits = classBits
        let bins = bins, classLeft = classLeft, classTotals = node.classTotals
        classLeft.update(repeating: 0, count: k)
        var sums = ScanState(node: node, best: best, minLeafSize: checksLeafSize ? minLeafSize : 0, countsDrawsApart: countsDrawsApart)
        var previousRank = -1, filledCount = 0
        for rank in ranks {
            let bin = bins + rank << classBits
            var binWeight = 0.0
            for c in 0..<k { binWeight += bin[c] }
            if binWeight == 0 { continue }
            if previousRank >= 0 { sums.scoreBoundary(leftRank: previousRank, rightRank: rank) }
            // The bin's changes are summed apart and then added, so that the running sums
            // wait on one addition per rank rather than one per class.
            var addedLeft = 0.0, removedRight = 0.0
            for c in 0..<k {
                let w = bin[c]
                let left = classLeft[c]
                addedLeft += w * (2 * left + w)
                removedRight += w * (2 * (classTotals[c] - left) - w)
                classLeft[c] = left + w
            }
            sums.squaresLeft += addedLeft
            sums.squaresRight -= removedRight
            sums.weightLeft += binWeight
            if countsDrawsApart { for c in 0..<k { sums.drawsLeft += Int(binDraws[rank << classBits + c]) } }
            previousRank = rank
            filledCount += 1
        }
        sums.keepBest(in: &best, feature: feature)
        return filledCount > 1
    }

    /// Keeps in `best` the better of it and this feature's best split, scanning the node's
    /// samples as given in value order (a fine feature's block). Returns false when the
    /// feature is constant in the node.
    func search(
        feature: Int, sortedSamples: UnsafePointer<UInt32>, node: Node, sampleWeight: UnsafePointer<Double>,
        inBagCount: UnsafePointer<Int32>, best: inout Split
    ) -> Bool {
        let keys = tables.binKeys + feature * tables.sampleCount
        return scanInOrder(count: node.count, feature: feature, node: node, best: &best) { position in
            let sample = Int(sortedSamples[position])
            return (keys[sample], sampleWeight[sample], inBagCount[sample])
        }
    }

    /// The scan over the node's sorted keys: each distinct key counted once (its bin holds
    /// every sample with that rank and class).
    private func scanSortedKeys(feature: Int, node: Node, best: inout Split) -> Bool {
        let bins = bins, binDraws = binDraws, keys = nodeKeys, countsDrawsApart = countsDrawsApart
        return scanInOrder(count: node.count, feature: feature, node: node, best: &best) { position in
            let key = keys[position]
            if position > 0 && keys[position - 1] == key { return (key, 0, 0) }
            return (key, bins[Int(key)], countsDrawsApart ? binDraws[Int(key)] : 0)
        }
    }

    /// The scan over entries in ascending key order, each a (key, weight, draws): a boundary
    /// wherever the rank changes.
    @inline(__always)
    private func scanInOrder(
        count: Int, feature: Int, node: Node, best: inout Split, entry: (Int) -> (key: UInt32, weight: Double, draws: Int32)
    ) -> Bool {
        let classMask = UInt32(1 << classBits - 1), classBits = UInt32(classBits)
        let classLeft = classLeft, classTotals = node.classTotals
        classLeft.update(repeating: 0, count: classCount)
        var sums = ScanState(node: node, best: best, minLeafSize: checksLeafSize ? minLeafSize : 0, countsDrawsApart: countsDrawsApart)
        var previousRank = -1, filledCount = 0
        for position in 0..<count {
            let (key, w, draws) = entry(position)
            let rank = Int(key >> classBits)
            if rank != previousRank {
                if previousRank >= 0 { sums.scoreBoundary(leftRank: previousRank, rightRank: rank) }
                previousRank = rank
                filledCount += 1
            }
            let c = Int(key & classMask)
            let left = classLeft[c]
            sums.squaresLeft += w * (2 * left + w)
            sums.squaresRight -= w * (2 * (classTotals[c] - left) - w)
            classLeft[c] = left + w
            sums.weightLeft += w
            if countsDrawsApart { sums.drawsLeft += Int(draws) }
        }
        sums.keepBest(in: &best, feature: feature)
        return filledCount > 1
    }
}

/// The left side's sums during a scan (the right side's follow from the node's totals), and
/// the best boundary so far.
private struct ScanState {
    var weightLeft = 0.0
    var squaresLeft = 0.0
    var squaresRight: Double
    /// Kept only when draws are counted apart from weights.
    var drawsLeft = 0
    private let nodeWeight: Double
    private let nodeDraws: Int
    /// 0 when leaf sizes need no check.
    private let minLeafSize: Int
    private let countsDrawsApart: Bool
    private var bestCriterion: Double
    private var bestLeft = -1, bestRight = -1

    init(node: GiniSplitSearch.Node, best: GiniSplitSearch.Split, minLeafSize: Int, countsDrawsApart: Bool) {
        squaresRight = node.sumOfSquares
        nodeWeight = node.weight
        nodeDraws = Int(node.draws)
        self.minLeafSize = minLeafSize
        self.countsDrawsApart = countsDrawsApart
        bestCriterion = best.criterion
    }

    /// Scores the boundary between two filled ranks, with everything up to `leftRank` on
    /// the left, when both sides hold enough draws (unless counted apart, weights are
    /// draws); keeps it when it beats the best so far, so ties go to the lower boundary.
    @inline(__always)
    mutating func scoreBoundary(leftRank: Int, rightRank: Int) {
        if minLeafSize > 0 {
            let left = countsDrawsApart ? drawsLeft : Int(weightLeft)
            guard left >= minLeafSize && nodeDraws - left >= minLeafSize else { return }
        }
        let criterion = squaresLeft / weightLeft + squaresRight / (nodeWeight - weightLeft)
        if criterion > bestCriterion {
            bestCriterion = criterion
            bestLeft = leftRank
            bestRight = rightRank
        }
    }

    func keepBest(in best: inout GiniSplitSearch.Split, feature: Int) {
        if bestLeft >= 0 {
            best = GiniSplitSearch.Split(criterion: bestCriterion, feature: feature, leftRank: bestLeft, rightRank: bestRight)
        }
    }
}

import CBitVectorForest

extension PackedForest {
    /// Overwrites `votes` (rowCount * classCount) with the sum over trees, in tree order, of
    /// the leaf class distributions the rows reach.
    func accumulateVotes(rows: UnsafePointer<Float>, rowCount: Int, into votes: UnsafeMutablePointer<Float>) {
        votes.update(repeating: 0, count: rowCount * classCount)
        guard rowCount > 0 else { return }
        let groups = (rowCount + Self.lanes - 1) / Self.lanes
        // Bit-vector and complete trees read rows lane-interleaved (group, feature, lane): a
        // lane's value is then at a constant offset from `feature * lanes`, with no per-row
        // pointer. The last group repeats its last row in unused lanes; their votes are dropped.
        let interleaved = UnsafeMutablePointer<Float>.allocate(capacity: readsInterleavedRows ? groups * featureCount * Self.lanes : 0)
        defer { interleaved.deallocate() }
        if readsInterleavedRows {
            for group in 0..<groups {
                for lane in 0..<Self.lanes {
                    let row = rows + min(group * Self.lanes + lane, rowCount - 1) * featureCount
                    for feature in 0..<featureCount {
                        interleaved[(group * featureCount + feature) * Self.lanes + lane] = row[feature]
                    }
                }
            }
        }
        // Whole-number votes of bit-vector trees are counted per class, eight rows at a time,
        // and added once at the end; any other votes are added tree by tree in tree order.
        let countsVotes = everyLeafVotesForOneClass && !bitVectorSplits.isEmpty
        let counts = UnsafeMutablePointer<Int32>.allocate(capacity: countsVotes ? groups * classCount * Self.lanes : 0)
        defer { counts.deallocate() }
        if countsVotes { counts.initialize(repeating: 0, count: groups * classCount * Self.lanes) }
        let tally = VoteTally(votes: votes, classCount: classCount, distributions: distributions.base)
        // Where each row ends in a sparse tree, and the C walk's list of rows still walking.
        let deepRows = sparseNodes.isEmpty ? 0 : rowCount
        let leaves = UnsafeMutablePointer<UInt32>.allocate(capacity: deepRows)
        defer { leaves.deallocate() }
        let walkScratch = UnsafeMutablePointer<UInt32>.allocate(capacity: deepRows == 0 ? 0 : 2 * (rowCount + Int(DEEP_TREE_WALK_LANES)))
        defer { walkScratch.deallocate() }
        for layout in trees {
            switch layout {
            case let .bitVector(firstSplit, splitCount, firstLeafCode, firstClassLeaves):
                // Every split clears, in the rows whose value is above its threshold, the
                // leaves of its left subtree; the lowest leaf left is the row's.
                if countsVotes {
                    bit_vector_forest_count(
                        bitVectorSplits.base + firstSplit, splitCount, bitVectorClassLeaves.base + firstClassLeaves,
                        classCount, interleaved, featureCount, rowCount, counts)
                } else {
                    bit_vector_forest_vote(
                        bitVectorSplits.base + firstSplit, splitCount, bitVectorLeafCodes.base + firstLeafCode,
                        distributions.base, classCount, interleaved, featureCount, rowCount, votes)
                }
            case let .complete(depth, firstNode, firstLeafCode):
                walkComplete(
                    depth: depth, nodes: completeNodes.base + firstNode, leafCodes: completeLeafCodes.base + firstLeafCode,
                    interleaved: interleaved, rowCount: rowCount, tally: tally)
            case let .sparse(firstNode, firstRound):
                deep_tree_walk(sparseNodes.base + firstNode, firstRound, rows, featureCount, rowCount, leaves, walkScratch)
                let codes = sparseLeafCodes.base + firstNode
                for row in 0..<rowCount { tally.add(leafCode: codes[Int(leaves[row])], row: row) }
            case let .wide(firstNode, shallowestLeaf):
                walkWide(
                    root: UInt32(firstNode), uncheckedSteps: shallowestLeaf, nodes: wideNodes.base, leafCodes: wideLeafCodes.base,
                    rows: rows, rowCount: rowCount, tally: tally)
            }
        }
        if countsVotes {
            for row in 0..<rowCount {
                let count = counts + (row / Self.lanes * classCount) * Self.lanes + row % Self.lanes
                for c in 0..<classCount { votes[row * classCount + c] += Float(count[c * Self.lanes]) }
            }
        }
    }

    /// Adds a leaf's distribution to a row's votes: 1 to one class for a pure leaf.
    struct VoteTally {
        let votes: UnsafeMutablePointer<Float>
        let classCount: Int
        let distributions: UnsafePointer<Float>

        @inline(__always)
        func add(leafCode: Int32, row: Int) {
            let vote = votes + row * classCount
            if leafCode >= 0 {
                vote[Int(leafCode)] += 1
            } else {
                let distribution = distributions + Int(~leafCode) * classCount
                for c in 0..<classCount { vote[c] += distribution[c] }
            }
        }
    }

    /// Eight rows at a time, exactly `depth` steps each; positions are local to the tree.
    @inline(never)
    private func walkComplete(
        depth: Int, nodes: UnsafePointer<CompleteNode>, leafCodes: UnsafePointer<Int32>,
        interleaved: UnsafePointer<Float>, rowCount: Int, tally: VoteTally
    ) {
        let bottom = UInt32((1 << depth) - 1)
        var firstRow = 0
        var values = interleaved
        while firstRow < rowCount {
            var p0: UInt32 = 0, p1: UInt32 = 0, p2: UInt32 = 0, p3: UInt32 = 0
            var p4: UInt32 = 0, p5: UInt32 = 0, p6: UInt32 = 0, p7: UInt32 = 0
            for _ in 0..<depth {
                p0 = Self.step(p0, lane: 0, values, nodes)
                p1 = Self.step(p1, lane: 1, values, nodes)
                p2 = Self.step(p2, lane: 2, values, nodes)
                p3 = Self.step(p3, lane: 3, values, nodes)
                p4 = Self.step(p4, lane: 4, values, nodes)
                p5 = Self.step(p5, lane: 5, values, nodes)
                p6 = Self.step(p6, lane: 6, values, nodes)
                p7 = Self.step(p7, lane: 7, values, nodes)
            }
            let reached = min(Self.lanes, rowCount - firstRow)
            tally.add(leafCode: leafCodes[Int(p0 &- bottom)], row: firstRow)
            if reached > 1 { tally.add(leafCode: leafCodes[Int(p1 &- bottom)], row: firstRow + 1) }
            if reached > 2 { tally.add(leafCode: leafCodes[Int(p2 &- bottom)], row: firstRow + 2) }
            if reached > 3 { tally.add(leafCode: leafCodes[Int(p3 &- bottom)], row: firstRow + 3) }
            if reached > 4 { tally.add(leafCode: leafCodes[Int(p4 &- bottom)], row: firstRow + 4) }
            if reached > 5 { tally.add(leafCode: leafCodes[Int(p5 &- bottom)], row: firstRow + 5) }
            if reached > 6 { tally.add(leafCode: leafCodes[Int(p6 &- bottom)], row: firstRow + 6) }
            if reached > 7 { tally.add(leafCode: leafCodes[Int(p7 &- bottom)], row: firstRow + 7) }
            firstRow += Self.lanes
            values += featureCount * Self.lanes
        }
    }

    /// One step down a complete tree: child `2i + 1`, or `2i + 2` when the lane's value is
    /// above the threshold (never for a pass-through leaf, whose threshold is +infinity).
    @inline(__always)
    private static func step(_ position: UInt32, lane: Int, _ values: UnsafePointer<Float>, _ nodes: UnsafePointer<CompleteNode>) -> UInt32
    {
        let node = nodes[Int(position)]
        return position &* 2 &+ 1 &+ (values[Int(node.featureOffset) &+ lane] > node.threshold ? 1 : 0)
    }

    /// Rows walked down a wide tree in lockstep: independent walks let the processor
    /// overlap the memory latency of one row's step with the others'.
    private static let lockstepRows = 16

    /// Groups of 16 row-major rows step until a step moves none of them (a leaf points to
    /// itself, a split never does). The first `uncheckedSteps` (the depth of the tree's
    /// shallowest leaf) cannot end a walk and skip that test. (Unrolling full groups of 16 by
    /// giving them a literal row count made the 500-tree benchmark 10 % slower.)
    @inline(never)
    private func walkWide(
        root: UInt32, uncheckedSteps: Int, nodes: UnsafePointer<WideNode>, leafCodes: UnsafePointer<Int32>,
        rows: UnsafePointer<Float>, rowCount: Int, tally: VoteTally
    ) {
        let p = featureCount
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: Self.lockstepRows) { position in
            let position = position.baseAddress!
            var groupStart = 0
            while groupStart < rowCount {
                let groupRows = rows + groupStart * p
                Self.walkGroup(
                    min(Self.lockstepRows, rowCount - groupStart), root: root, uncheckedSteps: uncheckedSteps, nodes: nodes,
                    rows: groupRows, featureCount: p, position: position)
                for j in 0..<min(Self.lockstepRows, rowCount - groupStart) {
                    tally.add(leafCode: leafCodes[Int(position[j])], row: groupStart + j)
                }
                groupStart += Self.lockstepRows
            }
        }
    }

    @inline(__always)
    private static func walkGroup(
        _ groupSize: Int, root: UInt32, uncheckedSteps: Int, nodes: UnsafePointer<WideNode>,
        rows: UnsafePointer<Float>, featureCount p: Int, position: UnsafeMutablePointer<UInt32>
    ) {
        for j in 0..<groupSize { position[j] = root }
        // Each row's values are reached by stepping a pointer (no multiply per step).
        for _ in 0..<uncheckedSteps {
            var row = rows
            for j in 0..<groupSize {
                let node = nodes[Int(position[j])]
                position[j] = node.left &+ (row[Int(node.feature)] > node.threshold ? 1 : 0)
                row += p
            }
        }
        var moved: UInt32
        repeat {
            moved = 0
            var row = rows
            for j in 0..<groupSize {
                let current = position[j]
                let node = nodes[Int(current)]
                let next = node.left &+ (row[Int(node.feature)] > node.threshold ? 1 : 0)
                position[j] = next
                moved |= next ^ current
                row += p
            }
        } while moved != 0
    }
}

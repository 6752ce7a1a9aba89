import AtlasTestSupport
import XCTest

@testable import PermafrostKernels

/// The binned split search against the definition: samples sorted by value, every boundary
/// between distinct values scored, the first best kept.
final class GiniSplitSearchTests: XCTestCase {
    func testTablesRankDistinctValuesAndCountMinusZeroAsZero() throws {
        let data = try RandomForestTrainingData(
            features: [2.5, -1, 0, -0.0, 2.5, 7, -3], labels: [0, 1, 2, 0, 1, 2, 0],
            featureNames: ["x"], classLabels: ["a", "b", "c"])
        let tables = ForestTrainingTables(data: data, classWeighting: .none)
        XCTAssertEqual(tables.distinctValues, [-3, -1, 0, 2.5, 7])
        XCTAssertEqual(tables.distinctStart, [0, 5])
        XCTAssertEqual(tables.classBits, 2)
        let ranks = tables.binKeys.map { $0 >> 2 }, classes = tables.binKeys.map { $0 & 3 }
        XCTAssertEqual(ranks, [3, 1, 2, 2, 3, 4, 0])
        XCTAssertEqual(classes, [0, 1, 2, 0, 1, 2, 0])
        // Five distinct values in seven samples: a fine feature, kept in value order too.
        XCTAssertEqual(tables.fineFeatures, [0])
        XCTAssertEqual(tables.sortedSamples, [6, 1, 2, 3, 0, 4, 5])
        XCTAssertEqual(ForestTrainingTables.bits(forClassCount: 1), 0)
        XCTAssertEqual(ForestTrainingTables.bits(forClassCount: 2), 1)
        XCTAssertEqual(ForestTrainingTables.bits(forClassCount: 8), 3)
        XCTAssertEqual(ForestTrainingTables.bits(forClassCount: 9), 4)
    }

    func testRadixSortAgreesWithTheStandardSort() {
        var random = SeededRandom(seed: 21)
        for (count, largest) in [(0, 5), (1, 5), (31, 1000), (33, 200), (500, 70_000), (2000, 1 << 31)] as [(Int, UInt32)] {
            var keys = (0..<count).map { _ in UInt32(random.uniform() * Double(largest)) }
            let expected = keys.sorted()
            var scratch = [UInt32](repeating: 0, count: count)
            keys.withUnsafeMutableBufferPointer { keys in
                scratch.withUnsafeMutableBufferPointer { scratch in
                    RankRadixSort.sort(keys.baseAddress!, count: count, largest: largest, scratch: scratch.baseAddress!)
                }
            }
            XCTAssertEqual(keys, expected, "count \(count)")
        }
    }

    /// Nodes of every size on features of few and of many distinct values, so that both
    /// ways of visiting the ranks (all of the span, or sorted keys) are taken.
    func testSearchFindsTheBestBoundaryOfASortedScan() throws {
        var random = SeededRandom(seed: 5)
        let sampleCount = 600, classCount = 5
        let distinctCounts = [3, 40, 600]
        var features: [Float] = []
        var labels: [Int] = []
        for _ in 0..<sampleCount {
            features += distinctCounts.map { Float(Int(random.uniform() * Double($0))) * 0.25 }
            labels.append(Int(random.uniform() * Double(classCount)))
        }
        let data = try RandomForestTrainingData(
            features: features, labels: labels, featureNames: ["few", "some", "many"],
            classLabels: (0..<classCount).map { "c\($0)" })
        let tables = ForestTrainingTables(data: data, classWeighting: .none)
        // More distinct values than an eighth of the samples: only "many".
        XCTAssertEqual(tables.fineFeatures, [2])
        for minLeaf in [1, 4] {
            for nodeSize in [2, 7, 30, 33, 150, 600] {
                var members = (0..<sampleCount).filter { _ in random.uniform() < Double(nodeSize) / Double(sampleCount) }
                if members.count < 2 { members = [0, 1] }
                let draws = members.map { _ in Int32(1 + Int(random.uniform() * 3)) }
                for feature in 0..<3 {
                    let expected = Self.bruteForce(
                        data: data, feature: feature, members: members, draws: draws, classCount: classCount, minLeaf: minLeaf)
                    for inValueOrder in [false, true] {
                        let found = try Self.search(
                            tables: tables, feature: feature, members: members, draws: draws, minLeaf: minLeaf, inValueOrder: inValueOrder)
                        let context = "feature \(feature), \(members.count) samples, min leaf \(minLeaf), in value order \(inValueOrder)"
                        XCTAssertEqual(found.varies, expected.varies, context)
                        XCTAssertEqual(found.split.criterion, expected.criterion, context)
                        if expected.criterion > -.infinity {
                            let values = tables.distinctValues[tables.distinctStart[feature]...]
                            XCTAssertEqual(values[values.startIndex + found.split.leftRank], expected.below, context)
                            XCTAssertEqual(values[values.startIndex + found.split.rightRank], expected.above, context)
                        }
                    }
                }
            }
        }
    }

    func testTiesGoToTheLowestBoundary() throws {
        // Classes a b b a at four values: cutting after the first or after the third scores
        // 1/1 + 5/3 either way; the first is kept, as a scan in value order keeps it. The
        // neighbouring members take the span walk; members far apart in a feature of many
        // values take the sorted keys.
        let count = 1000
        let labels = (0..<count).map { [0, 333, 666, 999].contains($0) ? ($0 == 0 || $0 == 999 ? 0 : 1) : $0 % 2 }
        let labelsNear = (0..<count).map { $0 < 4 ? [0, 1, 1, 0][$0] : $0 % 2 }
        for (labels, members) in [(labelsNear, [0, 1, 2, 3]), (labels, [0, 333, 666, 999])] {
            let data = try RandomForestTrainingData(
                features: (0..<count).map(Float.init), labels: labels, featureNames: ["x"], classLabels: ["a", "b"])
            let tables = ForestTrainingTables(data: data, classWeighting: .none)
            for inValueOrder in [false, true] {
                let found = try Self.search(
                    tables: tables, feature: 0, members: members, draws: [1, 1, 1, 1], minLeaf: 1, inValueOrder: inValueOrder)
                XCTAssertEqual(found.split.criterion, 1 + 5.0 / 3.0)
                XCTAssertEqual(tables.distinctValues[found.split.leftRank], Float(members[0]), "\(members)")
                XCTAssertEqual(tables.distinctValues[found.split.rightRank], Float(members[1]), "\(members)")
            }
        }
    }

    /// The search over bins, or with `inValueOrder` over the members sorted by value (as a
    /// fine feature's block holds them).
    private static func search(
        tables: ForestTrainingTables, feature: Int, members: [Int], draws: [Int32], minLeaf: Int, inValueOrder: Bool
    ) throws -> (split: GiniSplitSearch.Split, varies: Bool) {
        let n = tables.sampleCount, k = tables.classCount
        var weight = [Double](repeating: 0, count: n), inBag = [Int32](repeating: 0, count: n)
        for (member, draw) in zip(members, draws) {
            weight[member] = Double(draw)
            inBag[member] = draw
        }
        var classTotals = [Double](repeating: 0, count: k)
        for member in members { classTotals[Int(tables.labels[member])] += weight[member] }
        let memberIndices = members.map { UInt32($0) }
        let ordered = memberIndices.sorted { (tables.binKeys[feature * n + Int($0)], $0) < (tables.binKeys[feature * n + Int($1)], $1) }
        return tables.binKeys.withUnsafeBufferPointer { keys in
            tables.distinctValues.withUnsafeBufferPointer { values in
                tables.labels.withUnsafeBufferPointer { labels in
                    // Bins for every feature: the fine one is searched both ways here.
                    let view = ForestTrainingView(
                        sampleCount: n, featureCount: tables.featureCount, classCount: k, binKeys: keys.baseAddress!,
                        classBits: tables.classBits, distinctValues: values.baseAddress!, distinctStart: tables.distinctStart,
                        largestDistinctCount: (0..<tables.featureCount).map(tables.distinctCount).max()!, labels: labels.baseAddress!,
                        classWeights: tables.classWeights, fineFeatures: tables.fineFeatures, sortedSamples: nil)
                    let search = GiniSplitSearch(tables: view, minLeafSize: minLeaf)
                    var best = GiniSplitSearch.Split()
                    let varies = memberIndices.withUnsafeBufferPointer { memberPointer in
                        classTotals.withUnsafeBufferPointer { totals in
                            ordered.withUnsafeBufferPointer { ordered in
                                let node = GiniSplitSearch.Node(
                                    members: memberPointer.baseAddress!, count: members.count, classTotals: totals.baseAddress!,
                                    weight: classTotals.reduce(0, +), sumOfSquares: classTotals.map { $0 * $0 }.reduce(0, +),
                                    draws: draws.reduce(0, +))
                                return inValueOrder
                                    ? search.search(
                                        feature: feature, sortedSamples: ordered.baseAddress!, node: node, sampleWeight: weight,
                                        inBagCount: inBag, best: &best)
                                    : search.search(feature: feature, node: node, sampleWeight: weight, inBagCount: inBag, best: &best)
                            }
                        }
                    }
                    return (best, varies)
                }
            }
        }
    }

    /// The definition: sort by value, score each boundary between distinct values whose
    /// sides both hold `minLeaf` draws, keep the first largest score.
    private static func bruteForce(
        data: RandomForestTrainingData, feature: Int, members: [Int], draws: [Int32], classCount: Int, minLeaf: Int
    ) -> (criterion: Double, below: Float, above: Float, varies: Bool) {
        let p = data.featureCount
        let order = members.indices.sorted { data.features[members[$0] * p + feature] < data.features[members[$1] * p + feature] }
        let value = { (index: Int) in data.features[members[order[index]] * p + feature] }
        var best = (criterion: -Double.infinity, below: Float(0), above: Float(0))
        let totalDraws = Int(draws.reduce(0, +))
        for cut in 1..<order.count where value(cut - 1) < value(cut) {
            var left = [Double](repeating: 0, count: classCount), right = left
            var leftDraws = 0
            for (position, index) in order.enumerated() {
                let label = data.labels[members[index]]
                if position < cut {
                    left[label] += Double(draws[index])
                    leftDraws += Int(draws[index])
                } else {
                    right[label] += Double(draws[index])
                }
            }
            guard leftDraws >= minLeaf && totalDraws - leftDraws >= minLeaf else { continue }
            let criterion =
                left.map { $0 * $0 }.reduce(0, +) / left.reduce(0, +) + right.map { $0 * $0 }.reduce(0, +) / right.reduce(0, +)
            if criterion > best.criterion { best = (criterion, value(cut - 1), value(cut)) }
        }
        return (best.criterion, best.below, best.above, value(0) < value(order.count - 1))
    }
}

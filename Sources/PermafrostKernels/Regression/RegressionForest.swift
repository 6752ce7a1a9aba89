/// A random forest of regression trees (Breiman 2001) for MAGT, METHOD's second method: each
/// tree grows on a bootstrap sample of the boreholes, splitting on the best of `mtry` random
/// predictors by the fall of the squared error, down to `minimumLeafSize` boreholes; a
/// prediction is the mean of the trees'. Written here rather than taken from the vegetation
/// classifier: that one grows classification trees (Gini, votes) for thousands of samples,
/// this one averages values for tens of boreholes.
public struct RegressionForest: Codable, Sendable, Equatable {
    /// One tree in flat arrays: node i splits on `feature[i]` at `threshold[i]` (a value <=
    /// threshold goes left) or, with feature -1, is a leaf predicting `value[i]`.
    public struct Tree: Codable, Sendable, Equatable {
        public var feature: [Int]
        public var threshold: [Double]
        public var left: [Int]
        public var right: [Int]
        public var value: [Double]

        func predict(_ row: UnsafeBufferPointer<Double>) -> Double {
            var node = 0
            while feature[node] >= 0 { node = row[feature[node]] <= threshold[node] ? left[node] : right[node] }
            return value[node]
        }
    }

    public struct Parameters: Sendable, Equatable {
        public var trees = 500
        /// Predictors tried at each split; nil: a third of them (at least 1), the usual for regression.
        public var mtry: Int?
        public var minimumLeafSize = 3
        public var seed: UInt64 = 1
        public init() {}
    }

    public var trees: [Tree]
    /// RMSE of each borehole predicted by the trees whose bootstrap left it out.
    public var outOfBagRMSE: Double?

    public func predict(_ row: UnsafeBufferPointer<Double>) -> Double {
        trees.reduce(0) { $0 + $1.predict(row) } / Double(trees.count)
    }

    /// Grows the forest on `rows` (one per borehole, equal lengths) and `response`.
    public static func fit(rows: [[Double]], response: [Double], parameters: Parameters = Parameters()) -> RegressionForest {
        let n = rows.count, p = rows.first?.count ?? 0
        let mtry = min(p, max(1, parameters.mtry ?? p / 3))
        var random = SplitMix(seed: parameters.seed)
        var trees: [Tree] = []
        var outOfBagSum = [Double](repeating: 0, count: n), outOfBagCount = [Int](repeating: 0, count: n)
        for _ in 0..<parameters.trees {
            let sample = (0..<n).map { _ in Int(random.next() % UInt64(n)) }
            var tree = Tree(feature: [], threshold: [], left: [], right: [], value: [])
            grow(
                &tree, members: sample, rows: rows, response: response, mtry: mtry, minimumLeaf: parameters.minimumLeafSize, random: &random
            )
            let inBag = Set(sample)
            for index in 0..<n where !inBag.contains(index) {
                outOfBagSum[index] += rows[index].withUnsafeBufferPointer { tree.predict($0) }
                outOfBagCount[index] += 1
            }
            trees.append(tree)
        }
        let errors = (0..<n).filter { outOfBagCount[$0] > 0 }.map { outOfBagSum[$0] / Double(outOfBagCount[$0]) - response[$0] }
        let rmse = errors.isEmpty ? nil : (errors.reduce(0) { $0 + $1 * $1 } / Double(errors.count)).squareRoot()
        return RegressionForest(trees: trees, outOfBagRMSE: rmse)
    }

    /// Adds the node for `members` (and its subtree) to `tree`; returns its index.
    @discardableResult
    private static func grow(
        _ tree: inout Tree, members: [Int], rows: [[Double]], response: [Double], mtry: Int, minimumLeaf: Int,
        random: inout SplitMix
    ) -> Int {
        let index = tree.feature.count
        let mean = members.reduce(0) { $0 + response[$1] } / Double(members.count)
        tree.feature.append(-1)
        tree.threshold.append(0)
        tree.left.append(-1)
        tree.right.append(-1)
        tree.value.append(mean)
        guard members.count >= 2 * minimumLeaf, let split = bestSplit(members, rows, response, mtry, minimumLeaf, &random) else {
            return index
        }
        let leftMembers = members.filter { rows[$0][split.feature] <= split.threshold }
        let rightMembers = members.filter { rows[$0][split.feature] > split.threshold }
        tree.feature[index] = split.feature
        tree.threshold[index] = split.threshold
        tree.left[index] = grow(
            &tree, members: leftMembers, rows: rows, response: response, mtry: mtry, minimumLeaf: minimumLeaf, random: &random)
        tree.right[index] = grow(
            &tree, members: rightMembers, rows: rows, response: response, mtry: mtry, minimumLeaf: minimumLeaf, random: &random)
        return index
    }

    /// The split of `members` among `mtry` random features that lowers the squared error most,
    /// at the midpoint between neighbouring values; nil when no split leaves `minimumLeaf` on
    /// both sides or none lowers it.
    private static func bestSplit(
        _ members: [Int], _ rows: [[Double]], _ response: [Double], _ mtry: Int, _ minimumLeaf: Int, _ random: inout SplitMix
    ) -> (feature: Int, threshold: Double)? {
        var features = Array(0..<rows[0].count)
        for position in 0..<mtry {  // partial Fisher-Yates: the first mtry are a random choice
            let other = position + Int(random.next() % UInt64(features.count - position))
            features.swapAt(position, other)
        }
        let total = members.reduce(0) { $0 + response[$1] }, count = Double(members.count)
        var best: (feature: Int, threshold: Double, gain: Double)?
        for feature in features.prefix(mtry) {
            let sorted = members.sorted { rows[$0][feature] < rows[$1][feature] }
            var leftSum = 0.0
            for position in 0..<(sorted.count - 1) {
                leftSum += response[sorted[position]]
                let leftCount = Double(position + 1)
                let here = rows[sorted[position]][feature], next = rows[sorted[position + 1]][feature]
                guard position + 1 >= minimumLeaf, sorted.count - position - 1 >= minimumLeaf, here < next else { continue }
                // Fall of the squared error: sum_L^2 / n_L + sum_R^2 / n_R - sum^2 / n.
                let rightSum = total - leftSum
                let gain = leftSum * leftSum / leftCount + rightSum * rightSum / (count - leftCount) - total * total / count
                if gain > (best?.gain ?? 1e-12) { best = (feature, (here + next) / 2, gain) }
            }
        }
        return best.map { ($0.feature, $0.threshold) }
    }
}

/// SplitMix64 (Steele et al. 2014): the forest's own deterministic random numbers.
struct SplitMix {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Class areas adjusted for classification error, with 95 % confidence intervals, after
/// Olofsson et al. (2014, Remote Sensing of Environment 148): the accuracy sample is taken as
/// stratified by map class, each map class weighted by its share of the mapped area.
///
/// With n_ij the sample counts of map class i and reference class j, n_i. their row sums and
/// W_i = mapped area of i / total area:
///     p_ij = W_i n_ij / n_i.              (estimated area proportions)
///     area_j = A sum_i p_ij
///     SE(p_.j) = sqrt(sum_i W_i^2 (n_ij / n_i.)(1 - n_ij / n_i.) / (n_i. - 1))
///     95 % interval: area_j +/- 1.96 A SE(p_.j)
/// User's accuracy of i = p_ii / p_i., producer's of j = p_jj / p_.j, overall = sum p_jj.
public enum ErrorAdjustedArea {
    public struct Estimate: Codable, Sendable, Equatable {
        public var mappedArea: Double
        public var adjustedArea: Double
        /// Half-width of the 95 % confidence interval, in the unit of the areas.
        public var confidenceHalfWidth: Double
        public var usersAccuracy: Double?
        public var producersAccuracy: Double?
    }

    /// One estimate per class. `confusion` has rows reference and columns map class (the
    /// project's `ConfusionMatrix`); `mappedAreas` are per class in any unit. Classes with no
    /// sample in their map row contribute their mapped area as is (no information to adjust).
    public static func estimate(confusion: ConfusionMatrix, mappedAreas: [Double]) -> (classes: [Estimate], overallAccuracy: Double) {
        let k = confusion.classCount
        precondition(mappedAreas.count == k, "one mapped area per class")
        let total = mappedAreas.reduce(0, +)
        guard total > 0 else { return (mappedAreas.map { .init(mappedArea: $0, adjustedArea: $0, confidenceHalfWidth: 0) }, .nan) }
        // n[i][j]: map class i, reference class j.
        let n = (0..<k).map { i in (0..<k).map { j in Double(confusion[reference: j, predicted: i]) } }
        let rowTotals = n.map { $0.reduce(0, +) }
        let weights = mappedAreas.map { $0 / total }
        var proportions = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
        for i in 0..<k {
            for j in 0..<k {
                proportions[i][j] = rowTotals[i] > 0 ? weights[i] * n[i][j] / rowTotals[i] : (i == j ? weights[i] : 0)
            }
        }
        let columnTotals = (0..<k).map { j in (0..<k).reduce(0) { $0 + proportions[$1][j] } }
        let estimates = (0..<k).map { j -> Estimate in
            var variance = 0.0
            for i in 0..<k where rowTotals[i] > 1 {
                let share = n[i][j] / rowTotals[i]
                variance += weights[i] * weights[i] * share * (1 - share) / (rowTotals[i] - 1)
            }
            let mapRow = proportions[j].reduce(0, +)
            return Estimate(
                mappedArea: mappedAreas[j], adjustedArea: total * columnTotals[j],
                confidenceHalfWidth: 1.96 * total * variance.squareRoot(),
                usersAccuracy: rowTotals[j] > 0 && mapRow > 0 ? proportions[j][j] / mapRow : nil,
                producersAccuracy: columnTotals[j] > 0 ? proportions[j][j] / columnTotals[j] : nil)
        }
        return (estimates, (0..<k).reduce(0) { $0 + proportions[$1][$1] })
    }
}

/// Counts of reference (true) class against predicted class, with the usual accuracy
/// statistics of remote-sensing classification (Congalton 1991): overall accuracy, Cohen's
/// kappa, producer's accuracy (per reference class, 1 - omission error) and user's accuracy
/// (per predicted class, 1 - commission error). Rows are reference, columns predicted.
/// Used for out-of-bag estimates and for independent check data alike.
public struct ConfusionMatrix: Codable, Sendable, Equatable {
    public let classCount: Int
    /// Row-major: `counts[reference * classCount + predicted]`.
    public private(set) var counts: [Int]

    /// An all-zero matrix.
    public init(classCount: Int) {
        self.classCount = classCount
        counts = [Int](repeating: 0, count: classCount * classCount)
    }

    /// A matrix from row-major counts (rows reference, columns predicted).
    public init(classCount: Int, counts: [Int]) throws {
        guard counts.count == classCount * classCount else {
            throw RandomForestError.invalidConfusionMatrix(
                "confusion matrix has \(counts.count) counts, expected \(classCount) x \(classCount)")
        }
        if let negative = counts.firstIndex(where: { $0 < 0 }) {
            throw RandomForestError.invalidConfusionMatrix(
                "confusion matrix row \(negative / classCount), column \(negative % classCount): count \(counts[negative]) is negative")
        }
        self.classCount = classCount
        self.counts = counts
    }

    private enum CodingKeys: String, CodingKey { case classCount, counts }

    /// Decodes and checks that the counts fill a classCount x classCount matrix.
    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        try self.init(
            classCount: container.decode(Int.self, forKey: .classCount),
            counts: container.decode([Int].self, forKey: .counts))
    }

    /// Tallies paired class indices; pairs where either index is negative (no data) are skipped.
    public init(classCount: Int, reference: [Int], predicted: [Int]) throws {
        guard reference.count == predicted.count else {
            throw RandomForestError.invalidConfusionMatrix("\(reference.count) reference classes but \(predicted.count) predicted classes")
        }
        self.init(classCount: classCount)
        for (i, (truth, guess)) in zip(reference, predicted).enumerated() where truth >= 0 && guess >= 0 {
            guard truth < classCount && guess < classCount else {
                throw RandomForestError.invalidConfusionMatrix("pair \(i): class index \(max(truth, guess)) is outside 0..<\(classCount)")
            }
            counts[truth * classCount + guess] += 1
        }
    }

    /// Adds one observation (indices must lie in 0..<classCount).
    public mutating func add(reference: Int, predicted: Int) {
        counts[reference * classCount + predicted] += 1
    }

    public subscript(reference reference: Int, predicted predicted: Int) -> Int {
        counts[reference * classCount + predicted]
    }

    public var total: Int { counts.reduce(0, +) }

    /// Samples per reference class (row sums).
    public var referenceTotals: [Int] {
        (0..<classCount).map { row in (0..<classCount).reduce(0) { $0 + counts[row * classCount + $1] } }
    }

    /// Samples per predicted class (column sums).
    public var predictedTotals: [Int] {
        (0..<classCount).map { column in (0..<classCount).reduce(0) { $0 + counts[$1 * classCount + column] } }
    }

    private var correct: Int { (0..<classCount).reduce(0) { $0 + counts[$1 * classCount + $1] } }

    /// Share of samples on the diagonal; nil for an empty matrix.
    public var overallAccuracy: Double? {
        let n = total
        return n > 0 ? Double(correct) / Double(n) : nil
    }

    /// Cohen's kappa, (p_o - p_e) / (1 - p_e) with p_e = sum_k rows_k * columns_k / n^2;
    /// nil when empty or when p_e = 1 (a single class everywhere: kappa is undefined).
    public var kappa: Double? {
        let n = Double(total)
        guard n > 0 else { return nil }
        let rows = referenceTotals, columns = predictedTotals
        let observed = Double(correct) / n
        let expected = zip(rows, columns).reduce(0.0) { $0 + Double($1.0) * Double($1.1) } / (n * n)
        guard expected < 1 else { return nil }
        return (observed - expected) / (1 - expected)
    }

    /// Per reference class: correct / row total (nil when the class has no reference sample).
    public var producersAccuracy: [Double?] {
        zip(0..<classCount, referenceTotals).map { k, rowTotal in
            rowTotal > 0 ? Double(counts[k * classCount + k]) / Double(rowTotal) : nil
        }
    }

    /// Per predicted class: correct / column total (nil when the class was never predicted).
    public var usersAccuracy: [Double?] {
        zip(0..<classCount, predictedTotals).map { k, columnTotal in
            columnTotal > 0 ? Double(counts[k * classCount + k]) / Double(columnTotal) : nil
        }
    }
}

/// Labelled samples for random-forest training, checked once on construction.
public struct RandomForestTrainingData: Sendable {
    /// Feature values, row-major: `features[sample * featureCount + feature]`; all finite.
    public let features: [Float]
    /// Class index (0..<classCount) of each sample.
    public let labels: [Int]
    /// One name per feature, in column order (e.g. "B4", "NDVI").
    public let featureNames: [String]
    /// One name per class; class index k is `classLabels[k]`.
    public let classLabels: [String]

    public var sampleCount: Int { labels.count }
    public var featureCount: Int { featureNames.count }
    public var classCount: Int { classLabels.count }

    /// Throws `RandomForestError.invalidTrainingData` when counts disagree, a value is not
    /// finite, a label is out of range or a class has no sample.
    public init(features: [Float], labels: [Int], featureNames: [String], classLabels: [String]) throws {
        func fail(_ message: String) -> RandomForestError { .invalidTrainingData(message) }
        let featureCount = featureNames.count
        let classCount = classLabels.count
        if featureCount == 0 { throw fail("training data needs at least one feature") }
        if classCount == 0 { throw fail("training data needs at least one class label") }
        if labels.isEmpty { throw fail("training data has no samples") }
        if features.count != labels.count * featureCount {
            throw fail(
                "training data has \(features.count) feature values, expected \(labels.count) samples x \(featureCount) features = \(labels.count * featureCount)"
            )
        }
        if labels.count > Int(Int32.max) { throw fail("training data has \(labels.count) samples, at most \(Int32.max) are supported") }
        // Training bins (sample rank, class) by a 32-bit key: rank << classBits | class.
        let classBits = ForestTrainingTables.bits(forClassCount: classCount)
        if classBits >= 32 || labels.count > Int(UInt32.max) >> classBits {
            throw fail("training data has \(labels.count) samples of \(classCount) classes, too many to index with 32 bits")
        }
        var counts = [Int](repeating: 0, count: classCount)
        for (sample, label) in labels.enumerated() {
            guard label >= 0 && label < classCount else {
                throw fail("training sample \(sample): class index \(label) is outside 0..<\(classCount)")
            }
            counts[label] += 1
        }
        if let empty = counts.firstIndex(of: 0) {
            throw fail("class \(empty) (\"\(classLabels[empty])\") has no training sample")
        }
        if let bad = features.firstIndex(where: { !$0.isFinite }) {
            let sample = bad / featureCount
            let feature = bad % featureCount
            throw fail("training sample \(sample): feature \"\(featureNames[feature])\" is \(features[bad]), values must be finite")
        }
        self.features = features
        self.labels = labels
        self.featureNames = featureNames
        self.classLabels = classLabels
    }

    /// Number of samples in each class.
    public var classCounts: [Int] {
        var counts = [Int](repeating: 0, count: classCount)
        for label in labels { counts[label] += 1 }
        return counts
    }
}

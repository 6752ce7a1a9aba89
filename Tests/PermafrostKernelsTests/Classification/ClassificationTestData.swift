import AtlasTestSupport
import PermafrostKernels

/// Small deterministic datasets for the random-forest tests (SplitMix64 stream).
enum ClassificationTestData {
    /// `count` samples with features U(0,1): feature 0 decides the class (x0 > 0.5 is
    /// class 1), a share `labelNoise` of labels is flipped, the other features are noise.
    /// The best possible accuracy is therefore 1 - labelNoise.
    static func noisyThreshold(count: Int, featureCount: Int, labelNoise: Float, seed: UInt64) throws -> RandomForestTrainingData {
        var random = SeededRandom(seed: seed)
        var features: [Float] = []
        var labels: [Int] = []
        for _ in 0..<count {
            let row = (0..<featureCount).map { _ in random.uniformFloat() }
            features += row
            let clean = row[0] > 0.5 ? 1 : 0
            labels.append(random.uniformFloat() < labelNoise ? 1 - clean : clean)
        }
        return try RandomForestTrainingData(
            features: features, labels: labels,
            featureNames: (0..<featureCount).map { $0 == 0 ? "signal" : "noise\($0)" },
            classLabels: ["low", "high"])
    }

    /// Three well separated square clusters in two features, `perClass` samples each.
    static func separableClusters(perClass: Int, seed: UInt64) throws -> RandomForestTrainingData {
        var random = SeededRandom(seed: seed)
        let centres: [(Float, Float)] = [(0, 0), (10, 0), (5, 10)]
        var features: [Float] = []
        var labels: [Int] = []
        for sample in 0..<(3 * perClass) {
            let label = sample % 3
            features += [centres[label].0 + 2 * random.uniformFloat(), centres[label].1 + 2 * random.uniformFloat()]
            labels.append(label)
        }
        return try RandomForestTrainingData(
            features: features, labels: labels, featureNames: ["red", "nir"],
            classLabels: ["water", "meadow", "steppe"])
    }
}

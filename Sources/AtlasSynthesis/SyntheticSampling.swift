import AtlasCore
import Foundation

/// Picks the vegetation sample points while the class map streams past. Every pixel off the
/// scene's outer ring (where the pipeline's terrain layers are nodata) gets a hash key; each
/// class keeps the `capacity` pixels with the smallest keys. That is a uniform random sample
/// of the class that does not depend on block order or thread count, in memory that does not
/// grow with the scene.
struct VegetationSampleCollector {
    struct Candidate: Sendable {
        let key: UInt64
        let column: Int
        let row: Int
        let vegetation: SyntheticVegetationClass
    }

    static let sampleCount = 184
    static let minimumPerClass = 8
    /// A per-pixel hash channel apart from those of the image noise (0...13).
    static let keyChannel = 100

    let capacity = VegetationSampleCollector.sampleCount
    private(set) var candidates = [[Candidate]](repeating: [], count: SyntheticVegetationClass.allCases.count)
    /// Pixels of each class (off the outer ring) seen so far.
    private(set) var pixelCounts = [Int](repeating: 0, count: SyntheticVegetationClass.allCases.count)
    /// Keys at or above a full class's largest kept key cannot enter it.
    private var thresholds = [UInt64](repeating: .max, count: SyntheticVegetationClass.allCases.count)

    /// The candidates of one block, for `merge`; runs on a worker thread.
    static func candidates(of block: SyntheticScene.Block, scene: SyntheticScene) -> VegetationSampleCollector {
        var collector = VegetationSampleCollector()
        let noise = PixelNoise(seed: scene.seed)
        let window = block.window
        for row in max(1, window.row)..<min(scene.height - 1, window.endRow) {
            for column in max(1, window.column)..<min(scene.width - 1, window.endColumn) {
                let code = block.classes[(row - window.row) * window.width + column - window.column]
                let vegetation = SyntheticVegetationClass(rawValue: code)!
                collector.add(
                    Candidate(
                        key: noise.bits(Self.keyChannel, column: column, row: row),
                        column: column, row: row, vegetation: vegetation))
            }
        }
        collector.trim()
        return collector
    }

    mutating func merge(_ other: VegetationSampleCollector) {
        for index in candidates.indices {
            pixelCounts[index] += other.pixelCounts[index]
            candidates[index] += other.candidates[index]
        }
        trim()
    }

    /// The sample: `sampleCount` points, at least `minimumPerClass` of each class and the rest
    /// shared in proportion to class area, in random (key) order.
    func select() throws -> [Candidate] {
        if let scarce = SyntheticVegetationClass.allCases.first(where: { pixelCounts[index($0)] < Self.minimumPerClass }) {
            throw SynthesisError.tooSmall(
                file: SynthesisStage.FileName.samples,
                reason: "the scene has only \(pixelCounts[index(scarce)]) pixels of "
                    + "\(scarce.name); the samples need \(Self.minimumPerClass) of each class (make the scene larger)")
        }
        var allocation = [Int](repeating: Self.minimumPerClass, count: candidates.count)
        let total = Double(pixelCounts.reduce(0, +))
        let targets = pixelCounts.map { Double($0) / total * Double(Self.sampleCount) }
        // Largest deficit first, one point at a time: proportional, and exact in total.
        for _ in allocation.reduce(0, +)..<Self.sampleCount {
            let open = candidates.indices.filter { allocation[$0] < candidates[$0].count }
            guard let neediest = open.max(by: { targets[$0] - Double(allocation[$0]) < targets[$1] - Double(allocation[$1]) }) else {
                break
            }
            allocation[neediest] += 1
        }
        return zip(candidates, allocation).flatMap { $0.prefix($1) }.sorted { $0.key < $1.key }
    }

    private mutating func add(_ candidate: Candidate) {
        let index = index(candidate.vegetation)
        pixelCounts[index] += 1
        guard candidate.key < thresholds[index] else { return }
        candidates[index].append(candidate)
        if candidates[index].count >= 4 * capacity { trim() }
    }

    /// Keeps the `capacity` smallest keys of each class, in ascending key order.
    private mutating func trim() {
        for index in candidates.indices where candidates[index].count > capacity || !isSorted(index) {
            candidates[index] = Array(candidates[index].sorted { $0.key < $1.key }.prefix(capacity))
            if candidates[index].count == capacity { thresholds[index] = candidates[index][capacity - 1].key }
        }
    }

    private func isSorted(_ index: Int) -> Bool {
        zip(candidates[index], candidates[index].dropFirst()).allSatisfy { $0.key < $1.key }
    }

    private func index(_ vegetation: SyntheticVegetationClass) -> Int {
        Int(vegetation.rawValue) - 1
    }
}

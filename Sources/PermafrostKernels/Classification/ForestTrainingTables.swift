/// Training data rearranged once for all trees: each feature's distinct values in ascending
/// order, and for each sample the bin of its rank among them and its class. Trees then
/// search splits by adding sample weights into bins, never by comparing or sorting floats.
struct ForestTrainingTables: Sendable {
    let sampleCount: Int
    let featureCount: Int
    let classCount: Int
    /// `binKeys[feature * sampleCount + sample]` is `rank << classBits | class`, where rank
    /// is the index of the sample's value in that feature's distinct values.
    let binKeys: [UInt32]
    /// Bits that hold a class index in a bin key (a power-of-two stride turns the rank's
    /// division into a shift).
    let classBits: Int
    /// Every feature's distinct values, ascending, one after another; feature f's are
    /// `distinctValues[distinctStart[f]..<distinctStart[f + 1]]`.
    let distinctValues: [Float]
    let distinctStart: [Int]
    let labels: [Int32]
    /// Weight of one draw of a sample of each class.
    let classWeights: [Double]
    /// Features with more distinct values than an eighth of the samples ("fine" features:
    /// continuous values, 16-bit reflectances). Their bins would hold a sample each and a
    /// search would sort a node's keys, so trees keep these features' samples in value
    /// order instead (`sortedSamples`), as blocks partitioned at every split.
    let fineFeatures: [Int]
    /// Per fine feature, in `fineFeatures` order, every sample ascending by value (ties by
    /// sample): `sortedSamples[fine * sampleCount + position]`.
    let sortedSamples: [UInt32]

    func distinctCount(of feature: Int) -> Int { distinctStart[feature + 1] - distinctStart[feature] }

    /// The largest number of distinct values of a feature that is not fine: the most ranks a
    /// tree's split search bins.
    var largestCoarseDistinctCount: Int {
        (0..<featureCount).filter { !fineFeatures.contains($0) }.map(distinctCount).max() ?? 0
    }

    init(data: RandomForestTrainingData, classWeighting: RandomForestClassWeighting) {
        let n = data.sampleCount
        let p = data.featureCount
        sampleCount = n
        featureCount = p
        classCount = data.classCount
        labels = data.labels.map { Int32($0) }

        let classBits = Self.bits(forClassCount: data.classCount)
        self.classBits = classBits
        var binKeys = [UInt32](repeating: 0, count: n * p)
        var distinctValues: [Float] = []
        var distinctStart = [0]
        var fineFeatures: [Int] = []
        var sortedSamples: [UInt32] = []
        // Sorting (order-preserving bits << 32 | sample) as plain integers is several times
        // faster than sorting indices with a float comparison closure.
        var keys = [UInt64](repeating: 0, count: n)
        for feature in 0..<p {
            for sample in 0..<n {
                keys[sample] = UInt64(Self.orderedBits(data.features[sample * p + feature])) << 32 | UInt64(sample)
            }
            keys.sort()
            var rank = -1
            var previousBits: UInt64 = .max
            for key in keys {
                let bits = key >> 32
                if bits != previousBits {
                    rank += 1
                    previousBits = bits
                    distinctValues.append(Self.value(orderedBits: UInt32(bits)))
                }
                let sample = Int(key & 0xFFFF_FFFF)
                binKeys[feature * n + sample] = UInt32(rank << classBits | data.labels[sample])
            }
            distinctStart.append(distinctValues.count)
            if rank + 1 > n / 8 {
                fineFeatures.append(feature)
                sortedSamples += keys.map { UInt32(truncatingIfNeeded: $0) }
            }
        }
        self.fineFeatures = fineFeatures
        self.sortedSamples = sortedSamples
        self.binKeys = binKeys
        self.distinctValues = distinctValues
        self.distinctStart = distinctStart

        switch classWeighting {
        case .none:
            classWeights = [Double](repeating: 1, count: data.classCount)
        case .balanced:
            classWeights = data.classCounts.map { Double(n) / (Double(data.classCount) * Double($0)) }
        }
    }

    /// The bits needed for class indices 0..<classCount.
    static func bits(forClassCount classCount: Int) -> Int {
        classCount <= 1 ? 0 : Int.bitWidth - (classCount - 1).leadingZeroBitCount
    }

    /// The float's bits mapped so that unsigned order is numeric order; -0 counts as +0,
    /// because they compare equal and a split between them would send both the same way.
    static func orderedBits(_ value: Float) -> UInt32 {
        let bits = (value + 0).bitPattern
        return bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
    }

    static func value(orderedBits bits: UInt32) -> Float {
        Float(bitPattern: bits & 0x8000_0000 != 0 ? bits & 0x7FFF_FFFF : ~bits)
    }
}

/// Read-only pointers into `ForestTrainingTables`, valid while the tables are pinned.
struct ForestTrainingView {
    let sampleCount: Int
    let featureCount: Int
    let classCount: Int
    let binKeys: UnsafePointer<UInt32>
    let classBits: Int
    let distinctValues: UnsafePointer<Float>
    let distinctStart: [Int]
    /// The most distinct values of a feature searched by bins (sizes the bins).
    let largestDistinctCount: Int
    let labels: UnsafePointer<Int32>
    let classWeights: [Double]
    let fineFeatures: [Int]
    /// nil when there is no fine feature.
    let sortedSamples: UnsafePointer<UInt32>?
    /// True when every class weight is 1, so a bin's weight is its number of draws.
    var weightsAreDraws: Bool { classWeights.allSatisfy { $0 == 1 } }
}

/// Training data rearranged once for all trees: one contiguous column per feature and,
/// per feature, the sample indices sorted by value. Every tree then finds its in-bag
/// samples in sorted order by filtering, never by sorting.
struct ForestTrainingTables: Sendable {
    let sampleCount: Int
    let featureCount: Int
    let classCount: Int
    /// `columns[feature * sampleCount + sample]`.
    let columns: [Float]
    /// `sortedSamples[feature * sampleCount + rank]`, ascending by value, ties by sample index.
    let sortedSamples: [UInt32]
    let labels: [Int32]
    /// Weight of one draw of a sample of each class.
    let classWeights: [Double]

    init(data: RandomForestTrainingData, classWeighting: RandomForestClassWeighting) {
        let n = data.sampleCount
        let p = data.featureCount
        sampleCount = n
        featureCount = p
        classCount = data.classCount
        labels = data.labels.map { Int32($0) }

        var columns = [Float](repeating: 0, count: n * p)
        for sample in 0..<n {
            for feature in 0..<p {
                columns[feature * n + sample] = data.features[sample * p + feature]
            }
        }
        var sorted = [UInt32](repeating: 0, count: n * p)
        for feature in 0..<p {
            let base = feature * n
            let order = (0..<n).sorted { a, b in
                let va = columns[base + a], vb = columns[base + b]
                return va < vb || (va == vb && a < b)
            }
            for (rank, sample) in order.enumerated() { sorted[base + rank] = UInt32(sample) }
        }
        self.columns = columns
        self.sortedSamples = sorted

        switch classWeighting {
        case .none:
            classWeights = [Double](repeating: 1, count: data.classCount)
        case .balanced:
            let k = Double(data.classCount)
            classWeights = data.classCounts.map { Double(n) / (k * Double($0)) }
        }
    }
}

/// Read-only pointers into `ForestTrainingTables`, valid while the tables are pinned.
struct ForestTrainingView {
    let sampleCount: Int
    let featureCount: Int
    let classCount: Int
    let columns: UnsafePointer<Float>
    let sortedSamples: UnsafePointer<UInt32>
    let labels: UnsafePointer<Int32>
    let classWeights: [Double]
}

/// Exact statistics of a band's valid pixels (not nodata, not NaN), streamed block by block.
public struct BandStatistics: Sendable, Codable, Equatable {
    public var validCount: Int = 0
    public var nodataCount: Int = 0
    public var minimum: Double = .infinity
    public var maximum: Double = -.infinity
    // Welford's running mean and sum of squared deviations: stable for large rasters.
    public private(set) var mean: Double = 0
    private var squaredDeviations: Double = 0

    public init() {}

    public var standardDeviation: Double {
        validCount > 0 ? (squaredDeviations / Double(validCount)).squareRoot() : .nan
    }

    /// Adds one block of values; `noData` values and NaN count as nodata.
    public mutating func add(_ values: UnsafeBufferPointer<Double>, noData: Double?) {
        for value in values {
            if value.isNaN || value == noData {
                nodataCount += 1
                continue
            }
            validCount += 1
            minimum = Swift.min(minimum, value)
            maximum = Swift.max(maximum, value)
            let delta = value - mean
            mean += delta / Double(validCount)
            squaredDeviations += delta * (value - mean)
        }
    }
}

extension RasterBand {
    /// Reads the whole band block row by block row and returns its exact statistics.
    public func statistics(blockSize: Int = 512) throws -> BandStatistics {
        var statistics = BandStatistics()
        let noData = noDataValue
        var buffer = [Double](repeating: 0, count: dataset.width * blockSize)
        for block in BlockGrid(width: dataset.width, height: dataset.height, blockWidth: dataset.width, blockHeight: blockSize) {
            try buffer.withUnsafeMutableBufferPointer { all in
                let part = UnsafeMutableBufferPointer(rebasing: all[0..<block.core.pixelCount])
                try read(block.core, into: part)
                statistics.add(UnsafeBufferPointer(part), noData: noData)
            }
        }
        return statistics
    }
}

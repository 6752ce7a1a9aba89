/// Exact statistics of a band's valid pixels (not nodata, not NaN), streamed block by block.
public struct BandStatistics: Sendable, Codable, Equatable {
    public var validCount: Int = 0
    public var nodataCount: Int = 0
    public var minimum: Double = .infinity
    public var maximum: Double = -.infinity
    // Running mean and sum of squared deviations, merged block by block (Chan et al.): each
    // block's own mean and deviations are summed in two passes, then combined. Stable for
    // large rasters like Welford's per-value update, without its division per pixel.
    public private(set) var mean: Double = 0
    private var squaredDeviations: Double = 0

    public init() {}

    public var standardDeviation: Double {
        validCount > 0 ? (squaredDeviations / Double(validCount)).squareRoot() : .nan
    }

    /// Adds one block of values; `noData` values and NaN count as nodata.
    public mutating func add(_ values: UnsafeBufferPointer<Double>, noData: Double?) {
        accumulate(values, noData: noData)
    }

    public mutating func add(_ values: UnsafeBufferPointer<Float>, noData: Double?) {
        accumulate(values, noData: noData)
    }

    // Concrete entry points above: a public generic would run unspecialised from other modules.
    @inline(__always)
    private mutating func accumulate<Value: BinaryFloatingPoint>(_ values: UnsafeBufferPointer<Value>, noData: Double?) {
        var count = 0, sum = 0.0
        var low = Double.infinity, high = -Double.infinity
        for element in values {
            let value = Double(element)
            guard !(value.isNaN || value == noData) else { continue }
            count += 1
            sum += value
            low = Swift.min(low, value)
            high = Swift.max(high, value)
        }
        nodataCount += values.count - count
        guard count > 0 else { return }
        let blockMean = sum / Double(count)
        var blockDeviations = 0.0
        for element in values {
            let value = Double(element)
            guard !(value.isNaN || value == noData) else { continue }
            blockDeviations += (value - blockMean) * (value - blockMean)
        }
        let total = validCount + count
        let delta = blockMean - mean
        mean += delta * Double(count) / Double(total)
        squaredDeviations += blockDeviations + delta * delta * Double(validCount) * Double(count) / Double(total)
        validCount = total
        minimum = Swift.min(minimum, low)
        maximum = Swift.max(maximum, high)
    }
}

extension RasterBand {
    /// Reads the whole band block row by block row and returns its exact statistics.
    public func statistics(blockSize: Int = 512) throws -> BandStatistics {
        var statistics = BandStatistics()
        let noData = noDataValue
        // Square windows, not whole rows: memory is one window, however wide the raster.
        var buffer = [Double](repeating: 0, count: blockSize * blockSize)
        for block in BlockGrid(width: dataset.width, height: dataset.height, blockWidth: blockSize, blockHeight: blockSize) {
            try buffer.withUnsafeMutableBufferPointer { all in
                let part = UnsafeMutableBufferPointer(rebasing: all[0..<block.core.pixelCount])
                try read(block.core, into: part)
                statistics.add(UnsafeBufferPointer(part), noData: noData)
            }
        }
        return statistics
    }
}

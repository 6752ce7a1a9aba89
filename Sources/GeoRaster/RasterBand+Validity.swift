extension RasterBand {
    /// Whether any pixel holds a value: neither NaN nor (within two float ulps, as the
    /// pipeline reads nodata) the nodata value. Reads from the top a row of blocks (at most
    /// 16 MiB) at a time and stops at the first valid pixel, so a band with data costs one.
    public func containsValidPixel() throws -> Bool {
        let width = dataset.width, height = dataset.height
        let marker = noDataValue.map { Float($0) }
        let rowsPerRead = max(1, min(blockSize.height, height, (1 << 24) / (width * MemoryLayout<Float>.stride)))
        var buffer = [Float](repeating: 0, count: width * rowsPerRead)
        var row = 0
        while row < height {
            let window = RasterWindow(column: 0, row: row, width: width, height: min(rowsPerRead, height - row))
            let found = try buffer.withUnsafeMutableBufferPointer { all -> Bool in
                let strip = UnsafeMutableBufferPointer(rebasing: all[0..<window.pixelCount])
                try read(window, into: strip)
                return strip.contains { !$0.isNaN && !Self.matches($0, noData: marker) }
            }
            if found { return true }
            row += window.height
        }
        return false
    }

    /// Values of `window` (which may reach past the raster: outside is NaN) with nodata as NaN.
    public func readMaskingNoData(_ window: RasterWindow, into buffer: UnsafeMutableBufferPointer<Float>) throws {
        try read(window, fillingOutsideWith: Float.nan, into: buffer)
        guard let marker = noDataValue.map({ Float($0) }), !marker.isNaN else { return }
        for index in 0..<window.pixelCount where Self.matches(buffer[index], noData: marker) {
            buffer[index] = .nan
        }
    }

    /// A value within two float ulps of the nodata value counts as nodata, as in gdaldem.
    @inline(__always)
    static func matches(_ value: Float, noData marker: Float?) -> Bool {
        guard let marker, !marker.isNaN else { return false }
        return value == marker || abs(value - marker) < Float.ulpOfOne * 2 * abs(value + marker)
    }
}

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
                return strip.contains { value in
                    guard !value.isNaN else { return false }
                    guard let marker, !marker.isNaN else { return true }
                    return !(value == marker || abs(value - marker) < Float.ulpOfOne * 2 * abs(value + marker))
                }
            }
            if found { return true }
            row += window.height
        }
        return false
    }
}

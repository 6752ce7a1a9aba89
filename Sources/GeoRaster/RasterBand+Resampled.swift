import CGDAL

extension RasterBand {
    /// Reads `window` shrunk (or stretched) by nearest neighbour onto a bufferWidth x
    /// bufferHeight buffer, row-major. GDAL takes the pixels from the band's overviews when one
    /// is fine enough, so a small picture of a large cloud-optimised GeoTIFF reads few blocks;
    /// nearest keeps class codes and nodata values intact.
    public func read<T: RasterElement>(
        _ window: RasterWindow, bufferWidth: Int, bufferHeight: Int,
        into buffer: UnsafeMutableBufferPointer<T>
    ) throws {
        precondition(bufferWidth > 0 && bufferHeight > 0, "buffer sizes must be positive")
        precondition(buffer.count >= bufferWidth * bufferHeight, "buffer smaller than bufferWidth x bufferHeight")
        let extent = dataset.extent
        guard !window.isEmpty, window.intersection(extent) == window else {
            throw GeoRasterError(.runtime, path: path, "window \(window) lies outside the \(extent.width) x \(extent.height) raster")
        }
        let elementSize = MemoryLayout<T>.stride
        let rowsPerCall = max(1, min(bufferHeight, Self.maximumBytesPerCall / (bufferWidth * elementSize)))
        // Each call covers a fractional band of source rows, so splitting a large buffer picks
        // exactly the rows one call over the whole window would.
        let sourceRowsPerBufferRow = Double(window.height) / Double(bufferHeight)
        var row = 0
        while row < bufferHeight {
            let rows = min(rowsPerCall, bufferHeight - row)
            var extra = GDALRasterIOExtraArg()
            extra.nVersion = 1
            extra.eResampleAlg = GRIORA_NearestNeighbour
            extra.bFloatingPointWindowValidity = 1
            extra.dfXOff = Double(window.column)
            extra.dfXSize = Double(window.width)
            extra.dfYOff = Double(window.row) + Double(row) * sourceRowsPerBufferRow
            extra.dfYSize = Double(rows) * sourceRowsPerBufferRow
            let firstRow = Int(extra.dfYOff.rounded(.down))
            let endRow = min(window.endRow, Int((extra.dfYOff + extra.dfYSize).rounded(.up)))
            let chunk = UnsafeMutableRawPointer(buffer.baseAddress!) + row * bufferWidth * elementSize
            GDALErrorState.reset()
            let status = GDALRasterIOEx(
                handle, GF_Read, Int32(window.column), Int32(firstRow), Int32(window.width),
                Int32(endRow - firstRow), chunk, Int32(bufferWidth), Int32(rows),
                T.rasterDataType.gdal, GSpacing(elementSize), GSpacing(bufferWidth * elementSize), &extra)
            if status != CE_None {
                throw GeoRasterError(
                    .badInput, path: path, "cannot read band \(number), rows \(firstRow)..<\(endRow): the file is damaged or truncated",
                    gdalMessage: GDALErrorState.lastMessage())
            }
            row += rows
        }
    }

    public func read<T: RasterElement>(
        _ window: RasterWindow, bufferWidth: Int, bufferHeight: Int,
        as type: T.Type = T.self
    ) throws -> [T] {
        var values = [T](repeating: 0, count: bufferWidth * bufferHeight)
        try values.withUnsafeMutableBufferPointer {
            try read(window, bufferWidth: bufferWidth, bufferHeight: bufferHeight, into: $0)
        }
        return values
    }
}

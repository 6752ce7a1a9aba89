import GeoRaster

extension Array {
    /// The `core` part of values laid out over `padded` (a block read with its halo).
    func cropped(from padded: RasterWindow, to core: RasterWindow) -> [Element] {
        let dx = core.column - padded.column, dy = core.row - padded.row
        var result: [Element] = []
        result.reserveCapacity(core.pixelCount)
        for row in 0..<core.height {
            let start = (row + dy) * padded.width + dx
            result.append(contentsOf: self[start..<start + core.width])
        }
        return result
    }
}

/// A reference grid: size, north-up geotransform and CRS. Every product of a run lies on one.
public struct RasterGrid: Sendable {
    public let width: Int
    public let height: Int
    public let geoTransform: GeoTransform
    public let spatialReference: SpatialReference

    public init(width: Int, height: Int, geoTransform: GeoTransform, spatialReference: SpatialReference) {
        self.width = width
        self.height = height
        self.geoTransform = geoTransform
        self.spatialReference = spatialReference
    }

    public var extent: RasterWindow { RasterWindow(column: 0, row: 0, width: width, height: height) }

    /// Same size, geotransform (to a fraction of a pixel) and CRS.
    public func matches(_ other: RasterGrid) -> Bool {
        width == other.width && height == other.height && geoTransform.isClose(to: other.geoTransform)
            && spatialReference.isSame(as: other.spatialReference)
    }

    /// Where `other`'s first pixel lies in this grid, when both share one pixel lattice (same
    /// CRS and pixel size, origins a whole number of pixels apart): `other` is then a window
    /// of this grid (or overlaps it) and can be read without resampling.
    public func latticeOffset(of other: RasterGrid) -> (column: Int, row: Int)? {
        let a = geoTransform, b = other.geoTransform
        guard a.isNorthUp, b.isNorthUp, abs(a.pixelWidth - b.pixelWidth) <= 1e-9 * abs(a.pixelWidth),
            abs(a.pixelHeight - b.pixelHeight) <= 1e-9 * abs(a.pixelHeight),
            spatialReference.isSame(as: other.spatialReference)
        else { return nil }
        let column = (b.originX - a.originX) / a.pixelWidth, row = (b.originY - a.originY) / a.pixelHeight
        guard abs(column - column.rounded()) < 1e-6, abs(row - row.rounded()) < 1e-6,
            abs(column) < 1e12, abs(row) < 1e12
        else { return nil }
        return (Int(column.rounded()), Int(row.rounded()))
    }

    /// The grid covering `window` of this one (for tiles and blocks).
    public func subgrid(_ window: RasterWindow) -> RasterGrid {
        let origin = geoTransform.map(column: Double(window.column), row: Double(window.row))
        var transform = geoTransform
        transform.originX = origin.x
        transform.originY = origin.y
        return RasterGrid(width: window.width, height: window.height, geoTransform: transform, spatialReference: spatialReference)
    }
}

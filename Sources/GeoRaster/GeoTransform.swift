/// GDAL's affine geotransform: map = origin + column * (pixelWidth, rotationY) + row * (rotationX, pixelHeight).
/// Plain maths, no GDAL: pixel (column, row) with row 0 at the top; pixel centres sit at +0.5.
public struct GeoTransform: Equatable, Sendable, Codable {
    public var originX: Double
    public var pixelWidth: Double
    public var rotationX: Double
    public var originY: Double
    public var rotationY: Double
    public var pixelHeight: Double

    public init(
        originX: Double, pixelWidth: Double, rotationX: Double = 0,
        originY: Double, rotationY: Double = 0, pixelHeight: Double
    ) {
        self.originX = originX
        self.pixelWidth = pixelWidth
        self.rotationX = rotationX
        self.originY = originY
        self.rotationY = rotationY
        self.pixelHeight = pixelHeight
    }

    /// From GDAL's six coefficients, in GDAL's order.
    public init(_ c: [Double]) {
        precondition(c.count == 6, "a geotransform has six coefficients")
        self.init(originX: c[0], pixelWidth: c[1], rotationX: c[2], originY: c[3], rotationY: c[4], pixelHeight: c[5])
    }

    /// GDAL's six coefficients, in GDAL's order.
    public var coefficients: [Double] {
        [originX, pixelWidth, rotationX, originY, rotationY, pixelHeight]
    }

    /// GDAL's default when a file has no geotransform: one unit per pixel, y growing downwards.
    public static let identity = GeoTransform(originX: 0, pixelWidth: 1, originY: 0, pixelHeight: 1)

    public var isNorthUp: Bool { rotationX == 0 && rotationY == 0 }

    /// Map coordinates of a fractional pixel position (column, row).
    public func map(column: Double, row: Double) -> (x: Double, y: Double) {
        (
            originX + column * pixelWidth + row * rotationX,
            originY + column * rotationY + row * pixelHeight
        )
    }

    /// Map coordinates of the centre of pixel (column, row).
    public func pixelCentre(column: Int, row: Int) -> (x: Double, y: Double) {
        map(column: Double(column) + 0.5, row: Double(row) + 0.5)
    }

    /// Map coordinates of the centres of `columns` of one row (for batch transformations).
    public func pixelCentres(columns: [Int], row: Int) -> (x: [Double], y: [Double]) {
        var xs = [Double](), ys = [Double]()
        xs.reserveCapacity(columns.count)
        ys.reserveCapacity(columns.count)
        for column in columns {
            let centre = pixelCentre(column: column, row: row)
            xs.append(centre.x)
            ys.append(centre.y)
        }
        return (xs, ys)
    }

    /// Fractional pixel position of a map point; nil when the transform is singular.
    public func pixel(x: Double, y: Double) -> (column: Double, row: Double)? {
        let determinant = pixelWidth * pixelHeight - rotationX * rotationY
        guard determinant != 0 else { return nil }
        let dx = x - originX
        let dy = y - originY
        return (
            (dx * pixelHeight - dy * rotationX) / determinant,
            (dy * pixelWidth - dx * rotationY) / determinant
        )
    }

    /// The map-space bounding box of a width x height raster: (minX, minY, maxX, maxY).
    public func bounds(width: Int, height: Int) -> (minX: Double, minY: Double, maxX: Double, maxY: Double) {
        let corners = [
            map(column: 0, row: 0), map(column: Double(width), row: 0),
            map(column: 0, row: Double(height)), map(column: Double(width), row: Double(height)),
        ]
        return (corners.map(\.x).min()!, corners.map(\.y).min()!, corners.map(\.x).max()!, corners.map(\.y).max()!)
    }

    /// Equal within a tolerance relative to the pixel size (grids written by different
    /// software differ in the last digits of their origin).
    public func isClose(to other: GeoTransform, relativeTolerance: Double = 1e-6) -> Bool {
        let scale = max(abs(pixelWidth), abs(pixelHeight), 1e-12)
        return zip(coefficients, other.coefficients).allSatisfy { abs($0 - $1) <= relativeTolerance * scale }
    }
}

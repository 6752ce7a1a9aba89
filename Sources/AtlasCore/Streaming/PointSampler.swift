import AtlasFoundation
import GeoRaster
import PermafrostKernels

/// A point given in a table (samples, boreholes), with the line it came from.
public struct TablePoint: Sendable {
    public let x: Double
    public let y: Double
    public let line: Int
    public let id: String

    public init(x: Double, y: Double, line: Int, id: String) {
        self.x = x
        self.y = y
        self.line = line
        self.id = id
    }
}

/// A point that could not be used, and why (reported, never silently dropped).
public struct SkippedPoint: Sendable, Encodable {
    public let line: Int
    public let id: String
    public let reason: String
}

extension SkippedPoint {
    /// The first skipped point and how many more there were, e.g. " (line 2: outside dem.tif;
    /// 3 more skipped)", for the error that no point was usable.
    static func firstOf(_ skipped: [SkippedPoint]) -> String {
        guard let first = skipped.first else { return "" }
        return " (line \(first.line): \(first.reason)\(skipped.count > 1 ? "; \(skipped.count - 1) more skipped" : ""))"
    }
}

/// Finds the pixel under each point of a table on a grid.
public enum PointSampler {
    /// The pixel (column, row) under each point, or nil when the point is off the grid.
    public static func pixels(of points: [TablePoint], on grid: RasterGrid) -> [(column: Int, row: Int)?] {
        points.map { point in
            guard let pixel = grid.geoTransform.pixel(x: point.x, y: point.y),
                pixel.column >= 0, pixel.row >= 0, pixel.column < Double(grid.width), pixel.row < Double(grid.height)
            else { return nil }
            return (Int(pixel.column), Int(pixel.row))
        }
    }

    /// Converts lon/lat points (WGS84) to the grid's CRS.
    public static func fromLonLat(_ points: [TablePoint], to grid: RasterGrid) throws -> [TablePoint] {
        var xs = points.map(\.x), ys = points.map(\.y)
        try CoordinateTransformer(from: .wgs84(), to: grid.spatialReference).transform(x: &xs, y: &ys)
        return points.indices.map { TablePoint(x: xs[$0], y: ys[$0], line: points[$0].line, id: points[$0].id) }
    }

    /// Reads a value at each pixel with one set of readers per thread. Threads take bands of
    /// rows, so each decompresses only the blocks of its band (points are scattered: split by
    /// index, every thread would decompress nearly every block). Results keep the pixels'
    /// order; nil where the pixel is nil.
    public static func read<Readers, Value>(
        at pixels: [(column: Int, row: Int)?], gridHeight: Int, threads: Int,
        open: () throws -> Readers,
        _ read: (Readers, RasterWindow) throws -> Value
    ) throws -> [Value?] {
        let bands = max(1, min(threads, gridHeight))
        let perBand = try WorkSharing.map(taskCount: bands, threads: threads) { band -> [(index: Int, value: Value)] in
            let members = pixels.indices.filter { pixels[$0].map { $0.row * bands / gridHeight == band } ?? false }
            guard !members.isEmpty else { return [] }
            let readers = try open()
            return try members.map { index in
                let pixel = pixels[index]!
                return (index, try read(readers, RasterWindow(column: pixel.column, row: pixel.row, width: 1, height: 1)))
            }
        }
        var values = [Value?](repeating: nil, count: pixels.count)
        for (index, value) in perBand.joined() { values[index] = value }
        return values
    }

    /// Reads each input at the given pixels (one 1x1 read per point: tables are small).
    public static func values(of layer: LayerReader, at pixels: [(column: Int, row: Int)]) throws -> [Float] {
        try pixels.map { try layer.readValues(RasterWindow(column: $0.column, row: $0.row, width: 1, height: 1))[0] }
    }

    public static func classes(of layer: LayerReader, at pixels: [(column: Int, row: Int)]) throws -> [UInt8] {
        try pixels.map { try layer.readClasses(RasterWindow(column: $0.column, row: $0.row, width: 1, height: 1))[0] }
    }
}

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

    /// Rows of a strip read in one window when its points are dense.
    static let stripHeight = 16
    /// A strip is read in one window when the window holds at most this many pixels per
    /// point in it, and at most `largestStripWindow` pixels.
    static let densePixelsPerPoint = 16
    static let largestStripWindow = 1 << 18

    /// `valuesPerPixel` values under each pixel (a pixel's values one after another in what
    /// `read` returns for a window, pixels in row-major order), with one set of readers per
    /// band of rows as in `read(at:gridHeight:threads:open:_:)`. Within a band, points are
    /// taken by strips of `stripHeight` rows: a strip whose points lie close together is
    /// read in one window, the others with one 1x1 read per point. Training points often
    /// cluster; the 4,435 points of the Statlog benchmark took 160,000 1x1 band reads.
    public static func readRows<Readers>(
        at pixels: [(column: Int, row: Int)?], gridHeight: Int, valuesPerPixel: Int, threads: Int,
        open: () throws -> Readers,
        _ read: (Readers, RasterWindow) throws -> [Float]
    ) throws -> [[Float]?] {
        let bands = max(1, min(threads, gridHeight))
        let perBand = try WorkSharing.map(taskCount: bands, threads: threads) { band -> [(index: Int, values: [Float])] in
            let members = pixels.indices.filter { pixels[$0].map { $0.row * bands / gridHeight == band } ?? false }
            guard !members.isEmpty else { return [] }
            let readers = try open()
            var result: [(index: Int, values: [Float])] = []
            result.reserveCapacity(members.count)
            for group in stripGroups(members.map { (index: $0, pixel: pixels[$0]!) }) {
                let columns = group.map(\.pixel.column), rows = group.map(\.pixel.row)
                let window = RasterWindow(
                    column: columns.min()!, row: rows.min()!, width: columns.max()! - columns.min()! + 1,
                    height: rows.max()! - rows.min()! + 1)
                if window.pixelCount <= min(densePixelsPerPoint * group.count, largestStripWindow) {
                    let values = try read(readers, window)
                    for point in group {
                        let offset = ((point.pixel.row - window.row) * window.width + point.pixel.column - window.column) * valuesPerPixel
                        result.append((point.index, Array(values[offset..<(offset + valuesPerPixel)])))
                    }
                } else {
                    for point in group {
                        let pixel = RasterWindow(column: point.pixel.column, row: point.pixel.row, width: 1, height: 1)
                        result.append((point.index, try read(readers, pixel)))
                    }
                }
            }
            return result
        }
        var values = [[Float]?](repeating: nil, count: pixels.count)
        for (index, value) in perBand.joined() { values[index] = value }
        return values
    }

    /// Points cut into strips of `stripHeight` rows, and each strip where two neighbouring
    /// columns are more than `4 * stripHeight` apart, so that a cluster's window does not
    /// stretch to a point far away.
    static func stripGroups(_ points: [(index: Int, pixel: (column: Int, row: Int))]) -> [[(index: Int, pixel: (column: Int, row: Int))]] {
        var groups: [[(index: Int, pixel: (column: Int, row: Int))]] = []
        for strip in Dictionary(grouping: points, by: { $0.pixel.row / stripHeight }).sorted(by: { $0.key < $1.key }) {
            let byColumn = strip.value.sorted { ($0.pixel.column, $0.index) < ($1.pixel.column, $1.index) }
            var group = [byColumn[0]]
            for point in byColumn.dropFirst() {
                if point.pixel.column - group.last!.pixel.column > 4 * stripHeight {
                    groups.append(group)
                    group = []
                }
                group.append(point)
            }
            groups.append(group)
        }
        return groups
    }

    /// Reads each input at the given pixels (one 1x1 read per point: tables are small).
    public static func values(of layer: LayerReader, at pixels: [(column: Int, row: Int)]) throws -> [Float] {
        try pixels.map { try layer.readValues(RasterWindow(column: $0.column, row: $0.row, width: 1, height: 1))[0] }
    }

    public static func classes(of layer: LayerReader, at pixels: [(column: Int, row: Int)]) throws -> [UInt8] {
        try pixels.map { try layer.readClasses(RasterWindow(column: $0.column, row: $0.row, width: 1, height: 1))[0] }
    }
}

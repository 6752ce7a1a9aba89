import CGDAL
import Foundation

/// One band of an open raster: its description and typed window reads and writes.
/// Keeps its dataset open; shares its dataset's one-thread-at-a-time rule.
public struct RasterBand {
    let dataset: RasterDataset
    let handle: GDALRasterBandH
    /// Counted from 1, as in GDAL.
    public let number: Int

    init(dataset: RasterDataset, handle: GDALRasterBandH, number: Int) {
        self.dataset = dataset
        self.handle = handle
        self.number = number
    }

    public var path: String { dataset.path }

    /// The raster's size in pixels.
    public var size: (width: Int, height: Int) { (dataset.width, dataset.height) }

    /// The pixel type, or nil for types GeoRaster does not handle (complex, 64-bit integers).
    public var dataType: RasterDataType? {
        RasterDataType.allCases.first { $0.gdal == GDALGetRasterDataType(handle) }
    }

    /// GDAL's name of the pixel type, whatever it is.
    public var dataTypeName: String { RasterDataType.name(of: GDALGetRasterDataType(handle)) }

    public var noDataValue: Double? {
        var hasNoData: Int32 = 0
        let value = GDALGetRasterNoDataValue(handle, &hasNoData)
        return hasNoData != 0 ? value : nil
    }

    public var bandDescription: String { String(cString: GDALGetDescription(handle)) }
    public var unit: String { String(cString: GDALGetRasterUnitType(handle)) }

    public var blockSize: (width: Int, height: Int) {
        var x: Int32 = 0, y: Int32 = 0
        GDALGetBlockSize(handle, &x, &y)
        return (Int(x), Int(y))
    }

    /// Class names indexed by code: GDAL's category names (kept in the .aux.xml side-car), or,
    /// for a GeoTIFF copied without its side-car, the `CLASS_<code>` items the atlas also writes
    /// into the band's metadata inside the file (`ClassNameMetadata`).
    public var categoryNames: [String] {
        // GDAL 3.6's GeoTIFF driver loads the .aux.xml side-car (where category names live)
        // only once georeferencing is asked for; ask first.
        var transform = [Double](repeating: 0, count: 6)
        _ = GDALGetGeoTransform(dataset.handle, &transform)
        guard let list = GDALGetRasterCategoryNames(handle) else { return ClassNameMetadata.names(in: metadata()) }
        var names: [String] = []
        var index = 0
        while let entry = list[index] {
            names.append(String(cString: entry))
            index += 1
        }
        return names
    }

    public var colorTable: [Int: RGBA] {
        guard let table = GDALGetRasterColorTable(handle) else { return [:] }
        var colors: [Int: RGBA] = [:]
        for index in 0..<Int(GDALGetColorEntryCount(table)) {
            if let entry = GDALGetColorEntry(table, Int32(index)) {
                colors[index] = RGBA(
                    UInt8(clamping: entry.pointee.c1), UInt8(clamping: entry.pointee.c2),
                    UInt8(clamping: entry.pointee.c3), UInt8(clamping: entry.pointee.c4))
            }
        }
        return colors
    }

    /// The band's own scale and offset (physical value = stored x scale + offset): GDAL's
    /// band scale/offset when set, else `scale_factor`/`add_offset` metadata (netCDF and HDF
    /// convention); nil when the band declares neither.
    public var valueScaling: (scale: Double, offset: Double)? {
        var hasScale: Int32 = 0, hasOffset: Int32 = 0
        let scale = GDALGetRasterScale(handle, &hasScale), offset = GDALGetRasterOffset(handle, &hasOffset)
        if (hasScale != 0 && scale != 1) || (hasOffset != 0 && offset != 0) {
            return (hasScale != 0 ? scale : 1, hasOffset != 0 ? offset : 0)
        }
        let items = metadata()
        guard items["scale_factor"] != nil || items["add_offset"] != nil else { return nil }
        return (items["scale_factor"].flatMap(Double.init) ?? 1, items["add_offset"].flatMap(Double.init) ?? 0)
    }

    public func metadata(domain: String? = nil) -> [String: String] {
        MetadataList.read(GDALGetMetadata(handle, domain))
    }

    // MARK: Typed window I/O

    /// GDAL buffers are addressed with Int32 sizes; windows larger than this are split by rows.
    static let maximumBytesPerCall = 1 << 28

    /// Reads `window` (which must lie inside the raster) into `buffer`, row-major, GDAL
    /// converting the pixel type. A read failure (e.g. a damaged file) is bad input.
    public func read<T: RasterElement>(_ window: RasterWindow, into buffer: UnsafeMutableBufferPointer<T>) throws {
        try transfer(GF_Read, window, UnsafeMutableRawPointer(buffer.baseAddress!), count: buffer.count, type: T.self)
    }

    public func read<T: RasterElement>(_ window: RasterWindow, as type: T.Type = T.self) throws -> [T] {
        var values = [T](repeating: 0, count: window.pixelCount)
        try values.withUnsafeMutableBufferPointer { try read(window, into: $0) }
        return values
    }

    /// Reads a window that may reach past the raster (a block with its halo): pixels outside
    /// the raster are set to `fill`.
    public func read<T: RasterElement>(
        _ padded: RasterWindow, fillingOutsideWith fill: T,
        into buffer: UnsafeMutableBufferPointer<T>
    ) throws {
        precondition(buffer.count >= padded.pixelCount, "buffer smaller than the window")
        let inside = padded.intersection(dataset.extent)
        if inside == padded {
            try read(padded, into: buffer)
            return
        }
        buffer.update(repeating: fill)
        guard !inside.isEmpty else { return }
        var scratch = [T](repeating: fill, count: inside.pixelCount)
        try scratch.withUnsafeMutableBufferPointer { try read(inside, into: $0) }
        let dx = inside.column - padded.column, dy = inside.row - padded.row
        for row in 0..<inside.height {
            let target = (row + dy) * padded.width + dx
            for column in 0..<inside.width {
                buffer[target + column] = scratch[row * inside.width + column]
            }
        }
    }

    /// Writes `buffer` (row-major) into `window`; the dataset must be open for writing.
    public func write<T: RasterElement>(_ window: RasterWindow, from buffer: UnsafeBufferPointer<T>) throws {
        try transfer(GF_Write, window, UnsafeMutableRawPointer(mutating: buffer.baseAddress!), count: buffer.count, type: T.self)
    }

    public func write<T: RasterElement>(_ window: RasterWindow, values: [T]) throws {
        try values.withUnsafeBufferPointer { try write(window, from: $0) }
    }

    private func transfer<T: RasterElement>(
        _ direction: GDALRWFlag, _ window: RasterWindow,
        _ base: UnsafeMutableRawPointer, count: Int, type: T.Type
    ) throws {
        guard !window.isEmpty else { return }
        precondition(count >= window.pixelCount, "buffer smaller than the window")
        let extent = dataset.extent
        guard window.intersection(extent) == window else {
            throw GeoRasterError(.runtime, path: path, "window \(window) lies outside the \(extent.width) x \(extent.height) raster")
        }
        let elementSize = MemoryLayout<T>.stride
        let rowsPerCall = max(1, min(window.height, Self.maximumBytesPerCall / max(1, window.width * elementSize)))
        var row = 0
        while row < window.height {
            let rows = min(rowsPerCall, window.height - row)
            let chunk = base + row * window.width * elementSize
            GDALErrorState.reset()
            let status = GDALRasterIOEx(
                handle, direction, Int32(window.column), Int32(window.row + row),
                Int32(window.width), Int32(rows), chunk, Int32(window.width), Int32(rows),
                T.rasterDataType.gdal, GSpacing(elementSize), GSpacing(window.width * elementSize), nil)
            if status != CE_None {
                let gdal = GDALErrorState.lastMessage()
                let rowsText = "rows \(window.row + row)..<\(window.row + row + rows)"
                if direction == GF_Read {
                    throw GeoRasterError(
                        .badInput, path: path, "cannot read band \(number), \(rowsText): the file is damaged or truncated",
                        gdalMessage: gdal)
                }
                throw GeoRasterError(.runtime, path: path, "cannot write band \(number), \(rowsText)", gdalMessage: gdal)
            }
            row += rows
        }
    }
}

/// A colour with alpha, as in GDAL colour tables.
public struct RGBA: Equatable, Hashable, Sendable, Codable {
    public var red: UInt8, green: UInt8, blue: UInt8, alpha: UInt8

    public init(_ red: UInt8, _ green: UInt8, _ blue: UInt8, _ alpha: UInt8 = 255) {
        self.red = red
        self.green = green
        self.blue = blue
        self.alpha = alpha
    }
}

extension RasterBand {
    /// Number of overview levels the band carries.
    public var overviewCount: Int { Int(GDALGetOverviewCount(handle)) }
}

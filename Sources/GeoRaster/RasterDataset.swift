import CGDAL
import Foundation

/// An open GDAL raster. One handle must never be used by two threads at once: a worker
/// that reads in parallel opens its own `RasterDataset` on the same path.
public final class RasterDataset {
    let handle: GDALDatasetH
    /// The path it was opened from, used in every error message.
    public let path: String

    /// Opens any raster GDAL can read, read-only.
    public convenience init(path: String) throws {
        try self.init(path: path, update: false)
    }

    init(path: String, update: Bool) throws {
        GDALRuntime.ensureRegistered()
        if !path.hasPrefix("/vsi") && !FileManager.default.fileExists(atPath: path) {
            throw GeoRasterError(.badInput, path: path, "no such file")
        }
        let flags = UInt32(GDAL_OF_RASTER) | UInt32(GDAL_OF_VERBOSE_ERROR) | UInt32(update ? GDAL_OF_UPDATE : GDAL_OF_READONLY)
        GDALErrorState.reset()
        guard let handle = GDALOpenEx(path, flags, nil, nil, nil) else {
            throw GeoRasterError(.badInput, path: path, "not a raster GDAL can read", gdalMessage: GDALErrorState.lastMessage())
        }
        self.handle = handle
        self.path = path
        guard width > 0, height > 0, bandCount > 0 else {
            throw GeoRasterError(.badInput, path: path, "raster is empty (\(width) x \(height) pixels, \(bandCount) bands)")
        }
    }

    init(handle: GDALDatasetH, path: String) {
        self.handle = handle
        self.path = path
    }

    private var closed = false

    deinit {
        if !closed { GDALClose(handle) }
    }

    /// Closes the handle now (GDAL writes pending blocks here); nothing may use it afterwards.
    func close() {
        guard !closed else { return }
        closed = true
        GDALClose(handle)
    }

    public var width: Int { Int(GDALGetRasterXSize(handle)) }
    public var height: Int { Int(GDALGetRasterYSize(handle)) }
    public var bandCount: Int { Int(GDALGetRasterCount(handle)) }
    public var driverName: String {
        GDALGetDatasetDriver(handle).flatMap { GDALGetDriverShortName($0) }.map { String(cString: $0) } ?? "unknown"
    }

    /// The whole raster as a window.
    public var extent: RasterWindow { RasterWindow(column: 0, row: 0, width: width, height: height) }

    /// The file's geotransform, or nil when it has none.
    public var geoTransform: GeoTransform? {
        var coefficients = [Double](repeating: 0, count: 6)
        guard GDALGetGeoTransform(handle, &coefficients) == CE_None else { return nil }
        return GeoTransform(coefficients)
    }

    /// The CRS, or nil when the file has none.
    public var spatialReference: SpatialReference? {
        guard let srs = GDALGetSpatialRef(handle), let copy = OSRClone(srs) else { return nil }
        return SpatialReference(owning: copy)
    }

    /// The CRS, or a bad-input error naming the file for steps that need one.
    public func requireSpatialReference() throws -> SpatialReference {
        guard let srs = spatialReference else {
            throw GeoRasterError(
                .badInput, path: path, "raster has no coordinate reference system (CRS); assign one, e.g. gdal_edit.py -a_srs EPSG:32647")
        }
        return srs
    }

    /// The geotransform, or a bad-input error for steps that need georeferenced, north-up pixels.
    public func requireNorthUpGeoTransform() throws -> GeoTransform {
        guard let transform = geoTransform else {
            throw GeoRasterError(.badInput, path: path, "raster has no geotransform (pixel size and origin)")
        }
        guard transform.isNorthUp else {
            throw GeoRasterError(
                .badInput, path: path,
                "raster is rotated (geotransform terms \(transform.rotationX), \(transform.rotationY)); warp it north-up first, e.g. gdalwarp"
            )
        }
        return transform
    }

    /// Dataset metadata of a domain (default domain when nil) as key-value pairs.
    public func metadata(domain: String? = nil) -> [String: String] {
        MetadataList.read(GDALGetMetadata(handle, domain))
    }

    /// Band `number`, counted from 1 as in GDAL.
    public func band(_ number: Int) throws -> RasterBand {
        guard number >= 1, number <= bandCount, let band = GDALGetRasterBand(handle, Int32(number)) else {
            throw GeoRasterError(.badInput, path: path, "has no band \(number) (it has \(bandCount))")
        }
        return RasterBand(dataset: self, handle: band, number: number)
    }

    public var bands: [RasterBand] {
        (1...bandCount).map { RasterBand(dataset: self, handle: GDALGetRasterBand(handle, Int32($0)), number: $0) }
    }

    /// The grid (size, geotransform, CRS) of this raster.
    public func grid() throws -> RasterGrid {
        RasterGrid(
            width: width, height: height, geoTransform: try requireNorthUpGeoTransform(),
            spatialReference: try requireSpatialReference())
    }
}

/// GDAL's "KEY=VALUE" string lists as dictionaries.
enum MetadataList {
    static func read(_ list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> [String: String] {
        guard let list else { return [:] }
        var result: [String: String] = [:]
        var index = 0
        while let entry = list[index] {
            let text = String(cString: entry)
            if let separator = text.firstIndex(of: "=") {
                result[String(text[..<separator])] = String(text[text.index(after: separator)...])
            }
            index += 1
        }
        return result
    }
}

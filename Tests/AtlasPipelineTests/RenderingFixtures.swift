import Foundation
import GeoRaster
import XCTest

/// A folder of small rasters written with GeoRaster, deleted afterwards.
final class RenderingWorkspace {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "rendering-tests-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func file(_ name: String) -> String { path + "/" + name }

    var contents: [String] { (try? FileManager.default.contentsOfDirectory(atPath: path))?.sorted() ?? [] }

    /// A 30 m UTM 47N grid.
    static func grid(width: Int, height: Int) throws -> RasterGrid {
        RasterGrid(width: width, height: height,
                   geoTransform: GeoTransform(originX: 486_000, pixelWidth: 30, originY: 4_205_000, pixelHeight: -30),
                   spatialReference: try SpatialReference(epsg: 32647))
    }

    @discardableResult
    func raster<T: RasterElement>(_ name: String, _ values: [T], width: Int, height: Int, band: BandSpec) throws -> String {
        let grid = try Self.grid(width: width, height: height)
        let spec = RasterOutputSpec(grid: grid, dataType: T.rasterDataType, bands: [band], format: .gtiff, blockSize: 16)
        let writer = try RasterWriter(path: file(name), spec: spec, overwrite: true)
        try writer.band(1).write(grid.extent, values: values)
        try writer.commit()
        return file(name)
    }

    /// The PNG's pixels, read back through GDAL.
    /// The PNG's pixels (a paletted PNG's indices looked up in its palette).
    func picture(_ name: String) throws -> RGBAImage {
        try RGBAImage(contentsOf: file(name))
    }
}

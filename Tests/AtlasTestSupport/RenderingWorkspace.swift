import Foundation
import GeoRaster

/// A folder of small rasters written with GeoRaster on a 30 m UTM 47N grid, for the map and
/// report tests; deleted afterwards.
public final class RenderingWorkspace: TemporaryFolder {
    public init() throws { try super.init(prefix: "rendering-tests") }

    /// A 30 m UTM 47N grid.
    public static func grid(width: Int, height: Int) throws -> RasterGrid {
        RasterGrid(
            width: width, height: height,
            geoTransform: GeoTransform(originX: 486_000, pixelWidth: 30, originY: 4_205_000, pixelHeight: -30),
            spatialReference: try SpatialReference(epsg: 32647))
    }

    @discardableResult
    public func raster<T: RasterElement>(_ name: String, _ values: [T], width: Int, height: Int, band: BandSpec) throws -> String {
        let grid = try Self.grid(width: width, height: height)
        let spec = RasterOutputSpec(grid: grid, dataType: T.rasterDataType, bands: [band], format: .gtiff, blockSize: 16)
        let writer = try RasterWriter(path: file(name), spec: spec, overwrite: true)
        try writer.band(1).write(grid.extent, values: values)
        try writer.commit()
        return file(name)
    }

    /// The PNG's pixels (a paletted PNG's indices looked up in its palette).
    public func picture(_ name: String) throws -> RGBAImage {
        try RGBAImage(contentsOf: file(name))
    }
}

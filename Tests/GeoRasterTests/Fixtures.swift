import AtlasTestSupport
import Foundation
import GeoRaster
import XCTest

enum Fixtures {
    static func realData(_ name: String) -> String { RepositoryFiles.realData(name) }
    static func testData(_ name: String) -> String { RepositoryFiles.testData(name) }

    /// A 30 m grid on UTM 47N (the Muli area).
    static func utmGrid(width: Int, height: Int, originX: Double = 486_000, originY: Double = 4_205_000, cell: Double = 30) throws
        -> RasterGrid
    {
        RasterGrid(
            width: width, height: height,
            geoTransform: GeoTransform(originX: originX, pixelWidth: cell, originY: originY, pixelHeight: -cell),
            spatialReference: try SpatialReference(epsg: 32647))
    }

    /// Writes one band of `values` to `path` (plain tiled GeoTIFF unless told otherwise).
    @discardableResult
    static func write<T: RasterElement>(
        _ values: [T], grid: RasterGrid, to path: String, noData: Double? = nil,
        format: RasterFormat = .gtiff, blockSize: Int = 16
    ) throws -> String {
        let spec = RasterOutputSpec(
            grid: grid, dataType: T.rasterDataType, bands: [BandSpec(noData: noData)],
            format: format, blockSize: blockSize)
        let writer = try RasterWriter(path: path, spec: spec, overwrite: true)
        try writer.band(1).write(grid.extent, values: values)
        try writer.commit()
        return path
    }
}

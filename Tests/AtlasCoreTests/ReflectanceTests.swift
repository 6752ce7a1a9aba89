import AtlasTestSupport
import GeoRaster
import PermafrostKernels
import XCTest

@testable import AtlasCore

final class ReflectanceTests: XCTestCase {
    /// The bundled Landsat holds Collection 2 numbers (bands SR_B2...SR_B7, their scale and
    /// offset declared): its NDVI, on scaled reflectances, spans water to meadow inside
    /// [-1, 1] (the raw numbers gave -0.07...0.48).
    func testTheBundledLandsatIsScaledToReflectance() throws {
        let stack = try FeatureStack(paths: [RepositoryFiles.testData("demo/landsat.tif")], indices: [.ndvi, .ndwi])
        XCTAssertEqual(stack.reflectance[.red], .landsatCollection2)
        XCTAssertEqual(stack.reflectance[.nir], .landsatCollection2)
        let readers = try stack.open()
        let rows = try stack.read(readers, window: stack.grid.extent)
        let width = stack.names.count
        let ndvi = stride(from: width - 2, to: rows.count, by: width).map { rows[$0] }.filter { !$0.isNaN }
        let low = try XCTUnwrap(ndvi.min()), high = try XCTUnwrap(ndvi.max())
        XCTAssertGreaterThanOrEqual(low, -1)
        XCTAssertLessThanOrEqual(high, 1)
        XCTAssertLessThan(low, -0.3)
        XCTAssertGreaterThan(high, 0.7)
    }

    /// A band's own scale and offset win over the name; a given scale wins over both.
    func testDeclaredAndGivenScalingsWin() throws {
        let folder = try RenderingWorkspace()
        let grid = try RenderingWorkspace.grid(width: 2, height: 1)
        let path = folder.file("scaled.tif")
        let spec = RasterOutputSpec(
            grid: grid, dataType: .uint16,
            bands: [
                BandSpec(description: "SR_B4", metadata: ["scale_factor": "0.0001", "add_offset": "0"]), BandSpec(description: "SR_B5"),
            ],
            format: .gtiff, blockSize: 16)
        let writer = try RasterWriter(path: path, spec: spec, overwrite: true)
        try writer.band(1).write(grid.extent, values: [UInt16](repeating: 1000, count: 2))
        try writer.band(2).write(grid.extent, values: [UInt16](repeating: 3000, count: 2))
        try writer.commit()
        let automatic = try FeatureStack(paths: [path], indices: [.ndvi])
        XCTAssertEqual(automatic.reflectance[.red], .init(scale: 0.0001, offset: 0))
        XCTAssertEqual(automatic.reflectance[.nir], .landsatCollection2)
        XCTAssertTrue(
            automatic.reflectanceSource.contains("Collection 2 Level-2 defaults for bands named SR_B*"), automatic.reflectanceSource)
        let given = try FeatureStack(paths: [path], indices: [.ndvi], reflectance: .given(.init(scale: 0.0001, offset: 0)))
        let row = try given.read(try given.open(), window: RasterWindow(column: 0, row: 0, width: 1, height: 1))
        XCTAssertEqual(row[2], (0.3 - 0.1) / (0.3 + 0.1), accuracy: 1e-6)
    }
}

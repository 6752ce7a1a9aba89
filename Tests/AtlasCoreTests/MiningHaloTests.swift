import GeoRaster
import PermafrostKernels
import XCTest

@testable import AtlasCore

final class MiningHaloTests: XCTestCase {
    private func table(buffer: Double) throws -> MiningParameterTable {
        let spoil = SoilThermalProperties(lambdaThawed: 1.4, dryDensity: 1900, waterContent: 0.06, unfrozenWaterContent: 0.02)
        return try MiningParameterTable(rows: [MiningDisturbanceParameters(type: .pit, magtOffset: 1, soil: spoil, bufferMetres: buffer)])
    }

    private func grid(pixel: Double) throws -> RasterGrid {
        RasterGrid(
            width: 10, height: 10, geoTransform: GeoTransform(originX: 500_000, pixelWidth: pixel, originY: 4_200_000, pixelHeight: -pixel),
            spatialReference: try SpatialReference(epsg: 32647))
    }

    /// Every block is read with the halo around it: a wide buffer on fine pixels is refused
    /// before it asks for gigabytes, naming the table and what made the halo.
    func testTheHaloAroundEveryBlockIsBounded() throws {
        XCTAssertEqual(try MiningStage.checkedHalo(try table(buffer: 150), grid: try grid(pixel: 30), table: "mining.csv"), 5)
        XCTAssertEqual(try MiningStage.checkedHalo(try table(buffer: 10_000), grid: try grid(pixel: 5), table: "mining.csv"), 2000)
        XCTAssertThrowsError(try MiningStage.checkedHalo(try table(buffer: 10_000), grid: try grid(pixel: 1), table: "mining.csv")) {
            XCTAssertEqual(
                "\($0)",
                "mining.csv: a buffer_m of 10000.0 m spans 10000 pixels of 1.0 m; at most 2048 are read around every block: "
                    + "use a coarser grid or a narrower buffer")
        }
    }
}

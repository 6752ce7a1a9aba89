import Foundation
import PermafrostKernels
import XCTest

/// Bit-identity with `gdaldem slope` / `gdaldem aspect` of GDAL 3.6.2 (TestData/Terrain).
final class HornTerrainGoldenTests: XCTestCase {
    private func check(
        dem: String, products: [String], blockWidth: Int, blockHeight: Int,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let golden = try GdaldemGolden.load()
        XCTAssertEqual(golden.gdalVersion, "3.6.2", file: file, line: line)
        let geoTransform = try XCTUnwrap(golden.dems[dem]).geotransform
        let cellSize = try TerrainCellSize.projected(geoTransform: geoTransform)
        let elevation = try golden.elevation(dem)
        for computeEdges in [false, true] {
            let ours = try TerrainTestSupport.derivatives(
                elevation: elevation, width: golden.width, height: golden.height,
                blockWidth: blockWidth, blockHeight: blockHeight, cellSizes: { _ in cellSize },
                options: HornTerrainOptions(computeEdges: computeEdges))
            for product in products {
                let expected = try golden.output(dem, product + (computeEdges ? "_edges" : ""))
                let actual = product == "slope" ? ours.slope : ours.aspect
                let differences = TerrainTestSupport.bitDifferences(actual, expected, width: golden.width)
                XCTAssertEqual(
                    differences, [], "\(dem) \(product) computeEdges=\(computeEdges) blocks \(blockWidth)x\(blockHeight)",
                    file: file, line: line)
            }
        }
    }

    func testFloat32DEMWholeRasterMatchesGdaldem() throws {
        try check(dem: "float32", products: ["slope", "aspect"], blockWidth: 23, blockHeight: 17)
    }

    func testFloat32DEMInBlocksMatchesGdaldem() throws {
        try check(dem: "float32", products: ["slope", "aspect"], blockWidth: 5, blockHeight: 4)
        try check(dem: "float32", products: ["slope", "aspect"], blockWidth: 1, blockHeight: 2)
    }

    func testInt16DEMMatchesGdaldem() throws {
        try check(dem: "int16", products: ["slope", "aspect"], blockWidth: 23, blockHeight: 17)
        try check(dem: "int16", products: ["slope", "aspect"], blockWidth: 7, blockHeight: 3)
    }

    func testOblongPixelSlopeMatchesGdaldem() throws {
        try check(dem: "float32_oblong", products: ["slope"], blockWidth: 23, blockHeight: 17)
    }

    /// Guards the fixture itself: it must exercise nodata, the flat rule and steep cells.
    func testFixtureCoversNodataFlatAndEdges() throws {
        let golden = try GdaldemGolden.load()
        let elevation = try golden.elevation("float32")
        let slope = try golden.output("float32", "slope")
        let aspect = try golden.output("float32", "aspect")
        XCTAssertEqual(elevation.filter(\.isNaN).count, 7)
        let flat = zip(slope, aspect).filter { $0.0 == 0 && $0.1.isNaN }.count
        XCTAssertGreaterThanOrEqual(flat, 2)
        XCTAssertGreaterThan(slope.filter { $0 > 30 }.count, 50)
        let relief = elevation.filter { !$0.isNaN }
        XCTAssertGreaterThan(relief.max()! - relief.min()!, 400)
    }

    func testNorthnessAndEastnessFollowAspect() throws {
        let golden = try GdaldemGolden.load()
        let ours = try HornTerrain.derivatives(
            elevation: TerrainTestSupport.padded(try golden.elevation("float32"), width: golden.width, height: golden.height),
            width: golden.width, height: golden.height, rasterEdges: .all,
            cellSizes: [TerrainCellSize(eastWest: 30, northSouth: -30)])
        var flatCells = 0
        for index in ours.slope.indices {
            let aspect = ours.aspect[index]
            if ours.slope[index].isNaN {
                XCTAssertTrue(ours.northness[index].isNaN && ours.eastness[index].isNaN)
            } else if aspect.isNaN {
                flatCells += 1
                XCTAssertEqual(ours.slope[index], 0)
                XCTAssertEqual(ours.northness[index], 0)
                XCTAssertEqual(ours.eastness[index], 0)
            } else {
                XCTAssertEqual(ours.northness[index], Float(cos(Double(aspect) * .pi / 180)))
                XCTAssertEqual(ours.eastness[index], Float(sin(Double(aspect) * .pi / 180)))
            }
        }
        XCTAssertGreaterThanOrEqual(flatCells, 2)
    }
}

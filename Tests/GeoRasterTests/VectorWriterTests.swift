import AtlasFoundation
import AtlasTestSupport
import Foundation
import GeoRaster
import XCTest

final class VectorWriterTests: XCTestCase {
    private let ox = 486_000.0, oy = 4_205_000.0

    /// A square over pixels (1...4, 1...4) of a 6 x 6 grid with a hole over pixel (2, 2),
    /// and a triangle-free second square over pixel (5, 5).
    private func polygons() -> [VectorPolygon] {
        func square(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> [(x: Double, y: Double)] {
            [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
        }
        let outer = square(ox + 30, oy - 150, ox + 150, oy - 30)
        let hole = square(ox + 60, oy - 90, ox + 90, oy - 60)
        return [
            VectorPolygon(rings: [outer, hole], attributes: ["type": "pit", "note": "with a hole"]),
            VectorPolygon(rings: [square(ox + 150, oy - 180, ox + 180, oy - 150)], attributes: ["type": "dump", "note": "it's quoted"]),
        ]
    }

    private func write(
        _ folder: TemporaryFolder, name: String = "mining.gpkg", driver: String = "GPKG",
        overwrite: Bool = false, timestamp: String? = nil
    ) throws -> String {
        let path = folder.file(name)
        try VectorWriter.writePolygons(
            polygons(), to: path, layer: "mining", fields: ["type", "note"],
            spatialReference: try SpatialReference(epsg: 32647), driver: driver,
            overwrite: overwrite, timestamp: timestamp)
        return path
    }

    private func rasterize(_ vector: String, folder: TemporaryFolder) throws -> [UInt8] {
        let out = folder.file("burnt-\(UUID().uuidString).tif")
        try PolygonRasterizer.rasterize(
            vector, layer: "mining", attribute: "type", codes: ["pit": 1, "dump": 2],
            onto: try Fixtures.utmGrid(width: 6, height: 6), outputPath: out, bandSpec: BandSpec(), overwrite: false)
        let dataset = try RasterDataset(path: out)
        return try dataset.band(1).read(dataset.extent, as: UInt8.self)
    }

    func testWrittenPolygonsRasterizePixelByPixel() throws {
        let folder = try TemporaryFolder()
        let pixels = try rasterize(try write(folder), folder: folder)
        XCTAssertEqual(
            pixels,
            [
                0, 0, 0, 0, 0, 0,
                0, 1, 1, 1, 1, 0,
                0, 1, 0, 1, 1, 0,
                0, 1, 1, 1, 1, 0,
                0, 1, 1, 1, 1, 0,
                0, 0, 0, 0, 0, 2,
            ])
        XCTAssertFalse(folder.contents.contains { $0.hasPrefix(".") }, "no temporary left: \(folder.contents)")
    }

    func testOtherSingleFileDriversWork() throws {
        let folder = try TemporaryFolder()
        let pixels = try rasterize(try write(folder, name: "mining.geojson", driver: "GeoJSON"), folder: folder)
        XCTAssertEqual(pixels.filter { $0 == 1 }.count, 15)
        XCTAssertEqual(pixels.filter { $0 == 2 }.count, 1)
    }

    func testFixedTimestampGivesByteIdenticalGeoPackages() throws {
        let folder = try TemporaryFolder()
        let first = try write(folder, name: "a.gpkg", timestamp: "2000-01-01T00:00:00.000Z")
        let second = try write(folder, name: "b.gpkg", timestamp: "2000-01-01T00:00:00.000Z")
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: first)), try Data(contentsOf: URL(fileURLWithPath: second)))
    }

    func testExistingOutputNeedsOverwrite() throws {
        let folder = try TemporaryFolder()
        let path = try write(folder)
        XCTAssertThrowsError(try write(folder)) { error in
            XCTAssertEqual((error as? any AtlasFailure)?.kind, .badInput)
            XCTAssertTrue("\(error)".contains("mining.gpkg") && "\(error)".contains("--overwrite"), "\(error)")
        }
        XCTAssertNoThrow(try write(folder, overwrite: true))
        XCTAssertEqual(try rasterize(path, folder: folder).filter { $0 != 0 }.count, 16)
    }

    func testBadInputIsRefusedBeforeAnyFileExists() throws {
        let folder = try TemporaryFolder()
        let srs = try SpatialReference(epsg: 32647)
        let line = VectorPolygon(rings: [[(0, 0), (1, 1), (0, 0)]], attributes: ["type": "pit"])
        XCTAssertThrowsError(
            try VectorWriter.writePolygons(
                [line], to: folder.file("a.gpkg"), layer: "x", fields: ["type"],
                spatialReference: srs, overwrite: false)
        ) { error in
            XCTAssertTrue("\(error)".contains("polygon 1, ring 1 has 2 distinct points"), "\(error)")
        }
        XCTAssertThrowsError(
            try VectorWriter.writePolygons(
                polygons(), to: folder.file("b.gpkg"), layer: "x", fields: ["type", "owner"],
                spatialReference: srs, overwrite: false)
        ) { error in
            XCTAssertTrue("\(error)".contains("polygon 1 has no value for field \"owner\""), "\(error)")
        }
        XCTAssertThrowsError(
            try VectorWriter.writePolygons(
                polygons(), to: folder.file("c.xyz"), layer: "x", fields: ["type"],
                spatialReference: srs, driver: "NoSuchDriver", overwrite: false)
        ) { error in
            XCTAssertEqual((error as? any AtlasFailure)?.kind, .badInput)
        }
        XCTAssertEqual(folder.contents, [])
    }

    func testMultiFileDriversAreRefusedWithoutLeftovers() throws {
        let folder = try TemporaryFolder()
        XCTAssertThrowsError(try write(folder, name: "mining.shp", driver: "ESRI Shapefile")) { error in
            XCTAssertTrue("\(error)".contains("writes several files"), "\(error)")
        }
        XCTAssertEqual(folder.contents, [])
    }
}

import GeoRaster
import XCTest

final class TerrainCommandTests: XCTestCase {
    private func assertIdentical(_ ours: String, _ golden: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let a = try RasterDataset(path: ours), b = try RasterDataset(path: golden)
        let x = try a.band(1).read(a.extent, as: Float.self), y = try b.band(1).read(b.extent, as: Float.self)
        XCTAssertEqual(x.count, y.count, file: file, line: line)
        let differing = zip(x, y).filter { $0.0.bitPattern != $0.1.bitPattern }.count
        XCTAssertEqual(differing, 0, "pixels differing from gdaldem", file: file, line: line)
        XCTAssertEqual(try a.band(1).noDataValue, -9999, file: file, line: line)
    }

    func testSlopeAndAspectAreBitIdenticalToGdaldemAtAnyBlockSizeAndThreadCount() throws {
        let workspace = try Workspace()
        let dem = CLI.testData("rasters/muli_dem.tif")
        for (blockSize, threads) in [(512, 1), (32, 2), (48, 2)] {
            let result = try CLI.run([
                "terrain", "--dem", dem, "--slope", workspace.file("s.tif"), "--aspect", workspace.file("a.tif"),
                "--block-size", "\(blockSize)", "--threads", "\(threads)", "--overwrite", "-q",
            ])
            XCTAssertEqual(result.exitCode, 0, result.stderr)
            try assertIdentical(workspace.file("s.tif"), CLI.testData("rasters/muli_slope_gdaldem.tif"))
            try assertIdentical(workspace.file("a.tif"), CLI.testData("rasters/muli_aspect_gdaldem.tif"))
        }
        XCTAssertEqual(
            try CLI.run(["terrain", "--dem", dem, "--slope", workspace.file("e.tif"), "--compute-edges", "--block-size", "32"]).exitCode, 0)
        try assertIdentical(workspace.file("e.tif"), CLI.testData("rasters/muli_slope_edges_gdaldem.tif"))
    }

    func testNorthnessAndEastnessOfATiltedPlane() throws {
        let workspace = try Workspace()
        // z rises 0.3 m per metre to the east: the slope faces west (aspect 270).
        let grid = try Workspace.grid(width: 9, height: 7)
        let dem = (0..<63).map { Float(4000 + 0.3 * 30 * Double($0 % 9)) }
        try workspace.raster("plane.tif", [dem], grid: grid, noData: -9999)
        let result = try CLI.run([
            "terrain", "--dem", workspace.file("plane.tif"), "--slope", workspace.file("s.tif"),
            "--aspect", workspace.file("a.tif"), "--northness", workspace.file("n.tif"),
            "--eastness", workspace.file("e.tif"), "--json",
        ])
        let json = try result.json()
        XCTAssertNotNil((json["products"] as? [String: Any])?["eastness"])
        let slope = try workspace.values("s.tif"), aspect = try workspace.values("a.tif")
        let north = try workspace.values("n.tif"), east = try workspace.values("e.tif")
        let centre = 3 * 9 + 4
        XCTAssertEqual(Double(slope[centre]), atan(0.3) * 180 / .pi, accuracy: 1e-4)
        XCTAssertEqual(aspect[centre], 270, accuracy: 1e-4)
        XCTAssertEqual(north[centre], 0, accuracy: 1e-6)
        XCTAssertEqual(east[centre], -1, accuracy: 1e-6)
        XCTAssertEqual(slope[0], -9999, "outer ring is nodata without --compute-edges")
    }

    func testGeographicDEMUsesMetresNotDegrees() throws {
        let workspace = try Workspace()
        // 1 arc-second cells at 38 N; z rises 10 m per cell eastwards.
        let grid = RasterGrid(
            width: 5, height: 5,
            geoTransform: GeoTransform(originX: 99.2, pixelWidth: 1.0 / 3600, originY: 38.1, pixelHeight: -1.0 / 3600),
            spatialReference: .wgs84())
        try workspace.raster("geo.tif", [(0..<25).map { Float(4000 + 10 * ($0 % 5)) }], grid: grid, noData: -9999)
        XCTAssertEqual(try CLI.run(["terrain", "--dem", workspace.file("geo.tif"), "--slope", workspace.file("s.tif")]).exitCode, 0)
        let slope = try workspace.values("s.tif")[12]
        // Centre row latitude 38.1 - 2.5/3600; east-west cell about 24.38 m there.
        let phi = (38.1 - 2.5 / 3600) * Double.pi / 180
        let a = 6_378_137.0, e2 = 0.006694379990141317
        let ew = (1.0 / 3600) * .pi / 180 * a * cos(phi) / (1 - e2 * sin(phi) * sin(phi)).squareRoot()
        XCTAssertEqual(Double(slope), atan(10 / ew) * 180 / .pi, accuracy: 1e-3)
        XCTAssertGreaterThan(slope, 20, "degrees taken as metres would give a slope of ~90")
    }

    func testMissingOutputsAndNoCRSAreBadInput() throws {
        try CLI.run(["terrain", "--dem", CLI.testData("rasters/muli_dem.tif")]).assertBadInput("name at least one output")
        let workspace = try Workspace()
        try CLI.run(["terrain", "--dem", CLI.realData("float_nan.tif"), "--slope", workspace.file("s.tif")])
            .assertBadInput("float_nan.tif: raster has no coordinate reference system")
        XCTAssertEqual(workspace.contents, [])
    }
}

import Foundation
import GeoRaster
import XCTest

/// Numbers no ground, air or machine has, and files that never end: refused with one line
/// before any work, instead of a map of infinities, NaN, a thawing index of 98,749 C day or a
/// terabyte allocation.
final class PlausibilityTests: XCTestCase {
    private func alt(_ workspace: Workspace, soil: String) throws -> [String] {
        try workspace.thawIndexRaster()
        try workspace.classRaster()
        try workspace.text("soil.csv", soil)
        return [
            "alt", "--thawing-index", workspace.file("ddt.tif"), "--soil", workspace.file("soil.csv"), "--classes",
            workspace.file("classes.tif"), "--out", workspace.file("alt.tif"),
        ]
    }

    func testSoilParametersBeyondAnyGround() throws {
        let workspace = try Workspace()
        let huge = Workspace.soilCSV.replacingOccurrences(of: "alpine meadow,0.93,", with: "alpine meadow,1e308,")
        try Refusal.expect(
            try alt(workspace, soil: huge), mentions: ["lambda_thawed", "must be at most 10 W/m/K"], untouched: [workspace.path])
        let peat = Workspace.soilCSV.replacingOccurrences(of: "alpine steppe,1.2,1400,0.12,", with: "alpine steppe,1.2,140000,0.12,")
        try Refusal.expect(try alt(workspace, soil: peat), mentions: ["dry_density", "must be at most 3000"], untouched: [workspace.path])
    }

    func testBoreholeMAGTOutsideAnyPermafrost() throws {
        for value in ["-300", "1e308"] {
            let workspace = try Workspace()
            try workspace.demRaster()
            try workspace.text("boreholes.csv", Workspace.boreholesCSV.replacingOccurrences(of: ",-0.9\n", with: ",\(value)\n"))
            try Refusal.expect(
                [
                    "magt", "fit", "--boreholes", workspace.file("boreholes.csv"), "--dem", workspace.file("dem.tif"), "--predictors",
                    "elevation", "--model", workspace.file("magt.json"),
                ],
                mentions: ["boreholes.csv: line 4, column magt:", "is no mean annual ground temperature (-30...30 C)"],
                untouched: [workspace.path])
        }
    }

    func testTemperaturesInTheWrongUnit() throws {
        let workspace = try Workspace()
        let grid = try workspace.smallGrid
        let months: [Float] = [-18, -14, -7, 0, 5, 9, 12, 11, 6, -2, -11, -16]
        try workspace.raster("kelvin.tif", months.map { [Float](repeating: $0 + 273.15, count: workspace.pixelCount) }, grid: grid)
        try Refusal.expect(
            ["thaw-index", "--temperature", workspace.file("kelvin.tif"), "--out", workspace.file("ddt.tif")],
            mentions: [
                "kelvin.tif: time step 1, pixel (0, 0) holds 255.15 C, not an air temperature; are the grids in kelvin? give --kelvin"
            ],
            untouched: [workspace.path])
        try workspace.raster("celsius.tif", months.map { [Float](repeating: $0, count: workspace.pixelCount) }, grid: grid)
        try Refusal.expect(
            ["thaw-index", "--temperature", workspace.file("celsius.tif"), "--out", workspace.file("ddt.tif"), "--kelvin"],
            mentions: ["celsius.tif: time step 1, pixel (0, 0) holds -18.0 K", "are the grids in Celsius? leave out --kelvin"],
            untouched: [workspace.path])
    }

    func testMiningBuffersAndDepthsBeyondAnyMine() throws {
        for (column, value, message) in [
            ("150", "1e7", "buffer_m"), ("150", "1e12", "buffer_m"), ("8,150", "5000,150", "excavation_depth"),
        ] {
            let workspace = try Workspace()
            let row = "pit,1.2,1.6,1800,0.08,0.03,1.2,8,150".replacingOccurrences(of: column, with: value)
            try Refusal.expect(
                try workspace.miningCommand(table: Workspace.miningHeader + "\n\(row)\n"),
                mentions: ["mining.csv", message, "must be between 0 and"], untouched: [workspace.path])
        }
    }

    /// A device, a pipe or a folder where a table or configuration belongs is refused before
    /// it is read (reading /dev/zero would never end).
    func testTablesAndConfigurationsThatAreNoFiles() throws {
        let workspace = try Workspace()
        let command = try alt(workspace, soil: Workspace.soilCSV)
        let soil = command.firstIndex(of: workspace.file("soil.csv"))!
        for (path, message) in [
            ("/dev/zero", "/dev/zero: is not a regular file (a device or pipe); give a table file"),
            (workspace.path, "is a folder, not a table file"),
        ] {
            var arguments = command
            arguments[soil] = path
            try Refusal.expect(arguments, mentions: [message], untouched: [workspace.path])
        }
        try Refusal.expect(
            ["run", "/dev/zero", "--out", workspace.file("atlas")], mentions: ["/dev/zero: is not a regular file"],
            untouched: [workspace.path])
        try workspace.text("big.csv", String(repeating: "x", count: 65 << 20))
        var big = command
        big[soil] = workspace.file("big.csv")
        try Refusal.expect(big, mentions: ["big.csv: is 65 MB; a table file may have at most 64 MB"], untouched: [workspace.path])
    }

    func testSizesThatWouldAllocateTheMachine() throws {
        let workspace = try Workspace()
        // A sparse 110,000 x 100,000 GeoTIFF (a few MB on disk): info describes it at once, and
        // refuses to read 1.1e10 pixels for statistics instead of allocating rows of them.
        let create = [
            "-q", "-outsize", "110000", "100000", "-bands", "1", "-ot", "Byte", "-co", "TILED=YES", "-co", "SPARSE_OK=TRUE",
            "-a_srs", "EPSG:32647", "-a_ullr", "0", "4000000", "3300000", "1000000", workspace.file("big.tif"),
        ]
        XCTAssertEqual(try CLI.runProcess(URL(fileURLWithPath: "/usr/bin/gdal_create"), create).exitCode, 0)
        try Refusal.expect(
            ["info", workspace.file("big.tif")], mentions: ["big.tif: has 110000 x 100000 pixels; exact statistics would read them all"],
            untouched: [workspace.path])
        XCTAssertEqual(try CLI.run(["info", workspace.file("big.tif"), "--no-stats", "--json"]).exitCode, 0)
        try workspace.magtRaster()
        try Refusal.expect(
            ["render", workspace.file("magt.tif"), "--out", workspace.file("m.png"), "--max-size", "1000000"],
            mentions: ["--max-size must be between 1 and 8192 pixels, got 1000000"], untouched: [workspace.path])
        for (arguments, message) in [
            (
                ["synth", "--size", "60000x40", "--seed", "1", "--out", workspace.file("scene")],
                "width and height must be between 32 and 50000"
            ),
            (
                ["stability", "--magt", workspace.file("magt.tif"), "--out", workspace.file("s.tif"), "--threads", "5000"],
                "--threads must be between 1 and 1024"
            ),
            (
                ["classify", "train", "--bands", "b.tif", "--samples", "s.csv", "--model", "m.json", "--trees", "1000000"],
                "--trees must be between 1 and 100000"
            ),
            (
                ["ice", "--alt", "a.tif", "--zones", "z.tif", "--strata", "s.csv", "--out", "i.tif", "--depth", "1e6"],
                "--depth must be between 0 and 100 m"
            ),
        ] {
            try Refusal.expect(arguments, mentions: [message], untouched: [workspace.path])
        }
        try Refusal.expect(
            ["simulate", "--column", "c.yaml", "--forcing", "f.yaml", "--dt-hours", "1e-9"],
            mentions: ["--dt-hours must be between 0.1 and 744"], untouched: [workspace.path])
    }
}

/// A model applied to rasters other than its own: bands in another order, of another type.
final class ModelMismatchTests: XCTestCase {
    func testBandsInAnotherOrderAreRefusedUnlessTheUserSaysSo() throws {
        let workspace = try Workspace()
        let landsat = CLI.testData("demo/landsat.tif")
        let train = try CLI.run([
            "classify", "train", "--bands", landsat, "--samples", CLI.testData("demo/vegetation_samples.csv"), "--model",
            workspace.file("rf.json"), "--trees", "10", "-q",
        ])
        XCTAssertEqual(train.exitCode, 0, train.stderr)
        let swap = ["-q", "-b", "2", "-b", "1", "-b", "3", "-b", "4", "-b", "5", "-b", "6", landsat, workspace.file("swapped.tif")]
        XCTAssertEqual(try CLI.runProcess(URL(fileURLWithPath: "/usr/bin/gdal_translate"), swap).exitCode, 0)
        let predict = ["classify", "predict", "--model", workspace.file("rf.json"), "--bands", workspace.file("swapped.tif")]
        try Refusal.expect(
            predict + ["--out", workspace.file("v.tif")],
            mentions: ["--bands: band 1 is \"SR_B3\" but the model", "was trained with \"SR_B2\" there", "or --ignore-band-names"],
            untouched: [workspace.path])
        XCTAssertEqual(try CLI.run(predict + ["--out", workspace.file("v.tif"), "--ignore-band-names", "-q"]).exitCode, 0)
        let float = ["-q", "-ot", "Float32", landsat, workspace.file("float.tif")]
        XCTAssertEqual(try CLI.runProcess(URL(fileURLWithPath: "/usr/bin/gdal_translate"), float).exitCode, 0)
        try Refusal.expect(
            [
                "classify", "predict", "--model", workspace.file("rf.json"), "--bands", workspace.file("float.tif"), "--out",
                workspace.file("f.tif"),
            ],
            mentions: ["band 1 holds Float32 but the model was trained on UInt16"], untouched: [workspace.path])
    }

    func testFractionalClassCodesAreRefusedNotRounded() throws {
        let workspace = try Workspace()
        try workspace.thawIndexRaster()
        try workspace.text("soil.csv", Workspace.soilCSV)
        try workspace.raster(
            "classes.tif", [(0..<workspace.pixelCount).map { Float($0 == 9 ? 1.2 : 1) }], grid: try workspace.smallGrid, noData: 0,
            categories: ["nodata", "alpine meadow", "alpine steppe"])
        try Refusal.expect(
            [
                "alt", "--thawing-index", workspace.file("ddt.tif"), "--soil", workspace.file("soil.csv"), "--classes",
                workspace.file("classes.tif"), "--out", workspace.file("alt.tif"),
            ],
            mentions: ["classes.tif: band 1, pixel (1, 1) holds 1.2", "class codes must be whole numbers 1...255"],
            untouched: [workspace.path])
    }
}

/// What the user typed is echoed quoted, escaped and cut: a NUL byte or a 10 MB value never
/// reaches the terminal raw.
final class EchoedValueTests: XCTestCase {
    func testControlCharactersAndHugeValuesAreEscapedAndCut() throws {
        let workspace = try Workspace()
        try workspace.thawIndexRaster()
        try workspace.classRaster()
        try workspace.text("soil.csv", Workspace.soilCSV + "glac\u{0}ier,2.1,900,0.3,0.1,1\n")
        let nul = try Refusal.expect(
            [
                "alt", "--thawing-index", workspace.file("ddt.tif"), "--soil", workspace.file("soil.csv"), "--classes",
                workspace.file("classes.tif"), "--out", workspace.file("alt.tif"),
            ],
            mentions: ["class \"glac\\u{0}ier\" is neither a code nor a category name"], untouched: [workspace.path])
        XCTAssertFalse(nul.stderr.contains("\u{0}"))

        let config = try SmallScene.make(in: workspace)
        let text = try String(contentsOfFile: config, encoding: .utf8)
            .replacingOccurrences(of: "trees: 20", with: "trees: " + String(repeating: "9x", count: 400_000))
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        let huge = try Refusal.expect(
            ["run", config, "--out", workspace.file("atlas")],
            mentions: ["vegetation.trees: expected a whole number, got \"9x9x", "... (800000 characters)\""], untouched: [workspace.path])
        XCTAssertLessThan(huge.stderr.count, 400)
    }
}

final class CoordinateMessageTests: XCTestCase {
    /// A CRS PROJ cannot take to longitude/latitude (a local mine grid): the error names the
    /// file whose CRS it is, not just "no transformation from X to X".
    func testAnUntransformableCRSNamesItsFile() throws {
        let workspace = try Workspace()
        let local = try SpatialReference(definition: #"LOCAL_CS["mine grid",UNIT["metre",1],AXIS["X",EAST],AXIS["Y",NORTH]]"#)
        let grid = RasterGrid(
            width: 8, height: 6, geoTransform: GeoTransform(originX: 0, pixelWidth: 30, originY: 180, pixelHeight: -30),
            spatialReference: local)
        try workspace.raster("dem.tif", [(0..<48).map { Float(4000 + $0) }], grid: grid, noData: -9999)
        try workspace.text("boreholes.csv", "id,x,y,magt\nA,15,165,-1\nB,45,135,-1.2\nC,75,105,-0.8\nD,105,75,-0.5\n")
        try Refusal.expect(
            [
                "magt", "fit", "--boreholes", workspace.file("boreholes.csv"), "--dem", workspace.file("dem.tif"), "--predictors",
                "elevation,lon", "--model", workspace.file("magt.json"),
            ],
            mentions: ["dem.tif: no transformation from mine grid to WGS 84"], untouched: [workspace.path])
    }
}

final class MiningPolygonTests: XCTestCase {
    /// A polygon of a type no one knows is refused before --out-dir is created.
    func testAnUnknownPolygonTypeCreatesNoOutputFolder() throws {
        let workspace = try Workspace()
        let polygon =
            #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:32647"}},"features":[{"type":"Feature","properties":{"type":"quarry"},"geometry":{"type":"Polygon","coordinates":[[[515000,4222000],[515090,4222000],[515090,4221910],[515000,4221910],[515000,4222000]]]}}]}"#
        try workspace.text("mines.geojson", polygon)
        try Refusal.expect(
            try workspace.miningCommand(
                table: Workspace.miningHeader + "\npit,1.2,1.6,1800,0.08,0.03,1.2,8,150\n", disturbance: workspace.file("mines.geojson")),
            mentions: ["mines.geojson: attribute type has the unknown value \"quarry\""], untouched: [workspace.path])
    }
}

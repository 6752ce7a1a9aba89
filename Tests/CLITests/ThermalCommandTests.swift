import GeoRaster
import XCTest

final class ThermalCommandTests: XCTestCase {
    private let monthly: [Float] = [-18, -14, -7, 0, 5, 9, 12, 11, 6, -2, -11, -16]

    func testThawingAndFreezingIndexFromTwelveMonths() throws {
        let workspace = try Workspace()
        let grid = try Workspace.grid(width: 4, height: 3)
        try workspace.raster("t.tif", monthly.map { [Float](repeating: $0, count: 12) }, grid: grid, noData: -9999)
        let json = try CLI.run([
            "thaw-index", "--temperature", workspace.file("t.tif"), "--out", workspace.file("ddt.tif"),
            "--freezing-index", workspace.file("ddf.tif"), "--json",
        ]).json()
        // 5x31 + 9x30 + 12x31 + 11x31 + 6x30 = 1318; freezing 18x31+14x28+7x31+2x31+11x30+16x31 = 2055
        XCTAssertEqual(try workspace.values("ddt.tif"), [Float](repeating: 1318, count: 12))
        XCTAssertEqual(try workspace.values("ddf.tif"), [Float](repeating: 2055, count: 12))
        XCTAssertEqual(json["series"] as? String, "monthly")
        let leap = try CLI.run([
            "thaw-index", "--temperature", workspace.file("t.tif"), "--out", workspace.file("ddf.tif"),
            "--overwrite", "--year", "2024", "--freezing-index", workspace.file("leap.tif"),
        ])
        XCTAssertEqual(leap.exitCode, 0, leap.stderr)
        XCTAssertEqual(try workspace.values("leap.tif")[0], 2055 + 14, "February has 29 days in 2024")
    }

    func testKelvinComesFromUnitMetadataOrTheFlag() throws {
        let workspace = try Workspace()
        let grid = try Workspace.grid(width: 2, height: 2)
        let kelvin = monthly.map { [Float](repeating: $0 + 273.15, count: 4) }
        try workspace.raster("k.tif", kelvin, grid: grid, unit: "K")
        let json = try CLI.run(["thaw-index", "--temperature", workspace.file("k.tif"), "--out", workspace.file("ddt.tif"), "--json"])
            .json()
        XCTAssertEqual(json["temperatureUnit"] as? String, "kelvin")
        XCTAssertEqual(Double(try workspace.values("ddt.tif")[0]), 1318, accuracy: 0.05)
        try workspace.raster("c.tif", kelvin, grid: grid, unit: "degC")
        try CLI.run(["thaw-index", "--temperature", workspace.file("c.tif"), "--out", workspace.file("x.tif"), "--kelvin"])
            .assertBadInput("--kelvin: given, but", "degC")
    }

    func testWrongBandCountIsNamed() throws {
        let workspace = try Workspace()
        try workspace.raster(
            "t13.tif", (0..<13).map { _ in [Float](repeating: 1, count: 4) }, grid: try Workspace.grid(width: 2, height: 2))
        try CLI.run(["thaw-index", "--temperature", workspace.file("t13.tif"), "--out", workspace.file("ddt.tif")])
            .assertBadInput("t13.tif: has 13 bands", "12 (monthly) or 365/366 (daily)")
        XCTAssertFalse(workspace.contents.contains("ddt.tif"))
    }

    private func soilTable(_ workspace: Workspace, water: String = "0.15") throws -> String {
        try workspace.text(
            "soil.csv",
            """
            class,lambda_thawed,dry_density,water_content,unfrozen_water_content,n_factor,edaphic_factor
            alpine meadow,0.93,756,\(water),0.06,1,0.08
            2,1.2,1400,0.12,0.04,0.8,0.09
            """)
    }

    func testStefanWorkedCheckAndMAGTMask() throws {
        let workspace = try Workspace()
        let grid = try Workspace.grid(width: 3, height: 2)
        try workspace.raster("ddt.tif", [[Float](repeating: 1000, count: 6)], grid: grid, noData: -9999)
        try workspace.raster(
            "classes.tif", [[UInt8](repeating: 1, count: 6)], grid: grid, noData: 0, categories: ["nodata", "alpine meadow", "steppe"])
        try workspace.raster("magt.tif", [[Float]([-1, -0.5, 0, 0.2, -3, -9999])], grid: grid, noData: -9999)
        _ = try soilTable(workspace)
        let json = try CLI.run([
            "alt", "--thawing-index", workspace.file("ddt.tif"), "--soil", workspace.file("soil.csv"),
            "--classes", workspace.file("classes.tif"), "--out", workspace.file("alt.tif"), "--json",
        ]).json()
        XCTAssertEqual(json["formula"] as? String, "physical")
        // sqrt(2 x 0.93 x 1000 x 86400 / (334000 x 756 x 0.09)) = 2.6592 m (METHOD's Yeniugou check)
        for value in try workspace.values("alt.tif") { XCTAssertEqual(value, 2.659, accuracy: 0.0005) }
        XCTAssertEqual(
            try CLI.run([
                "alt", "--thawing-index", workspace.file("ddt.tif"), "--soil", workspace.file("soil.csv"),
                "--classes", workspace.file("classes.tif"), "--out", workspace.file("masked.tif"),
                "--magt", workspace.file("magt.tif"),
            ]).exitCode, 0)
        let masked = try workspace.values("masked.tif")
        XCTAssertEqual(masked[0], 2.659, accuracy: 0.0005)
        XCTAssertEqual(masked[1], 2.659, accuracy: 0.0005)
        XCTAssertEqual(Array(masked[2...3]), [-9999, -9999], "MAGT >= 0: no permafrost, no ALT")
        XCTAssertEqual(masked[5], -9999, "MAGT nodata")
        XCTAssertEqual(
            try CLI.run([
                "alt", "--thawing-index", workspace.file("ddt.tif"), "--soil", workspace.file("soil.csv"),
                "--classes", workspace.file("classes.tif"), "--out", workspace.file("emp.tif"), "--form", "empirical",
            ]).exitCode, 0)
        XCTAssertEqual(Double(try workspace.values("emp.tif")[0]), 0.08 * 1000.0.squareRoot(), accuracy: 1e-5)
    }

    func testSoilTableErrorsNameFileLineAndField() throws {
        let workspace = try Workspace()
        let grid = try Workspace.grid(width: 2, height: 1)
        try workspace.raster("ddt.tif", [[Float](repeating: 1000, count: 2)], grid: grid)
        try workspace.raster("classes.tif", [[UInt8]([1, 3])], grid: grid, noData: 0, categories: ["nodata", "alpine meadow"])
        let arguments = [
            "alt", "--thawing-index", workspace.file("ddt.tif"), "--soil", workspace.file("soil.csv"),
            "--classes", workspace.file("classes.tif"), "--out", workspace.file("alt.tif"),
        ]
        _ = try soilTable(workspace, water: "0.05")
        try CLI.run(arguments).assertBadInput("soil.csv", "row 2", "water_content 0.05 must exceed unfrozen_water_content 0.06")
        _ = try soilTable(workspace, water: "abc")
        try CLI.run(arguments).assertBadInput("soil.csv: line 2, column water_content: \"abc\" is not a number")
        _ = try soilTable(workspace)
        try CLI.run(arguments).assertBadInput("classes.tif", "3")
        try workspace.text("soil.csv", "class,lambda_thawed\nalpine meadow,1\n")
        try CLI.run(arguments).assertBadInput("soil.csv: missing column \"dry_density\"")
        XCTAssertFalse(workspace.contents.contains("alt.tif"))
    }

    func testStabilityClassesOnBoundariesAndAreas() throws {
        let workspace = try Workspace()
        let grid = try Workspace.grid(width: 8, height: 1)
        try workspace.raster("magt.tif", [[Float]([-6, -5, -3, -1.5, -0.5, 0.5, 2, -9999])], grid: grid, noData: -9999)
        let json = try CLI.run([
            "stability", "--magt", workspace.file("magt.tif"), "--out", workspace.file("s.tif"),
            "--permafrost", workspace.file("p.tif"), "--json",
        ]).json()
        XCTAssertEqual(try workspace.codes("s.tif"), [1, 2, 3, 4, 5, 6, 6, 0], "a boundary goes to the warmer class")
        XCTAssertEqual(try workspace.codes("p.tif"), [1, 1, 1, 1, 1, 2, 2, 0])
        let areas = try XCTUnwrap((json["stability"] as? [String: Any])?["classAreasSquareKilometres"] as? [String: Double])
        XCTAssertEqual(areas["seasonally frozen ground (no permafrost)"] ?? 0, 2 * 900 / 1e6, accuracy: 1e-12)
        let band = try RasterDataset(path: workspace.file("s.tif")).band(1)
        XCTAssertEqual(band.categoryNames[1], "extremely stable")
        XCTAssertEqual(band.colorTable.count >= 7, true)
        try CLI.run(["stability", "--magt", workspace.file("magt.tif"), "--out", workspace.file("x.tif"), "--thresholds", "-5,-3,1"])
            .assertBadInput("--thresholds")
    }

    func testGroundIceHandComputedAndOverlapRefused() throws {
        let workspace = try Workspace()
        let grid = try Workspace.grid(width: 2, height: 1)
        try workspace.raster("alt.tif", [[Float]([2.5, -9999])], grid: grid, noData: -9999)
        try workspace.raster("zones.tif", [[UInt8]([1, 1])], grid: grid, noData: 0, categories: ["nodata", "alluvial plain"])
        try workspace.text(
            "strata.csv", "zone,top,bottom,ice_content\nalluvial plain,0,3,0.2\nalluvial plain,3,6,0.4\nalluvial plain,6,12,0.3\n")
        let json = try CLI.run([
            "ice", "--alt", workspace.file("alt.tif"), "--zones", workspace.file("zones.tif"),
            "--strata", workspace.file("strata.csv"), "--out", workspace.file("ice.tif"),
            "--mean-content", workspace.file("mean.tif"), "--class", workspace.file("class.tif"), "--json",
        ]).json()
        // 0.5 x 0.2 + 3 x 0.4 + 4 x 0.3 = 2.5 m3/m2 over 7.5 m: mean 1/3, ice-saturated (class 4)
        XCTAssertEqual(try workspace.values("ice.tif")[0], 2.5, accuracy: 1e-5)
        XCTAssertEqual(try workspace.values("ice.tif")[1], -9999)
        XCTAssertEqual(try workspace.values("mean.tif")[0], 1.0 / 3, accuracy: 1e-6)
        XCTAssertEqual(try workspace.codes("class.tif"), [4, 0])
        XCTAssertEqual(json["totalIceVolumeCubicKilometres"] as! Double, 2.5 * 900 / 1e9, accuracy: 1e-12)
        try workspace.text("strata.csv", "zone,top,bottom,ice_content\nalluvial plain,0,3,0.2\nalluvial plain,2,6,0.4\n")
        try CLI.run([
            "ice", "--alt", workspace.file("alt.tif"), "--zones", workspace.file("zones.tif"), "--strata", workspace.file("strata.csv"),
            "--out", workspace.file("ice2.tif"),
        ]).assertBadInput("strata.csv", "overlap")
    }
}

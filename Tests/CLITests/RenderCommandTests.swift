import Foundation
import GeoRaster
import XCTest

final class RenderCommandTests: XCTestCase {
    func testJSONDescribesThePictureAndItsLegend() throws {
        let workspace = try Workspace()
        let values = (0..<(40 * 30)).map { Float($0 % 40) / 10 - 2 }
        let raster = try workspace.raster(
            "magt.tif", [values], grid: try Workspace.grid(width: 40, height: 30), noData: -9999, unit: "degC")
        let object = try CLI.run(["render", raster, "--out", workspace.file("magt.png"), "--max-size", "20", "--json"]).json()
        XCTAssertEqual(Set(object.keys), ["png", "width", "height", "legend", "metresPerPixel"])
        XCTAssertEqual(object["png"] as? String, workspace.file("magt.png"))
        XCTAssertEqual(object["width"] as? Int, 20)
        XCTAssertEqual(object["height"] as? Int, 15)
        XCTAssertEqual(object["metresPerPixel"] as? Double, 60)
        let legend = try XCTUnwrap(object["legend"] as? [String: Any])
        XCTAssertEqual(legend["kind"] as? String, "ramp")
        XCTAssertEqual(legend["ramp"] as? String, "temperature")
        XCTAssertEqual(legend["unit"] as? String, "degC")
        XCTAssertEqual(try RasterDataset(path: workspace.file("magt.png")).width, 20)
        XCTAssertEqual(workspace.contents, ["magt.png", "magt.tif"])
    }

    func testRangeMayStartWithAMinusSign() throws {
        let workspace = try Workspace()
        let raster = try workspace.raster("d.tif", [[Float(-1), 0, 1, 2]], grid: try Workspace.grid(width: 2, height: 2))
        let object = try CLI.run(["render", raster, "--out", workspace.file("d.png"), "--range", "-3,3", "--ramp", "difference", "--json"])
            .json()
        let legend = try XCTUnwrap(object["legend"] as? [String: Any])
        XCTAssertEqual(legend["minimum"] as? Double, -3)
        XCTAssertEqual(legend["maximum"] as? Double, 3)
    }

    func testMissingRasterExitsTwoNamingIt() throws {
        let workspace = try Workspace()
        let result = try CLI.run(["render", workspace.file("nothing.tif"), "--out", workspace.file("x.png")])
        result.assertBadInput("nothing.tif: no such file")
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(workspace.contents, [])
    }

    func testExistingOutputWithoutOverwriteExitsTwo() throws {
        let workspace = try Workspace()
        let raster = try workspace.raster("a.tif", [[UInt8(1), 2, 3, 4]], grid: try Workspace.grid(width: 2, height: 2))
        try workspace.text("a.png", "not a picture")
        try CLI.run(["render", raster, "--out", workspace.file("a.png")]).assertBadInput("a.png: output exists; pass --overwrite")
        XCTAssertEqual(try String(contentsOfFile: workspace.file("a.png"), encoding: .utf8), "not a picture")
        let replaced = try CLI.run(["render", raster, "--out", workspace.file("a.png"), "--overwrite"])
        XCTAssertEqual(replaced.exitCode, 0, replaced.stderr)
        XCTAssertEqual(try RasterDataset(path: workspace.file("a.png")).driverName, "PNG")
    }

    func testBadOptionsAreUsageErrors() throws {
        let workspace = try Workspace()
        let raster = try workspace.raster("a.tif", [[UInt8(1), 2, 3, 4]], grid: try Workspace.grid(width: 2, height: 2))
        let cases: [([String], String)] = [
            (["--range", "3,1"], "--range expects MIN,MAX with MIN < MAX"),
            (["--range", "abc"], "--range expects MIN,MAX"),
            (["--ramp", "rainbow"], "--ramp must be one of temperature, difference"),
            (["--max-size", "0"], "--max-size must be between 1 and 8192 pixels"),
        ]
        for (options, message) in cases {
            try CLI.run(["render", raster, "--out", workspace.file("a.png")] + options).assertBadInput(message)
        }
        XCTAssertFalse(workspace.contents.contains("a.png"))
    }

    func testHelpHasAnExample() throws {
        let result = try CLI.run(["render", "--help"])
        XCTAssertEqual(result.exitCode, 0)
        XCTAssertTrue(result.stdout.contains("Examples:"))
        XCTAssertTrue(result.stdout.contains("thaw-depth"))
        XCTAssertTrue(result.stdout.contains("alt_page.png --page"), "an example draws a page")
    }
}

extension RenderCommandTests {
    /// A page is larger than its map, opaque, and its page-only flags need --page.
    func testAPageAndItsFlags() throws {
        let workspace = try Workspace()
        let raster = CLI.testData("rasters/muli_dem.tif")
        let page = try CLI.run([
            "render", raster, "--out", workspace.file("page.png"), "--page", "--title", "Muli DEM", "--hillshade", raster, "--json",
        ])
        XCTAssertEqual(page.exitCode, 0, page.stderr)
        let picture = try RasterDataset(path: workspace.file("page.png"))
        XCTAssertGreaterThan(picture.width, 120 * 5)
        XCTAssertEqual(picture.bandCount, 3)
        let refused = try CLI.run(["render", raster, "--out", workspace.file("x.png"), "--zoom-to-change"])
        XCTAssertEqual(refused.exitCode, 2)
        XCTAssertEqual(refused.errorLines.last, "permafrost-atlas: error: --zoom-to-change draws on a map page: add --page")
        XCTAssertFalse(workspace.contents.contains("x.png"))
    }
}

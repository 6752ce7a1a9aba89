import Foundation
import XCTest

final class InfoCommandTests: XCTestCase {
    func testJSONHasTheFieldsScriptsRelyOn() throws {
        let result = try CLI.run(["info", CLI.testData("rasters/muli_dem.tif"), "--json"])
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(object["width"] as? Int, 120)
        XCTAssertEqual(object["height"] as? Int, 90)
        XCTAssertEqual(object["bands"] as? Int, 1)
        XCTAssertEqual(object["epsg"] as? Int, 32647)
        XCTAssertEqual(object["geotransform"] as? [Double], [486_000, 30, 0, 4_205_000, 0, -30])
        XCTAssertEqual(object["nodata"] as? [Double], [-9999])
        XCTAssertEqual(object["dataType"] as? [String], ["Float32"])
        let band = try XCTUnwrap((object["bandDetails"] as? [[String: Any]])?.first)
        XCTAssertEqual(band["validPixels"] as? Int, 120 * 90 - 2)
        XCTAssertEqual(band["nodataPixels"] as? Int, 2)
        XCTAssertEqual(band["unit"] as? String, "m")
        XCTAssertEqual(band["minimum"] as! Double, 3580.5283203125, accuracy: 1e-9)
        XCTAssertEqual(band["maximum"] as! Double, 4557.962890625, accuracy: 1e-9)
    }

    func testNoCRSGivesNullEPSGAndNaNNoDataAsText() throws {
        let result = try CLI.run(["info", CLI.realData("float_nan.tif"), "--json"])
        XCTAssertEqual(result.exitCode, 0)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertTrue(object["epsg"] is NSNull)
        XCTAssertEqual(object["nodata"] as? [String], ["nan"])
    }

    func testTextOutputForPeople() throws {
        let result = try CLI.run(["info", CLI.realData("RGB.byte.tif")])
        XCTAssertEqual(result.exitCode, 0)
        XCTAssertTrue(result.stdout.contains("Size: 791 x 718 pixels, 3 bands"))
        XCTAssertTrue(result.stdout.contains("CRS: WGS 84 / UTM zone 18N (EPSG:32618)"))
        XCTAssertTrue(result.stdout.contains("382776 valid, 185162 nodata pixels"))
    }

    func testBadInputsExitTwoWithOneLineNamingTheFile() throws {
        let cases: [(arguments: [String], message: String)] = [
            (["info", "/no/such.tif"], "/no/such.tif: no such file"),
            (["info", CLI.realData("README.md")], "README.md: not a raster GDAL can read"),
            (["info", CLI.realData("corrupt.tif")], "corrupt.tif: cannot read band 1, rows"),
            (["info"], "Missing expected argument '<raster>'"),
            (["info", "a.tif", "--frobnicate"], "Unknown option '--frobnicate'"),
        ]
        for (arguments, message) in cases {
            let result = try CLI.run(arguments)
            XCTAssertEqual(result.exitCode, 2, "\(arguments): \(result.stderr)")
            XCTAssertEqual(result.errorLines.count, 1, "\(arguments): \(result.stderr)")
            XCTAssertTrue(result.stderr.hasPrefix("permafrost-atlas: error: "), result.stderr)
            XCTAssertTrue(result.stderr.contains(message), "\(arguments): \(result.stderr)")
            XCTAssertEqual(result.stdout, "")
        }
    }

    func testHelpHasAnExampleAndExitsZero() throws {
        let result = try CLI.run(["info", "--help"])
        XCTAssertEqual(result.exitCode, 0)
        XCTAssertTrue(result.stdout.contains("Example:"))
    }
}

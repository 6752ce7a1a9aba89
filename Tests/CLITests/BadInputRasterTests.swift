import Foundation
import GeoRaster
import XCTest

/// Unusable rasters, through the real command line: exit code 2, one line naming the file
/// (and band or pixel), and nothing written.
final class BadInputRasterTests: XCTestCase {
    func testMissingInputFileIsNamed() throws {
        let workspace = try Workspace()
        try Refusal.expect(
            ["stability", "--magt", workspace.file("missing.tif"), "--out", workspace.file("s.tif")],
            mentions: ["missing.tif: no such file"], untouched: [workspace.path])
    }

    func testTextFileIsNotARaster() throws {
        let workspace = try Workspace()
        try workspace.text("notes.tif", "MAGT measured in 2019, see the field book\n")
        try Refusal.expect(
            ["stability", "--magt", workspace.file("notes.tif"), "--out", workspace.file("s.tif")],
            mentions: ["notes.tif: not a raster GDAL can read"], untouched: [workspace.path])
    }

    func testEmptyFileIsNotARaster() throws {
        let workspace = try Workspace()
        try workspace.text("empty.tif", "")
        try Refusal.expect(
            ["terrain", "--dem", workspace.file("empty.tif"), "--slope", workspace.file("s.tif")],
            mentions: ["empty.tif: not a raster GDAL can read"], untouched: [workspace.path])
    }

    func testZeroSizedRasterIsRefused() throws {
        let workspace = try Workspace()
        try workspace.text(
            "zero.vrt",
            """
            <VRTDataset rasterXSize="0" rasterYSize="0">
              <SRS>EPSG:32647</SRS>
              <GeoTransform>515000, 30, 0, 4222000, 0, -30</GeoTransform>
              <VRTRasterBand dataType="Float32" band="1"/>
            </VRTDataset>
            """)
        try Refusal.expect(
            ["stability", "--magt", workspace.file("zero.vrt"), "--out", workspace.file("s.tif")],
            mentions: ["zero.vrt: not a raster GDAL can read", "0 x 0"], untouched: [workspace.path])
    }

    func testDamagedGeoTIFFFailsMidReadAndLeavesNoOutput() throws {
        let workspace = try Workspace()
        // The first blocks of corrupt.tif read; a later one does not.
        try Refusal.expect(
            [
                "terrain", "--dem", CLI.realData("corrupt.tif"), "--slope", workspace.file("slope.tif"),
                "--aspect", workspace.file("aspect.tif"), "--block-size", "256", "--threads", "2",
            ],
            mentions: ["corrupt.tif: cannot read band 1, rows", "the file is damaged or truncated"], untouched: [workspace.path])
    }

    func testAllNodataRasterIsRefused() throws {
        let workspace = try Workspace()
        try workspace.raster(
            "magt.tif", [[Float](repeating: -9999, count: workspace.pixelCount)], grid: try workspace.smallGrid, noData: -9999)
        try Refusal.expect(
            ["stability", "--magt", workspace.file("magt.tif"), "--out", workspace.file("s.tif")],
            mentions: ["magt.tif: band 1 has no valid pixel"], untouched: [workspace.path])
    }

    func testRealAllNodataFileIsRefused() throws {
        let workspace = try Workspace()
        try Refusal.expect(
            ["terrain", "--dem", CLI.realData("all-nodata.tif"), "--slope", workspace.file("slope.tif")],
            mentions: ["all-nodata.tif: band 1 has no valid pixel"], untouched: [workspace.path])
    }

    func testAllNaNRasterIsRefused() throws {
        let workspace = try Workspace()
        try workspace.raster(
            "dem.tif", [[Float](repeating: .nan, count: workspace.pixelCount)], grid: try workspace.smallGrid, noData: -9999)
        try Refusal.expect(
            ["terrain", "--dem", workspace.file("dem.tif"), "--slope", workspace.file("slope.tif")],
            mentions: ["dem.tif: band 1 has no valid pixel (every pixel is nodata or NaN)"], untouched: [workspace.path])
    }

    func testOneEmptyMonthOfATemperatureStackIsNamed() throws {
        let workspace = try Workspace()
        let months = (1...12).map { month in [Float](repeating: month == 7 ? -9999 : Float(month) - 5, count: workspace.pixelCount) }
        try workspace.raster("air.tif", months, grid: try workspace.smallGrid, noData: -9999, unit: "degC")
        try Refusal.expect(
            ["thaw-index", "--temperature", workspace.file("air.tif"), "--out", workspace.file("ddt.tif")],
            mentions: ["air.tif: band 7 has no valid pixel"], untouched: [workspace.path])
    }

    func testNaNPixelsBecomeNodataNeverNaNOnDisk() throws {
        let workspace = try Workspace()
        var thaw = [Float](repeating: 1000, count: workspace.pixelCount)
        thaw[3] = .nan
        thaw[17] = .nan
        try workspace.raster("ddt.tif", [thaw], grid: try workspace.smallGrid, noData: -9999)
        try workspace.classRaster()
        try workspace.text("soil.csv", Workspace.soilCSV)
        let result = try CLI.run([
            "alt", "--thawing-index", workspace.file("ddt.tif"), "--soil", workspace.file("soil.csv"),
            "--classes", workspace.file("classes.tif"), "--out", workspace.file("alt.tif"), "--json",
        ])
        let json = try result.json()
        let alt = try workspace.values("alt.tif")
        XCTAssertEqual(alt[3], -9999)
        XCTAssertEqual(alt[17], -9999)
        XCTAssertFalse(alt.contains { $0.isNaN }, "NaN must never reach an output")
        XCTAssertEqual((json["activeLayerThickness"] as? [String: Any])?["nodataPixels"] as? Int, 2)
    }

    func testRasterWithoutCRSIsRefused() throws {
        let workspace = try Workspace()
        try Refusal.expect(
            ["stability", "--magt", CLI.realData("float_nan.tif"), "--out", workspace.file("s.tif")],
            mentions: ["float_nan.tif: raster has no coordinate reference system"], untouched: [workspace.path])
    }

    func testRotatedRasterIsRefused() throws {
        let workspace = try Workspace()
        try Refusal.expect(
            ["stability", "--magt", CLI.realData("rotated.tif"), "--out", workspace.file("s.tif")],
            mentions: ["rotated.tif: raster is rotated"], untouched: [workspace.path])
    }

    func testClassRasterBesideTheGridIsRefused() throws {
        let workspace = try Workspace()
        try workspace.thawIndexRaster()
        try workspace.text("soil.csv", Workspace.soilCSV)
        // Same CRS and pixel size, 100 km further east.
        let elsewhere = RasterGrid(
            width: 8, height: 6, geoTransform: GeoTransform(originX: 615_000, pixelWidth: 30, originY: 4_222_000, pixelHeight: -30),
            spatialReference: try SpatialReference(epsg: 32647))
        try workspace.raster(
            "classes.tif", [[UInt8](repeating: 1, count: 48)], grid: elsewhere, noData: 0,
            categories: ["nodata", "alpine meadow", "alpine steppe"])
        try Refusal.expect(
            [
                "alt", "--thawing-index", workspace.file("ddt.tif"), "--soil", workspace.file("soil.csv"),
                "--classes", workspace.file("classes.tif"), "--out", workspace.file("alt.tif"),
            ],
            mentions: ["classes.tif: does not overlap the reference grid"], untouched: [workspace.path])
    }

    func testFeatureRasterOnAnotherContinentIsRefused() throws {
        let workspace = try Workspace()
        try workspace.landsatRaster()
        try workspace.text("samples.csv", Workspace.samplesCSV)
        // RGB.byte.tif lies in UTM zone 18N (North America); the grid in 47N (Tibet).
        try Refusal.expect(
            [
                "classify", "train", "--bands", workspace.file("landsat.tif"), CLI.realData("RGB.byte.tif"),
                "--samples", workspace.file("samples.csv"), "--model", workspace.file("model.json"), "--trees", "5",
            ],
            mentions: ["RGB.byte.tif: does not overlap the reference grid"], untouched: [workspace.path])
    }

    func testClassCodeAbove255IsNamedWithItsPixel() throws {
        let workspace = try Workspace()
        try workspace.thawIndexRaster()
        try workspace.text(
            "soil.csv",
            Workspace.soilCSV.replacingOccurrences(of: "alpine meadow,", with: "1,").replacingOccurrences(of: "alpine steppe,", with: "2,"))
        var codes = [Int16](repeating: 1, count: workspace.pixelCount)
        codes[2 * 8 + 3] = 300
        try workspace.raster("classes.tif", [codes], grid: try workspace.smallGrid, noData: 0)
        try Refusal.expect(
            [
                "alt", "--thawing-index", workspace.file("ddt.tif"), "--soil", workspace.file("soil.csv"),
                "--classes", workspace.file("classes.tif"), "--out", workspace.file("alt.tif"),
            ],
            mentions: ["classes.tif: band 1, pixel (3, 2) holds class code 300"], untouched: [workspace.path])
    }

    func testTwoTemperatureRastersAreNeitherMonthsNorDays() throws {
        let workspace = try Workspace()
        try workspace.thawIndexRaster("t1.tif")
        try workspace.thawIndexRaster("t2.tif")
        try Refusal.expect(
            ["thaw-index", "--temperature", workspace.file("t1.tif"), workspace.file("t2.tif"), "--out", workspace.file("ddt.tif")],
            mentions: ["--temperature: 2 rasters given; need 12 monthly"], untouched: [workspace.path])
    }
}

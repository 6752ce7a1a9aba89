import AtlasCore
import AtlasTestSupport
import GeoRaster
import XCTest

@testable import AtlasCartography

/// The parts of a standalone map page: hillshade (golden gdaldem output), tick values, numbers
/// as people read them, and the page itself.
final class MapPageTests: XCTestCase {
    /// Inside its one-pixel ring (where gdaldem writes nodata and we repeat the edge) every
    /// cell is gdaldem hillshade's value to the unit (Float64 here, Float32 inside gdaldem).
    func testHillshadeMatchesGdaldem() throws {
        let dem = try RasterDataset(path: RepositoryFiles.testData("rasters/muli_dem.tif"))
        let golden = try RasterDataset(path: RepositoryFiles.testData("rasters/muli_hillshade_gdaldem.tif"))
        let elevations = try dem.band(1).read(dem.extent, as: Double.self)
        let expected = try golden.band(1).read(golden.extent, as: UInt8.self)
        let shades = Hillshade.shade(
            elevations, width: dem.width, height: dem.height, cellWidth: 30, cellHeight: 30, noData: try dem.band(1).noDataValue)
        var largest = 0, compared = 0
        for row in 1..<(dem.height - 1) {
            for column in 1..<(dem.width - 1) {
                let index = row * dem.width + column
                largest = max(largest, abs(Int(shades[index]) - Int(expected[index])))
                compared += 1
            }
        }
        XCTAssertEqual(compared, 118 * 88)
        XCTAssertLessThanOrEqual(largest, 1)
    }

    /// A 45-degree plane facing the light (rising to the south-east, lit from the north-west
    /// at 45 degrees) is lit fully; a steep plane facing away is in shadow.
    func testHillshadeOfPlanes() {
        let rise = 30 / 2.0.squareRoot()
        let plane: [Double] = (0..<25).map { (index: Int) -> Double in Double(index % 5 + index / 5) * rise }
        let lit = Hillshade.shade(plane, width: 5, height: 5, cellWidth: 30, cellHeight: 30, noData: nil)
        XCTAssertEqual(lit[12], 255)
        let away = Hillshade.shade(plane.map { -3 * $0 }, width: 5, height: 5, cellWidth: 30, cellHeight: 30, noData: nil)
        XCTAssertEqual(away[12], 1)
    }

    func testTicksAreRoundAndInsideTheRange() {
        XCTAssertEqual(AxisTicks.values(from: 0, to: 10, about: 5), [0, 2, 4, 6, 8, 10])
        XCTAssertEqual(AxisTicks.values(from: 515_000, to: 527_000, about: 4), [515_000, 520_000, 525_000])
        XCTAssertEqual(AxisTicks.values(from: -1.2, to: 1.2, about: 5), [-1, -0.5, 0, 0.5, 1])
        XCTAssertEqual(AxisTicks.values(from: 3, to: 3), [3])
    }

    func testNumbersAreRoundedToWhatTheDataHolds() {
        XCTAssertEqual(ReadableNumber.format(1120.4, spanning: 1000), "1120")
        XCTAssertEqual(ReadableNumber.format(-0.5, spanning: 2.4), "-0.5")
        XCTAssertEqual(ReadableNumber.format(0.0000001, spanning: 2), "0")
        XCTAssertEqual(ReadableNumber.format(0.0125, spanning: 0.05), "0.0125")
        XCTAssertEqual(ReadableNumber.format(Double(Float(1.2)), significantDigits: 4), "1.2")
        XCTAssertEqual(ReadableNumber.format(Double(Float(0.6)), significantDigits: 6), "0.6")
        XCTAssertEqual(ReadableNumber.format(-0.001489987, significantDigits: 4), "-0.00149")
        XCTAssertEqual(ReadableNumber.unit("m3/m2"), "m³/m²")
    }

    /// The page holds the map unchanged (enlarged by a whole factor), a legend swatch of every
    /// class in its colour, and dark ink for title, frame and north arrow.
    func testAPageShowsMapLegendAndInk() {
        let red = RGBA(200, 30, 30), blue = RGBA(30, 30, 200)
        var picture = RGBAImage(width: 50, height: 40, filledWith: red)
        for index in 0..<(50 * 20) { picture[index] = blue }
        let legend = MapLegend.classes(
            title: "test", unit: "class",
            [.init(code: 1, name: "cold", color: blue, present: true), .init(code: 2, name: "warm", color: red, present: true)])
        let page = MapPage(
            title: "A test map", subtitle: "made by a test", picture: picture, legend: legend,
            emptyEntries: [.init(code: -1, name: "no data", color: RGBA(255, 255, 255), present: true)],
            georeference: .init(
                originX: 500_000, originY: 4_200_000, pixelWidth: 30, pixelHeight: -30, isGeographic: false, crsName: "UTM"),
            metresPerPixel: 30, inset: nil
        ).render()
        // 700 / 50 = 14: the map is drawn 14 times larger, from (78, 74).
        XCTAssertGreaterThan(page.width, 78 + 50 * 14)
        XCTAssertEqual(page[column: 78 + 7, row: 74 + 100], blue)
        XCTAssertEqual(page[column: 78 + 300, row: 74 + 30 * 14], red)
        // Legend swatches: 18 x 12 at the panel's left, rows 20 px apart from y = 104.
        let panel = 78 + 50 * 14 + 28
        XCTAssertEqual(page[column: panel + 9, row: 104 + 6], blue)
        XCTAssertEqual(page[column: panel + 9, row: 124 + 6], red)
        // The title's ink: some dark pixels in the top band, none in the margin above it.
        let titleInk = (0..<page.width).filter { page[column: $0, row: 26].red < 100 }.count
        XCTAssertGreaterThan(titleInk, 10)
        XCTAssertTrue((0..<page.width).allSatisfy { page[column: $0, row: 2] == RGBA(255, 255, 255) })
    }
}

import AtlasFoundation
import AtlasTestSupport
import Foundation
import GeoRaster
import XCTest

final class PNGWriterTests: XCTestCase {
    private func checkerboard(width: Int, height: Int) -> RGBAImage {
        var image = RGBAImage(width: width, height: height)
        for row in 0..<height {
            for column in 0..<width {
                image[column: column, row: row] =
                    (row + column).isMultiple(of: 2)
                    ? RGBA(UInt8(column), UInt8(row), 200, 255) : RGBA(10, 20, 30, 0)
            }
        }
        return image
    }

    private func readBack(_ path: String) throws -> RGBAImage {
        try RGBAImage(contentsOf: path)
    }

    func testPixelsRoundTripExactlyAndNoTemporaryIsLeft() throws {
        let folder = try TemporaryFolder()
        let image = checkerboard(width: 7, height: 5)
        let writer = try PNGWriter(path: folder.file("map.png"), overwrite: false)
        try writer.write(image)
        XCTAssertEqual(folder.contents, ["map.png"])
        XCTAssertEqual(try RasterDataset(path: folder.file("map.png")).driverName, "PNG")
        XCTAssertEqual(try readBack(folder.file("map.png")), image)
    }

    func testFewColorsAreWrittenPalettedAndManyAsRGBA() throws {
        let folder = try TemporaryFolder()
        // 7 x 5: 18 colours plus one transparent; 33 x 21: 347 colours.
        for (width, height, bands) in [(7, 5, 1), (33, 21, 4)] {
            let image = checkerboard(width: width, height: height)
            try PNGWriter(path: folder.file("map.png"), overwrite: true).write(image)
            let dataset = try RasterDataset(path: folder.file("map.png"))
            XCTAssertEqual(dataset.bandCount, bands, "\(width) x \(height)")
            XCTAssertEqual(try readBack(folder.file("map.png")), image, "\(width) x \(height)")
        }
        XCTAssertEqual(folder.contents, ["map.png"])
    }

    func testPaletteHoldsEachColorOnceInOrderOfFirstAppearance() throws {
        var image = RGBAImage(width: 300, height: 1)
        // 256 colours (the most a palette holds), each appearing twice, the second time
        // far from the first; one more colour makes it too many.
        for column in 0..<256 {
            image[column: column, row: 0] = RGBA(UInt8(column), UInt8(255 - column), 7, UInt8(column % 3 * 100))
        }
        for column in 256..<300 { image[column: column, row: 0] = image[column: column - 256, row: 0] }
        let paletted = try XCTUnwrap(image.paletted())
        XCTAssertEqual(paletted.palette.count, 256)
        XCTAssertEqual(paletted.palette[0], RGBA(0, 255, 7, 0))
        XCTAssertEqual(paletted.palette[255], RGBA(255, 0, 7, 0))
        XCTAssertEqual((0..<300).map { paletted.palette[Int(paletted.indices[$0])] }, (0..<300).map { image[$0] })
        image[column: 299, row: 0] = RGBA(1, 2, 3, 4)
        XCTAssertNil(image.paletted())
    }

    func testSamePictureGivesTheSameBytes() throws {
        let folder = try TemporaryFolder()
        let image = checkerboard(width: 33, height: 21)
        try PNGWriter(path: folder.file("a.png"), overwrite: false).write(image)
        try PNGWriter(path: folder.file("b.png"), overwrite: false).write(image)
        XCTAssertEqual(
            try Data(contentsOf: URL(fileURLWithPath: folder.file("a.png"))),
            try Data(contentsOf: URL(fileURLWithPath: folder.file("b.png"))))
    }

    func testExistingOutputNeedsOverwrite() throws {
        let folder = try TemporaryFolder()
        let image = checkerboard(width: 2, height: 2)
        try PNGWriter(path: folder.file("map.png"), overwrite: false).write(image)
        XCTAssertThrowsError(try PNGWriter(path: folder.file("map.png"), overwrite: false)) { error in
            XCTAssertEqual((error as? any AtlasFailure)?.kind, .badInput)
            XCTAssertTrue("\(error)".contains("map.png: output exists"), "\(error)")
        }
        try PNGWriter(path: folder.file("map.png"), overwrite: true).write(RGBAImage(width: 3, height: 1, filledWith: RGBA(1, 2, 3)))
        XCTAssertEqual(try readBack(folder.file("map.png")), RGBAImage(width: 3, height: 1, filledWith: RGBA(1, 2, 3)))
        XCTAssertEqual(folder.contents, ["map.png"])
    }

    func testMissingFolderIsBadInput() {
        XCTAssertThrowsError(try PNGWriter(path: "/no/such/folder/map.png", overwrite: false)) { error in
            XCTAssertEqual((error as? any AtlasFailure)?.kind, .badInput)
        }
    }

    func testDecimatedReadPicksOneSourcePixelPerCell() throws {
        let folder = try TemporaryFolder()
        let grid = try Fixtures.utmGrid(width: 10, height: 6)
        let values = (0..<60).map { Float(($0 / 10) * 100 + $0 % 10) }
        let path = try Fixtures.write(values, grid: grid, to: folder.file("ramp.tif"))
        let dataset = try RasterDataset(path: path)
        let band = try dataset.band(1)
        let small = try band.read(dataset.extent, bufferWidth: 5, bufferHeight: 3, as: Float.self)
        XCTAssertEqual(small.count, 15)
        for row in 0..<3 {
            for column in 0..<5 {
                let value = Int(small[row * 5 + column])
                XCTAssertTrue([2 * row, 2 * row + 1].contains(value / 100), "row \(row), column \(column): \(value)")
                XCTAssertTrue([2 * column, 2 * column + 1].contains(value % 100), "row \(row), column \(column): \(value)")
            }
        }
        XCTAssertEqual(try band.read(dataset.extent, bufferWidth: 10, bufferHeight: 6, as: Float.self), values)
        let window = RasterWindow(column: 4, row: 2, width: 4, height: 4)
        XCTAssertEqual(try band.read(window, bufferWidth: 1, bufferHeight: 1, as: Float.self).count, 1)
        XCTAssertThrowsError(
            try band.read(RasterWindow(column: 8, row: 0, width: 4, height: 2), bufferWidth: 2, bufferHeight: 1, as: Float.self))
    }
}

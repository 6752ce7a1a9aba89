import AtlasTestSupport
import GeoRaster
import XCTest

final class WindowAndBlockTests: XCTestCase {
    func testBlocksCoverAnOddSizedRasterExactlyOnce() {
        let grid = BlockGrid(width: 37, height: 23, blockWidth: 16, blockHeight: 10)
        XCTAssertEqual(grid.count, 3 * 3)
        var covered = [Int](repeating: 0, count: 37 * 23)
        for block in grid {
            for row in block.core.row..<block.core.endRow {
                for column in block.core.column..<block.core.endColumn { covered[row * 37 + column] += 1 }
            }
        }
        XCTAssertEqual(Set(covered), [1])
        let last = grid.block(at: 8)
        XCTAssertEqual(last.core, RasterWindow(column: 32, row: 20, width: 5, height: 3))
        XCTAssertTrue(last.touchesRight && last.touchesBottom && !last.touchesLeft && !last.touchesTop)
    }

    func testHaloReachesPastEdgesAndIsClippedForReading() {
        let grid = BlockGrid(width: 37, height: 23, blockWidth: 16, blockHeight: 10, halo: 2)
        let first = grid.block(at: 0)
        XCTAssertEqual(first.padded, RasterWindow(column: -2, row: -2, width: 20, height: 14))
        XCTAssertEqual(first.readable, RasterWindow(column: 0, row: 0, width: 18, height: 12))
        let middle = grid.block(at: 4)
        XCTAssertEqual(middle.padded, RasterWindow(column: 14, row: 8, width: 20, height: 14))
        XCTAssertEqual(middle.readable, middle.padded)
    }

    func testReadingAHaloFillsOutsidePixelsAndKeepsInsideOnes() throws {
        let folder = try TemporaryFolder()
        let width = 7, height = 5
        let values = (0..<(width * height)).map { Float($0) }
        let path = try Fixtures.write(values, grid: try Fixtures.utmGrid(width: width, height: height), to: folder.file("a.tif"))
        let band = try RasterDataset(path: path).band(1)
        for block in BlockGrid(width: width, height: height, blockWidth: 3, blockHeight: 2, halo: 1) {
            var buffer = [Float](repeating: -1, count: block.padded.pixelCount)
            try buffer.withUnsafeMutableBufferPointer { try band.read(block.padded, fillingOutsideWith: .nan, into: $0) }
            for row in 0..<block.padded.height {
                for column in 0..<block.padded.width {
                    let x = block.padded.column + column, y = block.padded.row + row
                    let got = buffer[row * block.padded.width + column]
                    if x < 0 || y < 0 || x >= width || y >= height {
                        XCTAssertTrue(got.isNaN, "outside (\(x), \(y)) must be the fill value")
                    } else {
                        XCTAssertEqual(got, Float(y * width + x), "pixel (\(x), \(y)) in block \(block.index)")
                    }
                }
            }
        }
    }

    func testGeoTransformMapsPixelCentresAndBack() {
        let transform = GeoTransform(originX: 486_000, pixelWidth: 30, originY: 4_205_000, pixelHeight: -30)
        let centre = transform.pixelCentre(column: 2, row: 3)
        XCTAssertEqual(centre.x, 486_075)
        XCTAssertEqual(centre.y, 4_204_895)
        let back = transform.pixel(x: centre.x, y: centre.y)!
        XCTAssertEqual(back.column, 2.5, accuracy: 1e-12)
        XCTAssertEqual(back.row, 3.5, accuracy: 1e-12)
    }

    func testRotatedGeoTransformInvertsExactly() {
        let transform = GeoTransform([100, 17.32, 5, 200, 10, -8.66])
        let point = transform.map(column: 3.25, row: 7.5)
        let back = transform.pixel(x: point.x, y: point.y)!
        XCTAssertEqual(back.column, 3.25, accuracy: 1e-9)
        XCTAssertEqual(back.row, 7.5, accuracy: 1e-9)
        XCTAssertFalse(transform.isNorthUp)
    }
}

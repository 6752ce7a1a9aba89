import AtlasTestSupport
import Foundation
import GeoRaster
import XCTest

final class AlignmentTests: XCTestCase {
    func testInputAlreadyOnTheGridIsNotWarped() throws {
        let folder = try TemporaryFolder()
        let grid = try Fixtures.utmGrid(width: 4, height: 3)
        let path = try Fixtures.write([Float](repeating: 1, count: 12), grid: grid, to: folder.file("same.tif"))
        let aligned = try AlignedRaster.align(path, onto: grid, resampling: .bilinear)
        XCTAssertFalse(aligned.wasWarped)
        XCTAssertEqual(aligned.path, path)
    }

    func testARasterOnTheSamePixelLatticeIsReadInPlaceWithItsOffset() throws {
        let folder = try TemporaryFolder()
        let source = try Fixtures.utmGrid(width: 6, height: 5)
        let path = try Fixtures.write((0..<30).map { UInt8($0 + 1) }, grid: source, to: folder.file("classes.tif"), noData: 0)
        // Target: one pixel east and one south, 4 x 3; the source starts at (-1, -1) on it.
        let target = try Fixtures.utmGrid(width: 4, height: 3, originX: 486_030, originY: 4_204_970)
        let aligned = try AlignedRaster.align(path, onto: target, resampling: .nearest)
        XCTAssertFalse(aligned.wasWarped, "no resampling between grids of one lattice")
        XCTAssertEqual(aligned.path, path)
        XCTAssertEqual(aligned.offset.column, -1)
        XCTAssertEqual(aligned.offset.row, -1)
    }

    func testModeAggregatesClassesOntoACoarserGrid() throws {
        let folder = try TemporaryFolder()
        // 6 x 4 pixels of 30 m; each 2 x 2 block holds three pixels of one class and one other.
        let values: [UInt8] = [
            1, 1, 2, 2, 3, 3,
            1, 4, 2, 4, 4, 3,
            5, 5, 6, 6, 7, 7,
            5, 1, 1, 6, 7, 1,
        ]
        let path = try Fixtures.write(values, grid: try Fixtures.utmGrid(width: 6, height: 4), to: folder.file("c.tif"), noData: 0)
        let target = try Fixtures.utmGrid(width: 3, height: 2, cell: 60)
        let aligned = try AlignedRaster.align(path, onto: target, resampling: .mode)
        XCTAssertTrue(aligned.wasWarped)
        let dataset = try aligned.open()
        XCTAssertEqual(try dataset.band(1).read(dataset.extent, as: UInt8.self), [1, 2, 3, 5, 6, 7])
    }

    func testBilinearAtHalfPixelAveragesFourNeighbours() throws {
        let folder = try TemporaryFolder()
        let source = try Fixtures.utmGrid(width: 6, height: 6)
        // A plane: bilinear interpolation of a plane is exact.
        let values: [Float] = (0..<36).map { (index: Int) -> Float in
            let column = index % 6, row = index / 6
            return Float(10 * column + 100 * row)
        }
        let path = try Fixtures.write(values, grid: source, to: folder.file("plane.tif"), noData: -9999)
        let target = try Fixtures.utmGrid(width: 3, height: 3, originX: 486_045, originY: 4_204_955)
        let aligned = try AlignedRaster.align(path, onto: target, resampling: .bilinear)
        XCTAssertNotNil(aligned.bilinearGrids, "same pixel size: interpolated without GDAL's warper")
        let got = try aligned.readValues(band: 1, window: target.extent)
        // Target pixel (c, r) centre sits between source columns c+1, c+2 and rows r+1, r+2.
        for row in 0..<3 {
            for column in 0..<3 {
                let expected: Float = 10 * (Float(column) + 1.5) + 100 * (Float(row) + 1.5)
                XCTAssertEqual(got[row * 3 + column], expected, accuracy: 1e-3)
            }
        }
    }

    func testReprojectionFromGeographicLandsOnTheSamePlace() throws {
        let folder = try TemporaryFolder()
        // A lon/lat raster whose west half is 1 and east half 2, around 99.5 E.
        let geographic = RasterGrid(
            width: 20, height: 20,
            geoTransform: GeoTransform(originX: 99.49, pixelWidth: 0.001, originY: 38.11, pixelHeight: -0.001),
            spatialReference: .wgs84())
        let values = (0..<400).map { UInt8($0 % 20 < 10 ? 1 : 2) }
        let path = try Fixtures.write(values, grid: geographic, to: folder.file("ll.tif"), noData: 0)
        let target = try Fixtures.utmGrid(width: 10, height: 10, originX: 543_839.12 - 150, originY: 4_217_028.35 + 150)
        let got = try AlignedRaster.align(path, onto: target, resampling: .nearest).open().band(1).read(target.extent, as: UInt8.self)
        // 99.5 E runs through the middle of the target: west columns 1, east columns 2.
        for row in 0..<10 {
            XCTAssertEqual(got[row * 10 + 2], 1)
            XCTAssertEqual(got[row * 10 + 7], 2)
        }
    }

    func testNonOverlappingInputIsBadInput() throws {
        let folder = try TemporaryFolder()
        let path = try Fixtures.write(
            [Float](repeating: 1, count: 4), grid: try Fixtures.utmGrid(width: 2, height: 2), to: folder.file("far.tif"))
        let elsewhere = try Fixtures.utmGrid(width: 2, height: 2, originX: 300_000, originY: 4_000_000)
        XCTAssertThrowsError(try AlignedRaster.align(path, onto: elsewhere, resampling: .nearest)) { error in
            XCTAssertTrue("\(error)".hasSuffix("far.tif: does not overlap the reference grid"), "\(error)")
        }
    }
}

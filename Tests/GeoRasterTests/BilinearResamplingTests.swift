import AtlasTestSupport
import GeoRaster
import XCTest

final class BilinearResamplingTests: XCTestCase {
    /// The golden raster's grid (TestData/Warp/make_golden.sh): 30 m UTM 47N over the east
    /// edge of a 0.01 degree source with one nodata pixel.
    private func goldenGrid() throws -> RasterGrid {
        try Fixtures.utmGrid(width: 160, height: 120, originX: 526_600, originY: 4_222_600)
    }

    func testUpsamplingMatchesGdalwarpBilinear() throws {
        let grid = try goldenGrid()
        let aligned = try AlignedRaster.align(Fixtures.testData("Warp/geographic_source.tif"), onto: grid, resampling: .bilinear)
        XCTAssertNotNil(aligned.bilinearGrids, "a coarser source is interpolated without GDAL's warper")
        XCTAssertTrue(aligned.wasWarped)
        let ours = try aligned.readValues(band: 1, window: grid.extent)
        let golden = try RasterDataset(path: Fixtures.testData("Warp/bilinear_gdalwarp.tif"))
        let expected = try golden.band(1).read(golden.extent, as: Float.self)
        var worst: Float = 0, valid = 0
        for index in expected.indices {
            let column = index % grid.width, row = index / grid.width
            if expected[index] == -9999 {
                XCTAssertTrue(ours[index].isNaN, "pixel (\(column), \(row)): gdalwarp has nodata, ours \(ours[index])")
                continue
            }
            valid += 1
            worst = max(worst, abs(ours[index] - expected[index]))
        }
        XCTAssertGreaterThan(valid, 5_000)
        XCTAssertLessThan(valid, grid.width * grid.height, "the fixture reaches past the source's edge")
        // The field changes by at most about 2 per source pixel and the row approximation is
        // within a ten-thousandth of a pixel; the rest is Float32 rounding (values up to 6).
        XCTAssertLessThanOrEqual(worst, 2e-4 + 2e-6, "largest difference from gdalwarp")
    }

    func testAnyWindowGetsTheValuesOfTheWholeGrid() throws {
        let grid = try goldenGrid()
        let aligned = try AlignedRaster.align(Fixtures.testData("Warp/geographic_source.tif"), onto: grid, resampling: .bilinear)
        let whole = try aligned.readValues(band: 1, window: grid.extent)
        for window in [
            RasterWindow(column: 0, row: 0, width: 1, height: 1), RasterWindow(column: 37, row: 11, width: 64, height: 29),
            RasterWindow(column: 63, row: 60, width: 97, height: 60), RasterWindow(column: 150, row: 119, width: 10, height: 1),
        ] {
            let part = try aligned.readValues(band: 1, window: window)
            for row in 0..<window.height {
                for column in 0..<window.width {
                    let got = part[row * window.width + column]
                    let want = whole[(window.row + row) * grid.width + window.column + column]
                    XCTAssertEqual(
                        got.bitPattern, want.bitPattern, "pixel (\(window.column + column), \(window.row + row)) read in \(window)")
                }
            }
        }
    }

    func testCoarserTargetIsLeftToGdalsWiderKernel() throws {
        let folder = try TemporaryFolder()
        let path = try Fixtures.write(
            [Float](repeating: 1, count: 36), grid: try Fixtures.utmGrid(width: 6, height: 6), to: folder.file("fine.tif"))
        let aligned = try AlignedRaster.align(path, onto: try Fixtures.utmGrid(width: 3, height: 3, cell: 60), resampling: .bilinear)
        XCTAssertTrue(aligned.wasWarped)
        XCTAssertNil(aligned.bilinearGrids)
        XCTAssertEqual(
            try aligned.readValues(band: 1, window: RasterWindow(column: 0, row: 0, width: 3, height: 3)), [Float](repeating: 1, count: 9))
    }

    func testStencilRenormalisesAroundNodataAndOffTheEdge() {
        // Source 2 x 2: 10 20 / 30 nodata. Target centres in source pixel coordinates.
        let raster: [Float] = [10, 20, 30, .nan]
        let stencil = BilinearStencil(
            columns: [0.9, 1.25, 0.25, 1.5, 1.1, 2.0],
            rows: [0.9, 0.75, 0.5, 1.5, 1.9, 1.0], sourceWidth: 2, sourceHeight: 2)
        // What a caller reads for the stencil's window: NaN off the raster.
        let window = stencil.sourceWindow
        let source = (0..<window.pixelCount).map { (index: Int) -> Float in
            let column = window.column + index % window.width, row = window.row + index / window.width
            return (0..<2).contains(column) && (0..<2).contains(row) ? raster[row * 2 + column] : .nan
        }
        var output = [Float](repeating: 0, count: 6)
        source.withUnsafeBufferPointer { values in
            output.withUnsafeMutableBufferPointer { stencil.interpolate(values, into: $0) }
        }
        // (0.9, 0.9): weights 0.36 (10), 0.24 (20), 0.24 (30), 0.16 (nodata, dropped).
        XCTAssertEqual(output[0], Float((0.36 * 10 + 0.24 * 20 + 0.24 * 30) / 0.84), accuracy: 1e-5)
        // (1.25, 0.75): 0.1875 (10), 0.5625 (20), 0.0625 (30), 0.1875 (nodata).
        XCTAssertEqual(output[1], Float((0.1875 * 10 + 0.5625 * 20 + 0.0625 * 30) / 0.8125), accuracy: 1e-5)
        // (0.25, 0.5): left of the first centre, the neighbours off the raster drop out.
        XCTAssertEqual(output[2], 10)
        // (1.5, 1.5) and (1.1, 1.9): centres in the nodata pixel have no value, as in GDAL.
        XCTAssertTrue(output[3].isNaN)
        XCTAssertTrue(output[4].isNaN)
        // (2.0, 1.0): on the east edge, outside [0, width): nodata, as in GDAL.
        XCTAssertTrue(output[5].isNaN)
    }
}

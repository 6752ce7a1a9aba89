import GeoRaster
import XCTest

final class ScanlineApproximationTests: XCTestCase {
    /// UTM 47N pixel centres of one row to WGS84, exactly through PROJ.
    private func exactLonLat(row: Int, grid: RasterGrid, transformer: CoordinateTransformer) -> ([Int]) -> (x: [Double], y: [Double]) {
        { columns in
            var (xs, ys) = grid.geoTransform.pixelCentres(columns: columns, row: row)
            transformer.transform(x: &xs, y: &ys)
            return (xs, ys)
        }
    }

    func testRowOfUTMPixelsStaysWithinToleranceOfPROJ() throws {
        // 300 km of 30 m pixels from the zone's central meridian eastwards, at 38 N: the
        // inverse projection curves most here.
        let grid = try Fixtures.utmGrid(width: 10_000, height: 1, originX: 500_000, originY: 4_220_000)
        let transformer = try CoordinateTransformer(from: grid.spatialReference, to: .wgs84())
        let approximation = ScanlineApproximation(tolerance: 1e-7)
        var calls = 0
        let exact = exactLonLat(row: 0, grid: grid, transformer: transformer)
        let approximate = approximation.map(columns: 0..<grid.width) {
            calls += $0.count
            return exact($0)
        }
        let truth = exact(Array(0..<grid.width))
        var worst = 0.0
        for column in 0..<grid.width {
            worst = max(worst, abs(approximate.x[column] - truth.x[column]), abs(approximate.y[column] - truth.y[column]))
        }
        // The error is checked at segment midpoints only; elsewhere on a segment it stays
        // below the midpoint's (the chord error of a smooth curve peaks near the middle).
        XCTAssertLessThanOrEqual(worst, 1e-7)
        XCTAssertGreaterThan(worst, 0, "an interpolation that is never inexact did not interpolate")
        XCTAssertLessThan(calls, grid.width * 15 / 100, "PROJ ran on \(calls) of \(grid.width) columns")
    }

    func testAnyRunOfColumnsGetsTheSameCoordinatesAsTheWholeRow() throws {
        let grid = try Fixtures.utmGrid(width: 3_000, height: 1, originX: 700_000, originY: 3_950_000)
        let transformer = try CoordinateTransformer(from: grid.spatialReference, to: .wgs84())
        // A coarse tolerance so that many segments are accepted and several are halved.
        let approximation = ScanlineApproximation(nodeSpacing: 256, tolerance: 1e-6)
        let exact = exactLonLat(row: 0, grid: grid, transformer: transformer)
        let whole = approximation.map(columns: 0..<grid.width, exact: exact)
        for columns in [0..<1, 5..<6, 63..<65, 100..<612, 255..<257, 1_000..<3_000, 2_999..<3_000] {
            let part = approximation.map(columns: columns, exact: exact)
            XCTAssertEqual(part.x, Array(whole.x[columns]), "longitudes of columns \(columns)")
            XCTAssertEqual(part.y, Array(whole.y[columns]), "latitudes of columns \(columns)")
        }
    }

    func testStraightMapIsInterpolatedAndFailuresStayExact() {
        // y = 2x is straight (interpolated everywhere but nodes); x in 40..<50 fails (NaN):
        // only columns whose segments touch the failure are transformed one by one.
        var transformed: [Int] = []
        let approximation = ScanlineApproximation(nodeSpacing: 16, tolerance: 1e-12)
        let result = approximation.map(columns: 0..<100) { columns in
            transformed += columns
            let xs = columns.map { (40..<50).contains($0) ? Double.nan : Double($0) }
            return (xs, xs.map { 2 * $0 })
        }
        for column in 0..<100 {
            if (40..<50).contains(column) {
                XCTAssertTrue(result.x[column].isNaN && result.y[column].isNaN, "column \(column)")
            } else {
                XCTAssertEqual(result.x[column], Double(column), accuracy: 1e-12)
                XCTAssertEqual(result.y[column], 2 * Double(column), accuracy: 1e-12)
            }
        }
        XCTAssertTrue(Set(40..<50).isSubset(of: Set(transformed)))
        XCTAssertFalse(transformed.contains(5), "a column of a straight segment was transformed")
    }
}

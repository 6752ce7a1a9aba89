import Foundation
import GeoRaster
import XCTest

/// Lapse-rate downscaling of a coarse temperature grid onto a DEM: an analytic case.
final class DownscalingTests: XCTestCase {
    /// A 2 x 2 grid of 300 m cells at 4000 m, +5 C from May to October and -10 C otherwise;
    /// a 20 x 20 DEM of 30 m rising 30 m per column from 3700 m. With -6.5 C/km a pixel at z is
    /// 5 - 0.0065 (z - 4000) C in the warm months, so DDT = 184 days x max(that, 0).
    func testAPlaneUnderAFlatGridGetsTheLapseRate() throws {
        let workspace = try Workspace()
        let coarse = try Workspace.grid(width: 2, height: 2, cell: 300)
        let months: [[Float]] = (1...12).map { month in [Float](repeating: (5...10).contains(month) ? 5 : -10, count: 4) }
        try workspace.raster("air.tif", months, grid: coarse)
        try workspace.raster("orography.tif", [[Float](repeating: 4000, count: 4)], grid: coarse)
        let fine = try Workspace.grid(width: 20, height: 20)
        try workspace.raster("dem.tif", [(0..<400).map { Float(3700 + 30 * ($0 % 20)) }], grid: fine, noData: -9999)
        let result = try CLI.run(
            [
                "thaw-index", "--temperature", "air.tif", "--out", "ddt.tif", "--lapse-rate=-6.5", "--temperature-elevation",
                "orography.tif", "--dem", "dem.tif", "--like", "dem.tif", "-q",
            ], in: workspace.path)
        XCTAssertEqual(result.exitCode, 0, result.stderr)
        let ddt = try workspace.values("ddt.tif")
        for column in 0..<20 {
            let z = 3700.0 + 30 * Double(column)
            let expected = 184 * max(5 - 0.0065 * (z - 4000), 0)
            XCTAssertEqual(Double(ddt[5 * 20 + column]), expected, accuracy: 1e-3, "column \(column)")
        }
        XCTAssertEqual(try RasterDataset(path: workspace.file("ddt.tif")).metadata()["LAPSE_RATE_C_PER_KM"], "-6.5")
    }

    func testTheDownscalingFlagsGoTogetherAndArePlausible() throws {
        let half = try CLI.run(["thaw-index", "--temperature", "a.tif", "--out", "b.tif", "--lapse-rate=-6.5"])
        XCTAssertEqual(half.exitCode, 2)
        XCTAssertTrue(half.stderr.contains("--lapse-rate, --temperature-elevation and --dem go together"), half.stderr)
        let absurd = try CLI.run([
            "thaw-index", "--temperature", "a.tif", "--out", "b.tif", "--lapse-rate=-65", "--temperature-elevation", "z.tif", "--dem",
            "d.tif",
        ])
        XCTAssertEqual(absurd.exitCode, 2)
        XCTAssertTrue(absurd.stderr.contains("--lapse-rate must be between -15 and 5 C per km"), absurd.stderr)
    }
}

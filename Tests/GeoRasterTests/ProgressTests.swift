import AtlasTestSupport
import GeoRaster
import XCTest

final class ProgressTests: XCTestCase {
    func testCOGConversionReportsProgressToASwiftClosure() throws {
        let folder = try TemporaryFolder()
        let grid = try Fixtures.utmGrid(width: 700, height: 600)
        let spec = RasterOutputSpec(grid: grid, dataType: .float32, bands: [BandSpec(noData: -9999)], format: .cog)
        let writer = try RasterWriter(path: folder.file("p.tif"), spec: spec, overwrite: false)
        try writer.band(1).write(grid.extent, values: [Float](repeating: 1, count: 700 * 600))
        let seen = ProgressLog()
        try writer.commit { fraction in
            seen.append(fraction)
            return true
        }
        XCTAssertFalse(seen.values.isEmpty)
        XCTAssertEqual(seen.values.last ?? 0, 1, accuracy: 1e-9)
    }

    func testCancellingFromTheClosureAbortsAndLeavesNoFile() throws {
        let folder = try TemporaryFolder()
        let grid = try Fixtures.utmGrid(width: 700, height: 600)
        let spec = RasterOutputSpec(grid: grid, dataType: .float32, bands: [BandSpec()], format: .cog)
        let writer = try RasterWriter(path: folder.file("c.tif"), spec: spec, overwrite: false)
        try writer.band(1).write(grid.extent, values: [Float](repeating: 1, count: 700 * 600))
        XCTAssertThrowsError(try writer.commit { _ in false })
        XCTAssertEqual(folder.contents, [])
    }
}

final class ProgressLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Double] = []
    func append(_ value: Double) { lock.withLock { stored.append(value) } }
    var values: [Double] { lock.withLock { stored } }
}

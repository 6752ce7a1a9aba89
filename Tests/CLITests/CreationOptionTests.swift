import GeoRaster
import XCTest

/// A `--co` the user gives wins over what `--compress`, `--block-size` and the format's
/// defaults would write; it is never silently dropped.
final class CreationOptionTests: XCTestCase {
    private func magt(_ workspace: Workspace) throws -> String {
        let grid = try Workspace.grid(width: 300, height: 300)
        return try workspace.raster("magt.tif", [(0..<90_000).map { Float($0 % 300) / 50 - 3 }], grid: grid, noData: -9999)
    }

    func testCompressionAndBlockSizeFromCoWinOverTheDefaults() throws {
        let workspace = try Workspace()
        let input = try magt(workspace)
        let run = try CLI.run([
            "stability", "--magt", input, "--out", workspace.file("cog.tif"), "--co", "COMPRESS=ZSTD", "--co", "BLOCKSIZE=128",
        ])
        XCTAssertEqual(run.exitCode, 0, run.stderr)
        let cog = try RasterDataset(path: workspace.file("cog.tif"))
        XCTAssertEqual(cog.metadata(domain: "IMAGE_STRUCTURE")["COMPRESSION"], "ZSTD")
        XCTAssertEqual(try cog.band(1).blockSize.width, 128)

        let gtiff = try CLI.run([
            "stability", "--magt", input, "--out", workspace.file("plain.tif"), "--format", "GTiff", "--compress", "DEFLATE",
            "--co", "compress=LZW",
        ])
        XCTAssertEqual(gtiff.exitCode, 0, gtiff.stderr)
        XCTAssertEqual(try RasterDataset(path: workspace.file("plain.tif")).metadata(domain: "IMAGE_STRUCTURE")["COMPRESSION"], "LZW")
    }

    func testWithoutCoTheFlagsDecide() throws {
        let workspace = try Workspace()
        let input = try magt(workspace)
        XCTAssertEqual(try CLI.run(["stability", "--magt", input, "--out", workspace.file("z.tif"), "--compress", "ZSTD"]).exitCode, 0)
        XCTAssertEqual(try RasterDataset(path: workspace.file("z.tif")).metadata(domain: "IMAGE_STRUCTURE")["COMPRESSION"], "ZSTD")
    }
}

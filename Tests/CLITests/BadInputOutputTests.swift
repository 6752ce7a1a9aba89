import Foundation
import PermafrostKernels
import XCTest

/// Outputs that cannot or must not be written: an existing file, a folder nobody may write,
/// a full disk. Nothing appears under a final name and nothing is left behind.
final class BadInputOutputTests: XCTestCase {
    func testExistingOutputNeedsOverwriteAndIsKept() throws {
        let workspace = try Workspace()
        try workspace.magtRaster()
        try workspace.text("s.tif", "an earlier map")
        try Refusal.expect(
            ["stability", "--magt", workspace.file("magt.tif"), "--out", workspace.file("s.tif")],
            mentions: ["s.tif: output exists; pass --overwrite to replace it"], untouched: [workspace.path])
        XCTAssertEqual(try String(contentsOfFile: workspace.file("s.tif"), encoding: .utf8), "an earlier map")
    }

    /// An output that is an input, even under another name, is refused before it is read.
    func testOutputThatIsAnInputIsRefusedEvenWithOverwrite() throws {
        let workspace = try Workspace()
        try workspace.magtRaster()
        let before = try Data(contentsOf: URL(fileURLWithPath: workspace.file("magt.tif")))
        try FileManager.default.createSymbolicLink(atPath: workspace.file("alias.tif"), withDestinationPath: workspace.file("magt.tif"))
        for out in ["magt.tif", "alias.tif"] {
            try Refusal.expect(
                ["stability", "--magt", workspace.file("magt.tif"), "--out", workspace.file(out), "--overwrite"],
                mentions: ["\(out): is"], untouched: [workspace.path])
        }
        try Refusal.expect(
            [
                "thaw-index", "--temperature", workspace.file("magt.tif"), "--out", workspace.file("ddt.tif"), "--freezing-index",
                workspace.file("magt.tif"), "--overwrite",
            ],
            mentions: ["magt.tif: is also an input"], untouched: [workspace.path])
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: workspace.file("magt.tif"))), before)
    }

    func testOnePathForTwoOutputsIsRefused() throws {
        let workspace = try Workspace()
        try workspace.magtRaster()
        try Refusal.expect(
            ["terrain", "--dem", workspace.file("magt.tif"), "--slope", workspace.file("x.tif"), "--aspect", workspace.file("x.tif")],
            mentions: ["x.tif: is named for two outputs; give each its own file"], untouched: [workspace.path])
        try Refusal.expect(
            [
                "stability", "--magt", workspace.file("magt.tif"), "--out", workspace.file("s.tif"), "--permafrost",
                workspace.file("./s.tif"),
            ],
            mentions: ["s.tif: is named for two outputs"], untouched: [workspace.path])
    }

    /// A device or pipe is never replaced by a GeoTIFF, whoever runs the command.
    func testAnExistingOutputThatIsNoRegularFileIsRefused() throws {
        let workspace = try Workspace()
        try workspace.magtRaster()
        XCTAssertEqual(mkfifo(workspace.file("pipe.tif"), 0o644), 0)
        try Refusal.expect(
            ["stability", "--magt", workspace.file("magt.tif"), "--out", workspace.file("pipe.tif"), "--overwrite"],
            mentions: ["pipe.tif: exists and is not a regular file"], untouched: [workspace.path])
        try Refusal.expect(
            ["render", workspace.file("magt.tif"), "--out", "/dev/null", "--overwrite"],
            mentions: ["/dev/null: exists and is not a regular file"], untouched: [workspace.path])
    }

    func testOutputFolderNobodyMayWriteIn() throws {
        let workspace = try Workspace()
        try workspace.magtRaster()
        // /sys refuses new files even to root.
        try Refusal.expect(
            ["stability", "--magt", workspace.file("magt.tif"), "--out", "/sys/stability.tif"],
            mentions: ["/sys/stability.tif: output folder /sys is not writable"], untouched: [workspace.path])
    }

    func testOutputFolderThatDoesNotExist() throws {
        let workspace = try Workspace()
        try workspace.magtRaster()
        try Refusal.expect(
            ["stability", "--magt", workspace.file("magt.tif"), "--out", workspace.file("maps/stability.tif")],
            mentions: ["maps/stability.tif: output folder", "does not exist"], untouched: [workspace.path])
    }

    func testOutputNamingAFolderIsRefusedEvenWithOverwrite() throws {
        let workspace = try Workspace()
        try workspace.magtRaster()
        try FileManager.default.createDirectory(atPath: workspace.file("maps"), withIntermediateDirectories: false)
        try Refusal.expect(
            ["stability", "--magt", workspace.file("magt.tif"), "--out", workspace.file("maps"), "--overwrite"],
            mentions: ["maps: is a folder, not an output file"], untouched: [workspace.path])
    }

    func testUnknownCreationOptionIsRefused() throws {
        let workspace = try Workspace()
        try workspace.magtRaster()
        try Refusal.expect(
            ["stability", "--magt", workspace.file("magt.tif"), "--out", workspace.file("s.tif"), "--co", "COMPRES=ZSTD"],
            mentions: [
                "s.tif: creation option \"COMPRES=ZSTD\" (--co) is not valid for COG: driver COG does not support creation option COMPRES"
            ], untouched: [workspace.path])
    }

    func testCreationOptionWithAnImpossibleValueIsRefused() throws {
        let workspace = try Workspace()
        try workspace.magtRaster()
        try Refusal.expect(
            ["stability", "--magt", workspace.file("magt.tif"), "--out", workspace.file("s.tif"), "--co", "COMPRESS=BOGUS"],
            mentions: [
                "s.tif: creation option \"COMPRESS=BOGUS\" (--co) is not valid for COG: 'BOGUS' is an unexpected value for COMPRESS"
            ], untouched: [workspace.path])
    }

    func testZeroThreadsIsAUsageError() throws {
        let workspace = try Workspace()
        try workspace.magtRaster()
        try Refusal.expect(
            ["stability", "--magt", workspace.file("magt.tif"), "--out", workspace.file("s.tif"), "--threads", "0"],
            mentions: ["--threads must be between 1 and 1024, got 0"], untouched: [workspace.path])
    }

    // MARK: Full disk

    /// Runs `body` with a 64 KiB tmpfs mounted at `folder`, filled up unless `fill` is false;
    /// unmounts it afterwards.
    private func withFullDisk(at folder: String, fill: Bool = true, _ body: () throws -> Void) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let mount = try CLI.runTool("/bin/mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", folder])
        guard mount.exitCode == 0 else {
            throw XCTSkip("cannot mount a small tmpfs here (needs root and mount rights): \(mount.stderr)")
        }
        defer { _ = try? CLI.runTool("/bin/umount", [folder]) }
        guard fill else { return try body() }
        // Zeros until the disk refuses more: every block is taken.
        XCTAssertTrue(FileManager.default.createFile(atPath: folder + "/filler", contents: nil))
        let filler = try XCTUnwrap(FileHandle(forWritingAtPath: folder + "/filler"))
        let chunk = Data(count: 4096)
        while (try? filler.write(contentsOf: chunk)) != nil {}
        try filler.close()
        try body()
    }

    func testFullDiskWhileWritingARasterLeavesNothing() throws {
        let workspace = try Workspace()
        try workspace.magtRaster()
        let disk = workspace.file("disk")
        try withFullDisk(at: disk) {
            try Refusal.expect(
                ["stability", "--magt", workspace.file("magt.tif"), "--out", disk + "/stability.tif"], exitCode: 1,
                mentions: ["disk/stability.tif: cannot", ": no space left on the disk of", "/disk (GDAL: "], untouched: [disk])
        }
    }

    func testDiskFillingUpMidWriteLeavesNothing() throws {
        let workspace = try Workspace()
        // 200 x 200 random elevations: their slopes do not compress below the 64 KiB disk.
        var generator = SplitMix64(seed: 7)
        let grid = try Workspace.grid(width: 200, height: 200)
        try workspace.raster(
            "dem.tif", [(0..<40_000).map { _ in Float.random(in: 3000...5000, using: &generator) }], grid: grid, noData: -9999)
        let disk = workspace.file("disk")
        try withFullDisk(at: disk, fill: false) {
            try Refusal.expect(
                ["terrain", "--dem", workspace.file("dem.tif"), "--slope", disk + "/slope.tif", "--block-size", "64"], exitCode: 1,
                mentions: ["disk/slope.tif: cannot write", ": no space left on the disk of", "/disk (GDAL: "], untouched: [disk])
        }
    }
}

extension CLI {
    /// Runs a system tool (mount, umount) and captures what it prints.
    static func runTool(_ path: String, _ arguments: [String]) throws -> CommandResult {
        try runProcess(URL(fileURLWithPath: path), arguments)
    }
}

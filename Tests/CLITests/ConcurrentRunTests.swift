import Foundation
import XCTest

/// Two runs into one output folder: the second is refused at once, naming the folder and the
/// first run's PID; the first finishes untouched and leaves no lock or working files behind.
final class ConcurrentRunTests: XCTestCase {
    func testASecondRunIntoTheSameFolderIsRefusedWhileTheFirstRuns() throws {
        let workspace = try Workspace()
        let out = workspace.file("atlas")
        let config = CLI.testData("demo/atlas.yaml")
        let first = Process()
        first.executableURL = CLI.binary
        first.arguments = ["run", config, "--out", out, "-q"]
        let firstErrors = Pipe()
        first.standardError = firstErrors
        try first.run()
        // The lock appears once the first run has checked its inputs and taken the folder.
        let deadline = Date().addingTimeInterval(60)
        while !FileManager.default.fileExists(atPath: out + "/.lock") && first.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.02)
        }
        XCTAssertTrue(first.isRunning, "the first run ended before the second started; the demo must take longer")
        let second = try CLI.run(["run", config, "--out", out, "--overwrite", "-q"])
        first.waitUntilExit()
        XCTAssertEqual(second.exitCode, 2, second.stderr)
        XCTAssertTrue(
            second.stderr.contains("\(out): another run (PID \(first.processIdentifier)) is writing this output folder"), second.stderr)
        XCTAssertEqual(first.terminationStatus, 0, String(decoding: firstErrors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
        let left = try FileManager.default.contentsOfDirectory(atPath: out)
        XCTAssertTrue(left.contains("report.json"))
        XCTAssertFalse(left.contains { $0 == ".lock" || $0.hasPrefix(".working") }, "\(left)")
        // With the folder free again, the same command runs.
        XCTAssertEqual(try CLI.run(["run", config, "--out", out, "--overwrite", "--fit-only", "-q"]).exitCode, 0)
    }
}

/// `run --overwrite` over an earlier atlas writes into a hidden sibling and swaps it in only
/// when complete: a run killed or failing half-way leaves the earlier atlas byte for byte.
final class AtlasReplacementTests: XCTestCase {
    func testAnEarlierAtlasIsReplacedOnlyByACompleteOne() throws {
        let workspace = try Workspace()
        let config = try SmallScene.make(in: workspace)
        let atlas = workspace.file("atlas")
        XCTAssertEqual(try CLI.run(["run", config, "--out", atlas, "-q"]).exitCode, 0)
        let before = FolderSnapshot(atlas)
        let reportBefore = try Data(contentsOf: URL(fileURLWithPath: atlas + "/report.json"))
        let magtBefore = try Data(contentsOf: URL(fileURLWithPath: atlas + "/pre/magt.tif"))

        // Killed half-way: the earlier atlas is untouched (report included).
        let process = Process()
        process.executableURL = CLI.binary
        process.arguments = ["run", config, "--out", atlas, "--overwrite", "--threads", "1", "-q"]
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while process.isRunning, Date() < deadline,
            !((try? FileManager.default.contentsOfDirectory(atPath: workspace.path)) ?? []).contains(where: {
                $0.hasPrefix(".atlas.partial-")
            })
        {
            Thread.sleep(forTimeInterval: 0.01)
        }
        Thread.sleep(forTimeInterval: 0.2)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        // Only its lock file is left (the kernel dropped the lock itself; the next run takes it).
        XCTAssertEqual(FolderSnapshot(atlas).entries.filter { $0 != ".lock" }, before.entries)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: atlas + "/report.json")), reportBefore)
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: atlas + "/pre/magt.tif")), magtBefore)

        // Finished: the new atlas takes the folder's place and no sibling is left.
        let again = try CLI.run(["run", config, "--out", atlas, "--overwrite", "-q"])
        XCTAssertEqual(again.exitCode, 0, again.stderr)
        XCTAssertNotEqual(try Data(contentsOf: URL(fileURLWithPath: atlas + "/report.json")), reportBefore, "stage times differ")
        let siblings = try FileManager.default.contentsOfDirectory(atPath: workspace.path).filter { $0.hasPrefix(".atlas.") }
        XCTAssertEqual(siblings, [])
        XCTAssertTrue(FileManager.default.fileExists(atPath: atlas + "/pre/magt.tif"))
    }
}

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

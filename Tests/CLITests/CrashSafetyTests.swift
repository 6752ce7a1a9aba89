import Foundation
import GeoRaster
import PermafrostKernels
import XCTest

/// A run killed with SIGKILL at random moments leaves under final names only complete files,
/// and running again succeeds with the same atlas as an uninterrupted run.
final class CrashSafetyTests: XCTestCase {
    func testRunKilledAtRandomMomentsLeavesOnlyCompleteFilesAndRunsAgain() throws {
        let workspace = try Workspace()
        let config = try SmallScene.make(in: workspace)
        let reference = workspace.file("reference"), atlas = workspace.file("atlas")
        let started = Date()
        let whole = try CLI.run(["run", config, "--out", reference, "--threads", "2", "-q"])
        XCTAssertEqual(whole.exitCode, 0, whole.stderr)
        let duration = Date().timeIntervalSince(started)

        var generator = SplitMix64(seed: 20_240_611)
        var killed = 0
        for _ in 0..<5 {
            let delay = Double.random(in: 0.05...max(0.1, 0.85 * duration), using: &generator)
            let process = Process()
            process.executableURL = CLI.binary
            process.arguments = ["run", config, "--out", atlas, "--overwrite", "--threads", "2", "-q"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            if process.terminationReason == .uncaughtSignal { killed += 1 }
            assertOnlyCompleteFiles(under: atlas, after: delay)
        }
        XCTAssertGreaterThanOrEqual(killed, 3, "most runs must have been killed mid-way")

        let again = try CLI.run(["run", config, "--out", atlas, "--overwrite", "--threads", "2", "-q"])
        XCTAssertEqual(again.exitCode, 0, again.stderr)
        var compared = 0
        for relative in SmallScene.files(under: reference) where !relative.hasPrefix("report.") {
            let a = try Data(contentsOf: URL(fileURLWithPath: reference + "/" + relative))
            let b = try Data(contentsOf: URL(fileURLWithPath: atlas + "/" + relative))
            XCTAssertEqual(a, b, "\(relative) differs from the uninterrupted run")
            compared += 1
        }
        XCTAssertGreaterThan(compared, 50)
    }

    /// Every file under its final name (hidden temporaries aside) opens and reads to the end.
    private func assertOnlyCompleteFiles(under folder: String, after delay: Double, file: StaticString = #filePath, line: UInt = #line) {
        for relative in SmallScene.files(under: folder) where !URL(fileURLWithPath: relative).lastPathComponent.hasPrefix(".") {
            let path = folder + "/" + relative
            do {
                try assertComplete(path)
            } catch {
                XCTFail("killed after \(String(format: "%.2f", delay)) s: \(relative) is not complete: \(error)", file: file, line: line)
            }
        }
    }

    private struct Incomplete: Error, CustomStringConvertible {
        let description: String
    }

    private func assertComplete(_ path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let text = String(decoding: data, as: UTF8.self)
        switch URL(fileURLWithPath: path).pathExtension {
        case "tif":
            let dataset = try RasterDataset(path: path)
            for band in dataset.bands {
                _ = try band.read(dataset.extent, as: Float.self)
                // A class map renamed into place before its side-car would have lost its names.
                if !band.colorTable.isEmpty && band.categoryNames.isEmpty {
                    throw Incomplete(description: "class map without category names")
                }
            }
        case "json":
            _ = try JSONSerialization.jsonObject(with: data)
        case "png":
            guard data.starts(with: [0x89, 0x50, 0x4E, 0x47]), data.suffix(8).starts(with: Array("IEND".utf8)) else {
                throw Incomplete(description: "PNG without signature or IEND chunk")
            }
        case "html":
            guard text.hasSuffix("</html>\n") else { throw Incomplete(description: "HTML cut short") }
        case "xml":
            guard text.hasSuffix("</PAMDataset>\n") else { throw Incomplete(description: "side-car cut short") }
        default:
            throw Incomplete(description: "unexpected kind of file")
        }
    }
}

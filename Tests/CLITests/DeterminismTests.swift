import Foundation
import XCTest

/// The same inputs give the same atlas byte for byte: at one or two threads, and run after
/// run. (Tiled against single runs: TiledRunTests.)
final class DeterminismTests: XCTestCase {
    struct Atlases: @unchecked Sendable {
        let workspace: Workspace
        let oneThread: String, twoThreads: String, twoThreadsAgain: String
    }

    struct RunFailed: Error, CustomStringConvertible {
        let description: String
    }

    static let atlases = Result { () throws -> Atlases in
        let workspace = try Workspace()
        let config = try SmallScene.make(in: workspace, seed: 8)
        let runs = [("one", "1"), ("two", "2"), ("two-again", "2")].map { (workspace.file($0.0), $0.1) }
        for (out, threads) in runs {
            let run = try CLI.run(["run", config, "--out", out, "--threads", threads, "-q"])
            guard run.exitCode == 0 else { throw RunFailed(description: run.stderr) }
        }
        return Atlases(workspace: workspace, oneThread: runs[0].0, twoThreads: runs[1].0, twoThreadsAgain: runs[2].0)
    }

    override class func tearDown() {
        if case .success(let atlases) = atlases { try? FileManager.default.removeItem(atPath: atlases.workspace.path) }
        super.tearDown()
    }

    func testOneAndTwoThreadsGiveIdenticalAtlases() throws {
        let atlases = try Self.atlases.get()
        try assertIdentical(atlases.oneThread, atlases.twoThreads)
    }

    func testTwoRunsGiveIdenticalAtlases() throws {
        let atlases = try Self.atlases.get()
        try assertIdentical(atlases.twoThreads, atlases.twoThreadsAgain)
    }

    /// Every file byte for byte; the reports apart from the seconds each stage took.
    private func assertIdentical(_ a: String, _ b: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let files = SmallScene.files(under: a)
        XCTAssertEqual(files, SmallScene.files(under: b), "the atlases hold different files", file: file, line: line)
        XCTAssertGreaterThan(files.count, 50, file: file, line: line)
        for relative in files {
            var first = try Data(contentsOf: URL(fileURLWithPath: a + "/" + relative))
            var second = try Data(contentsOf: URL(fileURLWithPath: b + "/" + relative))
            if relative == "report.json" || relative == "report.html" {
                first = try withoutStageTimes(first, report: a + "/report.json")
                second = try withoutStageTimes(second, report: b + "/report.json")
            }
            XCTAssertEqual(first, second, "\(relative) differs", file: file, line: line)
        }
    }

    /// The report without its stage timings: the "stageSeconds" object of report.json, the
    /// rows of the timing table (one per stage, and the total) of report.html.
    private func withoutStageTimes(_ data: Data, report: String) throws -> Data {
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: report))) as? [String: Any])
        let stages = try XCTUnwrap(json["stageSeconds"] as? [String: Double]).keys
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let start = lines.firstIndex(where: { $0.contains("\"stageSeconds\"") }),
            let end = lines[start...].firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).hasPrefix("}") })
        {
            lines.removeSubrange(start...end)
        }
        lines.removeAll { line in (stages + ["total"]).contains { line.hasPrefix("<tr><td>\($0)</td><td class=\"num\">") } }
        XCTAssertFalse(lines.contains { $0.contains("stageSeconds") })
        return Data(lines.joined(separator: "\n").utf8)
    }
}

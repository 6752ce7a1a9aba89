import AtlasFoundation
import AtlasTestSupport
import Foundation
import XCTest

final class TextFileOutputTests: XCTestCase {
    /// report.json and report.html go in together: when the second cannot be written, the first
    /// does not appear either, and no temporary is left.
    func testFilesWrittenTogetherAppearTogetherOrNotAtAll() throws {
        let folder = try TemporaryFolder()
        try "old json".write(toFile: folder.file("report.json"), atomically: true, encoding: .utf8)
        // The second file's temporary name is taken by a folder, so writing it fails.
        let blocker = try AtomicOutput(finalPath: folder.file("report.html"), overwrite: true).temporaryPath()
        try FileManager.default.createDirectory(atPath: blocker, withIntermediateDirectories: false)
        XCTAssertThrowsError(
            try TextFileOutput.write([("new json", folder.file("report.json")), ("new html", folder.file("report.html"))])
        ) { error in
            XCTAssertEqual((error as? OutputFileError)?.kind, .runtime)
            XCTAssertTrue("\(error)".hasPrefix(folder.file("report.html") + ": cannot write"), "\(error)")
        }
        XCTAssertEqual(try String(contentsOfFile: folder.file("report.json"), encoding: .utf8), "old json")
        // The temporaries are cleared away (the blocking folder sat under one of their names).
        XCTAssertEqual(folder.contents, ["report.json"])

        try TextFileOutput.write([("new json", folder.file("report.json")), ("new html", folder.file("report.html"))])
        XCTAssertEqual(try String(contentsOfFile: folder.file("report.html"), encoding: .utf8), "new html")
        XCTAssertEqual(folder.contents, ["report.html", "report.json"])
    }
}

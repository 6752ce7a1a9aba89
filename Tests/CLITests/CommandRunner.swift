import AtlasTestSupport
import Foundation
import XCTest

/// Runs the built `permafrost-atlas` binary as a user would and captures what it prints.
struct CommandResult {
    let exitCode: Int32
    let stdout: String
    let stderr: String

    /// stderr's lines, without the trailing empty one.
    var errorLines: [String] { stderr.split(separator: "\n").map(String.init) }
}

enum CLI {
    static let repository = RepositoryFiles.root

    static func realData(_ name: String) -> String { RepositoryFiles.realData(name) }

    static func testData(_ name: String) -> String { RepositoryFiles.testData(name) }

    /// The binary sits next to the test bundle in SwiftPM's build folder.
    static var binary: URL {
        var folder = Bundle.main.bundleURL
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("permafrost-atlas").path), folder.path != "/" {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("permafrost-atlas")
    }

    static func run(_ arguments: [String], in directory: String? = nil) throws -> CommandResult {
        try runProcess(binary, arguments, in: directory)
    }

    /// Runs any program and captures what it prints.
    static func runProcess(_ executable: URL, _ arguments: [String], in directory: String? = nil) throws -> CommandResult {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        // Read both pipes before waiting so a large output cannot block the child.
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return CommandResult(
            exitCode: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self))
    }
}

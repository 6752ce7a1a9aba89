import AtlasCore
import AtlasFoundation
import Foundation
import PermafrostKernels
import XCTest

/// Mutates valid files into broken ones, byte by byte and line by line, with tokens that
/// matter to CSV and YAML readers and to number parsing.
public struct FuzzMutator {
    public static let tokens: [String] = [
        "", ",", ",,", "\"", "\"\"", "\"a\nb\"", "\n", "\r\n", "\r", " ", "\t", "-", ".", "e", "E", "0", "-0", "1", "-1", "255", "256",
        "1e309", "-1e309", "1e-320", "nan", "NaN", "inf", "-inf", "infinity", "0x1p3", "+5", "1,5", "9223372036854775808",
        "99999999999999999999", "é", "雪", "\u{FEFF}", "\u{0}", "\u{2028}", "\u{85}", "~", "null", "[", "]", "{", "}", ":", ": ",
        "- ", "#", "&a", "*a", "!!str", "!!binary", "|", ">", "'", "%", "@", "`", "...", "---", "? ", "yes", "no", "on", "off",
        "true", "false", ".nan", ".inf", "[1, 2", "{a: 1}", "|\n  x\n  y", "\"\\u0000\"", "\"x\\ny\"", "'a\n\n  b'", "dem.tif",
        "alpine meadow", "pit",
    ]

    private var random: SplitMix64

    public init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    public mutating func pick<T>(_ items: [T]) -> T { items[Int.random(in: 0..<items.count, using: &random)] }

    /// One to four random edits of `seed`.
    public mutating func mutate(_ seed: [UInt8]) -> [UInt8] {
        var bytes = seed
        for _ in 0..<Int.random(in: 1...4, using: &random) { edit(&bytes) }
        return bytes
    }

    private mutating func position(in bytes: [UInt8]) -> Int { Int.random(in: 0...bytes.count, using: &random) }

    private mutating func edit(_ bytes: inout [UInt8]) {
        let token = Array(pick(Self.tokens).utf8)
        switch Int.random(in: 0..<9, using: &random) {
        case 0:
            bytes.insert(contentsOf: token, at: position(in: bytes))
        case 1:
            let start = position(in: bytes), end = min(bytes.count, start + Int.random(in: 1...12, using: &random))
            bytes.replaceSubrange(start..<end, with: token)
        case 2:
            let start = position(in: bytes)
            bytes.removeSubrange(start..<min(bytes.count, start + Int.random(in: 1...8, using: &random)))
        case 3 where !bytes.isEmpty:
            bytes[Int.random(in: 0..<bytes.count, using: &random)] = UInt8.random(in: 0...255, using: &random)
        case 4:
            bytes.removeSubrange(position(in: bytes)...)
        default:
            var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
            let line = Int.random(in: 0..<lines.count, using: &random)
            let colon = lines[line].firstIndex(of: UInt8(ascii: ":"))
            switch Int.random(in: 0..<5, using: &random) {
            case 0: lines.insert(lines[line], at: line)
            case 1: lines.remove(at: line)
            case 2: lines.swapAt(line, Int.random(in: 0..<lines.count, using: &random))
            case 3 where colon != nil:
                // Replace a YAML value: "key: value" becomes "key: token".
                lines[line] = Array(lines[line][...colon!]) + [UInt8(ascii: " ")] + token
            default:
                // Replace one comma-separated cell or YAML value of the line with a token.
                var cells = lines[line].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map(Array.init)
                cells[Int.random(in: 0..<cells.count, using: &random)] = token
                lines[line] = Array(cells.joined(separator: [UInt8(ascii: ",")]))
            }
            bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
        }
    }
}

/// A folder for the fuzz inputs, deleted with the object.
public final class FuzzFolder {
    public let path = NSTemporaryDirectory() + "fuzz-" + UUID().uuidString

    public init() throws {
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    /// Writes with plain POSIX calls: Foundation's Data.write syncs every file to disk, which
    /// would make thousands of inputs take minutes on a busy machine.
    public func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let file = path + "/" + name
        let descriptor = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw CocoaError(.fileWriteUnknown) }
        defer { close(descriptor) }
        let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count else { throw CocoaError(.fileWriteUnknown) }
        return file
    }
}

/// What every reader must do with a broken input: succeed, or throw an input error of one
/// line that names the file. Anything else (another error type, a second line) fails.
public func assertNamedOneLineInputError(
    _ error: Error, naming path: String, input: [UInt8], file: StaticString = #filePath, line: UInt = #line
) {
    let shown = String(decoding: input.prefix(400), as: UTF8.self).debugDescription
    guard let failure = error as? AtlasError else {
        return XCTFail("\(type(of: error)) \"\(error)\" is not an AtlasError; input: \(shown)", file: file, line: line)
    }
    let message = failure.description
    XCTAssertEqual(failure.kind, .badInput, message, file: file, line: line)
    XCTAssertFalse(message.contains(where: \.isNewline), "two lines: \(message.debugDescription); input: \(shown)", file: file, line: line)
    XCTAssertTrue(message.hasPrefix(path), "\(message) does not name \(path)", file: file, line: line)
}

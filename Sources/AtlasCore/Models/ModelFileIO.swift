import AtlasFoundation
import Foundation
import GeoRaster

/// A model file: JSON naming its format and version, so a file of another kind or of a newer
/// layout is refused with a clear message.
public protocol VersionedModelFile: Codable {
    static var formatName: String { get }
    static var currentVersion: Int { get }
    /// How errors call it ("MAGT model").
    static var kind: String { get }
    var format: String { get }
    var formatVersion: Int { get }
}

extension VersionedModelFile {
    public func write(to output: AtomicOutput) throws {
        try ModelFileIO.write(self, to: output)
    }

    public static func read(_ path: String) throws -> Self {
        let file: Self = try ModelFileIO.read(path, kind: kind)
        try file.checkFormat(path: path)
        return file
    }

    /// Refuses a file of another kind or of a newer layout.
    func checkFormat(path: String) throws {
        guard format == Self.formatName else {
            throw AtlasError.badFile(path: path, reason: "format is \(quoted: format), expected \(Self.formatName)")
        }
        guard formatVersion <= Self.currentVersion else {
            throw AtlasError.badFile(
                path: path, reason: "model format version \(formatVersion) is newer than this tool reads (\(Self.currentVersion))")
        }
    }
}

/// Reading and writing model files (JSON): atomic writes, one-line decoding errors.
public enum ModelFileIO {
    public static func write<T: Encodable>(_ value: T, to output: AtomicOutput) throws {
        try TextFileOutput.write(try JSONOutput.encode(value) + "\n", to: output)
    }

    public static func read<T: Decodable>(_ path: String, kind: String) throws -> T {
        let text = try UTF8File.text(path, limit: UTF8File.modelLimit, what: kind)
        let data = Data(text.utf8)
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw AtlasError.badFile(path: path, reason: "not a \(kind) file (\(describe(error)))")
        }
    }

    /// Short, one-line reasons for JSON decoding failures.
    public static func describe(_ error: Error) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            return "missing field \(path(context.codingPath + [key]))"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            return "wrong type at \(path(context.codingPath))"
        case DecodingError.dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not valid JSON" : "invalid value at \(path(context.codingPath))"
        case let error as CustomStringConvertible:
            return error.description
        default:
            return "\(error)"
        }
    }

    private static func path(_ keys: [CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }
}

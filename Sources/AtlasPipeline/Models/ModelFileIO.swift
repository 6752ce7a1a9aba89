import Foundation
import GeoRaster

/// Reading and writing model files (JSON): atomic writes, one-line decoding errors.
enum ModelFileIO {
    static func write<T: Encodable>(_ value: T, to output: AtomicOutput) throws {
        try TextFileOutput.write(try JSONOutput.encode(value) + "\n", to: output)
    }

    static func read<T: Decodable>(_ path: String, kind: String) throws -> T {
        guard FileManager.default.fileExists(atPath: path) else { throw AtlasError.badInput("\(path): no such file") }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw AtlasError.badInput("\(path): cannot read the \(kind) file")
        }
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw AtlasError.badInput("\(path): not a \(kind) file (\(describe(error)))")
        }
    }

    /// Short, one-line reasons for JSON decoding failures.
    static func describe(_ error: Error) -> String {
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

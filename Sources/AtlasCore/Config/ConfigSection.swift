import Foundation
import Yams

/// One YAML mapping of the configuration, read with errors that carry the file, the line and
/// the key path: `atlas.yaml:12: inputs.dem: no such file "dme.tif"`.
public struct ConfigSection {
    public let file: String
    /// Dotted path of this mapping ("" for the top level).
    public let keyPath: String
    public let line: Int
    private let pairs: [(key: String, value: Node)]

    public init(_ node: Node, keyPath: String, file: String) throws {
        self.file = file
        self.keyPath = keyPath
        line = node.mark?.line ?? 1
        guard case .mapping(let mapping) = node else {
            throw Self.error(file, line, keyPath.isEmpty ? "configuration" : keyPath, "expected a mapping of keys to values")
        }
        var pairs: [(String, Node)] = []
        for (key, value) in mapping {
            guard let name = key.string else {
                throw Self.error(file, key.mark?.line ?? line, keyPath, "keys must be text")
            }
            pairs.append((name, value))
        }
        self.pairs = pairs
    }

    public static func error(_ file: String, _ line: Int, _ key: String, _ message: AtlasMessage) -> AtlasError {
        AtlasError.badConfig(path: file, line: line, key: key, reason: message)
    }

    /// Runs a parser of a setting shared with the command line (band roles, predictors) and
    /// points its parameter error at this key's line.
    public func parsing<T>(_ key: String, _ parse: () throws -> T) throws -> T {
        do {
            return try parse()
        } catch AtlasError.badParameter(_, let reason) {
            throw error(key, reason)
        }
    }

    public func qualified(_ key: String) -> String { keyPath.isEmpty ? key : "\(keyPath).\(key)" }

    public func error(_ key: String, _ message: AtlasMessage) -> AtlasError {
        Self.error(file, node(key)?.mark?.line ?? line, qualified(key), message)
    }

    /// Rejects keys this section does not know, suggesting the nearest known one.
    public func checkKeys(_ known: [String]) throws {
        for (key, value) in pairs where !known.contains(key) {
            let suggestion = known.min { EditDistance.between(key, $0) < EditDistance.between(key, $1) }
            let hint =
                suggestion.flatMap { EditDistance.between(key, $0) <= max(2, key.count / 3) ? " (did you mean \"\($0)\"?)" : nil } ?? ""
            throw Self.error(
                file, value.mark?.line ?? line, qualified(key), "unknown key\(hint); known keys: \(known.joined(separator: ", "))")
        }
    }

    public func node(_ key: String) -> Node? {
        guard let value = pairs.first(where: { $0.key == key })?.value else { return nil }
        if case .scalar(let scalar) = value, scalar.string.isEmpty || scalar.string == "~" || scalar.string == "null" { return nil }
        return value
    }

    public func section(_ key: String) throws -> ConfigSection? {
        try node(key).map { try ConfigSection($0, keyPath: qualified(key), file: file) }
    }

    public func string(_ key: String) throws -> String? {
        guard let value = node(key) else { return nil }
        guard case .scalar(let scalar) = value else { throw error(key, "expected text") }
        return scalar.string
    }

    public func requiredString(_ key: String) throws -> String {
        guard let value = try string(key) else { throw Self.error(file, line, qualified(key), "required") }
        return value
    }

    public func double(_ key: String) throws -> Double? {
        guard let text = try string(key) else { return nil }
        guard let value = Double(text), value.isFinite else { throw error(key, "expected a number, got \(quoted: text)") }
        return value
    }

    public func int(_ key: String) throws -> Int? {
        guard let text = try string(key) else { return nil }
        guard let value = Int(text) else { throw error(key, "expected a whole number, got \(quoted: text)") }
        return value
    }

    public func bool(_ key: String) throws -> Bool? {
        guard let text = try string(key) else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error(key, "expected true or false, got \(quoted: text)")
        }
    }

    /// A list of text values; a single value counts as a list of one.
    public func strings(_ key: String) throws -> [String]? {
        guard let value = node(key) else { return nil }
        switch value {
        case .scalar(let scalar): return [scalar.string]
        case .sequence(let sequence):
            return try sequence.map { item in
                guard case .scalar(let scalar) = item else { throw error(key, "expected a list of text values") }
                return scalar.string
            }
        default: throw error(key, "expected a value or a list of values")
        }
    }

    public func doubles(_ key: String) throws -> [Double]? {
        try strings(key)?.map { text in
            guard let value = Double(text), value.isFinite else { throw error(key, "expected numbers, got \(quoted: text)") }
            return value
        }
    }

    /// A path relative to the configuration file; it must exist.
    public func existingPath(_ key: String, base: String) throws -> String? {
        try existingPaths(key, base: base).map { $0[0] }
    }

    public func existingPaths(_ key: String, base: String) throws -> [String]? {
        try strings(key)?.map { relative in
            let path = relative.hasPrefix("/") ? relative : URL(fileURLWithPath: base).appendingPathComponent(relative).standardized.path
            guard FileManager.default.fileExists(atPath: path) else { throw error(key, "no such file \(quoted: relative)") }
            return path
        }
    }
}

/// Levenshtein distance, for "did you mean" suggestions on misspelt keys.
public enum EditDistance {
    public static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + [Int](repeating: 0, count: b.count)
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}

import AtlasFoundation
import Foundation

/// What went wrong in the atlas's steps, with the file, line, key or parameter it concerns.
/// `describe(_:)` words it for a front end; the kind decides the exit code.
public enum AtlasError: AtlasFailure, Equatable {
    /// A file the user gave cannot be used.
    case badFile(path: String, reason: AtlasMessage)
    /// A row of a table (CSV): its line in the file and, when one is to blame, the column.
    case badTable(path: String, line: Int, column: String? = nil, reason: AtlasMessage)
    /// A key of a configuration file (YAML), at its line.
    case badConfig(path: String, line: Int, key: String, reason: AtlasMessage)
    /// A parameter's value (a flag or a configuration key).
    case badParameter(AtlasParameter, reason: AtlasMessage)
    /// Bad input that is no one file or parameter (inputs that disagree with each other).
    case badInput(AtlasMessage)
    /// A failure while running (exit code 1), of the file at `path` when one is concerned.
    case failed(path: String?, reason: AtlasMessage)

    public var kind: FailureKind {
        if case .failed = self { return .runtime }
        return .badInput
    }

    /// One line, the parameters worded by `naming`. Line breaks that came from a file's
    /// content are shown as "\n", so the message stays one line.
    public func describe(_ naming: ParameterNaming) -> String {
        let line: String
        switch self {
        case .badFile(let path, let reason): line = "\(path): \(reason.text(naming))"
        case .badTable(let path, let row, let column, let reason):
            line = "\(path): line \(row)\(column.map { ", column \($0)" } ?? ""): \(reason.text(naming))"
        case .badConfig(let path, let row, let key, let reason): line = "\(path):\(row): \(key): \(reason.text(naming))"
        case .badParameter(let parameter, let reason): line = "\(naming.name(parameter)): \(reason.text(naming))"
        case .badInput(let reason): line = reason.text(naming)
        case .failed(let path, let reason): line = (path.map { "\($0): " } ?? "") + reason.text(naming)
        }
        return line.components(separatedBy: .newlines).joined(separator: "\\n")
    }

    public var description: String { describe(.plain) }

    /// The words without the file (for messages that name the file themselves).
    public var reason: String {
        switch self {
        case .badFile(_, let reason), .badTable(_, _, _, let reason), .badConfig(_, _, _, let reason), .badParameter(_, let reason),
            .badInput(let reason), .failed(_, let reason):
            return reason.text(.plain)
        }
    }
}

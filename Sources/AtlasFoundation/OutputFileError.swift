import Foundation

/// Why an output file cannot be placed or written. Every case names the output.
public enum OutputFileError: AtlasFailure {
    /// The folder the output goes into does not exist.
    case folderMissing(path: String, folder: String)
    /// The output path names a folder.
    case isFolder(path: String)
    /// The output exists and replacing it was not asked for.
    case exists(path: String)
    /// Nothing can be created in the output's folder.
    case notWritable(path: String, folder: String)
    /// The output exists and is no regular file (a device, a pipe, a socket).
    case notRegularFile(path: String)
    /// The output is one of the command's inputs (the same file, however named).
    case sameAsInput(path: String, input: String)
    /// Two outputs of one command name the same file.
    case twoOutputs(path: String)
    /// Another run holds the output folder's lock (`holder`: its PID, when it wrote one).
    case locked(path: String, holder: Int?)
    /// An output folder could not be created.
    case cannotCreateFolder(path: String, reason: String)
    /// The output could not be created or written while running (`fullDisk` adds why).
    case cannotWrite(path: String, reason: String, fullDiskNote: String)
    /// A copy of `source` could not be made at the output.
    case cannotCopy(path: String, source: String, reason: String, fullDiskNote: String)
    /// The finished output could not be moved to its final name.
    case cannotCommit(path: String, reason: String)

    public var kind: FailureKind {
        switch self {
        case .folderMissing, .isFolder, .exists, .notWritable, .cannotCreateFolder, .locked, .notRegularFile, .sameAsInput, .twoOutputs:
            return .badInput
        case .cannotWrite, .cannotCopy, .cannotCommit: return .runtime
        }
    }

    public var path: String {
        switch self {
        case .folderMissing(let path, _), .isFolder(let path), .exists(let path), .notWritable(let path, _),
            .cannotCreateFolder(let path, _), .locked(let path, _), .notRegularFile(let path), .sameAsInput(let path, _),
            .twoOutputs(let path), .cannotWrite(let path, _, _), .cannotCopy(let path, _, _, _),
            .cannotCommit(let path, _):
            return path
        }
    }

    public var reason: String {
        switch self {
        case .folderMissing(_, let folder): return "output folder \(folder) does not exist"
        case .isFolder: return "is a folder, not an output file"
        case .exists: return "output exists; pass --overwrite to replace it"
        case .notWritable(_, let folder): return "output folder \(folder) is not writable"
        case .notRegularFile: return "exists and is not a regular file (a device or pipe is never replaced)"
        case .sameAsInput(_, let input):
            return input == path ? "is also an input; write the output elsewhere" : "is the input \(input); write the output elsewhere"
        case .twoOutputs: return "is named for two outputs; give each its own file"
        case .locked(_, let holder):
            return
                "another run (\(holder.map { "PID \($0)" } ?? "PID unknown")) is writing this output folder; wait for it or choose another output folder"
        case .cannotCreateFolder(_, let reason): return "cannot create the output folder (\(reason))"
        case .cannotWrite(_, let reason, let note): return "cannot write (\(reason))\(note)"
        case .cannotCopy(_, let source, let reason, let note): return "cannot copy \(source): \(reason)\(note)"
        case .cannotCommit(_, let reason): return "cannot move the finished output into place: \(reason)"
        }
    }

    public var description: String { "\(path): \(reason)" }
}

import Foundation

/// Checks a command's outputs against each other and against its inputs before any work:
/// two outputs with one path would race through one temporary name, and an output that is an
/// input would replace it (with `--overwrite`) while it is still being read.
public enum OutputPaths {
    public static func check(outputs: [String], inputs: [String]) throws {
        var seen: [FileIdentity] = []
        for output in outputs {
            let identity = FileIdentity(output)
            if seen.contains(identity) { throw OutputFileError.twoOutputs(path: output) }
            seen.append(identity)
            for input in inputs where identity == FileIdentity(input) {
                throw OutputFileError.sameAsInput(path: output, input: input)
            }
        }
    }

    /// A file's device and inode when it exists (so two names of one file match), else its
    /// absolute path.
    private enum FileIdentity: Equatable {
        case inode(UInt64, UInt64)
        case path(String)

        init(_ path: String) {
            var status = stat()
            if stat(path, &status) == 0 {
                self = .inode(UInt64(status.st_dev), UInt64(status.st_ino))
            } else {
                self = .path(URL(fileURLWithPath: path).standardized.path)
            }
        }
    }
}

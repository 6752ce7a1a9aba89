import Foundation

/// Text outputs (tables, models, reports) go through a temporary name and a rename, like
/// the rasters: a crash never leaves half a file under the final name.
public enum TextFileOutput {
    public static func write(_ text: String, to path: String, overwrite: Bool) throws {
        try write(text, to: try AtomicOutput(finalPath: path, overwrite: overwrite))
    }

    public static func write(_ text: String, to output: AtomicOutput) throws {
        let temporary = output.temporaryPath()
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        } catch {
            AtomicOutput.remove(temporary)
            throw OutputFileError.cannotWrite(
                path: output.finalPath, reason: SystemError.reason(of: error), fullDiskNote: output.fullDiskNote)
        }
        try output.commit(from: temporary)
    }
}

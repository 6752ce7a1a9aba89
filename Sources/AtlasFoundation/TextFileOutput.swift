import Foundation

/// Text outputs (tables, models, reports) go through a temporary name and a rename, like
/// the rasters: a crash never leaves half a file under the final name.
public enum TextFileOutput {
    public static func write(_ text: String, to path: String, overwrite: Bool) throws {
        try write(text, to: try AtomicOutput(finalPath: path, overwrite: overwrite))
    }

    /// Several files as one: all written under temporary names, then all moved into place;
    /// when one cannot be written, none appears and the temporaries are gone.
    public static func write(_ files: [(text: String, path: String)]) throws {
        let outputs = try files.map { try AtomicOutput(finalPath: $0.path, overwrite: true) }
        var written: [String] = []
        do {
            for (file, output) in zip(files, outputs) {
                let temporary = output.temporaryPath()
                written.append(temporary)
                do {
                    try Data(file.text.utf8).write(to: URL(fileURLWithPath: temporary))
                } catch {
                    throw OutputFileError.cannotWrite(
                        path: output.finalPath, reason: SystemError.reason(of: error), fullDiskNote: output.fullDiskNote)
                }
            }
        } catch {
            written.forEach(AtomicOutput.remove)
            throw error
        }
        for (output, temporary) in zip(outputs, written) { try output.commit(from: temporary) }
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

import Foundation

/// A file (with its `.aux.xml` side-car) copied under a temporary name and moved into place,
/// like every other output: never half a copy under the final name.
public enum FileCopy {
    public static func atomically(_ source: String, to target: String) throws {
        let output = try AtomicOutput(finalPath: target, overwrite: true)
        let temporary = output.temporaryPath()
        do {
            try FileManager.default.copyItem(atPath: source, toPath: temporary)
            if FileManager.default.fileExists(atPath: source + ".aux.xml") {
                try FileManager.default.copyItem(atPath: source + ".aux.xml", toPath: temporary + ".aux.xml")
            }
        } catch {
            AtomicOutput.remove(temporary)
            throw OutputFileError.cannotCopy(
                path: target, source: source, reason: SystemError.reason(of: error),
                fullDiskNote: output.fullDiskNote)
        }
        try output.commit(from: temporary)
    }
}

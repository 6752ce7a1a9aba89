import Foundation

/// Where an output is written while it is incomplete, and how it reaches its final name.
/// The temporary file sits in the target folder (so the final rename is atomic on one file
/// system) and is hidden; GDAL's ".aux.xml" side-car travels with it.
public struct AtomicOutput: Sendable {
    public let finalPath: String

    /// Checks the target before any work: the folder exists and is writable, and an existing
    /// output is only replaced when `overwrite` is set.
    public init(finalPath: String, overwrite: Bool) throws {
        let url = URL(fileURLWithPath: finalPath)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw OutputFileError.folderMissing(path: finalPath, folder: folder)
        }
        if FileManager.default.fileExists(atPath: finalPath, isDirectory: &isDirectory) {
            // rename(2) would fail only after all the work, or replace an empty folder.
            guard !isDirectory.boolValue else { throw OutputFileError.isFolder(path: finalPath) }
            // rename(2) over a device would replace it (as root, /dev/null itself).
            var status = stat()
            guard stat(finalPath, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else {
                throw OutputFileError.notRegularFile(path: finalPath)
            }
            guard overwrite else { throw OutputFileError.exists(path: finalPath) }
        }
        self.finalPath = url.path
        // Permission bits say little to root or on read-only mounts: try to create a file.
        let probe = temporaryPath("probe")
        guard FileManager.default.createFile(atPath: probe, contents: nil) else {
            throw OutputFileError.notWritable(path: finalPath, folder: folder)
        }
        try? FileManager.default.removeItem(atPath: probe)
    }

    /// ": no space left on the disk of FOLDER" when the output's file system is (nearly) full,
    /// to say why GDAL's write error happened; "" otherwise.
    public var fullDiskNote: String {
        let folder = URL(fileURLWithPath: finalPath).deletingLastPathComponent().path
        var stats = statvfs()
        guard statvfs(folder, &stats) == 0, UInt64(stats.f_bavail) * UInt64(stats.f_frsize) < 1 << 20 else { return "" }
        return ": no space left on the disk of \(folder)"
    }

    /// A hidden name beside the final one, unique to this process and purpose.
    public func temporaryPath(_ purpose: String = "partial") -> String {
        let url = URL(fileURLWithPath: finalPath)
        let name = ".\(url.lastPathComponent).\(purpose)-\(ProcessInfo.processInfo.processIdentifier)"
        return url.deletingLastPathComponent().appendingPathComponent(name + "." + url.pathExtension).path
    }

    /// Moves a complete temporary file (and its side-car, if any) to the final name. The
    /// side-car goes first, so the file never appears without its category names.
    public func commit(from temporary: String) throws {
        let manager = FileManager.default
        let sidecar = finalPath + ".aux.xml"
        var placedSidecar = false
        do {
            if manager.fileExists(atPath: temporary + ".aux.xml") {
                try replace(sidecar, with: temporary + ".aux.xml")
                placedSidecar = true
            } else if manager.fileExists(atPath: sidecar) {
                try manager.removeItem(atPath: sidecar)
            }
            try replace(finalPath, with: temporary)
        } catch {
            Self.remove(temporary)
            // A side-car without its file would be a stray output.
            if placedSidecar { try? manager.removeItem(atPath: sidecar) }
            let reason = SystemError.reason(of: error)
            throw OutputFileError.cannotCommit(path: finalPath, reason: reason)
        }
    }

    /// rename(2) replaces atomically; Foundation's moveItem refuses an existing target.
    private func replace(_ target: String, with source: String) throws {
        if rename(source, target) != 0 {
            throw NSError(domain: NSPOSIXErrorDomain, code: Int(errno))
        }
    }

    /// Deletes a temporary file and its side-car, ignoring ones that do not exist.
    public static func remove(_ temporary: String) {
        try? FileManager.default.removeItem(atPath: temporary)
        try? FileManager.default.removeItem(atPath: temporary + ".aux.xml")
    }
}

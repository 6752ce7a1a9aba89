import Foundation

/// An exclusive lock on an output folder for the life of one run (flock on `FOLDER/.lock`,
/// which holds the holder's PID): a second run into the same folder is refused at once
/// instead of mixing its products and working files with the first's. The kernel drops the
/// lock when a process dies, so a killed run never blocks the next one.
public final class OutputFolderLock {
    public let folder: String
    private var descriptor: Int32
    private var path: String { folder + "/.lock" }

    /// Creates `folder` (with its parents) if needed and takes the lock.
    public init(folder: String) throws {
        self.folder = URL(fileURLWithPath: folder).standardized.path
        try OutputFolder.create(self.folder)
        let path = self.folder + "/.lock"
        while true {
            let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                throw OutputFileError.cannotCreateFolder(
                    path: self.folder, reason: "cannot create its lock file: \(String(cString: strerror(errno)))")
            }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let holder = Self.holder(fd)
                close(fd)
                throw OutputFileError.locked(path: self.folder, holder: holder)
            }
            // The holder before us may have removed the file between our open and flock:
            // the lock then guards nothing, so take it again on the file now at the path.
            var opened = stat(), current = stat()
            if fstat(fd, &opened) == 0, stat(path, &current) == 0, opened.st_ino == current.st_ino, opened.st_dev == current.st_dev {
                descriptor = fd
                break
            }
            close(fd)
        }
        let pid = "\(ProcessInfo.processInfo.processIdentifier)\n"
        _ = ftruncate(descriptor, 0)
        _ = pid.withCString { write(descriptor, $0, strlen($0)) }
    }

    /// Removes the lock file and drops the lock (the file first, so nobody locks a file on
    /// its way out).
    public func release() {
        guard descriptor >= 0 else { return }
        // Only our own file: once a finished atlas has been swapped into place, the path may
        // hold the lock file of the next run.
        var ours = stat(), current = stat()
        if fstat(descriptor, &ours) == 0, stat(path, &current) == 0, ours.st_ino == current.st_ino, ours.st_dev == current.st_dev {
            unlink(path)
        }
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }

    private static func holder(_ fd: Int32) -> Int? {
        var buffer = [UInt8](repeating: 0, count: 32)
        let count = pread(fd, &buffer, buffer.count, 0)
        guard count > 0 else { return nil }
        return Int(String(decoding: buffer[0..<count], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
    }
}

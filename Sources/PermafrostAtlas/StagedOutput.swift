import AtlasCore
import AtlasFoundation
import Foundation

/// Where a run writes. Into the output folder itself when it holds no atlas yet; over an
/// earlier atlas (`--overwrite`), into a hidden sibling (`.NAME.partial-PID`) that replaces
/// it only once the run has finished: a refused, failed or killed run leaves the earlier atlas
/// as it was. The output folder's lock is held throughout.
struct StagedOutput {
    /// The folder the user named.
    let final: AtlasLayout
    /// The folder the run writes into (`final`, or the hidden sibling).
    let layout: AtlasLayout
    let lock: OutputFolderLock

    init(outDirectory: String, overwrite: Bool) throws {
        final = AtlasLayout(root: outDirectory)
        let replacing = final.holdsAtlas
        lock = try final.lock(overwrite: overwrite)
        guard replacing else {
            layout = final
            try final.createFolders()
            return
        }
        // Siblings left by killed runs of this folder: nobody else writes them while we hold its lock.
        let parent = URL(fileURLWithPath: final.root).deletingLastPathComponent().path
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] where Self.isStaging(name, of: final) {
            try? FileManager.default.removeItem(atPath: parent + "/" + name)
        }
        layout = AtlasLayout(root: parent + "/" + Self.prefix(of: final) + "partial-\(ProcessInfo.processInfo.processIdentifier)")
        try layout.createFolders()
    }

    var isStaged: Bool { layout.root != final.root }

    /// Puts the finished atlas in place of the earlier one: the earlier moves aside, the new
    /// one takes its name (two renames in one folder), then the earlier is deleted.
    func commit() throws {
        guard isStaged else { return }
        let aside =
            URL(fileURLWithPath: final.root).deletingLastPathComponent().path + "/" + Self.prefix(of: final)
            + "replaced-\(ProcessInfo.processInfo.processIdentifier)"
        guard rename(final.root, aside) == 0 else {
            throw OutputFileError.cannotCommit(path: final.root, reason: String(cString: strerror(errno)))
        }
        guard rename(layout.root, final.root) == 0 else {
            let reason = String(cString: strerror(errno))
            _ = rename(aside, final.root)
            throw OutputFileError.cannotCommit(path: final.root, reason: reason)
        }
        try? FileManager.default.removeItem(atPath: aside)
    }

    /// Removes an unfinished staging folder (the earlier atlas stays untouched).
    func abandon() {
        guard isStaged else { return }
        try? FileManager.default.removeItem(atPath: layout.root)
    }

    private static func prefix(of layout: AtlasLayout) -> String { "." + URL(fileURLWithPath: layout.root).lastPathComponent + "." }

    private static func isStaging(_ name: String, of layout: AtlasLayout) -> Bool {
        let prefix = prefix(of: layout)
        return name.hasPrefix(prefix + "partial-") || name.hasPrefix(prefix + "replaced-")
    }
}

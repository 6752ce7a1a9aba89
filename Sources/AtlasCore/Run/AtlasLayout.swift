import AtlasFoundation
import Foundation

/// The output folder of `run` (an interface scripts rely on):
/// models/, pre/ and post/ with the same eight products, diff/, maps/, report.json, report.html;
/// aligned/ holds inputs put onto the reference grid (rasterized polygons).
public struct AtlasLayout: Sendable {
    public let root: String

    public init(root: String) {
        self.root = URL(fileURLWithPath: root).standardized.path
    }

    public func pre(_ product: String) -> String { "\(root)/pre/\(product).tif" }
    public func post(_ product: String) -> String { "\(root)/post/\(product).tif" }
    public func diff(_ product: String) -> String { "\(root)/diff/\(product).tif" }
    public func model(_ name: String) -> String { "\(root)/models/\(name).json" }
    public func aligned(_ name: String) -> String { "\(root)/aligned/\(name).tif" }
    public func map(_ name: String) -> String { "\(root)/maps/\(name).png" }
    public var reportJSON: String { "\(root)/report.json" }
    public var reportHTML: String { "\(root)/report.html" }

    /// Where a product of the catalogue lies in this folder.
    public func path(of product: AtlasProduct) -> String { "\(root)/\(product.path)" }
    /// Its map picture in maps/.
    public func map(of product: AtlasProduct) -> String { map(product.mapName) }

    /// Takes the folder's lock (another run into it is refused), then creates the folders;
    /// an existing output folder with anything but a run's lock and working files in it needs
    /// `overwrite`. The caller keeps the lock for the run and releases it at the end.
    public func prepare(overwrite: Bool) throws -> OutputFolderLock {
        let lock = try lock(overwrite: overwrite)
        try createFolders()
        if overwrite {
            // A run killed after new products but before its report must not leave the old
            // report beside them.
            for report in [reportJSON, reportHTML] { try? FileManager.default.removeItem(atPath: report) }
        }
        return lock
    }

    /// Checks the folder (a folder, empty unless `overwrite`) and takes its lock; creates the
    /// folder itself when missing, nothing inside it.
    public func lock(overwrite: Bool) throws -> OutputFolderLock {
        if holdsAtlas {
            guard overwrite else {
                throw AtlasError.badFile(path: root, reason: "output folder is not empty; pass \(.overwrite) to replace its atlas")
            }
        } else {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), !isDirectory.boolValue {
                throw AtlasError.badFile(path: root, reason: "exists and is not a folder")
            }
        }
        return try OutputFolderLock(folder: root)
    }

    /// Whether the folder exists and holds anything but a run's lock and working files.
    public var holdsAtlas: Bool {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else { return false }
        return !((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter { !Self.isRunFile($0) }.isEmpty
    }

    /// Creates the layout's folders and checks that files can be made in them.
    public func createFolders() throws {
        let manager = FileManager.default
        for folder in ["", "/models", "/pre", "/post", "/diff", "/maps", "/aligned"] {
            try OutputFolder.create(root + folder)
        }
        guard manager.isWritableFile(atPath: root), manager.createFile(atPath: root + "/.write-test", contents: nil) else {
            throw AtlasError.badFile(path: root, reason: "output folder is not writable")
        }
        try? manager.removeItem(atPath: root + "/.write-test")
    }

    /// A run's own files in the output folder: its lock, and working folders (`.working-PID`).
    static func isRunFile(_ name: String) -> Bool { name == ".lock" || name.hasPrefix(".working") }
}

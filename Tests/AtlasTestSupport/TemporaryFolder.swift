import Foundation

/// A fresh folder per test, deleted afterwards. Test targets subclass it to add their own
/// fixture writers.
open class TemporaryFolder {
    public let path: String

    public init(prefix: String = "atlas-tests") throws {
        path = NSTemporaryDirectory() + prefix + "-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    public func file(_ name: String) -> String { path + "/" + name }

    /// Every file in the folder, hidden ones included (to catch left-over temporaries).
    public var contents: [String] { (try? FileManager.default.contentsOfDirectory(atPath: path))?.sorted() ?? [] }
}

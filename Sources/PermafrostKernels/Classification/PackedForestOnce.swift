import Foundation

/// A model's packed forest, built by the first prediction that needs it; threads that predict
/// at the same time wait for that one build. Copies of a model share it (a class).
final class PackedForestOnce: @unchecked Sendable {
    private let lock = NSLock()
    private var built: PackedForest?

    func forest(_ build: () -> PackedForest) -> PackedForest {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        let forest = build()
        built = forest
        return forest
    }
}

import Foundation

/// Logs one line per stage (with the time it took) and keeps the times for the report; on a
/// terminal, a progress bar follows the stage's blocks.
public final class AtlasStageClock {
    private let log: AtlasLog
    private let total: Int
    private var started = 0
    public private(set) var seconds: [String: Double] = [:]

    public init(log: AtlasLog, total: Int) {
        self.log = log
        self.total = total
    }

    public func time<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        started += 1
        let title = "[\(started)/\(total)] \(name)"
        let start = Date()
        let result = try StageProgress.reporting(to: log.progress.map { bar in { fraction in bar(title, fraction) } }) {
            try body()
        }
        let elapsed = Date().timeIntervalSince(start)
        seconds[name] = (elapsed * 1000).rounded() / 1000
        log.line(title + String(format: " (%.2f s)", elapsed))
        return result
    }
}

/// Where `run` reports: a line per finished stage, and optionally a progress bar.
public struct AtlasLog: Sendable {
    public let line: @Sendable (String) -> Void
    public let progress: (@Sendable (String, Double) -> Void)?

    public init(line: @escaping @Sendable (String) -> Void, progress: (@Sendable (String, Double) -> Void)? = nil) {
        self.line = line
        self.progress = progress
    }

    public static let silent = AtlasLog(line: { _ in })
}

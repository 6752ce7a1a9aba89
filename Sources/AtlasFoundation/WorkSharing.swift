import Dispatch
import Foundation

/// Runs independent tasks on a fixed number of threads. Tasks are handed out one at a time
/// from a shared counter, so a busy core never holds up the rest; results stay deterministic
/// because every task writes only its own output slot. Used by the random forest (trees,
/// row blocks) and by the pipeline for whole-file tasks such as drawing maps.
public enum WorkSharing {
    /// Calls `body(&workspace, task)` for every task in 0..<taskCount, using at most
    /// `threads` threads, each with its own workspace from `makeWorkspace`.
    public static func run<Workspace>(
        taskCount: Int,
        threads: Int,
        makeWorkspace: () -> Workspace,
        body: (inout Workspace, Int) -> Void
    ) {
        let workerCount = max(1, min(threads, taskCount))
        if workerCount == 1 {
            var workspace = makeWorkspace()
            for task in 0..<taskCount { body(&workspace, task) }
            return
        }
        let counter = TaskCounter()
        // Dispatch wants a @Sendable closure. The closures here run only inside this
        // synchronous call, and callers give every task its own output slot, so handing
        // them to the worker threads is safe even though their captures are not Sendable.
        withoutActuallyEscaping(makeWorkspace) { makeWorkspace in
            withoutActuallyEscaping(body) { body in
                let make = UncheckedSendable(value: makeWorkspace)
                let run = UncheckedSendable(value: body)
                DispatchQueue.concurrentPerform(iterations: workerCount) { _ in
                    var workspace = make.value()
                    while let task = counter.take(below: taskCount) {
                        run.value(&workspace, task)
                    }
                }
            }
        }
    }

    /// The results of `body(task)` for every task in 0..<taskCount, in task order, computed
    /// on at most `threads` threads. Every task runs; the first failure in task order (not in
    /// time) is thrown, so the error does not depend on the thread count.
    public static func map<Result>(taskCount: Int, threads: Int, _ body: (Int) throws -> Result) throws -> [Result] {
        var outcomes = [Swift.Result<Result, Error>?](repeating: nil, count: taskCount)
        outcomes.withUnsafeMutableBufferPointer { slots in
            run(taskCount: taskCount, threads: threads, makeWorkspace: {}) { _, task in
                slots[task] = Swift.Result { try body(task) }
            }
        }
        return try outcomes.map { try $0!.get() }
    }

    private struct UncheckedSendable<Value>: @unchecked Sendable {
        let value: Value
    }

    private final class TaskCounter: @unchecked Sendable {
        private let lock = NSLock()
        private var nextTask = 0

        func take(below taskCount: Int) -> Int? {
            lock.lock()
            defer { lock.unlock() }
            guard nextTask < taskCount else { return nil }
            nextTask += 1
            return nextTask - 1
        }
    }
}

import Dispatch
import Foundation
import GeoRaster

/// Runs a per-block computation over a raster on several threads and hands the results back
/// in block order, so outputs are written in the same order, and are byte-identical, at any
/// thread count. Workers take blocks in order and keep computing while the calling thread
/// writes finished ones; at most two blocks per thread wait to be written, so memory depends
/// on block size and thread count, never on raster size.
public struct BlockRunner: Sendable {
    public let blocks: BlockGrid
    public let threads: Int

    public init(width: Int, height: Int, blockSize: Int = 512, halo: Int = 0, threads: Int) {
        blocks = BlockGrid(width: width, height: height, blockWidth: blockSize, blockHeight: blockSize, halo: halo)
        self.threads = max(1, threads)
    }

    public init(grid: RasterGrid, blockSize: Int = 512, halo: Int = 0, threads: Int) {
        self.init(width: grid.width, height: grid.height, blockSize: blockSize, halo: halo, threads: threads)
    }

    /// - Parameters:
    ///   - makeWorker: called once per thread before any block; open that thread's GDAL
    ///     handles and buffers here (a handle must never be shared between threads).
    ///   - compute: runs on worker threads, one block at a time per worker.
    ///   - consume: runs on the calling thread, in block order (write outputs, accumulate).
    /// The first error, in block order, stops the run and is rethrown.
    public func run<Worker, Output>(
        makeWorker: () throws -> Worker,
        compute: (inout Worker, RasterBlock) throws -> Output,
        consume: (RasterBlock, Output) throws -> Void
    ) throws {
        let workerCount = min(threads, max(1, blocks.count))
        let workers = try (0..<workerCount).map { _ in UncheckedBox(try makeWorker()) }
        if workerCount == 1 {
            for index in 0..<blocks.count {
                let block = blocks.block(at: index)
                try consume(block, try compute(&workers[0].value, block))
                StageProgress.current?(Double(index + 1) / Double(blocks.count))
            }
            return
        }
        let queue = BlockQueue<Output>(count: blocks.count, window: workerCount * 2)
        try withoutActuallyEscaping(compute) { compute in
            let job = UncheckedBox(compute)
            let group = DispatchGroup()
            for worker in workers {
                DispatchQueue.global().async(group: group) {
                    while let index = queue.claim() {
                        queue.deliver(index, Result { try job.value(&worker.value, blocks.block(at: index)) })
                    }
                }
            }
            // Stop the workers and wait for them on any exit: they use `compute`.
            defer {
                queue.cancel()
                group.wait()
            }
            for index in 0..<blocks.count {
                try consume(blocks.block(at: index), queue.take(index).get())
                StageProgress.current?(Double(index + 1) / Double(blocks.count))
            }
        }
    }
}

/// Blocks handed out in order and their results collected for in-order consumption. A block
/// is only handed out while fewer than `window` results wait, which bounds memory.
private final class BlockQueue<Output>: @unchecked Sendable {
    // @unchecked: every field is read and written under `condition`.
    private let condition = NSCondition()
    private let count: Int
    private let window: Int
    private var nextToClaim = 0
    private var nextToTake = 0
    private var cancelled = false
    private var results: [Int: Result<Output, Error>] = [:]

    init(count: Int, window: Int) {
        self.count = count
        self.window = window
    }

    /// The next block to compute, or nil when all are handed out or the run stopped.
    func claim() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled && nextToClaim < count && nextToClaim >= nextToTake + window { condition.wait() }
        guard !cancelled, nextToClaim < count else { return nil }
        defer { nextToClaim += 1 }
        return nextToClaim
    }

    func deliver(_ index: Int, _ result: Result<Output, Error>) {
        condition.lock()
        results[index] = result
        condition.broadcast()
        condition.unlock()
    }

    /// Waits for block `index` (called in order).
    func take(_ index: Int) -> Result<Output, Error> {
        condition.lock()
        defer { condition.unlock() }
        while results[index] == nil { condition.wait() }
        nextToTake = index + 1
        condition.broadcast()
        return results.removeValue(forKey: index)!
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}

/// Where a block pass reports how far it is (0...1): set, for the calling thread, by
/// whoever shows a progress bar (the `run` command); nil otherwise. Thread-local, so
/// stages need no progress parameter and concurrent callers do not see each other's bar.
public enum StageProgress {
    private final class Box {
        let report: (Double) -> Void
        init(_ report: @escaping (Double) -> Void) { self.report = report }
    }

    private static let key = "permafrost-atlas.stage-progress"

    static var current: ((Double) -> Void)? {
        (Thread.current.threadDictionary[key] as? Box)?.report
    }

    /// Runs `body` with `report` receiving the block progress of this thread's passes.
    public static func reporting<T>(to report: ((Double) -> Void)?, _ body: () throws -> T) rethrows -> T {
        let previous = Thread.current.threadDictionary[key]
        Thread.current.threadDictionary[key] = report.map(Box.init)
        defer { Thread.current.threadDictionary[key] = previous }
        return try body()
    }
}

/// Hands a value to worker threads. Safe here because each box is used by one thread at a
/// time: a worker's own state, or a closure that only reads shared immutable data.
final class UncheckedBox<Value>: @unchecked Sendable {
    var value: Value

    init(_ value: Value) {
        self.value = value
    }
}

import Dispatch
import Foundation
import GeoRaster

/// Runs a per-block computation over a raster on several threads and hands the results back
/// in block order, so outputs are written in the same order, and are byte-identical, at any
/// thread count. Blocks are processed in batches of two per thread: memory depends on block
/// size and thread count, never on raster size.
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
    public func run<Worker, Output>(makeWorker: () throws -> Worker,
                                    compute: (inout Worker, RasterBlock) throws -> Output,
                                    consume: (RasterBlock, Output) throws -> Void) throws {
        let workerCount = min(threads, max(1, blocks.count))
        let workers = try (0..<workerCount).map { _ in UncheckedBox(try makeWorker()) }
        let batchSize = workerCount * 2
        var start = 0
        while start < blocks.count {
            let count = min(batchSize, blocks.count - start)
            let results = ResultSlots<Output>(count: count)
            try withoutActuallyEscaping(compute) { compute in
                let job = UncheckedBox(compute)
                let first = start
                let perform: @Sendable (Int) -> Void = { worker in
                    var slot = worker
                    while slot < count {
                        let block = blocks.block(at: first + slot)
                        results.store(slot, Result { try job.value(&workers[worker].value, block) })
                        slot += workerCount
                    }
                }
                if workerCount == 1 {
                    perform(0)
                } else {
                    DispatchQueue.concurrentPerform(iterations: min(workerCount, count), execute: perform)
                }
                for slot in 0..<count {
                    try consume(blocks.block(at: first + slot), results.take(slot).get())
                    StageProgress.current?(Double(first + slot + 1) / Double(blocks.count))
                }
            }
            start += count
        }
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

/// One result slot per block of a batch, written by exactly one worker each.
private final class ResultSlots<Output>: @unchecked Sendable {
    private let slots: UnsafeMutablePointer<Result<Output, Error>?>
    private let count: Int

    init(count: Int) {
        self.count = count
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil, count: count)
    }

    deinit {
        slots.deinitialize(count: count)
        slots.deallocate()
    }

    func store(_ slot: Int, _ result: Result<Output, Error>) {
        slots[slot] = result
    }

    func take(_ slot: Int) -> Result<Output, Error> {
        defer { slots[slot] = nil }
        return slots[slot]!
    }
}

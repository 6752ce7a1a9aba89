import GeoRaster
import XCTest

@testable import AtlasCore

final class BlockRunnerTests: XCTestCase {
    func testResultsArriveInBlockOrderAtAnyThreadCount() throws {
        for threads in [1, 2, 3, 8] {
            var seen: [Int] = []
            let runner = BlockRunner(width: 101, height: 77, blockSize: 16, threads: threads)
            try runner.run(
                makeWorker: { 0 },
                compute: { calls, block in
                    calls += 1
                    return block.index
                },
                consume: { block, index in
                    XCTAssertEqual(block.index, index)
                    seen.append(index)
                })
            XCTAssertEqual(seen, Array(0..<runner.blocks.count), "threads \(threads)")
        }
    }

    func testFirstErrorInBlockOrderIsRethrown() {
        struct Failure: Error, Equatable { let block: Int }
        let runner = BlockRunner(width: 64, height: 64, blockSize: 16, threads: 4)
        var consumed: [Int] = []
        XCTAssertThrowsError(
            try runner.run(
                makeWorker: { () },
                compute: { _, block in
                    if block.index == 5 || block.index == 6 { throw Failure(block: block.index) }
                    return block.index
                }, consume: { _, index in consumed.append(index) })
        ) { error in
            XCTAssertEqual(error as? Failure, Failure(block: 5))
        }
        XCTAssertEqual(consumed, [0, 1, 2, 3, 4])
    }

    func testEachWorkerIsUsedByOneThreadAtATime() throws {
        final class Worker {
            var busy = false
            var blocks = 0
        }
        let runner = BlockRunner(width: 256, height: 256, blockSize: 16, threads: 4)
        var total = 0
        try runner.run(
            makeWorker: { Worker() },
            compute: { worker, _ in
                XCTAssertFalse(worker.busy)
                worker.busy = true
                worker.blocks += 1
                usleep(100)
                worker.busy = false
                return 1
            }, consume: { _, one in total += one })
        XCTAssertEqual(total, 256)
    }

    func testCropTakesTheCoreOfAPaddedWindow() {
        let padded = RasterWindow(column: -1, row: -1, width: 4, height: 3)
        let core = RasterWindow(column: 0, row: 0, width: 2, height: 1)
        XCTAssertEqual(Array(0..<12).cropped(from: padded, to: core), [5, 6])
    }
}

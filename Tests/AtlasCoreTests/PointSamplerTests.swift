import GeoRaster
import XCTest

@testable import AtlasCore

final class PointSamplerTests: XCTestCase {
    /// Readers that remember which rows they were asked for (one set per band of rows).
    private final class Readers: @unchecked Sendable {
        var rows: [Int] = []
    }

    func testValuesKeepThePointsOrderAtAnyThreadCountAndEachReaderSetStaysInItsBandOfRows() throws {
        var generator = SystemRandomNumberGenerator()
        let height = 97
        let pixels: [(column: Int, row: Int)?] = (0..<300).map { index in
            index % 17 == 0 ? nil : (Int.random(in: 0..<50, using: &generator), Int.random(in: 0..<height, using: &generator))
        }
        let expected = pixels.map { $0.map { $0.row * 1000 + $0.column } }
        for threads in [1, 2, 3, 8] {
            let lock = NSLock()
            var opened: [Readers] = []
            let values = try PointSampler.read(
                at: pixels, gridHeight: height, threads: threads,
                open: { () -> Readers in
                    let readers = Readers()
                    lock.withLock { opened.append(readers) }
                    return readers
                }
            ) { readers, window in
                XCTAssertEqual(window.width, 1)
                XCTAssertEqual(window.height, 1)
                readers.rows.append(window.row)
                return window.row * 1000 + window.column
            }
            XCTAssertEqual(values, expected, "threads \(threads)")
            XCTAssertEqual(opened.count, threads, "one set of readers per band of rows, threads \(threads)")
            // Bands of rows do not overlap: no two reader sets read the same row.
            let rowSets = opened.map { Set($0.rows) }
            for a in rowSets.indices {
                for b in rowSets.indices where b > a {
                    XCTAssertTrue(rowSets[a].isDisjoint(with: rowSets[b]), "threads \(threads)")
                }
            }
        }
    }

    func testRowsOfClusteredAndScatteredPointsEqualOnePixelReads() throws {
        var generator = SystemRandomNumberGenerator()
        let height = 400
        // A dense block of points (read by windows) and points scattered over the grid (read
        // one by one), shuffled together, with some off the grid.
        let cluster = (0..<600).map { _ in (Int.random(in: 100..<140, using: &generator), Int.random(in: 50..<90, using: &generator)) }
        let scattered = (0..<60).map { _ in (Int.random(in: 0..<5000, using: &generator), Int.random(in: 0..<height, using: &generator)) }
        let pixels: [(column: Int, row: Int)?] = ((cluster + scattered).map { Optional($0) } + [nil, nil]).shuffled(using: &generator)
        let expected = pixels.map { $0.map { [Float($0.row * 10_000 + $0.column), -Float($0.column)] } }
        for threads in [1, 2, 3] {
            let lock = NSLock()
            var windows: [RasterWindow] = []
            let rows = try PointSampler.readRows(
                at: pixels, gridHeight: height, valuesPerPixel: 2, threads: threads, open: { () }
            ) { _, window in
                lock.withLock { windows.append(window) }
                var values: [Float] = []
                for row in window.row..<window.endRow {
                    for column in window.column..<window.endColumn { values += [Float(row * 10_000 + column), -Float(column)] }
                }
                return values
            }
            XCTAssertEqual(rows, expected, "threads \(threads)")
            // The cluster spans 40 rows: a few strip windows, not 600 single pixels.
            XCTAssertLessThan(windows.filter { $0.pixelCount > 1 }.count, 10, "threads \(threads)")
            XCTAssertLessThan(windows.count, 100, "threads \(threads)")
        }
    }

    func testNoPointsOnTheGridOpensNothing() throws {
        var opens = 0
        let values = try PointSampler.read(at: [nil, nil], gridHeight: 10, threads: 2, open: { opens += 1 }) { _, _ in 1 }
        XCTAssertEqual(values, [nil, nil])
        XCTAssertEqual(opens, 0)
    }
}

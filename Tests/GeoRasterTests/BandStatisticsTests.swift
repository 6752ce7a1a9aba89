import GeoRaster
import XCTest

final class BandStatisticsTests: XCTestCase {
    func testBlocksMergeToTheTwoPassStatisticsOfAllValues() {
        // Values far from zero with a small spread: the case where a naive sum of squares fails.
        let values = (0..<10_000).map { index -> Double in
            index % 97 == 0 ? .nan : 1_000_000 + Double(index * 7_919 % 10_000) / 1000
        }
        let valid = values.filter { !$0.isNaN && $0 != 1_000_005 }
        let mean = valid.reduce(0, +) / Double(valid.count)
        let deviation = (valid.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(valid.count)).squareRoot()
        for blockSize in [1, 7, 512, 10_000] {
            var statistics = BandStatistics()
            for start in stride(from: 0, to: values.count, by: blockSize) {
                values[start..<min(start + blockSize, values.count)].withUnsafeBufferPointer { statistics.add($0, noData: 1_000_005) }
            }
            XCTAssertEqual(statistics.validCount, valid.count, "blocks of \(blockSize)")
            XCTAssertEqual(statistics.nodataCount, values.count - valid.count, "blocks of \(blockSize)")
            XCTAssertEqual(statistics.mean, mean, accuracy: 1e-12 * mean, "blocks of \(blockSize)")
            XCTAssertEqual(statistics.standardDeviation, deviation, accuracy: 1e-9 * deviation, "blocks of \(blockSize)")
            XCTAssertEqual(statistics.minimum, valid.min())
            XCTAssertEqual(statistics.maximum, valid.max())
        }
    }
}

import PermafrostKernels
import XCTest

final class ClassTransitionMatrixTests: XCTestCase {
    func testCountsAreaAndTotals() throws {
        var matrix = try ClassTransitionMatrix(classCount: 6)
        try matrix.accumulate(before: [4, 4, 4, 4, 2, 0, 6], after: [5, 5, 4, 4, 3, 0, 0])
        XCTAssertEqual(matrix.count(from: 4, to: 5), 2)
        XCTAssertEqual(matrix.count(from: 4, to: 4), 2)
        XCTAssertEqual(matrix.count(from: 2, to: 3), 1)
        XCTAssertEqual(matrix.count(from: 0, to: 0), 1)
        XCTAssertEqual(matrix.count(from: 6, to: 0), 1)
        XCTAssertEqual(matrix.totalCount, 7)
        let areas = matrix.areasSquareKilometres(pixelAreaSquareMetres: 900)
        XCTAssertEqual(areas.count, 7)
        XCTAssertEqual(areas[4][5], 0.0018, accuracy: 1e-15)
        XCTAssertEqual(areas.joined().reduce(0, +), 7 * 900 / 1e6, accuracy: 1e-12)
    }

    func testBlockwiseAccumulationAndMergeMatchOnePass() throws {
        var seed: UInt32 = 12_345
        func nextCode() -> UInt8 {
            seed = seed &* 1_103_515_245 &+ 12_345
            return UInt8((seed >> 16) % 6)
        }
        let before = (0..<1000).map { _ in nextCode() }
        let after = (0..<1000).map { _ in nextCode() }

        var whole = try ClassTransitionMatrix(classCount: 5)
        try whole.accumulate(before: before, after: after)
        XCTAssertEqual(whole.totalCount, 1000)

        var first = try ClassTransitionMatrix(classCount: 5)
        var second = try ClassTransitionMatrix(classCount: 5)
        try first.accumulate(before: Array(before[0..<300]), after: Array(after[0..<300]))
        try second.accumulate(before: Array(before[300...]), after: Array(after[300...]))
        try second.merge(first)
        XCTAssertEqual(second, whole)
    }

    func testErrors() throws {
        var matrix = try ClassTransitionMatrix(classCount: 2)
        XCTAssertThrowsError(try matrix.accumulate(before: [1, 2], after: [1, 3])) {
            XCTAssertEqual("\($0)", "after class code 3 exceeds the transition matrix's 2 classes")
        }
        XCTAssertEqual(matrix.totalCount, 0, "a rejected block leaves the matrix unchanged")
        XCTAssertThrowsError(try matrix.merge(ClassTransitionMatrix(classCount: 6))) {
            XCTAssertEqual("\($0)", "cannot merge transition matrices of 2 and 6 classes")
        }
        XCTAssertThrowsError(try ClassTransitionMatrix(classCount: 0)) {
            XCTAssertEqual("\($0)", "transition matrix class count 0 must be between 1 and 255")
        }
    }
}

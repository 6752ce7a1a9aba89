import Foundation
import XCTest

@testable import PermafrostKernels

final class ConfusionMatrixTests: XCTestCase {
    // Rows reference, columns predicted:
    //   [50  3  2]   row totals 55, 50, 45; column totals 55, 45, 50; n = 150
    //   [ 5 40  5]   p_o = 133/150
    //   [ 0  2 43]   p_e = (55*55 + 50*45 + 45*50) / 150^2 = 7525/22500
    // kappa = (133*150 - 7525) / (22500 - 7525) = 12425/14975 = 0.8297161936560935
    // (scikit-learn's cohen_kappa_score on the same pairs gives 0.8297161936560935).
    private let handMatrix = [50, 3, 2, 5, 40, 5, 0, 2, 43]

    func testStatisticsOfHandComputedMatrix() throws {
        let matrix = try ConfusionMatrix(classCount: 3, counts: handMatrix)
        XCTAssertEqual(matrix.total, 150)
        XCTAssertEqual(matrix.referenceTotals, [55, 50, 45])
        XCTAssertEqual(matrix.predictedTotals, [55, 45, 50])
        XCTAssertEqual(matrix.overallAccuracy!, 133.0 / 150.0, accuracy: 1e-15)
        XCTAssertEqual(matrix.kappa!, 12425.0 / 14975.0, accuracy: 1e-15)
        XCTAssertEqual(matrix.kappa!, 0.8297161936560935, accuracy: 1e-12)
        let producers = matrix.producersAccuracy.map { $0! }
        let users = matrix.usersAccuracy.map { $0! }
        for (value, expected) in zip(producers, [50.0 / 55, 40.0 / 50, 43.0 / 45]) { XCTAssertEqual(value, expected, accuracy: 1e-15) }
        for (value, expected) in zip(users, [50.0 / 55, 40.0 / 45, 43.0 / 50]) { XCTAssertEqual(value, expected, accuracy: 1e-15) }
    }

    func testTallyFromPairsSkipsNoDataAndMatchesCounts() throws {
        var reference: [Int] = [], predicted: [Int] = []
        for row in 0..<3 {
            for column in 0..<3 {
                reference += [Int](repeating: row, count: handMatrix[row * 3 + column])
                predicted += [Int](repeating: column, count: handMatrix[row * 3 + column])
            }
        }
        reference += [-1, 2]
        predicted += [1, -1]
        let matrix = try ConfusionMatrix(classCount: 3, reference: reference, predicted: predicted)
        XCTAssertEqual(matrix.counts, handMatrix)
        XCTAssertEqual(matrix[reference: 1, predicted: 2], 5)
    }

    func testUndefinedStatisticsAreNil() throws {
        let empty = ConfusionMatrix(classCount: 2)
        XCTAssertNil(empty.overallAccuracy)
        XCTAssertNil(empty.kappa)
        // Only class 0 occurs and is always predicted: p_e = 1, kappa undefined; class 1
        // has neither reference nor predicted samples.
        let single = try ConfusionMatrix(classCount: 2, counts: [7, 0, 0, 0])
        XCTAssertEqual(single.overallAccuracy, 1)
        XCTAssertNil(single.kappa)
        XCTAssertEqual(single.producersAccuracy, [1, nil])
        XCTAssertEqual(single.usersAccuracy, [1, nil])
    }

    func testInvalidInputIsRejectedWithOneLineMessages() {
        XCTAssertThrowsError(try ConfusionMatrix(classCount: 2, counts: [1, 2, 3])) { error in
            XCTAssertEqual("\(error)", "confusion matrix has 3 counts, expected 2 x 2")
        }
        XCTAssertThrowsError(try ConfusionMatrix(classCount: 2, counts: [1, -2, 3, 4])) { error in
            XCTAssertEqual("\(error)", "confusion matrix row 0, column 1: count -2 is negative")
        }
        XCTAssertThrowsError(try ConfusionMatrix(classCount: 2, reference: [0, 3], predicted: [0, 1])) { error in
            XCTAssertEqual("\(error)", "pair 1: class index 3 is outside 0..<2")
        }
        let json = Data(#"{"classCount":2,"counts":[1,2]}"#.utf8)
        XCTAssertThrowsError(try JSONDecoder().decode(ConfusionMatrix.self, from: json))
    }
}

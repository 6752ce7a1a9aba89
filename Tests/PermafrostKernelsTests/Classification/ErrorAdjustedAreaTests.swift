import PermafrostKernels
import XCTest

/// The worked example of Olofsson et al. (2014, Remote Sensing of Environment 148, section 5):
/// four map classes of 200,000, 150,000, 3,200,000 and 6,450,000 ha, 640 samples. Published:
/// deforestation 235,086 +/- 68,418 ha (95 %), overall accuracy 0.95.
final class ErrorAdjustedAreaTests: XCTestCase {
    func testOlofssonsWorkedExample() throws {
        // Rows map class, columns reference: deforestation, forest gain, stable forest, stable non-forest.
        let byMap: [[Int]] = [[66, 0, 5, 4], [0, 55, 8, 12], [1, 0, 153, 11], [2, 1, 9, 313]]
        // ConfusionMatrix rows are reference, columns predicted (the map): transpose.
        let counts = (0..<4).flatMap { reference in (0..<4).map { map in byMap[map][reference] } }
        let confusion = try ConfusionMatrix(classCount: 4, counts: counts)
        let (classes, overall) = ErrorAdjustedArea.estimate(confusion: confusion, mappedAreas: [200_000, 150_000, 3_200_000, 6_450_000])
        XCTAssertEqual(classes[0].adjustedArea, 235_086, accuracy: 1)
        XCTAssertEqual(classes[0].confidenceHalfWidth, 68_418, accuracy: 1)
        XCTAssertEqual(classes.map(\.adjustedArea).reduce(0, +), 10_000_000, accuracy: 1e-6)
        XCTAssertEqual(overall, 0.95, accuracy: 0.005)
        // User's accuracy of deforestation is its sample row's: 66 / 75.
        XCTAssertEqual(try XCTUnwrap(classes[0].usersAccuracy), 66.0 / 75.0, accuracy: 1e-12)
        // Producer's: 0.0176 / 0.023509 (its mapped share over its estimated share).
        XCTAssertEqual(try XCTUnwrap(classes[0].producersAccuracy), 0.0176 / (235_086.0 / 10_000_000), accuracy: 1e-4)
    }

    func testAPerfectSampleLeavesTheMappedAreas() throws {
        let confusion = try ConfusionMatrix(classCount: 2, counts: [10, 0, 0, 30])
        let (classes, overall) = ErrorAdjustedArea.estimate(confusion: confusion, mappedAreas: [3, 7])
        XCTAssertEqual(classes.map(\.adjustedArea), [3, 7])
        XCTAssertEqual(classes.map(\.confidenceHalfWidth), [0, 0])
        XCTAssertEqual(overall, 1)
    }
}

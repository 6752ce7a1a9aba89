import PermafrostKernels
import XCTest

final class IceContentClassTests: XCTestCase {
    func testBoundariesGoToTheIcierClass() {
        let contents: [Float] = [0, 0.0999, 0.1, 0.1999, 0.2, 0.3, 0.4999, 0.5, 0.9]
        let expected: [IceContentClass] = [
            .icePoor, .icePoor, .iceBearing, .iceBearing, .iceRich, .iceSaturated,
            .iceSaturated, .iceLayerWithSoil, .iceLayerWithSoil,
        ]
        XCTAssertEqual(contents.map { IceContentClass.classify(meanIceContent: $0) }, expected)
        XCTAssertNil(IceContentClass.classify(meanIceContent: .nan))
    }

    func testBlockClassesAtExactBoundaries() throws {
        // One thick layer per zone with content equal to a boundary: mean content = that boundary.
        let strata = [0.1, 0.2, 0.3, 0.5].enumerated().map { index, content in
            GroundIceStratum(zoneCode: UInt8(index + 1), zoneName: "zone \(index + 1)", top: 0, bottom: 20, iceContent: content)
        }
        let model = try GroundIceModel(strata: GroundIceStrataTable(strata: strata))
        let block = try model.groundIce(activeLayerThickness: [2.5, 2.5, 2.5, 2.5], zones: [1, 2, 3, 4])
        XCTAssertEqual(block.iceClass, [2, 3, 4, 5])
    }

    func testCustomThresholdsAndErrors() throws {
        let thresholds = try IceContentClass.Thresholds([0.05, 0.15, 0.25, 0.4])
        XCTAssertEqual(IceContentClass.classify(meanIceContent: 0.25, thresholds: thresholds), .iceSaturated)
        XCTAssertThrowsError(try IceContentClass.Thresholds([0.1, 0.2, 0.3])) {
            XCTAssertEqual("\($0)", "ice content thresholds: 3 values given, 4 required (5 classes)")
        }
        XCTAssertThrowsError(try IceContentClass.Thresholds([0.1, 0.3, 0.2, 0.5])) {
            XCTAssertEqual("\($0)", "ice content threshold 3 (0.2) must be greater than threshold 2 (0.3)")
        }
        XCTAssertThrowsError(try IceContentClass.Thresholds([0.1, 0.2, 0.3, 1.5])) {
            XCTAssertEqual("\($0)", "ice content threshold 4 is 1.5; thresholds must lie between 0 and 1")
        }
    }

    func testNames() {
        XCTAssertEqual(
            IceContentClass.allCases.map(\.name),
            ["ice-poor", "ice-bearing", "ice-rich", "ice-saturated", "ice layer with soil"])
    }
}

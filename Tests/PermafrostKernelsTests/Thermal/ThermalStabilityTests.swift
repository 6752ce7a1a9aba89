import PermafrostKernels
import XCTest

final class ThermalStabilityTests: XCTestCase {
    func testBoundariesGoToTheWarmerClass() {
        let magt: [Float] = [-10, -5.0001, -5, -3.0001, -3, -1.5, -0.5, 0.4999, 0.5, 3, .nan]
        XCTAssertEqual(ThermalStabilityClass.classCodes(magt: magt), [1, 1, 2, 2, 3, 4, 5, 5, 6, 6, 0])
        XCTAssertEqual(ThermalStabilityClass.classify(magt: -3.0), .subStable)
        XCTAssertEqual(ThermalStabilityClass.classify(magt: 0.5), .extremelyUnstable)
        XCTAssertNil(ThermalStabilityClass.classify(magt: .nan))
    }

    func testCustomThresholds() throws {
        let thresholds = try ThermalStabilityClass.Thresholds([-4, -2, -1, 0, 1])
        XCTAssertEqual(ThermalStabilityClass.classCodes(magt: [-4.5, -2, -0.5, 0, 1], thresholds: thresholds), [1, 3, 4, 5, 6])
    }

    func testThresholdErrors() {
        XCTAssertThrowsError(try ThermalStabilityClass.Thresholds([-5, -3, -1.5, -0.5])) {
            XCTAssertEqual("\($0)", "thermal stability thresholds: 4 values given, 5 required (6 classes)")
        }
        XCTAssertThrowsError(try ThermalStabilityClass.Thresholds([-5, -3, -3, -0.5, 0.5])) {
            XCTAssertEqual("\($0)", "thermal stability threshold 3 (-3.0) must be greater than threshold 2 (-3.0)")
        }
        XCTAssertThrowsError(try ThermalStabilityClass.Thresholds([-5, -3, -1.5, .infinity, 0.5])) {
            XCTAssertEqual("\($0)", "thermal stability threshold 4 is inf; thresholds must be finite")
        }
    }

    func testCodesAndNames() {
        XCTAssertEqual(ThermalStabilityClass.allCases.map(\.rawValue), [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(ThermalStabilityClass.subStable.name, "sub-stable")
        XCTAssertEqual(ThermalStabilityClass.extremelyUnstable.name, "extremely unstable / seasonally frozen")
    }

    func testPermafrostPresence() {
        XCTAssertEqual(PermafrostPresence.classCodes(magt: [-0.1, 0, 2, .nan]), [1, 2, 2, 0])
        XCTAssertEqual(PermafrostPresence.classCodes(magt: [-0.6, -0.5], threshold: -0.5), [1, 2])
        XCTAssertEqual(PermafrostPresence.permafrost.name, "permafrost")
    }
}

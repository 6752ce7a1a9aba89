import PermafrostKernels
import XCTest

final class ThermalStabilityTests: XCTestCase {
    /// Cheng's boundaries with the permafrost threshold at +0.5 C: his six classes unchanged.
    func testBoundariesGoToTheWarmerClass() {
        let magt: [Float] = [-10, -5.0001, -5, -3.0001, -3, -1.5, -0.5, 0.4999, 0.5, 3, .nan]
        XCTAssertEqual(ThermalStabilityClass.classCodes(magt: magt, permafrostThreshold: 0.5), [1, 1, 2, 2, 3, 4, 5, 5, 6, 6, 0])
        XCTAssertEqual(ThermalStabilityClass.classify(magt: -3.0), .subStable)
        XCTAssertEqual(ThermalStabilityClass.classify(magt: 0.5), .extremelyUnstable)
        XCTAssertNil(ThermalStabilityClass.classify(magt: .nan))
    }

    func testCustomThresholds() throws {
        let thresholds = try ThermalStabilityClass.Thresholds([-4, -2, -1, 0, 1])
        XCTAssertEqual(
            ThermalStabilityClass.classCodes(magt: [-4.5, -2, -0.5, 0, 1], thresholds: thresholds, permafrostThreshold: 1), [1, 3, 4, 5, 6])
    }

    /// With the default 0 C threshold, classes 1-5 are exactly the permafrost of the presence
    /// map: 0.3 C (Cheng's "unstable") is class 6, and a permafrost pixel is never class 6,
    /// even with a threshold above the last boundary.
    func testStabilityAndPresenceAgree() throws {
        let magt: [Float] = (-80...80).map { Float($0) / 10 }
        for threshold in [-1.0, 0, 0.5, 2] {
            let stability = ThermalStabilityClass.classCodes(magt: magt, permafrostThreshold: threshold)
            let presence = PermafrostPresence.classCodes(magt: magt, threshold: threshold)
            for (code, present) in zip(stability, presence) {
                XCTAssertEqual(code <= 5, present == PermafrostPresence.permafrost.rawValue, "threshold \(threshold)")
            }
        }
        XCTAssertEqual(ThermalStabilityClass.classify(magt: 0.3), .extremelyUnstable)
        XCTAssertEqual(ThermalStabilityClass.classify(magt: -0.01), .unstable)
        XCTAssertEqual(ThermalStabilityClass.classify(magt: 1.5, permafrostThreshold: 2), .unstable)
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
        XCTAssertEqual(ThermalStabilityClass.extremelyUnstable.name, "seasonally frozen ground (no permafrost)")
    }

    func testPermafrostPresence() {
        XCTAssertEqual(PermafrostPresence.classCodes(magt: [-0.1, 0, 2, .nan]), [1, 2, 2, 0])
        XCTAssertEqual(PermafrostPresence.classCodes(magt: [-0.6, -0.5], threshold: -0.5), [1, 2])
        XCTAssertEqual(PermafrostPresence.permafrost.name, "permafrost")
    }
}

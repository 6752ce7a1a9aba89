import XCTest

@testable import AtlasCore

/// The figures of the ALT check at the boreholes, by hand.
final class ALTBoreholeCheckTests: XCTestCase {
    func testBiasRMSEAndRelativeError() {
        let predicted = [1.1, 2.4, 0.5], observed = [1.0, 2.0, 0]
        // Errors 0.1, 0.4, 0.5: bias 1/3, RMSE sqrt(0.42 / 3).
        XCTAssertEqual(ALTBoreholeStep.bias(predicted, observed), 1.0 / 3, accuracy: 1e-12)
        XCTAssertEqual(ALTBoreholeStep.rmse(predicted, observed), (0.42 / 3).squareRoot(), accuracy: 1e-12)
        // A recorded 0 has no relative error: (0.1 + 0.2) / 2.
        XCTAssertEqual(ALTBoreholeStep.meanRelativeError(predicted, observed), 0.15, accuracy: 1e-12)
        XCTAssertEqual(ALTBoreholeStep.meanRelativeError([1], [0]), 0)
    }
}

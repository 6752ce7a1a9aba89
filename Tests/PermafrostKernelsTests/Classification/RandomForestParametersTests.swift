import XCTest

@testable import PermafrostKernels

final class RandomForestParametersTests: XCTestCase {
    func testDefaultsFollowBreiman() {
        let parameters = RandomForestParameters()
        XCTAssertEqual(parameters.treeCount, 500)
        XCTAssertEqual(parameters.minLeafSize, 1)
        XCTAssertNil(parameters.maxDepth)
        XCTAssertEqual(parameters.sampleFraction, 1)
        XCTAssertTrue(parameters.sampleWithReplacement)
        XCTAssertEqual(parameters.classWeighting, .none)
        XCTAssertEqual(parameters.resolvedMtry(featureCount: 36), 6)
        XCTAssertEqual(parameters.resolvedMtry(featureCount: 35), 5)
        XCTAssertEqual(parameters.resolvedMtry(featureCount: 7), 2)
        XCTAssertEqual(parameters.resolvedMtry(featureCount: 1), 1)
        XCTAssertEqual(parameters.resolved(featureCount: 49).mtry, 7)
    }

    func testInvalidSettingsNameTheirFlag() throws {
        func message(_ change: (inout RandomForestParameters) -> Void) -> String {
            var parameters = RandomForestParameters()
            change(&parameters)
            do {
                try parameters.validate(featureCount: 6)
                return "valid"
            } catch { return "\(error)" }
        }
        XCTAssertEqual(message { _ in }, "valid")
        XCTAssertEqual(message { $0.treeCount = 0 }, "trees must be at least 1, got 0")
        XCTAssertEqual(message { $0.mtry = 0 }, "mtry must be between 1 and the feature count 6, got 0")
        XCTAssertEqual(message { $0.mtry = 7 }, "mtry must be between 1 and the feature count 6, got 7")
        XCTAssertEqual(message { $0.minLeafSize = 0 }, "min_leaf must be at least 1, got 0")
        XCTAssertEqual(message { $0.maxDepth = 0 }, "max_depth must be at least 1, got 0")
        XCTAssertEqual(message { $0.sampleFraction = 0 }, "sample_fraction must be in (0, 1], got 0.0")
        XCTAssertEqual(message { $0.sampleFraction = 1.5 }, "sample_fraction must be in (0, 1], got 1.5")
        XCTAssertEqual(message { $0.sampleFraction = .nan }, "sample_fraction must be in (0, 1], got nan")

        let data = try ClassificationTestData.separableClusters(perClass: 5, seed: 1)
        XCTAssertThrowsError(try RandomForestModel.train(data, parameters: RandomForestParameters(mtry: 3))) { error in
            XCTAssertEqual(error as? RandomForestError, .invalidParameter("mtry must be between 1 and the feature count 2, got 3"))
        }
        XCTAssertThrowsError(try RandomForestModel.train(data, threads: 0)) { error in
            XCTAssertEqual("\(error)", "threads must be at least 1, got 0")
        }
    }
}

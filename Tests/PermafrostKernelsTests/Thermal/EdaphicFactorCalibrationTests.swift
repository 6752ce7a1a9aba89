import PermafrostKernels
import XCTest

final class EdaphicFactorCalibrationTests: XCTestCase {
    private func table() throws -> SoilParameterTable {
        var steppe = ActiveLayerTests.yeniugou
        steppe.nFactor = 0.81
        return try SoilParameterTable(classes: [
            SoilClassParameters(code: 1, name: "alpine meadow", properties: ActiveLayerTests.yeniugou),
            SoilClassParameters(code: 2, name: "alpine steppe", properties: steppe),
        ])
    }

    /// Two alpine-meadow boreholes and one alpine-steppe borehole.
    static let observations = [
        EdaphicFactorCalibration.Observation(boreholeID: "QT-01", classCode: 1, observedThickness: 2.0, thawingIndex: 400),
        EdaphicFactorCalibration.Observation(boreholeID: "QT-02", classCode: 2, observedThickness: 1.8, thawingIndex: 1000),
        EdaphicFactorCalibration.Observation(boreholeID: "QT-03", classCode: 1, observedThickness: 3.3, thawingIndex: 900),
    ]

    func testLeastSquaresThroughOriginPerClass() throws {
        let observations = Self.observations
        let result = try EdaphicFactorCalibration.calibrate(observations: observations, soilTable: table())

        // Per borehole: 2.0 / sqrt(400) = 0.1; 1.8 / sqrt(0.81 * 1000); 3.3 / sqrt(900) = 0.11.
        XCTAssertEqual(result.boreholes.map(\.boreholeID), ["QT-01", "QT-02", "QT-03"])
        XCTAssertEqual(result.boreholes[0].edaphicFactor, 0.1, accuracy: 1e-12)
        XCTAssertEqual(result.boreholes[1].edaphicFactor, 0.063245553, accuracy: 1e-9)
        XCTAssertEqual(result.boreholes[2].edaphicFactor, 0.11, accuracy: 1e-12)

        // Class 1: s = 20, 30; E = (2.0*20 + 3.3*30) / (400 + 900) = 139/1300;
        // residuals 2 - 20E and 3.3 - 30E give RMSE 0.1176697.
        XCTAssertEqual(result.classes.map(\.classCode), [1, 2])
        XCTAssertEqual(result.classes[0].className, "alpine meadow")
        XCTAssertEqual(result.classes[0].edaphicFactor, 139.0 / 1300.0, accuracy: 1e-12)
        XCTAssertEqual(result.classes[0].boreholeCount, 2)
        XCTAssertEqual(result.classes[0].rootMeanSquareError, 0.11766968, accuracy: 1e-7)
        XCTAssertEqual(result.classes[1].boreholeCount, 1)
        XCTAssertEqual(result.classes[1].rootMeanSquareError, 0, accuracy: 1e-12)

        // The calibrated empirical model reproduces the single class-2 borehole exactly.
        let calibrated = try table().replacingEdaphicFactors(result.factorsByCode)
        let model = try ActiveLayerModel(soilTable: calibrated, formula: .empirical)
        let alt = try model.activeLayerThickness(thawingIndex: [1000], classCodes: [2])
        XCTAssertEqual(alt[0], 1.8, accuracy: 1e-6)
    }

    /// Leave-one-out by hand: QT-01 is predicted with E of QT-03 alone (0.11): 0.11 x 20 = 2.2;
    /// QT-03 with E of QT-01 (0.1): 0.1 x 30 = 3.0; QT-02 is alone in its class.
    func testLeaveOneOutPredictsEachBoreholeWithoutIt() throws {
        let observations = Self.observations
        let predicted = try EdaphicFactorCalibration.leaveOneOutThickness(observations: observations, soilTable: table())
        XCTAssertEqual(predicted[0], 2.2, accuracy: 1e-12)
        XCTAssertTrue(predicted[1].isNaN)
        XCTAssertEqual(predicted[2], 3.0, accuracy: 1e-12)
    }

    /// The physical form is the empirical one with E = sqrt(2 lambda 86400 / (L rho (w - w_u))).
    func testThePhysicalFormsEdaphicFactor() throws {
        let soil = ActiveLayerTests.yeniugou
        let factor = EdaphicFactorCalibration.physicalFactor(soil)
        let expected = (2 * soil.lambdaThawed * 86400 / (334_000 * soil.dryDensity * (soil.waterContent - soil.unfrozenWaterContent)))
            .squareRoot()
        XCTAssertEqual(factor, expected, accuracy: 1e-12)
        XCTAssertEqual(
            ActiveLayerModel.empiricalThickness(thawingIndex: 1200, edaphicFactor: factor, nFactor: soil.nFactor),
            ActiveLayerModel.stefanThickness(thawingIndex: 1200, properties: soil), accuracy: 1e-12)
    }

    func testInvalidObservationsNameTheBorehole() throws {
        func message(_ observation: EdaphicFactorCalibration.Observation) throws -> String {
            do {
                _ = try EdaphicFactorCalibration.calibrate(observations: [observation], soilTable: table())
                return "accepted"
            } catch {
                return "\(error)"
            }
        }
        XCTAssertEqual(
            try message(.init(boreholeID: "MB-7", classCode: 5, observedThickness: 2, thawingIndex: 900)),
            "borehole \"MB-7\": class code 5 is not in the soil table")
        XCTAssertEqual(
            try message(.init(boreholeID: "MB-8", classCode: 1, observedThickness: 0, thawingIndex: 900)),
            "borehole \"MB-8\": observed active-layer thickness 0.0 must be positive")
        XCTAssertEqual(
            try message(.init(boreholeID: "MB-9", classCode: 1, observedThickness: 2, thawingIndex: -3)),
            "borehole \"MB-9\": thawing index -3.0 must be positive")
        XCTAssertThrowsError(try table().replacingEdaphicFactors([9: 0.1])) {
            XCTAssertEqual("\($0)", "class code 9 occurs in the class raster but not in the soil table")
        }
    }
}

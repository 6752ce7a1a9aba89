import AtlasTestSupport
import Foundation
import PermafrostKernels
import XCTest

final class MAGTModelTests: XCTestCase {
    /// MAGT = 12.9 - 0.0032 elevation + 0.3 northness - 0.01 slope + class offset (2: 0, 3: -0.4, 5: +0.25).
    private func boreholes(count: Int, classes: [UInt8]) -> [MAGTBorehole] {
        var random = SeededRandom(seed: 11)
        let offsets: [UInt8: Double] = [2: 0, 3: -0.4, 5: 0.25]
        return (0..<count).map { index in
            let values = MAGTPredictorValues(
                elevation: random.uniform(3550...4450), longitude: random.uniform(98.85...99.75),
                latitude: random.uniform(37.82...38.33), vegetationClass: classes[index % classes.count],
                northness: random.uniform(-1...1), eastness: random.uniform(-1...1), slope: random.uniform(0...35))
            let magt =
                12.9 - 0.0032 * values.elevation + 0.3 * values.northness - 0.01 * values.slope
                + offsets[values.vegetationClass]!
            return MAGTBorehole(id: "MB-\(index + 1)", magt: magt, predictors: values)
        }
    }

    func testDesignRowsUseLowestClassAsReference() throws {
        let design = MAGTDesign(predictors: .all, trainingVegetationClasses: [3, 2, 5, 3, 2])
        XCTAssertEqual(design.vegetationReference, 2)
        XCTAssertEqual(design.vegetationIndicators, [3, 5])
        XCTAssertEqual(
            design.columnNames,
            [
                "elevation", "longitude", "latitude", "vegetation=3", "vegetation=5",
                "northness", "eastness", "slope",
            ])
        let values = MAGTPredictorValues(
            elevation: 4100, longitude: 99.1, latitude: 38, vegetationClass: 5,
            northness: 0.5, eastness: -0.25, slope: 12)
        XCTAssertEqual(try design.row(values, location: "here"), [4100, 99.1, 38, 0, 1, 0.5, -0.25, 12])
        var reference = values
        reference.vegetationClass = 2
        XCTAssertEqual(try design.row(reference, location: "here"), [4100, 99.1, 38, 0, 0, 0.5, -0.25, 12])

        let subset = MAGTDesign(predictors: [.elevation, .slope], trainingVegetationClasses: [3, 2])
        XCTAssertEqual(subset.columnNames, ["elevation", "slope"])
        var unclassified = values
        unclassified.vegetationClass = 0
        unclassified.longitude = .nan
        XCTAssertEqual(try subset.row(unclassified, location: "here"), [4100, 12])
    }

    func testUnseenOrMissingVegetationClassIsAnError() {
        let design = MAGTDesign(predictors: [.elevation, .vegetation], trainingVegetationClasses: [2, 3])
        XCTAssertThrowsError(try design.row(MAGTPredictorValues(elevation: 4000, vegetationClass: 7), location: "borehole \"X\"")) {
            XCTAssertEqual(
                "\($0)",
                "borehole \"X\": vegetation class 7 had no training borehole (trained classes: 2, 3); "
                    + "mask it as class 0 or add boreholes of that class")
        }
        XCTAssertThrowsError(try design.row(MAGTPredictorValues(elevation: 4000, vegetationClass: 0), location: "borehole \"Y\"")) {
            XCTAssertEqual($0 as? RegressionError, .missingVegetationClass(borehole: "borehole \"Y\""))
        }
        XCTAssertThrowsError(try design.row(MAGTPredictorValues(elevation: .nan, vegetationClass: 2), location: "borehole \"Z\"")) {
            XCTAssertEqual("\($0)", "borehole \"Z\": elevation = nan is not a finite number")
        }
    }

    func testFitRecoversModelAndWarnsAboutThinClass() throws {
        // Class 5 appears once in 20 boreholes.
        let classes: [UInt8] = [2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 3, 2, 5]
        let samples = boreholes(count: 20, classes: classes)
        let (model, report) = try MAGTModel.fit(boreholes: samples, predictors: [.elevation, .vegetation, .northness, .slope])
        XCTAssertEqual(
            model.regression.coefficientNames, ["(Intercept)", "elevation", "vegetation=3", "vegetation=5", "northness", "slope"])
        for (estimate, expected) in zip(model.regression.coefficients, [12.9, -0.0032, -0.4, 0.25, 0.3, -0.01]) {
            XCTAssertEqual(estimate, expected, accuracy: 1e-9)
        }
        XCTAssertEqual(
            report.vegetationBoreholeCounts,
            [
                MAGTVegetationCount(vegetationClass: 2, boreholes: 10),
                MAGTVegetationCount(vegetationClass: 3, boreholes: 9),
                MAGTVegetationCount(vegetationClass: 5, boreholes: 1),
            ])
        XCTAssertEqual(report.boreholeIDs.last, "MB-20")
        XCTAssertEqual(
            report.warnings,
            [
                "borehole \"MB-20\" has leverage 1 (alone determining a coefficient): leave-one-out RMSE is undefined",
                "vegetation class 5 has 1 borehole (\"MB-20\"), fewer than 2: its MAGT offset rests on that borehole alone",
            ])
        XCTAssertNil(report.regression.leaveOneOutRMSE)
    }

    func testWellSpreadFitHasNoWarnings() throws {
        let samples = boreholes(count: 24, classes: [2, 3, 5])
        let (_, report) = try MAGTModel.fit(boreholes: samples, predictors: .all)
        XCTAssertEqual(report.warnings, [])
        XCTAssertLessThan(report.regression.rmse, 1e-11)
        XCTAssertNotNil(report.regression.leaveOneOutRMSE)
    }

    func testBlockPredictionMatchesRowPredictionAndPropagatesNodata() throws {
        let (model, _) = try MAGTModel.fit(
            boreholes: boreholes(count: 24, classes: [2, 3, 5]),
            predictors: [.elevation, .vegetation, .northness, .slope])
        let elevation: [Float] = [3600, 4000.5, .nan, 4400, 4210]
        let vegetation: [UInt8] = [2, 3, 5, 0, 5]
        let northness: [Float] = [0.5, -1, 0, 0.2, 0]
        let slope: [Float] = [3, 10, 20, 30, 0]
        let longitude: [Float] = [.nan, .nan, .nan, .nan, .nan]  // not used by the model
        var magt = [Float](repeating: 0, count: 5)
        let predicted = try elevation.withUnsafeBufferPointer { elevation in
            try vegetation.withUnsafeBufferPointer { vegetation in
                try northness.withUnsafeBufferPointer { northness in
                    try slope.withUnsafeBufferPointer { slope in
                        try longitude.withUnsafeBufferPointer { longitude in
                            try magt.withUnsafeMutableBufferPointer { output in
                                try model.predict(
                                    block: MAGTPredictorBlock(
                                        pixelCount: 5, elevation: elevation, longitude: longitude,
                                        vegetation: vegetation, northness: northness, slope: slope),
                                    into: output)
                            }
                        }
                    }
                }
            }
        }
        XCTAssertEqual(predicted, 3)
        XCTAssertTrue(magt[2].isNaN && magt[3].isNaN)
        for pixel in [0, 1, 4] {
            let values = MAGTPredictorValues(
                elevation: Double(elevation[pixel]), vegetationClass: vegetation[pixel],
                northness: Double(northness[pixel]), slope: Double(slope[pixel]))
            let expected = try model.predict(values, location: "pixel \(pixel)")
            XCTAssertEqual(magt[pixel], Float(expected))
        }
        // Hand check of pixel 0 (reference class): 12.9 - 0.0032 * 3600 + 0.3 * 0.5 - 0.01 * 3.
        XCTAssertEqual(Double(magt[0]), 12.9 - 11.52 + 0.15 - 0.03, accuracy: 1e-5)
    }

    func testBlockPredictionErrors() throws {
        let (model, _) = try MAGTModel.fit(boreholes: boreholes(count: 12, classes: [2, 3]), predictors: [.elevation, .vegetation])
        let elevation: [Float] = [4000, 4100]
        let vegetation: [UInt8] = [2, 9]
        var magt = [Float](repeating: 0, count: 2)
        try elevation.withUnsafeBufferPointer { elevation in
            try vegetation.withUnsafeBufferPointer { vegetation in
                try magt.withUnsafeMutableBufferPointer { output in
                    XCTAssertThrowsError(try model.predict(block: MAGTPredictorBlock(pixelCount: 2, elevation: elevation), into: output)) {
                        XCTAssertEqual("\($0)", "the model uses predictor \"vegetation\" but no vegetation raster block was given")
                    }
                    let block = MAGTPredictorBlock(pixelCount: 2, elevation: elevation, vegetation: vegetation)
                    XCTAssertThrowsError(try model.predict(block: block, into: output)) {
                        XCTAssertEqual(
                            $0 as? RegressionError, .unseenVegetationClass(code: 9, location: "block pixel 1", trainedClasses: [2, 3]))
                    }
                    XCTAssertThrowsError(try model.predict(block: block, into: UnsafeMutableBufferPointer(rebasing: output[..<1]))) {
                        XCTAssertEqual($0 as? RegressionError, .bufferSize(name: "MAGT output", expected: 2, actual: 1))
                    }
                }
            }
        }
    }

    func testModelRoundTripsThroughJSON() throws {
        let (model, report) = try MAGTModel.fit(boreholes: boreholes(count: 24, classes: [2, 3, 5]), predictors: .all)
        let decoded = try JSONDecoder().decode(MAGTModel.self, from: JSONEncoder().encode(model))
        XCTAssertEqual(decoded, model)
        XCTAssertEqual(try JSONDecoder().decode(MAGTFitReport.self, from: JSONEncoder().encode(report)), report)
        let values = MAGTPredictorValues(
            elevation: 3900, longitude: 99.2, latitude: 38.1, vegetationClass: 3,
            northness: 0.1, eastness: 0.7, slope: 8)
        XCTAssertEqual(try decoded.predict(values, location: "p"), try model.predict(values, location: "p"))
    }
}

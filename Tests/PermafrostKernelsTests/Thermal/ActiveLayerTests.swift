import PermafrostKernels
import XCTest

final class ActiveLayerTests: XCTestCase {
    /// Yeniugou station parameters (METHOD.md section 5).
    static let yeniugou = SoilThermalProperties(
        lambdaThawed: 0.93, dryDensity: 756, waterContent: 0.15,
        unfrozenWaterContent: 0.06, nFactor: 1)

    private func table(_ rows: [SoilClassParameters]) throws -> SoilParameterTable {
        try SoilParameterTable(classes: rows)
    }

    func testWorkedStefanCheck() throws {
        // sqrt(2 * 0.93 * 1000 * 86400 / (334000 * 756 * 0.09)) = 2.6592 m; METHOD.md states 2.659.
        let alt = ActiveLayerModel.stefanThickness(thawingIndex: 1000, properties: Self.yeniugou)
        XCTAssertEqual(alt, 2.659, accuracy: 0.0005)
        XCTAssertEqual(alt, 2.659242588, accuracy: 1e-8)

        let model = try ActiveLayerModel(soilTable: table([SoilClassParameters(code: 4, name: "alpine meadow", properties: Self.yeniugou)]))
        let block = try model.activeLayerThickness(thawingIndex: [1000, 250], classCodes: [4, 4])
        XCTAssertEqual(Double(block[0]), 2.659242588, accuracy: 1e-6)
        XCTAssertEqual(Double(block[1]), 2.659242588 / 2, accuracy: 1e-6, "ALT grows with sqrt(DDT)")
    }

    func testNFactorScalesTheThawingIndex() throws {
        var meadow = Self.yeniugou
        meadow.nFactor = 0.64
        // sqrt(0.64) = 0.8
        XCTAssertEqual(ActiveLayerModel.stefanThickness(thawingIndex: 1000, properties: meadow), 0.8 * 2.659242588, accuracy: 1e-8)
    }

    func testEmpiricalForm() throws {
        // 0.08 * sqrt(0.9 * 1000) = 0.08 * 30 = 2.4 m
        XCTAssertEqual(ActiveLayerModel.empiricalThickness(thawingIndex: 1000, edaphicFactor: 0.08, nFactor: 0.9), 2.4, accuracy: 1e-12)
        var steppe = Self.yeniugou
        steppe.nFactor = 0.9
        steppe.edaphicFactor = 0.08
        let model = try ActiveLayerModel(
            soilTable: table([SoilClassParameters(code: 2, name: "alpine steppe", properties: steppe)]),
            formula: .empirical)
        XCTAssertEqual(try model.activeLayerThickness(thawingIndex: [1000], classCodes: [2]), [2.4])
    }

    func testNonPositiveThawingIndexGivesZeroAndNoDataStaysNoData() throws {
        let model = try ActiveLayerModel(soilTable: table([SoilClassParameters(code: 1, name: "meadow", properties: Self.yeniugou)]))
        let block = try model.activeLayerThickness(thawingIndex: [0, -40, .nan, 1000], classCodes: [1, 1, 1, 0])
        XCTAssertEqual(block[0], 0)
        XCTAssertEqual(block[1], 0)
        XCTAssertTrue(block[2].isNaN)
        XCTAssertTrue(block[3].isNaN, "class 0 is nodata")
    }

    func testMAGTMaskKeepsOnlyPermafrost() throws {
        let rows = [SoilClassParameters(code: 1, name: "meadow", properties: Self.yeniugou)]
        let model = try ActiveLayerModel(soilTable: table(rows))
        let block = try model.activeLayerThickness(
            thawingIndex: [1000, 1000, 1000, 1000], classCodes: [1, 1, 1, 1],
            magt: [-1, 0, 0.5, .nan])
        XCTAssertEqual(Double(block[0]), 2.659242588, accuracy: 1e-6)
        XCTAssertTrue(block[1].isNaN, "MAGT 0 is not below the 0 C threshold")
        XCTAssertTrue(block[2].isNaN)
        XCTAssertTrue(block[3].isNaN)

        let colder = try ActiveLayerModel(soilTable: table(rows), permafrostThreshold: -0.5)
        let masked = try colder.activeLayerThickness(thawingIndex: [1000, 1000], classCodes: [1, 1], magt: [-0.7, -0.5])
        XCTAssertFalse(masked[0].isNaN)
        XCTAssertTrue(masked[1].isNaN)
    }

    func testUnknownClassCodeNamesTheCode() throws {
        let model = try ActiveLayerModel(soilTable: table([SoilClassParameters(code: 1, name: "meadow", properties: Self.yeniugou)]))
        XCTAssertThrowsError(try model.activeLayerThickness(thawingIndex: [1000, 1000], classCodes: [1, 7])) {
            XCTAssertEqual("\($0)", "class code 7 occurs in the class raster but not in the soil table")
        }
        XCTAssertThrowsError(try model.activeLayerThickness(thawingIndex: [1000], classCodes: [1, 1])) {
            XCTAssertEqual("\($0)", "class code buffer has 2 values but the block has 1 pixels")
        }
    }

    func testValidationErrorsNameRowAndClass() throws {
        func rejected(_ change: (inout SoilThermalProperties) -> Void, sourceRow: Int? = nil) -> String {
            var properties = Self.yeniugou
            change(&properties)
            let rows = [
                SoilClassParameters(code: 1, name: "meadow", properties: Self.yeniugou),
                SoilClassParameters(code: 3, name: "alpine meadow", properties: properties, sourceRow: sourceRow),
            ]
            do {
                _ = try SoilParameterTable(classes: rows)
                return "accepted"
            } catch {
                return error.description
            }
        }
        XCTAssertEqual(
            rejected { $0.waterContent = 0.05 },
            "soil table row 2 (class 3 \"alpine meadow\"): water_content 0.05 must exceed unfrozen_water_content 0.06")
        XCTAssertEqual(
            rejected({ $0.waterContent = 0.06 }, sourceRow: 9),
            "soil table row 9 (class 3 \"alpine meadow\"): water_content 0.06 must exceed unfrozen_water_content 0.06")
        XCTAssertEqual(
            rejected { $0.lambdaThawed = 0 },
            "soil table row 2 (class 3 \"alpine meadow\"): lambda_thawed 0.0 must be a positive number")
        XCTAssertEqual(
            rejected { $0.dryDensity = -756 },
            "soil table row 2 (class 3 \"alpine meadow\"): dry_density -756.0 must be a positive number")
        XCTAssertEqual(
            rejected { $0.nFactor = 0 },
            "soil table row 2 (class 3 \"alpine meadow\"): n_factor 0.0 must be a positive number")
        XCTAssertEqual(
            rejected { $0.unfrozenWaterContent = -0.01 },
            "soil table row 2 (class 3 \"alpine meadow\"): unfrozen_water_content -0.01 must be zero or positive")
        XCTAssertEqual(
            rejected { $0.edaphicFactor = 0 },
            "soil table row 2 (class 3 \"alpine meadow\"): edaphic_factor 0.0 must be a positive number of at most 1 m per sqrt(C day)")
        XCTAssertEqual(
            rejected { $0.dryDensity = .nan },
            "soil table row 2 (class 3 \"alpine meadow\"): dry_density nan must be a positive number")
        XCTAssertEqual(rejected { _ in }, "accepted")
    }

    func testTableStructureErrors() throws {
        let meadow = SoilClassParameters(code: 1, name: "meadow", properties: Self.yeniugou)
        XCTAssertThrowsError(
            try SoilParameterTable(classes: [meadow, SoilClassParameters(code: 1, name: "steppe", properties: Self.yeniugou)])
        ) {
            XCTAssertEqual(
                "\($0)", "soil table row 2 (class 1 \"steppe\"): class code 1 already defined in soil table row 1 (class 1 \"meadow\")")
        }
        XCTAssertThrowsError(try SoilParameterTable(classes: [SoilClassParameters(code: 0, name: "water", properties: Self.yeniugou)])) {
            XCTAssertEqual("\($0)", "soil table row 1 (class 0 \"water\"): class code 0 is reserved for nodata")
        }
        XCTAssertThrowsError(try ActiveLayerModel(soilTable: table([meadow]), formula: .empirical)) {
            XCTAssertEqual(
                "\($0)", "soil table row 1 (class 1 \"meadow\"): edaphic_factor is required by the empirical active-layer formula")
        }
    }
}

import PermafrostKernels
import XCTest

final class MiningParameterTableTests: XCTestCase {
    /// Coarse dry pit floor: 2 * 1.67 * 86400 / (334000 * 1800 * 0.04) = 0.012, so ALT = sqrt(0.012 DDT).
    static let coarseSoil = SoilThermalProperties(
        lambdaThawed: 1.67, dryDensity: 1800, waterContent: 0.05,
        unfrozenWaterContent: 0.01, nFactor: 1)

    func testInfluenceWeightDecaysLinearly() {
        XCTAssertEqual(MiningParameterTable.influenceWeight(distanceMetres: 0, bufferMetres: 120), 1)
        XCTAssertEqual(MiningParameterTable.influenceWeight(distanceMetres: 60, bufferMetres: 120), 0.5)
        XCTAssertEqual(MiningParameterTable.influenceWeight(distanceMetres: 90, bufferMetres: 120), 0.25)
        XCTAssertEqual(MiningParameterTable.influenceWeight(distanceMetres: 120, bufferMetres: 120), 0)
        XCTAssertEqual(MiningParameterTable.influenceWeight(distanceMetres: 500, bufferMetres: 120), 0)
        XCTAssertEqual(MiningParameterTable.influenceWeight(distanceMetres: 30, bufferMetres: 0), 0)
        XCTAssertEqual(MiningParameterTable.influenceWeight(distanceMetres: 0, bufferMetres: 0), 1)
        XCTAssertEqual(MiningParameterTable.influenceWeight(distanceMetres: .infinity, bufferMetres: 120), 0)
    }

    func testValidationNamesRowAndType() {
        func message(_ row: MiningDisturbanceParameters) -> String {
            let pit = MiningDisturbanceParameters(type: .pit, magtOffset: 1, soil: Self.coarseSoil, excavationDepth: 20)
            do {
                _ = try MiningParameterTable(rows: [pit, row])
                return "accepted"
            } catch {
                return error.description
            }
        }
        var wet = Self.coarseSoil
        wet.unfrozenWaterContent = 0.08
        XCTAssertEqual(
            message(MiningDisturbanceParameters(type: .dump, magtOffset: 0.8, soil: wet)),
            "mining table row 2 (type 2 \"spoil (waste-rock) dump\"): water_content 0.05 must exceed unfrozen_water_content 0.08")
        var noConductivity = Self.coarseSoil
        noConductivity.lambdaThawed = -1
        XCTAssertEqual(
            message(MiningDisturbanceParameters(type: .other, magtOffset: 0.3, soil: noConductivity, sourceRow: 6)),
            "mining table row 6 (type 3 \"other (road, plant)\"): lambda_thawed -1.0 must be a positive number")
        XCTAssertEqual(
            message(MiningDisturbanceParameters(type: .dump, magtOffset: 0.8, soil: Self.coarseSoil, excavationDepth: -2)),
            "mining table row 2 (type 2 \"spoil (waste-rock) dump\"): excavation_depth -2.0 must be between 0 and 1000 m")
        XCTAssertEqual(
            message(MiningDisturbanceParameters(type: .dump, magtOffset: 0.8, soil: Self.coarseSoil, bufferMetres: .nan)),
            "mining table row 2 (type 2 \"spoil (waste-rock) dump\"): buffer_m nan must be between 0 and 10000 m")
        XCTAssertEqual(
            message(MiningDisturbanceParameters(type: .dump, magtOffset: .infinity, soil: Self.coarseSoil)),
            "mining table row 2 (type 2 \"spoil (waste-rock) dump\"): magt_offset inf must be between -20 and 20 C")
        XCTAssertEqual(
            message(MiningDisturbanceParameters(type: .pit, magtOffset: 0.5, soil: Self.coarseSoil)),
            "mining table row 2 (type 1 \"open pit\"): disturbance type already defined in mining table row 1 (type 1 \"open pit\")")
        XCTAssertEqual(
            message(MiningDisturbanceParameters(type: .dump, magtOffset: -0.2, soil: Self.coarseSoil, dumpThickness: 15)),
            "accepted")
    }

    func testParsingAndLookups() throws {
        XCTAssertEqual(DisturbanceType(parsing: "Open_Pit"), .pit)
        XCTAssertEqual(DisturbanceType(parsing: "waste-rock dump"), .dump)
        XCTAssertEqual(DisturbanceType(parsing: " 3 "), .other)
        XCTAssertNil(DisturbanceType(parsing: "quarry"))
        let table = try MiningParameterTable(rows: [
            MiningDisturbanceParameters(type: .pit, magtOffset: 1, soil: Self.coarseSoil, excavationDepth: 20, bufferMetres: 90),
            MiningDisturbanceParameters(type: .dump, magtOffset: 0.6, soil: Self.coarseSoil, dumpThickness: 12, bufferMetres: 150),
        ])
        XCTAssertEqual(table.maximumBufferMetres, 150)
        XCTAssertEqual(table.parameters(for: .dump)?.surfaceLowering, -12)
        XCTAssertNil(table.parameters(for: .other))
    }
}

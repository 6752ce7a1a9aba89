import PermafrostKernels
import XCTest

/// Grids, forcing series, disturbed columns and the enthalpy relation.
final class SimulationSetupTests: XCTestCase {
    private let silt = ColumnSimulationTests.icySilt
    private let spoil = SoilMaterial(
        name: "waste rock", conductivityThawed: 1.9, conductivityFrozen: 2.0, heatCapacityThawed: 1.8e6,
        heatCapacityFrozen: 1.7e6, waterContent: 0.08, unfrozenWaterContent: 0.02, dryDensity: 1900)

    func testGridCellsFillEachLayerAndGrowWithDepth() {
        let column = SoilColumn(layers: [ColumnLayer(thickness: 0.73, material: silt), ColumnLayer(thickness: 29.27, material: spoil)])
        let grid = ColumnGrid(column: column)
        XCTAssertEqual(grid.thicknesses.reduce(0, +), 30, accuracy: 1e-12)
        let firstLayer = zip(grid.thicknesses, grid.layerIndices).filter { $0.1 == 0 }.map(\.0)
        XCTAssertEqual(firstLayer.reduce(0, +), 0.73, accuracy: 1e-12, "a layer boundary is a cell face")
        XCTAssertEqual(grid.thicknesses[0], 0.05, accuracy: 0.01)
        XCTAssertEqual(grid.thicknesses.last ?? 0, 1, accuracy: 0.2)
        XCTAssertEqual(grid.tops[1], grid.thicknesses[0], accuracy: 1e-15)
        XCTAssertEqual(grid.centres[0], grid.thicknesses[0] / 2, accuracy: 1e-15)
        XCTAssertLessThan(grid.count, 70)
    }

    func testForcingSeriesAndNFactors() {
        let sine = SurfaceForcing(
            series: .sinusoid(mean: -3, amplitude: 12, coldestDay: 15, periodDays: 365), thawingNFactor: 0.8, freezingNFactor: 0.5)
        XCTAssertEqual(sine.airTemperature(atDay: 15), -15, accuracy: 1e-12)
        XCTAssertEqual(sine.airTemperature(atDay: 15 + 182.5), 9, accuracy: 1e-12)
        XCTAssertEqual(sine.surfaceTemperature(atDay: 15), -7.5, accuracy: 1e-12)
        XCTAssertEqual(sine.surfaceTemperature(atDay: 15 + 182.5), 7.2, accuracy: 1e-12)

        let means = [-17.5, -14.2, -7.9, -1.2, 4.3, 8.0, 10.4, 9.6, 5.0, -2.1, -10.6, -15.8]
        let monthly = SurfaceForcing(series: .monthlyMeans(means))
        XCTAssertEqual(monthly.airTemperature(atDay: 15.5), -17.5, accuracy: 1e-12, "mid-January")
        XCTAssertEqual(monthly.airTemperature(atDay: 31 + 14), -14.2, accuracy: 1e-12, "mid-February")
        // 1 January lies 15.5 days after mid-December (day 349.5) and 15.5 before mid-January.
        XCTAssertEqual(monthly.airTemperature(atDay: 0), (-15.8 - 17.5) / 2, accuracy: 1e-12)
        XCTAssertEqual(monthly.airTemperature(atDay: 365), monthly.airTemperature(atDay: 0), accuracy: 1e-12)
        XCTAssertEqual(monthly.periodDays, 365)

        let daily = SurfaceForcing(series: .dailyMeans((0..<365).map { Double($0) }))
        XCTAssertEqual(daily.airTemperature(atDay: 10.5), 10, accuracy: 1e-12)
        XCTAssertEqual(daily.airTemperature(atDay: 11), 10.5, accuracy: 1e-12)
        // Daily steps sample day ends: 0.5, 1.5, ..., 363.5 and the wrap (364 + 0) / 2.
        XCTAssertEqual(daily.airThawingIndex(steps: 365), (0..<364).reduce(0) { $0 + Double($1) + 0.5 } + 182, accuracy: 1e-9)
    }

    func testPitRemovesTheTopAndDumpAddsSpoil() throws {
        let natural = SoilColumn(layers: [ColumnLayer(thickness: 1, material: silt), ColumnLayer(thickness: 29, material: spoil)])
        let pit = try natural.excavated(depth: 2.5)
        XCTAssertEqual(pit.layers, [ColumnLayer(thickness: 27.5, material: spoil)])
        XCTAssertEqual(try natural.excavated(depth: 0.4).layers.map(\.thickness), [0.6, 29])
        let dump = try natural.withSpoilDump(thickness: 12, spoil: spoil)
        XCTAssertEqual(dump.depth, 42)
        XCTAssertEqual(dump.layers.first, ColumnLayer(thickness: 12, material: spoil))
        XCTAssertEqual(dump.layers[1], ColumnLayer(thickness: 1, material: silt))
        XCTAssertThrowsError(try natural.excavated(depth: 30)) { error in
            XCTAssertEqual("\(error)", "pit: depth 30.0 must be zero or more and less than the column depth 30.0 m")
        }
        XCTAssertThrowsError(try natural.withSpoilDump(thickness: 0, spoil: spoil))
    }

    func testEnthalpyRelationIsContinuousAndInvertible() {
        let relation = PhaseChangeRelation(material: silt)
        let latent = silt.volumetricLatentHeat
        XCTAssertEqual(latent, 334_000 * 1000 * 0.40, accuracy: 1e-6)
        XCTAssertEqual(relation.enthalpy(temperature: -silt.freezingInterval), 0)
        XCTAssertEqual(relation.enthalpy(temperature: 0), latent + 2.4e6 * silt.freezingInterval, accuracy: 1e-6)
        for temperature in stride(from: -5.0, through: 5.0, by: 0.0125) {
            let state = relation.state(enthalpy: relation.enthalpy(temperature: temperature))
            XCTAssertEqual(state.temperature, temperature, accuracy: 1e-9)
            XCTAssertEqual(
                state.liquidFraction, min(max((temperature + silt.freezingInterval) / silt.freezingInterval, 0), 1), accuracy: 1e-9)
        }
        XCTAssertEqual(relation.conductivity(liquidFraction: 0.5), 1.5, accuracy: 1e-12)
    }

    func testStefanPropertiesAreGravimetric() {
        let properties = silt.stefanProperties(nFactor: 0.9)
        XCTAssertEqual(properties.waterContent, 0.45 * 1000 / 1300, accuracy: 1e-12)
        XCTAssertEqual(properties.unfrozenWaterContent, 0.05 * 1000 / 1300, accuracy: 1e-12)
        XCTAssertEqual(properties.lambdaThawed, 1.2)
        XCTAssertEqual(properties.nFactor, 0.9)
    }
}

import XCTest

@testable import PermafrostKernels

/// Spin-up, the annual diagnostics and agreement with the Stefan equation of METHOD section 5.
final class ColumnSimulationTests: XCTestCase {
    /// Ice-rich silt: 0.40 m3/m3 of freezable water (latent heat 1.34e8 J/m3).
    static let icySilt = SoilMaterial(
        name: "ice-rich silt", conductivityThawed: 1.2, conductivityFrozen: 1.8, heatCapacityThawed: 2.8e6,
        heatCapacityFrozen: 2.0e6, waterContent: 0.45, unfrozenWaterContent: 0.05, dryDensity: 1300)
    /// The Yeniugou soil of METHOD section 5 (lambda_t 0.93, rho_d 756, w 0.15, w_u 0.06) in volumetric terms.
    static let yeniugou = SoilMaterial(
        name: "Yeniugou meadow soil", conductivityThawed: 0.93, conductivityFrozen: 1.2,
        heatCapacityThawed: 2.0e6, heatCapacityFrozen: 1.8e6, waterContent: 0.15 * 0.756,
        unfrozenWaterContent: 0.06 * 0.756, dryDensity: 756)

    private func simulate(
        _ material: SoilMaterial, mean: Double, amplitude: Double, depth: Double = 30,
        settings: SimulationSettings = SimulationSettings()
    ) throws -> ColumnSimulationResult {
        try ColumnSimulation.run(
            SoilColumn(layers: [ColumnLayer(thickness: depth, material: material)]),
            forcing: SurfaceForcing(series: .sinusoid(mean: mean, amplitude: amplitude, coldestDay: 15, periodDays: 365)),
            settings: settings)
    }

    func testActiveLayerAgreesWithStefanWhereItsAssumptionsHold() throws {
        // Stefan neglects sensible heat and the heat drawn into colder permafrost: ice-rich ground
        // with permafrost near 0 C is its case.
        let result = try simulate(Self.icySilt, mean: -1, amplitude: 8)
        let simulated = try XCTUnwrap(result.permafrost?.activeLayerThickness)
        let stefan = ActiveLayerModel.stefanThickness(thawingIndex: result.surfaceThawingIndex, properties: Self.icySilt.stefanProperties())
        print(
            "Stefan check, ice-rich silt, MAGT \(result.magt.temperature) C, DDT_s \(result.surfaceThawingIndex): simulated ALT \(simulated) m, Stefan \(stefan) m (\((simulated / stefan - 1) * 100) %)"
        )
        XCTAssertEqual(simulated, stefan, accuracy: 0.10 * stefan)
        XCTAssertLessThan(simulated, stefan, "the sensible heat Stefan ignores can only slow the thaw")
    }

    func testStefanOverestimatesOverColdPermafrost() throws {
        // METHOD's Yeniugou soil over permafrost at about -2.4 C: the cold ground below the
        // active layer takes heat Stefan gives to the thaw.
        let result = try simulate(Self.yeniugou, mean: -2.5, amplitude: 12)
        let simulated = try XCTUnwrap(result.permafrost?.activeLayerThickness)
        let stefan = ActiveLayerModel.stefanThickness(
            thawingIndex: result.surfaceThawingIndex, properties: Self.yeniugou.stefanProperties())
        print(
            "Stefan check, Yeniugou soil, MAGT \(result.magt.temperature) C, DDT_s \(result.surfaceThawingIndex): simulated ALT \(simulated) m, Stefan \(stefan) m (\((simulated / stefan - 1) * 100) %)"
        )
        XCTAssertEqual(Self.yeniugou.stefanProperties().stefanCoefficient, ActiveLayerTests.yeniugou.stefanCoefficient, accuracy: 1e-12)
        XCTAssertLessThan(simulated, stefan)
        XCTAssertGreaterThan(simulated, 0.6 * stefan)
    }

    func testSpinUpReportsConvergenceOrTheYearLimit() throws {
        let settled = try simulate(Self.icySilt, mean: -2, amplitude: 10)
        XCTAssertTrue(settled.spinUp.converged)
        XCTAssertLessThan(settled.spinUp.yearEndChange, 0.001)
        XCTAssertLessThan(settled.spinUp.years, 200)
        let cut = try simulate(Self.icySilt, mean: -2, amplitude: 10, settings: SimulationSettings(maximumYears: 3, initialTemperature: 2))
        XCTAssertFalse(cut.spinUp.converged)
        XCTAssertEqual(cut.spinUp.years, 3)
        XCTAssertGreaterThan(cut.spinUp.yearEndChange, 0.001)
    }

    func testMAGTPermafrostTableAndBaseOfAColdColumn() throws {
        let result = try simulate(Self.icySilt, mean: -1, amplitude: 8, depth: 60)
        XCTAssertEqual(result.magt.source, .zeroAnnualAmplitude)
        let zaa = try XCTUnwrap(result.grid.centres.firstIndex { $0 >= result.magt.depth })
        XCTAssertLessThan(result.envelope.maximum[zaa] - result.envelope.minimum[zaa], 0.1)
        XCTAssertGreaterThanOrEqual(result.envelope.maximum[zaa - 2] - result.envelope.minimum[zaa - 2], 0.1)
        let permafrost = try XCTUnwrap(result.permafrost)
        XCTAssertEqual(permafrost.activeLayerThickness, permafrost.tableDepth)
        // Below the zero annual amplitude the profile is the steady geothermal one in frozen silt.
        let base = try XCTUnwrap(permafrost.baseDepth)
        let expectedBase = result.magt.depth - result.magt.temperature * Self.icySilt.conductivityFrozen / 0.06
        print(
            "cold column: MAGT \(result.magt.temperature) C at \(result.magt.depth) m, table \(permafrost.tableDepth) m, base \(base) m (geothermal extrapolation \(expectedBase) m)"
        )
        XCTAssertEqual(base, expectedBase, accuracy: 0.02 * expectedBase)
        let requested = try simulate(Self.icySilt, mean: -1, amplitude: 8, depth: 60, settings: SimulationSettings(magtDepth: 15))
        XCTAssertEqual(requested.magt.source, .requested)
        XCTAssertEqual(requested.magt.depth, 15)
    }

    func testWarmColumnHasNoPermafrost() throws {
        let result = try simulate(Self.icySilt, mean: 2, amplitude: 10)
        XCTAssertNil(result.permafrost)
        XCTAssertGreaterThan(result.magt.temperature, 0)
    }

    func testEnvelopeDiagnosticsOnAHandMadeYear() {
        // Cells 1 m thick. Cell 2 thawed 40 % at most: table 2.4 m. Cell 1 stayed above 0 C all
        // year: a talik, so no active layer. Max temperature crosses 0 C between cells 4 and 5.
        let column = SoilColumn(
            layers: [ColumnLayer(thickness: 6, material: Self.icySilt)], spacing: GridSpacing(surfaceSpacing: 1, growth: 0, maxSpacing: 1))
        let grid = ColumnGrid(column: column)
        XCTAssertEqual(grid.centres, [0.5, 1.5, 2.5, 3.5, 4.5, 5.5])
        let envelope = AnnualEnvelope(
            depths: grid.centres, minimum: [-8, 0.2, -3, -2, -1.5, 0.1], maximum: [9, 3, -0.04, -0.5, -0.2, 0.2],
            mean: [0, 1, -1.5, -1.2, -0.8, 0.15], maximumLiquidFraction: [1, 1, 0.4, 0, 0, 1])
        let permafrost = envelope.permafrost(grid: grid)
        XCTAssertEqual(permafrost?.tableDepth ?? .nan, 2.4, accuracy: 1e-12)
        XCTAssertNil(permafrost?.activeLayerThickness)
        XCTAssertEqual(permafrost?.baseDepth ?? .nan, 4.5 + 0.2 / 0.4, accuracy: 1e-12)
        let magt = envelope.magt(requestedDepth: nil, zeroAmplitudeRange: 0.5)
        XCTAssertEqual(magt.source, .zeroAnnualAmplitude)
        // Ranges 17, 2.8, 2.96, 1.5, 1.3, 0.1: the 0.5 crossing lies 0.8 / 1.2 of the way from 4.5 to 5.5 m.
        XCTAssertEqual(magt.depth, 4.5 + 0.8 / 1.2, accuracy: 1e-12)
        XCTAssertEqual(magt.temperature, -0.8 + 0.8 / 1.2 * 0.95, accuracy: 1e-12)
        XCTAssertEqual(envelope.magt(requestedDepth: nil, zeroAmplitudeRange: 0.05).source, .deepestCell)
    }

    func testInvalidInputsNameTheField() {
        var wet = Self.icySilt
        wet.unfrozenWaterContent = 0.5
        XCTAssertThrowsError(
            try ColumnSimulation.run(
                SoilColumn(layers: [ColumnLayer(thickness: 10, material: wet)]),
                forcing: SurfaceForcing(series: .monthlyMeans(Array(repeating: -1, count: 12))))
        ) { error in
            XCTAssertEqual("\(error)", "layer 1 (\"ice-rich silt\"): unfrozen_water_content 0.5 must be between 0 and water_content 0.45")
        }
        let column = SoilColumn(layers: [ColumnLayer(thickness: 10, material: Self.icySilt)])
        XCTAssertThrowsError(
            try ColumnSimulation.run(column, forcing: SurfaceForcing(series: .monthlyMeans(Array(repeating: -1, count: 11))))
        ) { error in
            XCTAssertEqual("\(error)", "forcing: monthly has 11 values, expected 12")
        }
        XCTAssertThrowsError(
            try ColumnSimulation.run(
                column, forcing: SurfaceForcing(series: .monthlyMeans(Array(repeating: -1, count: 12))),
                settings: SimulationSettings(magtDepth: 12))
        ) { error in
            XCTAssertEqual(error as? SimulationError, .depthOutsideColumn(depth: 12, columnDepth: 10))
        }
    }
}

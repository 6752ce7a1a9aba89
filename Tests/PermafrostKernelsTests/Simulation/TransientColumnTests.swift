import PermafrostKernels
import XCTest

/// A transient run that starts from the column's own periodic state stays in it.
final class TransientColumnTests: XCTestCase {
    func testStartingFromThePeriodicStateStaysThere() throws {
        let silt = SoilMaterial(
            name: "silt", conductivityThawed: 1.3, conductivityFrozen: 1.9, heatCapacityThawed: 2.6e6, heatCapacityFrozen: 1.9e6,
            waterContent: 0.3, unfrozenWaterContent: 0.05, dryDensity: 1500)
        let column = SoilColumn(layers: [ColumnLayer(thickness: 25, material: silt)])
        let forcing = SurfaceForcing(series: .sinusoid(mean: -2, amplitude: 12, coldestDay: 15, periodDays: 365))
        let settings = SimulationSettings(timeStepHours: 24, maximumYears: 2000, tolerance: 1e-4)
        let equilibrium = try ColumnSimulation.run(column, forcing: forcing, settings: settings)
        let transient = try ColumnSimulation.runTransient(
            column, forcing: forcing, initialTemperatures: equilibrium.finalTemperatures, years: 3, settings: settings)
        XCTAssertEqual(transient.spinUp.years, 3)
        XCTAssertEqual(transient.magt.temperature, equilibrium.magt.temperature, accuracy: 1e-3)
        XCTAssertThrowsError(
            try ColumnSimulation.runTransient(column, forcing: forcing, initialTemperatures: [0, 1], years: 1, settings: settings))
    }
}

import PermafrostKernels
import XCTest

/// The solver against Neumann's analytic solutions of the one- and two-phase Stefan problems.
final class SimulationStefanProblemTests: XCTestCase {
    /// Wet silt: 0.30 m3/m3 of freezable water, L rho_w theta = 1.002e8 J/m3.
    static let silt = SoilMaterial(
        name: "silt", conductivityThawed: 1.5, conductivityFrozen: 2.2, heatCapacityThawed: 2.6e6,
        heatCapacityFrozen: 1.9e6, waterContent: 0.35, unfrozenWaterContent: 0.05,
        freezingInterval: 0.01, dryDensity: 1500)

    /// Thaws a column from `initialTemperature` under a constant surface temperature and
    /// returns the front depth (m) after each of `days`.
    private func frontDepths(
        _ material: SoilMaterial, depth: Double, spacing: GridSpacing, initialTemperature: Double,
        surfaceTemperature: Double, stepHours: Double, days: [Int]
    ) throws -> [Double] {
        let column = SoilColumn(layers: [ColumnLayer(thickness: depth, material: material)], geothermalFlux: 0, spacing: spacing)
        let grid = ColumnGrid(column: column)
        let solver = ColumnHeatSolver(
            column: column, grid: grid, initialTemperatures: Array(repeating: initialTemperature, count: grid.count))
        var fronts: [Double] = []
        var elapsedDays = 0.0
        for day in days {
            while elapsedDays < Double(day) - 1e-9 {
                try solver.step(.temperature(surfaceTemperature), duration: stepHours * 3600)
                elapsedDays += stepHours / 24
            }
            let liquid = solver.liquidFractions
            let cell = try XCTUnwrap(liquid.firstIndex { $0 < 1 }, "the front left the column")
            fronts.append(grid.tops[cell] + liquid[cell] * grid.thicknesses[cell])
        }
        return fronts
    }

    func testOnePhaseFrontFollowsNeumann() throws {
        // Frozen ground at the melting point (-w, fully frozen): all heat goes into the front.
        let material = Self.silt
        let exact = NeumannSolution(
            thawedConductivity: material.conductivityThawed, thawedCapacity: material.heatCapacityThawed,
            frozenConductivity: material.conductivityFrozen, frozenCapacity: material.heatCapacityFrozen,
            latentHeat: material.volumetricLatentHeat, surfaceTemperature: 5,
            initialTemperature: -material.freezingInterval / 2, meltingTemperature: -material.freezingInterval / 2)
        let days = [30, 90, 180, 365]
        let fronts = try frontDepths(
            material, depth: 4, spacing: GridSpacing(surfaceSpacing: 0.02, growth: 0, maxSpacing: 0.02),
            initialTemperature: -material.freezingInterval, surfaceTemperature: 5, stepHours: 24, days: days)
        for (day, front) in zip(days, fronts) {
            let expected = exact.frontDepth(seconds: Double(day) * 86_400)
            print("one-phase Stefan, day \(day): front \(front) m, Neumann \(expected) m, error \((front / expected - 1) * 100) %")
            XCTAssertEqual(front, expected, accuracy: 0.02 * expected, "day \(day)")
        }
    }

    /// Silt thawing from 5 degC at the surface into ground at -5 degC.
    private static var siltTwoPhaseNeumann: NeumannSolution {
        let material = silt
        return NeumannSolution(
            thawedConductivity: material.conductivityThawed, thawedCapacity: material.heatCapacityThawed,
            frozenConductivity: material.conductivityFrozen, frozenCapacity: material.heatCapacityFrozen,
            latentHeat: material.volumetricLatentHeat, surfaceTemperature: 5,
            initialTemperature: -5, meltingTemperature: -material.freezingInterval / 2)
    }

    func testTwoPhaseFrontFollowsNeumannOnFineAndDefaultGrids() throws {
        let material = Self.silt
        let exact = Self.siltTwoPhaseNeumann
        let days = [30, 90, 180, 365]
        for (name, spacing) in [("2 cm", GridSpacing(surfaceSpacing: 0.02, growth: 0.02, maxSpacing: 0.5)), ("default", GridSpacing())] {
            let fronts = try frontDepths(
                material, depth: 30, spacing: spacing, initialTemperature: -5, surfaceTemperature: 5,
                stepHours: 24, days: days)
            for (day, front) in zip(days, fronts) {
                let expected = exact.frontDepth(seconds: Double(day) * 86_400)
                print(
                    "two-phase Stefan, \(name) grid, day \(day): front \(front) m, Neumann \(expected) m, error \((front / expected - 1) * 100) %"
                )
                XCTAssertEqual(front, expected, accuracy: 0.02 * expected, "\(name) grid, day \(day)")
            }
        }
    }

    func testTwoPhaseTemperatureProfile() throws {
        let material = Self.silt
        let exact = Self.siltTwoPhaseNeumann
        let column = SoilColumn(
            layers: [ColumnLayer(thickness: 30, material: material)], geothermalFlux: 0,
            spacing: GridSpacing(surfaceSpacing: 0.02, growth: 0.02, maxSpacing: 0.5))
        let grid = ColumnGrid(column: column)
        let solver = ColumnHeatSolver(column: column, grid: grid, initialTemperatures: Array(repeating: -5, count: grid.count))
        for _ in 0..<365 { try solver.step(.temperature(5), duration: 86_400) }
        let temperatures = solver.temperatures
        var worst = 0.0
        for (depth, temperature) in zip(grid.centres, temperatures) where depth < 10 {
            worst = max(worst, abs(temperature - exact.temperature(depth: depth, seconds: 365 * 86_400)))
        }
        print("two-phase Stefan, day 365: largest temperature error above 10 m \(worst) C")
        XCTAssertLessThan(worst, 0.1)
    }
}

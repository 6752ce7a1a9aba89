import XCTest

@testable import PermafrostKernels

/// Conservation and steady states of the heat-conduction solver.
final class SimulationEnergyTests: XCTestCase {
    static let peat = SoilMaterial(
        name: "peaty silt", conductivityThawed: 0.9, conductivityFrozen: 1.5, heatCapacityThawed: 3.0e6,
        heatCapacityFrozen: 2.0e6, waterContent: 0.5, unfrozenWaterContent: 0.08, dryDensity: 900)
    static let gravel = SoilMaterial(
        name: "gravel", conductivityThawed: 1.8, conductivityFrozen: 2.4, heatCapacityThawed: 2.2e6,
        heatCapacityFrozen: 1.9e6, waterContent: 0.2, unfrozenWaterContent: 0.02, freezingInterval: 0.5,
        dryDensity: 1900)

    func testClosedColumnKeepsItsHeatAndSettlesAtTheEnergyBalance() throws {
        // Insulated at both ends: thawed peat on cold gravel; the heat only moves and changes phase
        // until the peat has refrozen and the column is uniform.
        let column = SoilColumn(
            layers: [ColumnLayer(thickness: 0.3, material: Self.peat), ColumnLayer(thickness: 4.7, material: Self.gravel)],
            geothermalFlux: 0)
        let grid = ColumnGrid(column: column)
        let initial = grid.centres.map { $0 < 0.3 ? 2.0 : -8.0 }
        let solver = ColumnHeatSolver(column: column, grid: grid, initialTemperatures: initial)
        let start = solver.totalEnthalpy
        for _ in 0..<300 {
            XCTAssertEqual(try solver.step(.heatFlux(0), duration: 10 * 86_400), 0)
            XCTAssertEqual(solver.totalEnthalpy, start, accuracy: 1e-9 * abs(start))
        }
        // The final uniform temperature T holds the same heat: sum of E_i(T) dz_i = start.
        let relations = grid.layerIndices.map { PhaseChangeRelation(material: column.layers[$0].material) }
        func heat(_ temperature: Double) -> Double {
            zip(relations, grid.thicknesses).reduce(0) { $0 + $1.0.enthalpy(temperature: temperature) * $1.1 }
        }
        var low = -10.0, high = 10.0
        for _ in 0..<100 {
            let middle = (low + high) / 2
            if heat(middle) < start { low = middle } else { high = middle }
        }
        let balance = (low + high) / 2
        print("closed column: settles at \(balance) C")
        for temperature in solver.temperatures { XCTAssertEqual(temperature, balance, accuracy: 1e-4) }
    }

    func testOpenColumnHeatBudgetCloses() throws {
        // Change of heat content = heat through the surface + geothermal heat, over two years of freeze and thaw.
        let column = SoilColumn(layers: [ColumnLayer(thickness: 1, material: Self.peat), ColumnLayer(thickness: 14, material: Self.gravel)])
        let grid = ColumnGrid(column: column)
        let solver = ColumnHeatSolver(column: column, grid: grid, initialTemperatures: Array(repeating: -1, count: grid.count))
        let forcing = SurfaceForcing(series: .sinusoid(mean: -1, amplitude: 12, coldestDay: 15, periodDays: 365))
        let start = solver.totalEnthalpy
        var boundaryHeat = 0.0, throughput = 0.0
        for day in 1...730 {
            let surfaceFlux = try solver.step(.temperature(forcing.surfaceTemperature(atDay: Double(day))), duration: 86_400)
            boundaryHeat += (surfaceFlux + column.geothermalFlux) * 86_400
            throughput += abs(surfaceFlux) * 86_400
        }
        let imbalance = solver.totalEnthalpy - start - boundaryHeat
        print("open column: heat budget imbalance \(imbalance) J/m2 of \(throughput) J/m2 through the surface")
        XCTAssertEqual(imbalance, 0, accuracy: 1e-9 * throughput)
    }

    func testSteadyStateGradientIsTheBasalFluxOverTheConductivity() throws {
        // Two frozen layers under a constant -5 C surface: T = -5 + q z / k_f, kinked at the layer boundary.
        let column = SoilColumn(
            layers: [ColumnLayer(thickness: 10, material: Self.peat), ColumnLayer(thickness: 20, material: Self.gravel)],
            geothermalFlux: 0.06)
        let grid = ColumnGrid(column: column)
        let solver = ColumnHeatSolver(column: column, grid: grid, initialTemperatures: Array(repeating: -1, count: grid.count))
        for _ in 0..<5 { try solver.step(.temperature(-5), duration: 1e12) }
        let temperatures = solver.temperatures
        for (i, depth) in grid.centres.enumerated() {
            let expected = depth <= 10 ? -5 + 0.06 * depth / 1.5 : -5 + 0.06 * 10 / 1.5 + 0.06 * (depth - 10) / 2.4
            XCTAssertEqual(temperatures[i], expected, accuracy: 1e-9, "cell at \(depth) m")
        }
        let last = grid.count - 1
        let gradient = (temperatures[last] - temperatures[last - 1]) / (grid.centres[last] - grid.centres[last - 1])
        XCTAssertEqual(gradient, 0.06 / 2.4, accuracy: 1e-12)
    }

    func testTridiagonalSolveMatchesGaussianEliminationAtEverySize() {
        for count in 1...9 {
            var lower = (0..<count).map { -0.3 - 0.01 * Double($0) }, upper = (0..<count).map { -0.5 + 0.02 * Double($0) }
            var diagonal = (0..<count).map { 2.0 + 0.1 * Double($0) }
            let solution = (0..<count).map { Double($0 * $0) - 3 }
            var rightHandSide = (0..<count).map { i in
                diagonal[i] * solution[i] + (i > 0 ? lower[i] * solution[i - 1] : 0) + (i + 1 < count ? upper[i] * solution[i + 1] : 0)
            }
            solveTridiagonal(lower: &lower, diagonal: &diagonal, upper: &upper, rightHandSide: &rightHandSide, count: count)
            for i in 0..<count { XCTAssertEqual(rightHandSide[i], solution[i], accuracy: 1e-12, "size \(count), row \(i)") }
        }
    }
}

/// One-dimensional transient heat conduction with phase change in a layered column: finite
/// volumes, fully implicit (backward Euler) in time, solved for the volumetric enthalpy E of
/// each cell.
///
/// Each step solves  dz_i (E_i - E_i^old) / dt = F_(i-1/2) - F_(i+1/2)  where the downward flux
/// through a face is F = G (T_above - T_below), G the series conductance of the two half cells
/// (the surface face: the top half cell to the surface temperature; the base face: minus the
/// geothermal flux). Newton iterations linearise T(E) at the current iterate (a tridiagonal
/// solve each) and take the conductivity of the iterate (Picard). Because every linear solve
/// balances the fluxes of its own linearised temperatures, the enthalpy it returns conserves
/// energy exactly, whatever the iteration count and starting guess; the iterations only make
/// T(E) consistent. A step that does not converge is split in halves, up to 256 parts.
public final class ColumnHeatSolver {
    public enum SurfaceBoundary: Sendable, Equatable {
        /// Temperature of the ground surface (C).
        case temperature(Double)
        /// Heat flux into the ground (W/m2); 0 insulates the surface.
        case heatFlux(Double)
    }

    public let grid: ColumnGrid
    public let geothermalFlux: Double
    /// Seconds simulated so far.
    public private(set) var elapsedSeconds = 0.0
    /// Tridiagonal solves so far (Newton iterations of all steps).
    public private(set) var linearSolves = 0

    // Computed, not stored: a stored static is a lazy global whose every read in the hot loops
    // would pass through its initialisation check.
    /// A step has converged when T(E) of every cell is within this of its linearised value (C)...
    static var temperatureTolerance: Double { 1e-4 }
    /// ...and every conductivity within this fraction of the one the solve used: a 1 % lag at
    /// the front cell moves MAGT and ALT far less than the daily step itself does.
    static var conductivityTolerance: Double { 1e-2 }
    static var maximumIterations: Int { 30 }
    static var maximumSplitDepth: Int { 8 }

    let count: Int
    private let relations: UnsafeMutablePointer<PhaseChangeRelation>
    private let storage: UnsafeMutablePointer<Double>
    private let thickness, enthalpy, startEnthalpy, temperature, slope, liquidFraction, conductivity: UnsafeMutablePointer<Double>
    private let lower, diagonal, upper, rightHandSide: UnsafeMutablePointer<Double>
    /// Enthalpy change of the last accepted step and its duration (0 before the first).
    private let lastChange: UnsafeMutablePointer<Double>
    private var lastDuration = 0.0

    /// A solver for `column` (validated by the caller) starting from one temperature per grid cell.
    public init(column: SoilColumn, grid: ColumnGrid, initialTemperatures: [Double]) {
        precondition(initialTemperatures.count == grid.count, "one initial temperature per cell")
        self.grid = grid
        geothermalFlux = column.geothermalFlux
        count = grid.count
        relations = .allocate(capacity: count)
        let storage = UnsafeMutablePointer<Double>.allocate(capacity: 12 * count)
        storage.initialize(repeating: 0, count: 12 * count)
        self.storage = storage
        let slices = (0..<12).map { storage + $0 * grid.count }
        (thickness, enthalpy, startEnthalpy, temperature, slope, liquidFraction) = (
            slices[0], slices[1], slices[2], slices[3], slices[4], slices[5]
        )
        (conductivity, lower, diagonal, upper, rightHandSide, lastChange) = (
            slices[6], slices[7], slices[8], slices[9], slices[10], slices[11]
        )
        for i in 0..<count {
            let relation = PhaseChangeRelation(material: column.layers[grid.layerIndices[i]].material)
            (relations + i).initialize(to: relation)
            thickness[i] = grid.thicknesses[i]
            enthalpy[i] = relation.enthalpy(temperature: initialTemperatures[i])
        }
        evaluateState()
    }

    deinit {
        relations.deinitialize(count: count)
        relations.deallocate()
        storage.deallocate()
    }

    public var temperatures: [Double] { Array(UnsafeBufferPointer(start: temperature, count: count)) }
    /// Thawed fraction of each cell's freezable water (0 frozen, 1 thawed).
    public var liquidFractions: [Double] { Array(UnsafeBufferPointer(start: liquidFraction, count: count)) }
    /// Heat content of the column (J/m2) relative to the fully frozen state at -freezing interval.
    public var totalEnthalpy: Double { (0..<count).reduce(0) { $0 + enthalpy[$1] * thickness[$1] } }

    var currentTemperatures: UnsafePointer<Double> { UnsafePointer(temperature) }
    var currentLiquidFractions: UnsafePointer<Double> { UnsafePointer(liquidFraction) }

    /// Advances the column by `duration` seconds and returns the mean heat flux into the ground
    /// through the surface over the step (W/m2).
    @discardableResult
    public func step(_ surface: SurfaceBoundary, duration: Double) throws(SimulationError) -> Double {
        let flux = try advance(surface, duration: duration, splitDepth: 0)
        elapsedSeconds += duration
        return flux
    }

    private func advance(_ surface: SurfaceBoundary, duration: Double, splitDepth: Int) throws(SimulationError) -> Double {
        if let flux = iterate(surface, duration: duration) { return flux }
        guard splitDepth < Self.maximumSplitDepth else {
            throw .noConvergence(day: elapsedSeconds / 86_400, timeStepHours: duration * Double(1 << splitDepth) / 3600)
        }
        let half = duration / 2
        let first = try advance(surface, duration: half, splitDepth: splitDepth + 1)
        let second = try advance(surface, duration: half, splitDepth: splitDepth + 1)
        return (first + second) / 2
    }

    /// Newton iterations of one implicit step; nil (with the state restored) when they do not converge.
    private func iterate(_ surface: SurfaceBoundary, duration: Double) -> Double? {
        startEnthalpy.update(from: enthalpy, count: count)
        // Start from the last step's change, extrapolated: the front cell's thawed fraction, and
        // with it the conductivity, then starts near its final value, so most steps need a
        // single solve (1.2 instead of 1.7 per daily step over a year of freeze and thaw).
        if lastDuration > 0 {
            let ratio = duration / lastDuration
            for i in 0..<count { enthalpy[i] += ratio * lastChange[i] }
            evaluateState()
        }
        for _ in 0..<Self.maximumIterations {
            let surfaceConductance = assemble(surface, duration: duration)
            solveTridiagonal(lower: lower, diagonal: diagonal, upper: upper, rightHandSide: rightHandSide, count: count)
            linearSolves += 1
            let linearisedSurfaceTemperature = temperature[0] + slope[0] * rightHandSide[0]
            if update() {
                for i in 0..<count { lastChange[i] = enthalpy[i] - startEnthalpy[i] }
                lastDuration = duration
                switch surface {
                case .temperature(let value): return surfaceConductance * (value - linearisedSurfaceTemperature)
                case .heatFlux(let value): return value
                }
            }
        }
        enthalpy.update(from: startEnthalpy, count: count)
        evaluateState()
        return nil
    }

    /// Builds the Newton system J delta = -R at the current iterate into lower/diagonal/upper/
    /// rightHandSide; returns the conductance of the surface face (0 for a flux boundary).
    private func assemble(_ surface: SurfaceBoundary, duration: Double) -> Double {
        var conductanceAbove: Double, fluxAbove: Double
        switch surface {
        case .temperature(let value):
            conductanceAbove = 2 * conductivity[0] / thickness[0]
            fluxAbove = conductanceAbove * (value - temperature[0])
        case .heatFlux(let value):
            conductanceAbove = 0
            fluxAbove = value
        }
        let surfaceConductance = conductanceAbove
        let inverseDuration = 1 / duration
        for i in 0..<count {
            var conductanceBelow = 0.0, fluxBelow = -geothermalFlux
            if i + 1 < count {
                // 1 / (dz_i / 2k_i + dz_i+1 / 2k_i+1), with one division instead of three.
                let here = conductivity[i], below = conductivity[i + 1]
                conductanceBelow = 2 * here * below / (thickness[i] * below + thickness[i + 1] * here)
                fluxBelow = conductanceBelow * (temperature[i] - temperature[i + 1])
                upper[i] = -conductanceBelow * slope[i + 1]
            }
            if i > 0 { lower[i] = -conductanceAbove * slope[i - 1] }
            let storageRate = thickness[i] * inverseDuration
            diagonal[i] = storageRate + (conductanceAbove + conductanceBelow) * slope[i]
            rightHandSide[i] = fluxAbove - fluxBelow - storageRate * (enthalpy[i] - startEnthalpy[i])
            conductanceAbove = conductanceBelow
            fluxAbove = fluxBelow
        }
        return surfaceConductance
    }

    /// Applies the Newton update held in rightHandSide, re-evaluates each cell and reports
    /// whether the linearisation the solve used holds at the new state.
    private func update() -> Bool {
        var consistent = true
        for i in 0..<count {
            let change = rightHandSide[i]
            let linearised = temperature[i] + slope[i] * change
            enthalpy[i] += change
            let relation = relations[i]
            let state = relation.state(enthalpy: enthalpy[i])
            let newConductivity = relation.conductivity(liquidFraction: state.liquidFraction)
            if abs(state.temperature - linearised) > Self.temperatureTolerance
                || abs(newConductivity - conductivity[i]) > Self.conductivityTolerance * conductivity[i]
            {
                consistent = false
            }
            temperature[i] = state.temperature
            slope[i] = state.slope
            liquidFraction[i] = state.liquidFraction
            conductivity[i] = newConductivity
        }
        return consistent
    }

    private func evaluateState() {
        for i in 0..<count {
            let relation = relations[i]
            let state = relation.state(enthalpy: enthalpy[i])
            temperature[i] = state.temperature
            slope[i] = state.slope
            liquidFraction[i] = state.liquidFraction
            conductivity[i] = relation.conductivity(liquidFraction: state.liquidFraction)
        }
    }
}

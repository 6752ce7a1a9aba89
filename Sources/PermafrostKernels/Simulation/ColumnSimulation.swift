/// How a column is run: the time step, the spin-up and where MAGT is read.
public struct SimulationSettings: Sendable, Equatable {
    /// Requested time step (h); the step used divides the forcing cycle evenly.
    public var timeStepHours: Double
    /// The spin-up stops after this many years even if the cycle has not settled.
    public var maximumYears: Int
    /// The cycle has settled when no cell's year-end temperature moved more than this (C) in a year.
    public var tolerance: Double
    /// Annual range (max - min, C) below which the amplitude counts as zero.
    public var zeroAmplitudeRange: Double
    /// Depth (m) at which to read MAGT instead of the depth of zero annual amplitude.
    public var magtDepth: Double?
    /// Uniform starting temperature (C); nil starts from the steady state of the TTOP estimate.
    public var initialTemperature: Double?

    public init(
        timeStepHours: Double = 24, maximumYears: Int = 200, tolerance: Double = 0.001, zeroAmplitudeRange: Double = 0.1,
        magtDepth: Double? = nil, initialTemperature: Double? = nil
    ) {
        self.timeStepHours = timeStepHours
        self.maximumYears = maximumYears
        self.tolerance = tolerance
        self.zeroAmplitudeRange = zeroAmplitudeRange
        self.magtDepth = magtDepth
        self.initialTemperature = initialTemperature
    }

    func validate() throws(SimulationError) {
        let location = "simulation settings"
        guard timeStepHours.isFinite, timeStepHours > 0 else {
            throw .invalidValue(location: location, field: "time step (h)", value: timeStepHours, requirement: "must be a positive number")
        }
        guard maximumYears >= 1 else {
            throw .invalidValue(location: location, field: "years", value: Double(maximumYears), requirement: "must be at least 1")
        }
        guard tolerance.isFinite, tolerance >= 0 else {
            throw .invalidValue(location: location, field: "tolerance", value: tolerance, requirement: "must be zero or positive")
        }
        guard zeroAmplitudeRange.isFinite, zeroAmplitudeRange > 0 else {
            throw .invalidValue(
                location: location, field: "zero amplitude range", value: zeroAmplitudeRange, requirement: "must be a positive number")
        }
        if let magtDepth, !(magtDepth.isFinite && magtDepth >= 0) {
            throw .invalidValue(location: location, field: "MAGT depth", value: magtDepth, requirement: "must be zero or positive")
        }
        if let initialTemperature, !initialTemperature.isFinite {
            throw .invalidValue(location: location, field: "initial temperature", value: initialTemperature, requirement: "must be finite")
        }
    }
}

/// How the spin-up ended.
public struct SpinUp: Sendable, Equatable {
    /// Years simulated; the last one gives the envelope.
    public let years: Int
    /// True when the year-end profile settled within the tolerance, false when the year limit stopped it.
    public let converged: Bool
    /// Largest change of a cell's year-end temperature over the last year (C).
    public let yearEndChange: Double
    public let tolerance: Double
}

/// A simulated column after spin-up.
public struct ColumnSimulationResult: Sendable {
    public let grid: ColumnGrid
    /// Temperatures over the last simulated year.
    public let envelope: AnnualEnvelope
    /// Temperature of each cell at the end of the last year (C).
    public let finalTemperatures: [Double]
    public let magt: MAGTReading
    /// Nil without permafrost.
    public let permafrost: PermafrostExtent?
    public let spinUp: SpinUp
    public let timeStepSeconds: Double
    /// Thawing and freezing index of the surface temperature the column saw (C day per cycle).
    public let surfaceThawingIndex: Double
    public let surfaceFreezingIndex: Double
    /// Thawing index of the air series before the n-factors (C day per cycle).
    public let airThawingIndex: Double
    /// Mean number of tridiagonal solves per time step.
    public let solvesPerStep: Double
}

/// Runs a column under a periodic surface forcing until its annual cycle repeats.
public enum ColumnSimulation {
    public static func run(_ column: SoilColumn, forcing: SurfaceForcing, settings: SimulationSettings = SimulationSettings())
        throws(SimulationError) -> ColumnSimulationResult
    {
        try run(column, forcing: forcing, settings: settings, initial: nil)
    }

    static func run(_ column: SoilColumn, forcing: SurfaceForcing, settings: SimulationSettings, initial given: [Double]?)
        throws(SimulationError) -> ColumnSimulationResult
    {
        try column.validate()
        try forcing.validate()
        try settings.validate()
        if let depth = settings.magtDepth, depth > column.depth {
            throw .depthOutsideColumn(depth: depth, columnDepth: column.depth)
        }
        let grid = ColumnGrid(column: column)
        let cycleSeconds = forcing.periodDays * 86_400
        let stepsPerCycle = max(1, Int((cycleSeconds / (settings.timeStepHours * 3600)).rounded()))
        let timeStep = cycleSeconds / Double(stepsPerCycle)
        let stepDays = timeStep / 86_400
        let surface = (1...stepsPerCycle).map { forcing.surfaceTemperature(atDay: Double($0) * stepDays) }
        if let given, given.count != grid.count || !given.allSatisfy(\.isFinite) {
            throw .invalidValue(
                location: "initial profile", field: "temperatures", value: Double(given.count),
                requirement: "must be \(grid.count) finite values, one per cell of the column")
        }
        let initial =
            given ?? settings.initialTemperature.map { Array(repeating: $0, count: grid.count) }
            ?? steadyStateProfile(column, grid: grid, surface: surface)

        let solver = ColumnHeatSolver(column: column, grid: grid, initialTemperatures: initial)
        var accumulator = EnvelopeAccumulator(count: grid.count)
        var yearEnd = initial
        var years = 0, change = Double.infinity
        while years < settings.maximumYears, !(change < settings.tolerance) {
            accumulator.reset()
            for temperature in surface {
                try solver.step(.temperature(temperature), duration: timeStep)
                accumulator.add(temperatures: solver.currentTemperatures, liquidFractions: solver.currentLiquidFractions)
            }
            years += 1
            let next = solver.temperatures
            change = zip(next, yearEnd).reduce(0) { max($0, abs($1.0 - $1.1)) }
            yearEnd = next
        }

        let envelope = accumulator.envelope(depths: grid.centres)
        return ColumnSimulationResult(
            grid: grid, envelope: envelope, finalTemperatures: yearEnd,
            magt: envelope.magt(requestedDepth: settings.magtDepth, zeroAmplitudeRange: settings.zeroAmplitudeRange),
            permafrost: envelope.permafrost(grid: grid),
            spinUp: SpinUp(years: years, converged: change < settings.tolerance, yearEndChange: change, tolerance: settings.tolerance),
            timeStepSeconds: timeStep,
            surfaceThawingIndex: surface.reduce(0) { $0 + max($1, 0) } * stepDays,
            surfaceFreezingIndex: surface.reduce(0) { $0 + max(-$1, 0) } * stepDays,
            airThawingIndex: forcing.airThawingIndex(steps: stepsPerCycle),
            solvesPerStep: Double(solver.linearSolves) / Double(years * stepsPerCycle))
    }

    /// The column `years` years after a change, from `initialTemperatures` (one per cell of
    /// the column's grid: the profile the change found), under the periodic `forcing`: no
    /// spin-up, the envelope and MAGT are those of the last year. A dump that is ten years
    /// old is still far from its equilibrium (up to 1.5 C at MAGT depth).
    public static func runTransient(
        _ column: SoilColumn, forcing: SurfaceForcing, initialTemperatures: [Double], years: Int,
        settings: SimulationSettings = SimulationSettings()
    ) throws(SimulationError) -> ColumnSimulationResult {
        var settings = settings
        settings.maximumYears = years
        // A tolerance of zero never stops the loop early: exactly `years` years are run.
        settings.tolerance = 0
        return try run(column, forcing: forcing, settings: settings, initial: initialTemperatures)
    }

    /// A start close to the periodic state, so the spin-up is short: the TTOP model's mean
    /// temperature at the top of permafrost, (k_t I_t - k_f I_f) / (k P) with k = k_f when
    /// negative (Smith and Riseborough), below it the steady geothermal gradient q / k.
    static func steadyStateProfile(_ column: SoilColumn, grid: ColumnGrid, surface: [Double]) -> [Double] {
        let top = column.layers[0].material
        let thawing = surface.reduce(0) { $0 + max($1, 0) }, freezing = surface.reduce(0) { $0 + max(-$1, 0) }
        let balance = top.conductivityThawed * thawing - top.conductivityFrozen * freezing
        var temperature = balance / (Double(surface.count) * (balance < 0 ? top.conductivityFrozen : top.conductivityThawed))
        var profile: [Double] = []
        var riseInHalfCellAbove = 0.0
        for i in 0..<grid.count {
            let material = column.layers[grid.layerIndices[i]].material
            let conductivity = temperature < 0 ? material.conductivityFrozen : material.conductivityThawed
            // From the centre above to this centre: q dz / 2k through each half cell.
            let riseInHalfCell = column.geothermalFlux * grid.thicknesses[i] / (2 * conductivity)
            temperature += riseInHalfCellAbove + riseInHalfCell
            riseInHalfCellAbove = riseInHalfCell
            profile.append(temperature)
        }
        return profile
    }
}

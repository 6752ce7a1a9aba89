import AtlasCore
import Foundation
import PermafrostKernels

/// A mining disturbance of a column (METHOD section 7).
public enum ColumnDisturbance: Sendable, Equatable {
    /// A spoil dump: this many metres of spoil on the natural surface.
    case dump(thickness: Double)
    /// An open pit: the top this many metres removed.
    case pit(depth: Double)

    /// Reads `dump:H` or `pit:D` (metres).
    public init?(argument: String) {
        let parts = argument.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard parts.count == 2, let metres = Double(parts[1]), metres.isFinite, metres > 0 else { return nil }
        switch parts[0] {
        case "dump": self = .dump(thickness: metres)
        case "pit": self = .pit(depth: metres)
        default: return nil
        }
    }

    public var type: DisturbanceType {
        switch self {
        case .dump: .dump
        case .pit: .pit
        }
    }

    public var label: String {
        switch self {
        case .dump(let thickness): "dump of \(thickness) m"
        case .pit(let depth): "pit of \(depth) m"
        }
    }
}

/// The natural and the disturbed column simulated side by side, and the row of the mining
/// table (`mining --params`) that carries the difference into the atlas.
public struct DisturbanceOutcome: Sendable {
    public let natural: ColumnSimulationResult
    public let disturbed: ColumnSimulationResult
    /// MAGT_disturbed - MAGT_natural (C).
    public let magtOffset: Double
    /// ALT of the disturbed column from its new surface (m); nil without permafrost or over a talik.
    public let activeLayerThickness: Double?
    /// The mining-table row: the offset, the Stefan parameters of the material at the new
    /// surface and the n-factor (see `nFactorCalibrated`), the excavation depth or dump thickness.
    public let miningRow: MiningDisturbanceParameters
    /// True when the n-factor was fitted so that the mining step's Stefan ALT at the forcing's
    /// air thawing index equals the simulated ALT; false when the disturbed column has no active
    /// layer to fit (the forcing's thawing n-factor is used).
    public let nFactorCalibrated: Bool
}

public enum DisturbanceSimulation {
    /// Simulates `natural` under `forcing` and its disturbed version under `disturbedForcing`
    /// (the same forcing when nil: the surface of a dump or pit often has its own n-factors).
    /// A dump needs `spoil`, its material.
    public static func simulate(
        natural: SoilColumn, forcing: SurfaceForcing, disturbedForcing: SurfaceForcing? = nil,
        disturbance: ColumnDisturbance, spoil: SoilMaterial?, settings: SimulationSettings,
        bufferMetres: Double = 0, yearsSinceDisturbance: Int? = nil
    ) throws -> DisturbanceOutcome {
        let disturbedColumn: SoilColumn
        switch disturbance {
        case .dump(let thickness):
            guard let spoil else { throw AtlasError.badInput("a dump needs the spoil material: add a spoil: section to the column file") }
            disturbedColumn = try natural.withSpoilDump(thickness: thickness, spoil: spoil)
        case .pit(let depth):
            disturbedColumn = try natural.excavated(depth: depth)
        }
        let disturbedForcing = disturbedForcing ?? forcing
        let naturalResult = try ColumnSimulation.run(natural, forcing: forcing, settings: settings)
        let disturbedResult: ColumnSimulationResult
        if let years = yearsSinceDisturbance {
            // The disturbed column starts from the natural one's periodic state at the moment
            // of the disturbance (year end) and runs that many years.
            let start = initialProfile(natural: naturalResult, disturbed: ColumnGrid(column: disturbedColumn), disturbance: disturbance)
            disturbedResult = try ColumnSimulation.runTransient(
                disturbedColumn, forcing: disturbedForcing, initialTemperatures: start, years: years, settings: settings)
        } else {
            disturbedResult = try ColumnSimulation.run(disturbedColumn, forcing: disturbedForcing, settings: settings)
        }

        let surface = disturbedColumn.layers[0].material
        guard surface.waterContent > surface.unfrozenWaterContent else {
            throw AtlasError.badInput(
                "\"\(surface.name)\" at the disturbed surface has no freezable water (water_content \(surface.waterContent) <= unfrozen_water_content \(surface.unfrozenWaterContent)); the mining table's Stefan equation needs some"
            )
        }
        let alt = disturbedResult.permafrost?.activeLayerThickness
        let airThawingIndex = disturbedResult.airThawingIndex
        var nFactor = disturbedForcing.thawingNFactor
        let calibrated = alt != nil && airThawingIndex > 0
        if let alt, calibrated {
            // Stefan: ALT^2 = 2 lambda_t n DDT 86400 / (L rho_w (theta - theta_u)), solved for n.
            nFactor = alt * alt * surface.volumetricLatentHeat / (2 * surface.conductivityThawed * airThawingIndex * 86_400)
        }
        var excavation = 0.0, dumpThickness = 0.0
        switch disturbance {
        case .dump(let thickness): dumpThickness = thickness
        case .pit(let depth): excavation = depth
        }
        let row = MiningDisturbanceParameters(
            type: disturbance.type, magtOffset: disturbedResult.magt.temperature - naturalResult.magt.temperature,
            soil: surface.stefanProperties(nFactor: nFactor), excavationDepth: excavation,
            dumpThickness: dumpThickness, bufferMetres: bufferMetres, ageYears: yearsSinceDisturbance.map(Double.init))
        do {
            _ = try MiningParameterTable(rows: [row])
        } catch {
            throw AtlasError.badInput("the simulated mining-table row is not usable: \(error.description)")
        }
        return DisturbanceOutcome(
            natural: naturalResult, disturbed: disturbedResult, magtOffset: row.magtOffset,
            activeLayerThickness: alt, miningRow: row, nFactorCalibrated: calibrated)
    }

    /// The temperatures the disturbed column starts from: the natural profile at the same
    /// material. Under a dump each natural cell lies H deeper and the spoil starts at the
    /// natural surface cell's temperature (placed at ambient ground temperature); in a pit the
    /// remaining ground keeps its temperature, D shallower. Linear between cell centres.
    static func initialProfile(natural: ColumnSimulationResult, disturbed: ColumnGrid, disturbance: ColumnDisturbance) -> [Double] {
        let depths = natural.grid.centres, temperatures = natural.finalTemperatures
        func naturalTemperature(at depth: Double) -> Double {
            guard depth > depths[0] else { return temperatures[0] }
            guard let below = depths.firstIndex(where: { $0 >= depth }) else { return temperatures[temperatures.count - 1] }
            let above = below - 1
            let t = (depth - depths[above]) / (depths[below] - depths[above])
            return temperatures[above] + t * (temperatures[below] - temperatures[above])
        }
        return disturbed.centres.map { depth in
            switch disturbance {
            case .dump(let thickness): depth < thickness ? temperatures[0] : naturalTemperature(at: depth - thickness)
            case .pit(let removed): naturalTemperature(at: depth + removed)
            }
        }
    }

    /// The mining-table columns (`ParameterTables.miningColumns` plus `dump_thickness`, and
    /// `age_years` for a transient row) as a CSV header and the row's values, ready to paste
    /// into MINING.csv.
    public static func miningTableLines(_ row: MiningDisturbanceParameters) -> (header: String, row: String) {
        let soil = row.soil
        let type = row.type == .pit ? "pit" : row.type == .dump ? "dump" : "other"
        let values = [
            type, ReadableNumber.format(row.magtOffset, decimals: 3), ReadableNumber.format(soil.lambdaThawed, decimals: 3),
            ReadableNumber.format(soil.dryDensity, decimals: 1),
            ReadableNumber.format(soil.waterContent, decimals: 4), ReadableNumber.format(soil.unfrozenWaterContent, decimals: 4),
            ReadableNumber.format(soil.nFactor, decimals: 3),
            ReadableNumber.format(row.excavationDepth, decimals: 3), ReadableNumber.format(row.bufferMetres, decimals: 1),
            ReadableNumber.format(row.dumpThickness, decimals: 3),
        ]
        guard let age = row.ageYears else {
            return ((ParameterTables.miningColumns + ["dump_thickness"]).joined(separator: ","), values.joined(separator: ","))
        }
        return (
            (ParameterTables.miningColumns + ["dump_thickness", "age_years"]).joined(separator: ","),
            (values + [ReadableNumber.format(age, decimals: 0)]).joined(separator: ",")
        )
    }
}

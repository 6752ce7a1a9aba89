import AtlasCore
import AtlasFoundation
import Foundation
import GeoRaster
import PermafrostKernels

/// `simulate`: a column (and optionally its disturbed version) under a periodic forcing, with
/// the annual temperature envelope written as a CSV profile.
public struct SimulateStage {
    public struct Request: Sendable {
        public var column: String
        public var forcing: String
        /// Forcing of the disturbed surface; the natural one when nil.
        public var disturbedForcing: String?
        public var disturbance: ColumnDisturbance?
        public var settings: SimulationSettings
        /// CSV of depth,min,max,mean (the disturbed column's in disturbance mode).
        public var profile: String?
        public var overwrite: Bool
        /// buffer_m of the mining-table row.
        public var bufferMetres: Double
        /// The disturbed column this many years after the disturbance, from the natural
        /// column's state (nil: its long-term equilibrium).
        public var yearsSinceDisturbance: Int?

        public init(
            column: String, forcing: String, disturbedForcing: String? = nil, disturbance: ColumnDisturbance? = nil,
            settings: SimulationSettings = SimulationSettings(), profile: String? = nil, overwrite: Bool = false, bufferMetres: Double = 0
        ) {
            self.column = column
            self.forcing = forcing
            self.disturbedForcing = disturbedForcing
            self.disturbance = disturbance
            self.settings = settings
            self.profile = profile
            self.overwrite = overwrite
            self.bufferMetres = bufferMetres
        }
    }

    /// What one simulated column gives.
    public struct ColumnSummary: Encodable, Sendable {
        public let columnDepthMetres: Double
        public let cells: Int
        public let magt: Double
        public let magtDepthMetres: Double
        /// zeroAnnualAmplitude, requested or deepestCell.
        public let magtDepthSource: String
        /// Absent without permafrost or when a talik separates the active layer from the table.
        public let activeLayerThicknessMetres: Double?
        public let permafrostTableMetres: Double?
        /// Absent when there is no permafrost or it reaches the base of the column.
        public let permafrostBaseMetres: Double?
        public let permafrost: Bool
        public let permafrostBelowColumnBase: Bool
        public let spinUpYears: Int
        public let spinUpConverged: Bool
        public let yearEndChange: Double
        public let tolerance: Double
        public let timeStepHours: Double
        public let surfaceThawingIndex: Double
        public let surfaceFreezingIndex: Double
        public let airThawingIndex: Double

        init(_ result: ColumnSimulationResult) {
            columnDepthMetres = result.grid.depth
            cells = result.grid.count
            magt = result.magt.temperature
            magtDepthMetres = result.magt.depth
            magtDepthSource = result.magt.source.rawValue
            activeLayerThicknessMetres = result.permafrost?.activeLayerThickness
            permafrostTableMetres = result.permafrost?.tableDepth
            permafrostBaseMetres = result.permafrost?.baseDepth
            permafrost = result.permafrost != nil
            permafrostBelowColumnBase = result.permafrost != nil && result.permafrost?.baseDepth == nil
            spinUpYears = result.spinUp.years
            spinUpConverged = result.spinUp.converged
            yearEndChange = result.spinUp.yearEndChange
            tolerance = result.spinUp.tolerance
            timeStepHours = result.timeStepSeconds / 3600
            surfaceThawingIndex = result.surfaceThawingIndex
            surfaceFreezingIndex = result.surfaceFreezingIndex
            airThawingIndex = result.airThawingIndex
        }
    }

    public struct MiningRow: Encodable, Sendable {
        public let header: String
        public let row: String
        public let nFactorCalibrated: Bool
    }

    public struct Result: Encodable, Sendable {
        public let column: ColumnSummary
        /// In disturbance mode: the disturbed column, the MAGT offset and the mining-table row.
        public let disturbance: String?
        public let disturbed: ColumnSummary?
        public let magtOffset: Double?
        public let miningRow: MiningRow?
        public let profile: String?
        public let warnings: [String]
    }

    public static func run(_ request: Request) throws -> Result {
        let columnFile = try ColumnFile.load(request.column)
        let forcing = try ForcingFile.load(request.forcing)
        let disturbedForcing = try request.disturbedForcing.map { try ForcingFile.load($0) }
        // Claim the profile's name before the work, so an existing file stops the run at once.
        let profileOutput = try request.profile.map { try AtomicOutput(finalPath: $0, overwrite: request.overwrite) }

        let natural: ColumnSimulationResult, profiled: ColumnSimulationResult
        var disturbed: ColumnSummary?, miningRow: MiningRow?, magtOffset: Double?
        var warnings: [String] = []
        if let disturbance = request.disturbance {
            if case .dump = disturbance, columnFile.spoil == nil {
                throw AtlasError.badFile(
                    path: request.column, reason: "no spoil: section; a dump (\(.disturbance, "dump:H")) needs its material")
            }
            let outcome = try DisturbanceSimulation.simulate(
                natural: columnFile.column, forcing: forcing, disturbedForcing: disturbedForcing,
                disturbance: disturbance, spoil: columnFile.spoil, settings: request.settings,
                bufferMetres: request.bufferMetres, yearsSinceDisturbance: request.yearsSinceDisturbance)
            natural = outcome.natural
            profiled = outcome.disturbed
            disturbed = ColumnSummary(outcome.disturbed)
            magtOffset = outcome.magtOffset
            let lines = DisturbanceSimulation.miningTableLines(outcome.miningRow)
            miningRow = MiningRow(header: lines.header, row: lines.row, nFactorCalibrated: outcome.nFactorCalibrated)
            warnings += self.warnings(outcome.disturbed, label: disturbance.label)
            if !outcome.nFactorCalibrated {
                warnings.append("\(disturbance.label): no active layer over permafrost to fit, so n_factor is the forcing's n_thawing")
            }
        } else {
            natural = try ColumnSimulation.run(columnFile.column, forcing: forcing, settings: request.settings)
            profiled = natural
        }
        warnings = self.warnings(natural, label: "natural column") + warnings
        if let profileOutput {
            try TextFileOutput.write(profileCSV(profiled.envelope), to: profileOutput)
        }
        return Result(
            column: ColumnSummary(natural), disturbance: request.disturbance?.label, disturbed: disturbed,
            magtOffset: magtOffset, miningRow: miningRow, profile: request.profile, warnings: warnings)
    }

    /// depth,min,max,mean of every cell centre (m, C), top down.
    static func profileCSV(_ envelope: AnnualEnvelope) -> String {
        var lines = ["depth,min,max,mean"]
        for i in envelope.depths.indices {
            lines.append(
                [envelope.depths[i], envelope.minimum[i], envelope.maximum[i], envelope.mean[i]]
                    .map { ReadableNumber.format($0, decimals: 4) }.joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func warnings(_ result: ColumnSimulationResult, label: String) -> [String] {
        var warnings: [String] = []
        if !result.spinUp.converged {
            warnings.append(
                "\(label): the annual cycle had not settled after \(result.spinUp.years) years (year-end change \(result.spinUp.yearEndChange) C, tolerance \(result.spinUp.tolerance) C); raise --years"
            )
        }
        if result.magt.source == .deepestCell {
            warnings.append(
                "\(label): the annual range never fell below the zero-amplitude threshold; MAGT is read at the deepest cell (\(result.magt.depth) m): deepen the column"
            )
        }
        return warnings
    }
}

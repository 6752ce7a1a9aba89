import ArgumentParser
import AtlasCore
import AtlasSimulation
import Foundation
import PermafrostKernels

struct SimulateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "simulate",
        abstract: "1-D heat conduction with freezing and thawing in a layered column: MAGT, ALT, permafrost table and base.",
        discussion: """
            COLUMN.yaml: the layers top down (thickness, thawed and frozen \
            conductivity and heat capacity, water and unfrozen water content, \
            dry density), the geothermal flux, optionally the grid and the spoil of \
            a dump. FORCING.yaml: one of sinusoid, monthly (12 means) or series \
            (CSV), with n-factors; or FORCING.csv: a temperature column of 12 or \
            365 rows of surface temperatures. Docs/SIMULATION.md has the schemas \
            and a complete example.

            The column runs (fully implicit, enthalpy form) until its year-end \
            profile moves less than --tolerance in a year, or for --years. MAGT is \
            read where the annual range falls below 0.1 C (or at --magt-depth); \
            ALT is the deepest thaw of the year over permafrost.

            --disturbance dump:H puts H m of the column file's spoil on top; \
            pit:D removes the top D m. Both columns are run and a mining.csv row \
            is printed: the MAGT offset, the Stefan parameters of the new surface \
            material and an n_factor fitted so that the mining step's Stefan ALT \
            equals the simulated one at the forcing's air thawing index. \
            --years-since N runs the disturbed column for N years from the natural \
            column's state instead of to its equilibrium (a young dump is still far from \
            it); the row then carries age_years N.

            Examples:
              permafrost-atlas simulate --column column.yaml --forcing forcing.yaml \\
                --profile profile.csv
              permafrost-atlas simulate --column column.yaml --forcing forcing.yaml \\
                --disturbance dump:15
              permafrost-atlas simulate --column column.yaml --forcing forcing.yaml \\
                --disturbance dump:15 --years-since 10
            """
    )

    @Option(help: "Column file (YAML).") var column: String
    @Option(help: "Forcing file (YAML, or CSV of surface temperatures).") var forcing: String
    @Option(help: "Most years of spin-up.") var years = SimulationSettings().maximumYears
    @Option(name: .customLong("dt-hours"), help: "Time step (h); adjusted to divide the forcing cycle evenly.") var dtHours = 24.0
    @Option(help: "Spin-up tolerance: largest change of the year-end profile in a year (C).") var tolerance = SimulationSettings().tolerance
    @Option(name: .customLong("magt-depth"), help: "Read MAGT at this depth (m) instead of the depth of zero annual amplitude.")
    var magtDepth: Double?
    @Option(help: ArgumentHelp("Mining disturbance: dump:H (m of spoil) or pit:D (m removed).", valueName: "dump:H|pit:D"))
    var disturbance: ColumnDisturbance?
    @Option(name: .customLong("disturbed-forcing"), help: "Forcing of the disturbed surface (default: --forcing).") var disturbedForcing:
        String?
    @Option(name: .customLong("buffer-m"), help: "buffer_m of the printed mining.csv row.") var bufferMetres = 0.0
    @Option(help: "Write the annual envelope as CSV: depth,min,max,mean (the disturbed column with --disturbance).") var profile: String?
    @Option(name: .customLong("years-since"), help: "The disturbed column this many years after the disturbance (transient).")
    var yearsSince: Int?
    @Flag(help: "Replace the profile if it exists.") var overwrite = false
    @OptionGroup var reporting: ReportingOptions

    func validate() throws {
        // Past these a run never ends or asks for terabytes, and no permafrost question needs them.
        guard (1...10_000).contains(years) else { throw ValidationError("--years must be between 1 and 10000, got \(years)") }
        guard dtHours.isFinite, (0.1...744).contains(dtHours) else {
            throw ValidationError("--dt-hours must be between 0.1 and 744 (a month), got \(dtHours)")
        }
        guard tolerance.isFinite, tolerance >= 0 else { throw ValidationError("--tolerance must be zero or positive, got \(tolerance)") }
        if let magtDepth, !(magtDepth.isFinite && magtDepth >= 0) {
            throw ValidationError("--magt-depth must be zero or positive, got \(magtDepth)")
        }
        guard bufferMetres.isFinite, bufferMetres >= 0 else {
            throw ValidationError("--buffer-m must be zero or positive, got \(bufferMetres)")
        }
        if disturbedForcing != nil, disturbance == nil { throw ValidationError("--disturbed-forcing needs --disturbance") }
        if let yearsSince {
            guard disturbance != nil else { throw ValidationError("--years-since needs --disturbance") }
            guard (1...10_000).contains(yearsSince) else {
                throw ValidationError("--years-since must be between 1 and 10000, got \(yearsSince)")
            }
        }
    }

    func run() throws {
        let settings = SimulationSettings(timeStepHours: dtHours, maximumYears: years, tolerance: tolerance, magtDepth: magtDepth)
        var request = SimulateStage.Request(
            column: column, forcing: forcing, disturbedForcing: disturbedForcing, disturbance: disturbance,
            settings: settings, profile: profile, overwrite: overwrite, bufferMetres: bufferMetres)
        request.yearsSinceDisturbance = yearsSince
        let result = try SimulateStage.run(request)
        for warning in result.warnings where !reporting.quiet { printWarning(warning) }
        try emit(result, reporting: reporting) {
            guard let disturbed = result.disturbed, let offset = result.magtOffset, let row = result.miningRow else {
                return (describe(result.column) + (result.profile.map { ["profile: \($0)"] } ?? [])).joined(separator: "\n")
            }
            let fit =
                row.nFactorCalibrated
                ? "n_factor fitted so that Stefan gives the simulated ALT at the air thawing index \(format(disturbed.airThawingIndex, 0)) C day"
                : "n_factor is the forcing's n_thawing (no active layer over permafrost to fit)"
            var lines = ["natural column:"] + describe(result.column).map { "  " + $0 }
            lines += ["\(result.disturbance ?? "disturbed"):"] + describe(disturbed).map { "  " + $0 }
            lines += [
                "MAGT offset \(offset >= 0 ? "+" : "")\(format(offset, 2)) C; \(fit)",
                "mining.csv row (paste into the mining table; set buffer_m with --buffer-m):", row.header, row.row,
            ]
            return (lines + (result.profile.map { ["profile (disturbed column): \($0)"] } ?? [])).joined(separator: "\n")
        }
    }

    private func describe(_ column: SimulateStage.ColumnSummary) -> [String] {
        let source =
            [
                "zeroAnnualAmplitude": "depth of zero annual amplitude", "requested": "requested depth",
                "deepestCell": "deepest cell: the annual range never fell below 0.1 C",
            ][column.magtDepthSource] ?? column.magtDepthSource
        var lines = ["MAGT \(format(column.magt, 2)) C at \(format(column.magtDepthMetres, 1)) m (\(source))"]
        if let table = column.permafrostTableMetres {
            let base =
                column.permafrostBaseMetres.map { "base \(format($0, 1)) m" }
                ?? "base below the column (\(format(column.columnDepthMetres, 1)) m)"
            let alt = column.activeLayerThicknessMetres.map { "ALT \(format($0, 2)) m" } ?? "no ALT: a talik lies above the table"
            lines.append("\(alt); permafrost table \(format(table, 2)) m, \(base)")
        } else {
            lines.append("no permafrost: the annual maximum reaches 0 C at every depth")
        }
        lines.append(
            column.spinUpConverged
                ? "spin-up: settled after \(column.spinUpYears) years (year-end change \(format(column.yearEndChange, 5)) C < \(column.tolerance) C)"
                : "spin-up: stopped at \(column.spinUpYears) years, not settled (year-end change \(format(column.yearEndChange, 5)) C >= \(column.tolerance) C)"
        )
        lines.append(
            "surface thawing index \(format(column.surfaceThawingIndex, 0)) C day, freezing index \(format(column.surfaceFreezingIndex, 0)) C day; "
                + "step \(format(column.timeStepHours, 2)) h; \(column.cells) cells to \(format(column.columnDepthMetres, 1)) m")
        return lines
    }

    private func format(_ value: Double, _ places: Int) -> String {
        String(format: "%.\(places)f", value)
    }
}

extension ColumnDisturbance: ExpressibleByArgument {}

import ArgumentParser
import AtlasCore
import AtlasFoundation
import PermafrostKernels

/// `alt` maps ALT (its default subcommand, so `alt --thawing-index ...` keeps working) and
/// `alt calibrate` fits edaphic factors. The map's options live in `Map`, not on `alt`
/// itself: options of a parent are parsed before its subcommand's, so a parent declaring
/// `--thawing-index` took it away from `alt calibrate`.
struct ActiveLayerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "alt",
        abstract: "Active-layer thickness (m) by the Stefan equation, from a thawing index and a soil table per class.",
        subcommands: [Map.self, CalibrateCommand.self],
        defaultSubcommand: Map.self
    )

    struct Map: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Map ALT (the default: `alt --thawing-index ...` is `alt map --thawing-index ...`).",
            discussion: """
                SOIL.csv columns: class,lambda_thawed,dry_density,water_content,unfrozen_water_content,n_factor \
                (W/m/K, kg/m3, fractions), plus edaphic_factor for the empirical form. `class` is a code of \
                the class raster or one of its category names. \
                Physical: ALT = sqrt(2 lambda_thawed n_factor DDT 86400 / (334000 dry_density (water_content - unfrozen_water_content))). \
                Empirical: ALT = edaphic_factor sqrt(n_factor DDT). DDT <= 0 gives 0. \
                With --magt, ALT only where MAGT < 0 C (nodata elsewhere); without it the map is the \
                seasonal thaw depth everywhere.

                Example:
                  permafrost-atlas alt --thawing-index ddt.tif --soil soil.csv \\
                    --classes vegetation.tif --magt magt.tif --out alt.tif
                """
        )

        @Option(name: .customLong("thawing-index"), help: "Thawing index raster (degC day).") var thawingIndex: String
        @Option(help: "Soil parameter table (CSV).") var soil: String
        @Option(help: "Class raster whose codes the soil table refers to.") var classes: String
        @Option(help: "Output ALT raster (m).") var out: String
        @Option(help: "MAGT raster: ALT only where MAGT < 0 C.") var magt: String?
        @Option(help: "physical or empirical.") var form: StefanForm = .physical

        @OptionGroup var grid: GridOptions
        @OptionGroup var output: OutputOptionGroup
        @OptionGroup var reporting: ReportingOptions

        func run() throws {
            try OutputPaths.check(outputs: [out], inputs: [thawingIndex, soil, classes] + [magt].compactMap { $0 })
            var request = ActiveLayerStage.Request(
                thawingIndex: thawingIndex, soilTable: soil, classes: classes, out: out, magt: magt,
                formula: form.formula, options: output.outputOptions)
            request.refuseEmptyInputs = true
            request.grid = try grid.grid(inputs: [classes, thawingIndex] + [magt].compactMap { $0 }, quiet: reporting.quiet)
            let result = try ActiveLayerStage.run(request)
            try emit(result, reporting: reporting) {
                let alt = result.activeLayerThickness
                return
                    "ALT (\(result.formula) form, \(result.mapped)): \(alt.path), mean \(alt.mean.map { "\(($0 * 1000).rounded() / 1000)" } ?? "n/a") m over \(alt.validPixels) pixels"
            }
        }
    }

    struct CalibrateCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "calibrate",
            abstract: "Edaphic factor per class from boreholes with observed ALT, written back as a soil table.",
            discussion: """
                BOREHOLES.csv columns: x,y,alt (map coordinates of the thawing-index raster's CRS, metres), \
                optional id. E per class is the least-squares fit through the origin of ALT = E sqrt(n DDT).

                Example:
                  permafrost-atlas alt calibrate --boreholes alt_boreholes.csv \\
                    --thawing-index ddt.tif --classes vegetation.tif --soil soil.csv \\
                    --out soil_calibrated.csv
                """
        )

        @Option(help: "Boreholes with observed ALT (CSV: x,y,alt[,id]).") var boreholes: String
        @Option(name: .customLong("thawing-index"), help: "Thawing index raster (degC day).") var thawingIndex: String
        @Option(help: "Class raster.") var classes: String
        @Option(help: "Soil parameter table (CSV).") var soil: String
        @Option(help: "Output soil table with edaphic_factor.") var out: String
        @Flag(help: "Replace the output if it exists.") var overwrite = false
        @OptionGroup var grid: GridOptions
        @OptionGroup var reporting: ReportingOptions

        func run() throws {
            try OutputPaths.check(outputs: [out], inputs: [boreholes, thawingIndex, classes, soil])
            var request = EdaphicCalibrationStage.Request(
                boreholes: boreholes, thawingIndex: thawingIndex, classes: classes, soilTable: soil, out: out, overwrite: overwrite)
            request.grid = try grid.grid(inputs: [classes, thawingIndex], quiet: reporting.quiet)
            let result = try EdaphicCalibrationStage.run(request)
            try emit(result, reporting: reporting) {
                (result.classes.map {
                    "class \($0.className): E = \(ReadableNumber.format($0.edaphicFactor, significantDigits: 4)) from \($0.boreholes) boreholes, "
                        + "RMSE \(ReadableNumber.format($0.rmseMetres, significantDigits: 3)) m"
                }
                    + result.skipped.map { "skipped line \($0.line) (\($0.id)): \($0.reason)" }
                    + ["soil table: \(result.soilTable)"]).joined(separator: "\n")
            }
        }
    }
}

enum StefanForm: String, ExpressibleByArgument, CaseIterable {
    case physical, empirical

    var formula: ActiveLayerModel.Formula { self == .physical ? .stefan : .empirical }
}

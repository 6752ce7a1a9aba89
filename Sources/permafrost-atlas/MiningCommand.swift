import ArgumentParser
import AtlasCore
import AtlasFoundation
import PermafrostKernels

struct MiningCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mining",
        abstract: "Post-mining MAGT, ALT, ground ice, stability and permafrost, and their change from pre-mining.",
        discussion: """
            Disturbance: polygons (GeoPackage, Shapefile, GeoJSON) whose --type-field says pit, dump or \
            other, or a raster of codes 1 pit, 2 dump, 3 other. \
            MINING.csv columns: type,magt_offset,lambda_thawed,dry_density,water_content,\
            unfrozen_water_content,n_factor,excavation_depth,buffer_m (optional dump_thickness, \
            spoil_ice_content). Post-mining MAGT = pre + offset inside a disturbance, decaying linearly \
            to 0 at buffer_m outside it; ALT is recomputed with the type's soil parameters; ground ice \
            is counted on the original ground to the depth limit (a pit removes its excavated metres, \
            a dump keeps the frozen ground it buries); stability and permafrost reclassified. \
            Writes OUT/post/{magt,alt,ice,ice_class,stability,permafrost}.tif and \
            OUT/diff/{magt,alt,ice,permafrost_transition,stability_transition}.tif (transition codes \
            are pre x 10 + post); --json adds the transition matrices (km2) and per-type summaries.

            Example:
              permafrost-atlas mining --disturbance mining.gpkg --params mining.csv \\
                --magt magt.tif --thawing-index ddt.tif --classes vegetation.tif \\
                --soil soil.csv --zones zones.tif --strata strata.csv --out-dir atlas \\
                --json
            """
    )

    @Option(help: "Mining polygons or disturbance-code raster.") var disturbance: String
    @Option(name: .customLong("type-field"), help: "Polygon attribute holding the disturbance type.") var typeField = "type"
    @Option(help: "Mining parameter table (CSV).") var params: String
    @Option(help: "Pre-mining MAGT raster (degC); its grid is the reference.") var magt: String
    @Option(name: .customLong("thawing-index"), help: "Thawing index raster (degC day).") var thawingIndex: String
    @Option(help: "Class raster of the soil table.") var classes: String
    @Option(help: "Soil parameter table (CSV).") var soil: String
    @Option(help: "Geomorphology / sediment zone raster.") var zones: String
    @Option(help: "Strata table (CSV).") var strata: String
    @Option(name: .customLong("out-dir"), help: "Folder for post/ and diff/.") var outDir: String
    @Option(help: "Ground-ice depth limit (m).") var depth = 10.0
    @Option(help: "Stefan form of undisturbed pixels: physical or empirical.") var form: StefanForm = .physical

    @OptionGroup var grid: GridOptions
    @OptionGroup var output: OutputOptionGroup
    @OptionGroup var reporting: ReportingOptions

    func run() throws {
        let outputs = (AtlasProduct.mining.map(\.path) + [AtlasProduct.disturbance.path]).map { outDir + "/" + $0 }
        try OutputPaths.check(outputs: outputs, inputs: [disturbance, params, magt, thawingIndex, classes, soil, zones, strata])
        var request = MiningStage.Request(
            disturbance: disturbance, typeField: typeField, miningTable: params, magt: magt,
            thawingIndex: thawingIndex, soilClasses: classes, soilTable: soil, zones: zones,
            strataTable: strata, outDirectory: outDir, depthLimit: depth, formula: form.formula,
            options: output.outputOptions)
        request.refuseEmptyInputs = true
        request.grid = try grid.grid(inputs: [magt, thawingIndex, classes, zones], quiet: reporting.quiet)
        let result = try MiningStage.run(request)
        try emit(result, reporting: reporting) {
            // Float32 rasters carry about 7 significant digits; 4 are what a reader compares.
            func number(_ value: Double) -> String { ReadableNumber.format(value, significantDigits: 4) }
            var lines = [
                "post-mining atlas in \(outDir)/post, differences in \(outDir)/diff",
                "ground ice: \(number(result.iceVolumePreCubicKilometres)) km3 before, \(number(result.iceVolumePostCubicKilometres)) km3 after",
            ]
            let budget = result.iceBudgetCubicMetres
            lines.append(
                "  disturbed area: ice removed \(number(budget.removed)) m3, thawed \(number(budget.thawed)) m3, "
                    + "buried under dumps \(number(budget.buried)) m3, newly frozen \(number(budget.newlyFrozen + budget.spoil)) m3")
            for entry in result.perType {
                lines.append(
                    "  \(entry.type) (\(entry.zone)): \(number(entry.areaSquareKilometres)) km2, MAGT \(number(entry.meanMAGTChange)) C, "
                        + "ALT \(number(entry.meanALTChange)) m, ice \(number(entry.iceVolumeChangeCubicMetres)) m3")
            }
            return lines.joined(separator: "\n")
        }
    }
}

import ArgumentParser
import AtlasCore
import AtlasFoundation

struct GroundIceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ice",
        abstract: "Ground-ice content between the permafrost table (ALT) and a depth limit.",
        discussion: """
            STRATA.csv columns: zone,top,bottom,ice_content (m, m, volumetric fraction); `zone` is a \
            code of the zone raster or one of its category names. Layers of a zone must not \
            overlap; gaps are warnings and count as ice-free. \
            ICE = sum over layers of overlap([top, bottom], [ALT, depth]) x ice_content (m3/m2); \
            mean content = ICE / (depth - ALT); classes ice-poor < 0.1, ice-bearing 0.1-0.2, \
            ice-rich 0.2-0.3, ice-saturated 0.3-0.5, ice layer with soil > 0.5.
            --json reports the total ice volume (km3).

            Example:
              permafrost-atlas ice --alt alt.tif --zones zones.tif --strata strata.csv \\
                --out ice.tif --class ice_class.tif --json
            """
    )

    @Option(help: "Active-layer thickness raster (m; nodata where no permafrost).") var alt: String
    @Option(help: "Geomorphology / sediment zone raster.") var zones: String
    @Option(help: "Strata table (CSV).") var strata: String
    @Option(help: "Output ice volume raster (m3/m2).") var out: String
    @Option(help: "Depth limit (m).") var depth = 10.0
    @Option(name: .customLong("mean-content"), help: "Also write the mean volumetric ice content here.") var meanContent: String?
    @Option(name: .customLong("class"), help: "Also write the ice class raster here.") var iceClass: String?
    @Option(help: "MAGT raster: ice only where MAGT < 0 C.") var magt: String?

    @OptionGroup var grid: GridOptions
    @OptionGroup var output: OutputOptionGroup
    @OptionGroup var reporting: ReportingOptions

    func validate() throws {
        guard depth.isFinite, depth > 0, depth <= 100 else { throw ValidationError("--depth must be between 0 and 100 m, got \(depth)") }
    }

    func run() throws {
        try OutputPaths.check(
            outputs: [out, meanContent, iceClass].compactMap { $0 }, inputs: [alt, zones, strata] + [magt].compactMap { $0 })
        var request = GroundIceStage.Request(
            activeLayerThickness: alt, zones: zones, strataTable: strata, out: out, depthLimit: depth,
            meanContentOut: meanContent, classOut: iceClass, magt: magt, options: output.outputOptions)
        request.refuseEmptyInputs = true
        request.grid = try grid.grid(inputs: [alt, zones] + [magt].compactMap { $0 }, quiet: reporting.quiet)
        let result = try GroundIceStage.run(request)
        for warning in result.warnings where !reporting.quiet {
            printWarning(warning)
        }
        try emit(result, reporting: reporting) {
            "ground ice to \(result.depthLimit) m: \(result.iceVolume.path), total \(result.totalIceVolumeCubicKilometres) km3"
        }
    }
}

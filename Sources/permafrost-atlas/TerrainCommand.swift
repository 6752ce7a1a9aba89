import ArgumentParser
import AtlasCore
import AtlasFoundation

struct TerrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "terrain",
        abstract: "Slope, aspect, northness and eastness of a DEM (Horn's method, as gdaldem).",
        discussion: """
            Identical to `gdaldem slope` / `gdaldem aspect` of GDAL 3.6 on projected DEMs with square \
            pixels: slope in degrees, aspect in degrees clockwise from north, flat cells' aspect is \
            nodata (-9999). Without --compute-edges the outer ring is nodata; with it, gdaldem's edge \
            extrapolation. DEMs in geographic coordinates get cell sizes in metres per row on the \
            WGS84 ellipsoid (never degrees taken as metres). Northness = cos(aspect), eastness = \
            sin(aspect), both 0 on flat cells.

            Example:
              permafrost-atlas terrain --dem dem.tif --slope slope.tif \\
                --aspect aspect.tif --northness north.tif --eastness east.tif
            """
    )

    @Option(help: "The DEM (metres).") var dem: String
    @Option(help: "Output slope raster (degrees).") var slope: String?
    @Option(help: "Output aspect raster (degrees from north).") var aspect: String?
    @Option(help: "Output northness raster.") var northness: String?
    @Option(help: "Output eastness raster.") var eastness: String?
    @Flag(help: "Compute the outer ring by gdaldem's edge extrapolation instead of nodata.") var computeEdges = false

    @OptionGroup var output: OutputOptionGroup
    @OptionGroup var reporting: ReportingOptions

    func validate() throws {
        guard slope != nil || aspect != nil || northness != nil || eastness != nil else {
            throw ValidationError("name at least one output: --slope, --aspect, --northness or --eastness")
        }
    }

    func run() throws {
        try OutputPaths.check(outputs: [slope, aspect, northness, eastness].compactMap { $0 }, inputs: [dem])
        let result = try TerrainStage.run(
            .init(
                dem: dem, slope: slope, aspect: aspect, northness: northness, eastness: eastness,
                computeEdges: computeEdges, options: output.outputOptions))
        try emit(result, reporting: reporting) {
            result.products.sorted { $0.key < $1.key }.map { name, product in
                "\(name): \(product.path) (\(product.validPixels) valid pixels)"
            }.joined(separator: "\n")
        }
    }
}

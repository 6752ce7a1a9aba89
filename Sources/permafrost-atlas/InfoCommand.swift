import ArgumentParser
import AtlasCore
import AtlasFoundation

struct InfoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "info",
        abstract: "Describe a raster: size, CRS, geotransform, bands, nodata, metadata and exact statistics.",
        discussion: """
            Reads every pixel once for the statistics (nodata and NaN excluded); --no-stats skips that.

            Example:
              permafrost-atlas info TestData/demo/dem.tif --json
            """
    )

    @Argument(help: "Any raster GDAL can read.")
    var raster: String

    @Flag(name: .customLong("no-stats"), help: "Do not compute per-band statistics.")
    var noStatistics = false

    @OptionGroup var reporting: ReportingOptions

    func run() throws {
        let summary = try RasterSummary(path: raster, statistics: !noStatistics)
        print(reporting.json ? try JSONOutput.encode(summary) : summary.text)
    }
}

import ArgumentParser
import AtlasCore
import AtlasFoundation

struct ThawIndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "thaw-index",
        abstract: "Thawing index (DDT, degC day) from monthly or daily temperature grids.",
        discussion: """
            DDT = sum of max(T, 0) x days; DDF (--freezing-index) = sum of -min(T, 0) x days, positive. \
            Input: one raster of 12 monthly means (January first) or 365/366 daily values, or that \
            many single-band rasters. Monthly steps use non-leap month lengths unless --year says \
            otherwise. Kelvin input is taken from the bands' unit metadata ("K") or --kelvin, never \
            guessed from the values. Rasters on other grids are warped onto the first one (bilinear).

            Example:
              permafrost-atlas thaw-index --temperature air_2019_monthly.tif \\
                --out ddt.tif --freezing-index ddf.tif
            """
    )

    @Option(name: .customLong("temperature"), parsing: .upToNextOption, help: "Temperature raster(s) in degC (or K).")
    var temperatures: [String] = []

    @Option(help: "Output thawing-index raster.")
    var out: String

    @Option(name: .customLong("freezing-index"), help: "Also write the freezing index (DDF) here.")
    var freezingIndex: String?

    @Flag(help: "The temperatures are in kelvin (when their unit metadata does not say so).")
    var kelvin = false

    @Option(help: "Calendar year of a monthly series (February has 29 days in leap years).")
    var year: Int?

    @OptionGroup var grid: GridOptions
    @OptionGroup var output: OutputOptionGroup
    @OptionGroup var reporting: ReportingOptions

    func validate() throws {
        guard !temperatures.isEmpty else { throw ValidationError("--temperature needs at least one raster") }
    }

    func run() throws {
        try OutputPaths.check(outputs: [out] + [freezingIndex].compactMap { $0 }, inputs: temperatures)
        var request = ThawIndexStage.Request(
            temperatures: temperatures, thawingIndexPath: out, freezingIndexPath: freezingIndex,
            kelvin: kelvin, year: year, options: output.outputOptions)
        request.grid = try grid.grid(inputs: temperatures, quiet: reporting.quiet)
        let result = try ThawIndexStage.run(request)
        try emit(result, reporting: reporting) {
            let ddt = result.thawingIndex
            return "thawing index from \(result.bands) \(result.series) steps (\(result.temperatureUnit), \(result.unitSource)): "
                + "\(ddt.path), mean \(ddt.mean.map { String(format: "%.1f", $0) } ?? "n/a") degC day over \(ddt.validPixels) pixels"
        }
    }
}

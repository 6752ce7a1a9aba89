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
            guessed from the values. Rasters on other grids are warped onto the first one (bilinear). \
            --lapse-rate L (C/km) with --temperature-elevation R (the elevation of the temperature \
            grid's cells) and --dem D downscales coarse grids: T + L/1000 x (D - R), both elevations \
            bilinear on the output grid (give --like D for the DEM's grid).

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

    @Option(name: .customLong("lapse-rate"), help: "Downscale with this lapse rate (degC per km, e.g. -6.5).")
    var lapseRate: Double?

    @Option(name: .customLong("temperature-elevation"), help: "Elevation (m) of the temperature grid's cells (with --lapse-rate).")
    var temperatureElevation: String?

    @Option(help: "DEM (m) of the output grid (with --lapse-rate).")
    var dem: String?

    @OptionGroup var grid: GridOptions
    @OptionGroup var output: OutputOptionGroup
    @OptionGroup var reporting: ReportingOptions

    func validate() throws {
        guard !temperatures.isEmpty else { throw ValidationError("--temperature needs at least one raster") }
        let downscalingFlags = [
            lapseRate.map { _ in "--lapse-rate" }, temperatureElevation.map { _ in "--temperature-elevation" }, dem.map { _ in "--dem" },
        ]
        if downscalingFlags.contains(where: { $0 != nil }) && downscalingFlags.contains(where: { $0 == nil }) {
            throw ValidationError("--lapse-rate, --temperature-elevation and --dem go together")
        }
        if let lapseRate, !LapseRateDownscaling.plausible.contains(lapseRate) {
            throw ValidationError("--lapse-rate must be between -15 and 5 C per km (air cools by about 6.5 C per km), got \(lapseRate)")
        }
    }

    func run() throws {
        try OutputPaths.check(
            outputs: [out] + [freezingIndex].compactMap { $0 }, inputs: temperatures + [temperatureElevation, dem].compactMap { $0 })
        var request = ThawIndexStage.Request(
            temperatures: temperatures, thawingIndexPath: out, freezingIndexPath: freezingIndex,
            kelvin: kelvin, year: year, options: output.outputOptions)
        request.grid = try grid.grid(inputs: temperatures, quiet: reporting.quiet)
        if let lapseRate, let temperatureElevation, let dem {
            request.downscaling = LapseRateDownscaling(lapseRate: lapseRate, dem: dem, temperatureElevation: temperatureElevation)
        }
        let result = try ThawIndexStage.run(request)
        try emit(result, reporting: reporting) {
            let ddt = result.thawingIndex
            return "thawing index from \(result.bands) \(result.series) steps (\(result.temperatureUnit), \(result.unitSource)): "
                + "\(ddt.path), mean \(ddt.mean.map { String(format: "%.1f", $0) } ?? "n/a") degC day over \(ddt.validPixels) pixels"
        }
    }
}

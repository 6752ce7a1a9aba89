import ArgumentParser
import AtlasCartography
import AtlasCore
import AtlasFoundation
import Foundation

struct RenderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw band 1 of a raster as a PNG picture, with a legend description for reports.",
        discussion: """
            The picture is at most --max-size pixels on its long side (aspect kept; smaller rasters \
            keep their size), sampled by nearest neighbour from the file's overviews when it has them, \
            so huge rasters need little memory. Nodata (and NaN) pixels are transparent. \
            Class maps (a colour table) take the table's colours. Continuous bands get a colour ramp \
            chosen from their description, unit and metadata: MAGT (degC) temperature, changes \
            ("post - pre") difference, ALT thaw-depth, ice (m3/m2) ice, thawing index (degC day) \
            thawing-index, elevation (m) terrain, anything else viridis. Ramps:
            \(ColorRamp.all.map { "  \($0.name): \($0.purpose)" }.joined(separator: "\n"))
            The ramp spans the smallest to the largest valid value drawn (every pixel when the raster \
            fits in --max-size, the sampled ones otherwise), or --range; a diverging ramp spans -m..m \
            (m the larger magnitude) so that 0 is white. Values outside --range get the end colours. \
            Continuous values are drawn in 255 steps of the ramp; a picture of at most 256 colours is \
            written as a paletted PNG (transparency in its palette).
            --json prints {png, width, height, legend, metresPerPixel}.
            --page draws a standalone map page instead of the bare picture (what `run` writes to \
            maps/): title (--title, else the band's description), legend with units, scale bar, north \
            arrow and a coordinate frame; --hillshade shades a DEM (same CRS) under a continuous map, \
            --permafrost tells "no permafrost" (class 2 of a permafrost map) from "no data" among empty \
            pixels, --zoom-to-change zooms to the changed pixels of a difference map with an inset of \
            the whole scene. width and height are then the page's; metresPerPixel stays the map's.

            Examples:
              permafrost-atlas render atlas/pre/magt.tif --out magt.png --max-size 1200 \\
                --range=-3,3 --json
              permafrost-atlas render atlas/pre/alt.tif --out alt_page.png --page \\
                --title Muli --hillshade dem.tif --permafrost atlas/pre/permafrost.tif
            """
    )

    @Argument(help: "Any raster GDAL can read.") var raster: String
    @Option(help: "Output PNG.") var out: String
    @Option(name: .customLong("max-size"), help: "Longest side of the picture (pixels).") var maxSize = MapRenderer.defaultMaxSize
    @Option(help: "Colour ramp for continuous values (also draws a class map's codes with it).") var ramp: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Values of the ramp's first and last colours.", valueName: "MIN,MAX"))
    var range: String?
    @Flag(help: "Replace the PNG if it exists.") var overwrite = false
    @Flag(help: "A standalone map page: title, legend, scale bar, north arrow, coordinates.") var page = false
    @Option(help: "Title of the page (with --page).") var title: String?
    @Option(help: ArgumentHelp("DEM shaded under a continuous map (with --page).", valueName: "DEM")) var hillshade: String?
    @Option(help: ArgumentHelp("Permafrost map telling 'no permafrost' from 'no data' (with --page).", valueName: "RASTER"))
    var permafrost: String?
    @Flag(name: .customLong("zoom-to-change"), help: "Zoom to the changed pixels, with an inset (with --page).") var zoomToChange = false
    @OptionGroup var reporting: ReportingOptions

    func validate() throws {
        guard (1...MapRenderer.maximumSize).contains(maxSize) else {
            throw ValidationError("--max-size must be between 1 and \(MapRenderer.maximumSize) pixels, got \(maxSize)")
        }
        if let ramp, ColorRamp.named(ramp) == nil {
            throw ValidationError("--ramp must be one of \(ColorRamp.all.map(\.name).joined(separator: ", ")), got \"\(ramp)\"")
        }
        _ = try valueRange()
        if !page,
            let flag = [
                title.map { _ in "--title" }, hillshade.map { _ in "--hillshade" }, permafrost.map { _ in "--permafrost" },
                zoomToChange ? "--zoom-to-change" : nil,
            ].compactMap({ $0 }).first
        {
            throw ValidationError("\(flag) draws on a map page: add --page")
        }
    }

    func run() throws {
        try OutputPaths.check(outputs: [out], inputs: [raster] + [hillshade, permafrost].compactMap { $0 })
        let pageOptions =
            page
            ? MapRenderer.PageOptions(
                title: title, subtitle: "\(AtlasTool.name) \(AtlasTool.version), \(AtlasProvenance.today()): \(raster)",
                hillshadeDEM: hillshade,
                permafrostMask: permafrost, zoomToChange: zoomToChange) : nil
        let map = try MapRenderer.render(
            .init(
                raster: raster, out: out, maxSize: maxSize, rampName: ramp, range: try valueRange(),
                overwrite: overwrite, page: pageOptions))
        try emit(map, reporting: reporting) {
            var line = "\(map.png): \(map.width) x \(map.height) pixels"
            if let metres = map.metresPerPixel { line += ", \(String(format: "%.4g", metres)) m per pixel" }
            switch map.legend.kind {
            case .classes: line += ", \(map.legend.classes.filter(\.present).count) classes drawn"
            case .ramp: line += ", ramp \(map.legend.ramp ?? "")" + rangeText(map.legend)
            }
            return line
        }
    }

    private func rangeText(_ legend: MapLegend) -> String {
        guard let minimum = legend.minimum, let maximum = legend.maximum else { return " (no valid pixels)" }
        return " from \(String(format: "%.4g", minimum)) to \(String(format: "%.4g", maximum))"
            + (legend.unit.isEmpty ? "" : " \(legend.unit)")
    }

    private func valueRange() throws -> ClosedRange<Double>? {
        guard let range else { return nil }
        let parts = range.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard parts.count == 2, let minimum = parts[0], let maximum = parts[1], minimum.isFinite, maximum.isFinite, minimum < maximum else {
            throw ValidationError("--range expects MIN,MAX with MIN < MAX, got \"\(range)\"")
        }
        return minimum...maximum
    }
}

import ArgumentParser
import AtlasCore
import PermafrostAtlas

struct MosaicCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mosaic",
        abstract: "Assemble the tiles of a tiled run into one atlas (rasters, models, report, maps).",
        discussion: """
            Every product raster of the tiles is copied into its place on the union of their grids \
            (the tiles share one pixel lattice), so the result equals a single run pixel for pixel. \
            The report adds areas, transitions and ice volumes up; check boreholes are evaluated on \
            the mosaic when the configuration is still at the path the tiles recorded.

            Example:
              permafrost-atlas mosaic tile1 tile2 tile3 tile4 --out atlas
            """
    )

    @Argument(help: "Output folders of `run --tile I/N`.") var tiles: [String] = []
    @Option(help: "Output folder.") var out: String
    @Flag(help: "Replace the atlas in a non-empty output folder.") var overwrite = false
    @OptionGroup var reporting: ReportingOptions

    func validate() throws {
        guard !tiles.isEmpty else { throw ValidationError("give the tile folders") }
    }

    func run() throws {
        let report = try AtlasMosaic.run(.init(tiles: tiles, outDirectory: out, overwrite: overwrite, options: OutputOptions()))
        try emit(report, reporting: reporting) {
            "atlas of \(tiles.count) tiles written to \(out): \(report.grid.width) x \(report.grid.height) pixels"
        }
    }
}

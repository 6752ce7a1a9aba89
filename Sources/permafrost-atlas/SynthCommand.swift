import ArgumentParser
import AtlasCore
import AtlasSynthesis

struct SynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "synth",
        abstract: "Generate a synthetic Muli-like scene: the demo data and test fixture of the atlas.",
        discussion: """
            A valley with swamp meadows, steppe slopes and sparse ridges (3650-4570 m in scenes over \
            about 180 pixels tall; smaller ones hold the valley's upper part) on UTM 47N (EPSG:32647), \
            30 m pixels, upper-left corner at 515000 E, 4222000 N (about 99.17 E, 38.14 N). Every value is a function of the pixel and the seed: the same --size and --seed \
            give byte-identical files, and any size streams in constant memory. \
            Writes into DIR: dem.tif, landsat.tif (SR_B2..SR_B7, Collection 2 Level-2 scaling), \
            vegetation_truth.tif, vegetation_samples.csv (184 points), boreholes.csv (48), \
            check_boreholes.csv (12), air_temperature.tif (12 months, 0.01 degree grid), zones.gpkg, \
            mining.gpkg, soil.csv, strata.csv, mining.csv and scene.json (the generating model:
            MAGT coefficients, lapse rate, class codes) for comparing what the pipeline recovers.

            Example:
              permafrost-atlas synth --size 400x300 --seed 7 --out demo
            """
    )

    @Option(help: ArgumentHelp("Scene size in pixels, each at least 32.", valueName: "WIDTHxHEIGHT")) var size: String
    @Option(help: "Random seed (a whole number, 0 or more).") var seed: Int
    @Option(help: ArgumentHelp("Output folder (created when missing).", valueName: "DIR")) var out: String

    @OptionGroup var output: OutputOptionGroup
    @OptionGroup var reporting: ReportingOptions

    func validate() throws {
        _ = try parsedSize()
        guard seed >= 0 else { throw ValidationError("--seed must be a whole number 0 or more, got \(seed)") }
    }

    func parsedSize() throws -> (width: Int, height: Int) {
        let parts = size.lowercased().split(separator: "x", omittingEmptySubsequences: false)
        guard parts.count == 2, let width = Int(parts[0]), let height = Int(parts[1]) else {
            throw ValidationError("--size expects WIDTHxHEIGHT in pixels, e.g. 400x300, got \"\(size)\"")
        }
        guard width >= 32, height >= 32, width <= Int(Int32.max), height <= Int(Int32.max) else {
            throw ValidationError("--size: width and height must be at least 32 pixels, got \(size)")
        }
        return (width, height)
    }

    func run() throws {
        let (width, height) = try parsedSize()
        let result = try SynthesisStage.run(
            .init(
                width: width, height: height, seed: UInt64(seed), outDirectory: out,
                options: output.outputOptions))
        try emit(result, reporting: reporting) {
            let areas = result.classAreasSquareKilometres.sorted { $0.key < $1.key }
                .map { "  \($0.key): \(($0.value * 100).rounded() / 100) km2, \(result.samplesPerClass[$0.key] ?? 0) samples" }
            return
                ([
                    "synthetic scene \(width) x \(height), seed \(seed): \(result.files.count) files in \(result.directory)",
                    "elevation \(Int(result.elevationRange[0].rounded()))-\(Int(result.elevationRange[1].rounded())) m; "
                        + "\(result.boreholes) boreholes (\(result.boreholesInPermafrost) in permafrost), \(result.checkBoreholes) check boreholes",
                ]
                + areas).joined(separator: "\n")
        }
    }
}

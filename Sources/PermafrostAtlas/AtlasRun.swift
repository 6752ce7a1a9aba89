import AtlasCartography
import AtlasCore
import AtlasFoundation
import AtlasReporting
import Foundation
import GeoRaster

/// The full atlas: every step of METHOD.md from the inputs of a configuration to the
/// pre-/post-mining products, differences, maps and report, in the fixed folder layout.
/// It is the library's entry point: build an `AtlasConfig` in Swift (or read one with
/// `AtlasConfig.load`), then `try AtlasRun(configuration: config, outDirectory: "atlas").run()`.
public struct AtlasRun {
    /// What a run computes.
    public enum Mode: Sendable {
        /// Models and the whole atlas.
        case full
        /// Only the models (models/), for tiled runs on many machines.
        case fitOnly
        /// One tile of the atlas with models fitted before (`--tile I/N --models DIR`).
        case tile(TileLayout.Tile, models: String)
    }

    /// A run configured by a YAML file, as the `run` command gives it.
    public struct Request: Sendable {
        public var configPath: String
        public var outDirectory: String
        public var threads: Int
        public var overwrite: Bool
        public var mode: Mode

        public init(
            configPath: String, outDirectory: String, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
            overwrite: Bool = false, mode: Mode = .full
        ) {
            self.configPath = configPath
            self.outDirectory = outDirectory
            self.threads = threads
            self.overwrite = overwrite
            self.mode = mode
        }
    }

    private let context: AtlasRunContext
    private let staged: StagedOutput
    private let steps: [AtlasStep]
    private let mode: Mode

    public init(_ request: Request, log: AtlasLog) throws {
        try self.init(
            configuration: try AtlasConfig.load(request.configPath), outDirectory: request.outDirectory,
            threads: request.threads, overwrite: request.overwrite, mode: request.mode, log: log)
    }

    /// Checks the configuration, its inputs (`AtlasPreflight`) and the output folder before
    /// anything is written; only then prepares the folder. A refused run changes nothing.
    public init(
        configuration config: AtlasConfig, outDirectory: String, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
        overwrite: Bool = false, mode: Mode = .full, log: AtlasLog = .silent
    ) throws {
        let fullGrid = try RasterDataset(path: config.inputs.dem).grid()
        var grid = fullGrid
        var tile: TileLayout.Tile?
        if case .tile(let current, let models) = mode {
            let window = current.window(of: fullGrid)
            guard window.height > 0 else {
                throw AtlasError.badParameter(
                    .tile, reason: "\(current.index)/\(current.count): the grid has only \(fullGrid.height) rows; use fewer tiles")
            }
            grid = fullGrid.subgrid(window)
            tile = current
            for name in ["vegetation_rf", "magt"] where !FileManager.default.fileExists(atPath: "\(models)/\(name).json") {
                throw AtlasError.badFile(
                    path: "\(models)/\(name).json", reason: "no such file; run \(.fitOnly) first and pass its models/ folder")
            }
            if config.calibrateALT {
                throw AtlasError.badInput(
                    """
                    alt.calibrate fits on the boreholes of the whole grid, which a tile (\(.tile)) does not see; calibrate once with \
                    `permafrost-atlas alt calibrate` and give its soil table with alt.form: empirical
                    """)
            }
        }
        let tables = try AtlasPreflight.check(config)
        let staged = try StagedOutput(outDirectory: outDirectory, overwrite: overwrite)
        let layout = staged.layout

        var options = config.output
        options.threads = threads
        // The folder check above already refused a non-empty folder without overwrite.
        options.overwrite = true
        options.metadataPathBase = layout.root
        options.provenance = AtlasProvenance(
            configSHA256: try config.path.map { try SHA256.file($0) },
            parameters: config.methodParameters)
        let steps = Self.steps(for: mode)
        let mapsReadFullResolution = max(grid.width, grid.height) < 2 * MapRenderer.defaultMaxSize
        let store = ProductStore(
            layout: layout, options: options,
            keeping: ProductStore.keptProducts(reads: steps.flatMap(\.reads), mapsReadFullResolution: mapsReadFullResolution))
        context = AtlasRunContext(
            config: config, layout: layout, fullGrid: fullGrid, grid: grid, tile: tile, threads: threads,
            tables: tables, store: store, clock: AtlasStageClock(log: log, total: steps.count), lock: staged.lock)
        context.report.date = options.provenance.date
        self.staged = staged
        self.steps = steps
        self.mode = mode
    }

    /// The steps of a mode, in order. A tile reads the models fitted before instead of
    /// fitting them, and leaves maps and report to `mosaic`.
    public static func steps(for mode: Mode) -> [AtlasStep] {
        let mapped: [AtlasStep] = [
            VegetationMapStep(), MAGTMapStep(), StabilityStep(), ThawIndexStep(), ALTBoreholeStep(), ActiveLayerStep(), GroundIceStep(),
            MiningStep(),
        ]
        switch mode {
        case .fitOnly: return [VegetationModelStep(), MAGTModelStep(fromVegetationMap: false)]
        case .tile: return mapped
        case .full:
            return [VegetationModelStep(), mapped[0], MAGTModelStep(fromVegetationMap: true)] + mapped.dropFirst() + [MapsAndReportStep()]
        }
    }

    /// Fits the vegetation and MAGT models into models/ (`--fit-only`).
    public func fitModels() throws -> (vegetation: ClassifierModelFile, magt: MAGTModelFile) {
        try finishing {
            try runSteps()
            return (try context.requireVegetationModel(), try context.requireMAGTModel())
        }
    }

    /// Runs every step; returns what report.json holds.
    public func run() throws -> AtlasReport {
        try finishing { try runAtlas() }
    }

    /// Runs `body` and then puts the output in place (over an earlier atlas only now that the
    /// new one is complete); a failure leaves the earlier atlas as it was. The folder's lock is
    /// released either way.
    private func finishing<T>(_ body: () throws -> T) throws -> T {
        defer { context.lock.release() }
        do {
            let result = try body()
            try staged.commit()
            return result
        } catch {
            staged.abandon()
            throw error
        }
    }

    private func runAtlas() throws -> AtlasReport {
        if case .tile(_, let models) = mode {
            for name in ["vegetation_rf", "magt"] { try FileCopy.atomically("\(models)/\(name).json", to: context.layout.model(name)) }
            let vegetation = try ClassifierModelFile.read(context.layout.model("vegetation_rf"))
            let magt = try MAGTModelFile.read(context.layout.model("magt"))
            (context.vegetationModel, context.magtModel) = (vegetation, magt)
            context.report.vegetation(vegetation)
            context.report.magt(magt)
        }
        try context.store.open()
        defer { context.store.close() }
        try runSteps()
        if context.tile != nil {
            // A tile's report holds its own areas and volumes; `mosaic` adds tiles up and draws the maps.
            context.report.stageSeconds = context.clock.seconds
            let atlas = try context.report.finish()
            try TextFileOutput.write(try JSONOutput.encode(atlas) + "\n", to: context.layout.reportJSON, overwrite: true)
            return atlas
        }
        guard let atlas = context.finishedReport else { throw AtlasError.failed(path: nil, reason: "the report step did not run") }
        return atlas
    }

    private func runSteps() throws {
        for step in steps {
            try context.clock.time(step.name) { try step.run(context) }
        }
    }
}

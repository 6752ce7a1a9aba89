import AtlasReporting
import AtlasCartography
import AtlasCore
import AtlasFoundation
import Foundation
import GeoRaster
import PermafrostKernels

/// The full atlas: every step of METHOD.md from the inputs of a configuration to the
/// pre-/post-mining products, differences and report, in the fixed folder layout.
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

    public struct Request: Sendable {
        public var configPath: String
        public var outDirectory: String
        public var threads: Int
        public var overwrite: Bool
        public var mode: Mode

        public init(configPath: String, outDirectory: String, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                    overwrite: Bool = false, mode: Mode = .full) {
            self.configPath = configPath
            self.outDirectory = outDirectory
            self.threads = threads
            self.overwrite = overwrite
            self.mode = mode
        }
    }

    let config: AtlasConfig
    let layout: AtlasLayout
    let options: OutputOptions
    let threads: Int
    let mode: Mode
    /// The DEM's grid: the whole atlas.
    let fullGrid: RasterGrid
    /// What this run computes: the whole grid, or one tile of it.
    let grid: RasterGrid
    let log: AtlasLog

    /// Validates the whole configuration and the output folder before any work.
    public init(_ request: Request, log: AtlasLog) throws {
        config = try AtlasConfig.load(request.configPath)
        layout = AtlasLayout(root: request.outDirectory)
        threads = request.threads
        mode = request.mode
        fullGrid = try RasterDataset(path: config.inputs.dem).grid()
        if case .tile(let tile, let models) = request.mode {
            let window = tile.window(of: fullGrid)
            guard window.height > 0 else {
                throw AtlasError.badParameter(.tile, reason: "\(tile.index)/\(tile.count): the grid has only \(fullGrid.height) rows; use fewer tiles")
            }
            grid = fullGrid.subgrid(window)
            for name in ["vegetation_rf", "magt"] where !FileManager.default.fileExists(atPath: "\(models)/\(name).json") {
                throw AtlasError.badFile(path: "\(models)/\(name).json", reason: "no such file; run \(.fitOnly) first and pass its models/ folder")
            }
        } else {
            grid = fullGrid
        }
        try Self.checkInputs(config)
        try layout.prepare(overwrite: request.overwrite)
        var options = config.output
        options.threads = request.threads
        // The folder check above already refused a non-empty folder without --overwrite.
        options.overwrite = true
        options.metadataPathBase = layout.root
        self.options = options
        self.log = log
    }

    /// Fits the vegetation and MAGT models into models/ (the MAGT fit classifies the
    /// boreholes' pixels itself, so no map is needed).
    public func fitModels() throws -> (vegetation: ClassifierModelFile, magt: MAGTModelFile) {
        let stages = AtlasStageClock(log: log, total: 2)
        let vegetation = try stages.time("vegetation model (random forest)") { try trainVegetation() }
        let magt = try stages.time("MAGT model (regression)") {
            var fit = MAGTStage.FitRequest(boreholes: config.inputs.boreholes, dem: config.inputs.dem, vegetation: nil,
                                           modelPath: layout.model("magt"), predictors: config.magtPredictors, overwrite: true)
            fit.vegetationClassifier = (layout.model("vegetation_rf"), config.inputs.landsat)
            fit.pathBase = layout.root
            return try MAGTStage.fit(fit)
        }
        return (vegetation, magt)
    }

    private func trainVegetation() throws -> ClassifierModelFile {
        var train = ClassifyStage.TrainRequest(bands: config.inputs.landsat, samples: config.inputs.vegetationSamples,
                                               modelPath: layout.model("vegetation_rf"), parameters: config.forest,
                                               threads: threads, overwrite: true)
        train.lonLat = config.inputs.samplesLonLat
        train.indices = config.spectralIndices
        train.bandRoles = config.bandRoles
        train.grid = fullGrid
        return try ClassifyStage.train(train)
    }

    /// Runs every stage and writes the report; returns what report.json holds.
    public func run() throws -> AtlasReport {
        var report = AtlasReportBuilder(config: config, layout: layout, grid: grid)
        let inputs = config.inputs
        let tile: TileLayout.Tile?
        if case .tile(let current, let models) = mode {
            tile = current
            try Self.copyAtomically("\(models)/vegetation_rf.json", to: layout.model("vegetation_rf"))
            try Self.copyAtomically("\(models)/magt.json", to: layout.model("magt"))
        } else {
            tile = nil
        }
        let stages = AtlasStageClock(log: log, total: tile == nil ? 10 : 8)
        // Later stages read the float products MAGT, thawing index and ALT from their working
        // GeoTIFFs (ZSTD, no predictor), kept in a hidden folder until the run ends: decoding
        // the COGs' DEFLATE with floating-point prediction costs several times more. Maps read
        // every product at full resolution unless the grid is at least twice their size (then
        // the COGs' overviews serve them); below that, all products keep their copies for them.
        let workingFolder = layout.root + "/.working"
        var keeping = options
        keeping.workingCopyFolder = workingFolder
        let mapsReadFullResolution = max(grid.width, grid.height) < 2 * MapRenderer.defaultMaxSize
        let others = mapsReadFullResolution ? keeping : options
        // Emptied first: a killed run's copies must never stand in for this run's products.
        try? FileManager.default.removeItem(atPath: workingFolder)
        try OutputFolder.create(workingFolder)
        defer { try? FileManager.default.removeItem(atPath: workingFolder) }
        func readable(_ path: String) -> String {
            guard let copy = keeping.workingCopy(of: path), FileManager.default.fileExists(atPath: copy) else { return path }
            return copy
        }

        let vegetationModel = try tile == nil
            ? stages.time("vegetation model (random forest)") { try trainVegetation() }
            : ClassifierModelFile.read(layout.model("vegetation_rf"))
        report.vegetation(vegetationModel)
        try stages.time("vegetation map") {
            var predict = ClassifyStage.PredictRequest(modelPath: layout.model("vegetation_rf"), bands: inputs.landsat,
                                                       out: layout.path(of: .preVegetation), probabilities: nil, options: others)
            predict.grid = grid
            let result = try ClassifyStage.predict(predict)
            report.product(.preVegetation, result.classes)
            report.warped(result.warped)
        }
        let magtModel = try tile == nil ? stages.time("MAGT model (regression)") {
            var fit = MAGTStage.FitRequest(boreholes: inputs.boreholes, dem: inputs.dem, vegetation: layout.path(of: .preVegetation),
                                           modelPath: layout.model("magt"), predictors: config.magtPredictors, overwrite: true)
            fit.pathBase = layout.root
            return try MAGTStage.fit(fit)
        } : MAGTModelFile.read(layout.model("magt"))
        report.magt(magtModel)
        try stages.time("MAGT map") {
            var predict = MAGTStage.PredictRequest(modelPath: layout.model("magt"), dem: inputs.dem, vegetation: layout.path(of: .preVegetation),
                                                   out: layout.path(of: .preMAGT), unseenVegetation: config.unseenVegetation, options: keeping)
            predict.grid = grid
            let result = try MAGTStage.predict(predict)
            report.product(.preMAGT, result.magt)
            report.warnings += result.warnings
        }
        try stages.time("permafrost and thermal stability") {
            let result = try StabilityStage.run(.init(magt: readable(layout.path(of: .preMAGT)), out: layout.path(of: .preStability),
                                                      permafrostOut: layout.path(of: .prePermafrost), thresholds: config.stabilityThresholds,
                                                      permafrostThreshold: config.permafrostThreshold, options: others))
            report.product(.preStability, result.stability)
            if let permafrost = result.permafrost { report.product(.prePermafrost, permafrost) }
        }
        try stages.time("thawing index") { try thawingIndex(&report, options: keeping) }
        try stages.time("active-layer thickness") {
            let result = try ActiveLayerStage.run(.init(thawingIndex: readable(layout.path(of: .preThawIndex)), soilTable: inputs.soil,
                                                        classes: layout.path(of: .preVegetation), out: layout.path(of: .preALT), magt: readable(layout.path(of: .preMAGT)),
                                                        formula: config.altFormula, permafrostThreshold: config.permafrostThreshold,
                                                        options: keeping))
            report.product(.preALT, result.activeLayerThickness)
        }
        let zones = try stages.time("ground ice") { () -> String in
            let zones = try zoneRaster()
            let result = try GroundIceStage.run(.init(activeLayerThickness: readable(layout.path(of: .preALT)), zones: zones, strataTable: inputs.strata,
                                                      out: layout.path(of: .preIce), depthLimit: config.iceDepth,
                                                      classOut: layout.path(of: .preIceClass), magt: readable(layout.path(of: .preMAGT)),
                                                      permafrostThreshold: config.permafrostThreshold, options: others))
            report.product(.preIce, result.iceVolume)
            if let classes = result.iceClass { report.product(.preIceClass, classes) }
            report.iceVolumes["pre"] = result.totalIceVolumeCubicKilometres
            report.warnings += result.warnings
            return zones
        }
        try stages.time("post-mining atlas and differences") {
            var request = MiningStage.Request(disturbance: inputs.miningDisturbance, typeField: inputs.miningField, miningTable: inputs.mining,
                                              magt: readable(layout.path(of: .preMAGT)), thawingIndex: readable(layout.path(of: .preThawIndex)),
                                              soilClasses: layout.path(of: .preVegetation), soilTable: inputs.soil, zones: zones,
                                              strataTable: inputs.strata, outDirectory: layout.root, depthLimit: config.iceDepth,
                                              formula: config.altFormula, thresholds: config.stabilityThresholds, options: others)
            request.permafrostThreshold = config.permafrostThreshold
            if let tile {
                let halo = MiningStage.haloPixels(try ParameterTables.mining(inputs.mining), grid: fullGrid)
                request.disturbanceGrid = fullGrid.subgrid(tile.window(of: fullGrid).expanded(by: halo).intersection(fullGrid.extent))
            }
            let result = try MiningStage.run(request)
            report.mining(result)
            let vegetation = try PostMiningVegetation.write(preVegetation: layout.path(of: .preVegetation), disturbance: result.disturbance,
                                                            labels: vegetationModel.model.classLabels, out: layout.path(of: .postVegetation),
                                                            grid: grid, options: others)
            report.product(.postVegetation, vegetation)
            try Self.copyAtomically(layout.path(of: .preThawIndex), to: layout.path(of: .postThawIndex))
            report.copyProduct(from: .preThawIndex, to: .postThawIndex)
        }
        if tile != nil {
            // A tile's report holds its own areas and volumes; `mosaic` adds tiles up and draws the maps.
            report.stageSeconds = stages.seconds
            let atlas = try report.finish()
            try TextFileOutput.write(try JSONOutput.encode(atlas) + "\n", to: layout.reportJSON, overwrite: true)
            return atlas
        }
        return try stages.time("check boreholes, maps and report") {
            if let check = inputs.checkBoreholes {
                let (rows, summaries) = try CheckBoreholeEvaluation.evaluate(check, layout: layout, grid: grid)
                report.checkBoreholes = rows
                report.checkSummary = summaries
            }
            let (maps, digests) = try layout.renderMaps(&report.products, threads: threads,
                                                        digesting: report.inputFiles().map(\.path), source: readable)
            report.stageSeconds = stages.seconds
            let atlas = try report.finish(digests: digests)
            try layout.writeReports(atlas, maps: maps)
            return atlas
        }
    }

    private func thawingIndex(_ report: inout AtlasReportBuilder, options: OutputOptions) throws {
        if let index = config.inputs.thawingIndex {
            let result = try ResampleStage.run(source: index, grid: grid, out: layout.path(of: .preThawIndex), description: AtlasProduct.preThawIndex.bandDescription,
                                               unit: AtlasProduct.preThawIndex.unit, options: options)
            report.product(.preThawIndex, result)
            return
        }
        var request = ThawIndexStage.Request(temperatures: config.inputs.temperature, thawingIndexPath: layout.path(of: .preThawIndex),
                                             kelvin: config.kelvin, year: config.year, options: options)
        request.grid = grid
        let result = try ThawIndexStage.run(request)
        report.product(.preThawIndex, result.thawingIndex, titleDetail: "air, \(result.series)")
        report.warped(result.warped)
    }

    /// The zone raster on the grid: the input itself, or its polygons burnt into aligned/zones.tif
    /// with codes 1...n in alphabetical order of the zone names (kept as category names).
    private func zoneRaster() throws -> String {
        let zones = config.inputs.zones
        guard PolygonRasterizer.isVector(zones) else { return zones }
        let names = try PolygonRasterizer.distinctValues(zones, attribute: config.inputs.zonesField).sorted()
        let codes = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0 + 1) })
        try PolygonRasterizer.rasterize(zones, attribute: config.inputs.zonesField, codes: codes, onto: grid,
                                        outputPath: layout.path(of: .zones),
                                        bandSpec: BandSpec(description: AtlasProduct.zones.bandDescription, unit: AtlasProduct.zones.unit, noData: 0,
                                                           categoryNames: ["nodata"] + names),
                                        overwrite: true)
        return layout.path(of: .zones)
    }

    /// What can be checked before any output exists: the DEM has data, and the soil, strata
    /// and mining tables are valid for the classes and zones the run will produce (vegetation
    /// codes follow the sorted sample labels; zone codes the sorted zone names).
    static func checkInputs(_ config: AtlasConfig) throws {
        let inputs = config.inputs
        try InputLayer(role: "DEM", raster: try AlignedRaster.align(inputs.dem, onto: try RasterDataset(path: inputs.dem).grid(),
                                                                    resampling: .bilinear)).requireValidPixels()
        let samples = try PointTable(path: inputs.vegetationSamples)
        let labels = ClassifyStage.sortedLabels(try samples.texts(column: "class"))
        _ = try ParameterTables.soil(inputs.soil, classes: ClassCodeResolver(rasterPath: inputs.vegetationSamples, categoryNames: ["nodata"] + labels),
                                     requireEdaphicFactor: config.altFormula == .empirical)
        let zoneNames = PolygonRasterizer.isVector(inputs.zones)
            ? ["nodata"] + (try PolygonRasterizer.distinctValues(inputs.zones, attribute: inputs.zonesField).sorted())
            : try RasterDataset(path: inputs.zones).band(1).categoryNames
        _ = try ParameterTables.strata(inputs.strata, zones: ClassCodeResolver(rasterPath: inputs.zones, categoryNames: zoneNames))
        _ = try ParameterTables.mining(inputs.mining)
    }

    static func copyAtomically(_ source: String, to target: String) throws {
        let output = try AtomicOutput(finalPath: target, overwrite: true)
        let temporary = output.temporaryPath()
        do {
            try FileManager.default.copyItem(atPath: source, toPath: temporary)
            if FileManager.default.fileExists(atPath: source + ".aux.xml") {
                try FileManager.default.copyItem(atPath: source + ".aux.xml", toPath: temporary + ".aux.xml")
            }
        } catch {
            AtomicOutput.remove(temporary)
            throw AtlasError.failed(path: target, reason: "cannot copy \(source): \(SystemError.reason(of: error))\(output.fullDiskNote)")
        }
        try output.commit(from: temporary)
    }
}

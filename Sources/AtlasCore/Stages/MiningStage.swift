import Foundation
import GeoRaster
import PermafrostKernels

/// The post-mining atlas and its differences from the pre-mining one (METHOD section 7):
/// disturbed pixels get the disturbance type's MAGT offset (decaying linearly over its
/// buffer), soil parameters and excavation; ALT, ground ice, stability and permafrost are
/// recomputed; pre and post are compared pixel by pixel.
public struct MiningStage {
    public struct Request: Sendable {
        /// The output grid; default: the finest input's (`OutputGrid.finest`).
        public var grid: RasterGrid?
        /// Polygons (any OGR vector, type in `typeField`) or a raster of codes 1 pit, 2 dump, 3 other.
        public var disturbance: String
        public var typeField: String
        public var miningTable: String
        public var magt: String
        public var thawingIndex: String
        public var soilClasses: String
        public var soilTable: String
        /// The soil, strata and mining tables already read (a run reads them once); read from
        /// their files when nil.
        public var tables: ParameterTables.Set?
        public var zones: String
        public var strataTable: String
        public var outDirectory: String
        public var depthLimit: Double
        public var formula: ActiveLayerModel.Formula
        public var thresholds: ThermalStabilityClass.Thresholds
        public var permafrostThreshold: Double = 0
        /// The grid polygons are burnt onto; default: the stage's grid. A tile passes its part of
        /// the whole grid grown by the buffer, so disturbances just outside it still act on it.
        public var disturbanceGrid: RasterGrid?
        public var options: OutputOptions
        /// Refuse an input band without one valid pixel (set for the user's own files; a tiled
        /// run's intermediate products may rightly be empty over a nodata tile).
        public var refuseEmptyInputs = false

        public init(
            disturbance: String, typeField: String = "type", miningTable: String, magt: String, thawingIndex: String,
            soilClasses: String, soilTable: String, zones: String, strataTable: String, outDirectory: String,
            depthLimit: Double = 10, formula: ActiveLayerModel.Formula = .stefan,
            thresholds: ThermalStabilityClass.Thresholds = .standard, options: OutputOptions
        ) {
            self.disturbance = disturbance
            self.typeField = typeField
            self.miningTable = miningTable
            self.magt = magt
            self.thawingIndex = thawingIndex
            self.soilClasses = soilClasses
            self.soilTable = soilTable
            self.zones = zones
            self.strataTable = strataTable
            self.outDirectory = outDirectory
            self.depthLimit = depthLimit
            self.formula = formula
            self.thresholds = thresholds
            self.options = options
        }
    }

    public struct TypeSummary: Encodable, Sendable {
        public let type: String
        public let zone: String
        public let areaSquareKilometres: Double
        public let meanMAGTChange: Double
        public let meanALTChange: Double
        public let iceVolumeChangeCubicMetres: Double
    }

    public struct Result: Encodable, Sendable {
        public let disturbance: String
        public let disturbanceWasRasterized: Bool
        public let iceVolumePreCubicKilometres: Double
        public let iceVolumePostCubicKilometres: Double
        /// Where the ice of the disturbed area (polygons and buffers) went, m^3.
        public let iceBudgetCubicMetres: GroundIceBudget
        public let permafrostTransition: TransitionTable
        public let stabilityTransition: TransitionTable
        public let perType: [TypeSummary]
        public let products: [String: ProductSummary]
    }

    public static func run(_ request: Request) throws -> Result {
        let grid = try request.grid ?? OutputGrid.finest([request.magt, request.thawingIndex, request.soilClasses, request.zones])
        let soil =
            try request.tables?.soil
            ?? ParameterTables.soil(
                request.soilTable, classes: try ClassCodeResolver(rasterPath: request.soilClasses),
                requireEdaphicFactor: request.formula == .empirical)
        let strata =
            try request.tables?.strata
            ?? ParameterTables.strata(request.strataTable, zones: try ClassCodeResolver(rasterPath: request.zones))
        let mining = try request.tables?.mining ?? ParameterTables.mining(request.miningTable)
        let activeLayer = try ActiveLayerModel(soilTable: soil, formula: request.formula, permafrostThreshold: request.permafrostThreshold)
        let groundIce = try ParameterTables.located(request.strataTable) {
            try GroundIceModel(strata: strata, depthLimit: request.depthLimit)
        }
        let model = PostMiningModel(
            disturbances: mining, activeLayer: activeLayer, groundIce: groundIce, stabilityThresholds: request.thresholds)

        let halo = try checkedHalo(mining, grid: grid, table: request.miningTable)
        let magt = try InputLayer.aligned("MAGT", path: request.magt, onto: grid, resampling: .bilinear)
        let thawingIndex = try InputLayer.aligned("thawing index", path: request.thawingIndex, onto: grid, resampling: .bilinear)
        let soilClasses = try InputLayer.aligned("classes", path: request.soilClasses, onto: grid, resampling: .nearest)
        let zones = try InputLayer.aligned("zones", path: request.zones, onto: grid, resampling: .nearest)
        for layer in [magt, thawingIndex, soilClasses, zones] where request.refuseEmptyInputs { try layer.requireValidPixels() }
        // The polygons' types too (a type no table row knows would fail the rasterizing).
        try checkDisturbance(request.disturbance, typeField: request.typeField)
        // Only now, with every table and input checked, does anything get written.
        let layout = MiningOutputLayout(root: request.outDirectory)
        try layout.createFolders()
        let (disturbancePath, rasterized) = try disturbanceRaster(request, grid: request.disturbanceGrid ?? grid, layout: layout)
        let inputs = MiningInputs(
            magt: magt, thawingIndex: thawingIndex, soilClasses: soilClasses, zones: zones,
            disturbance: try InputLayer.aligned("disturbance", path: disturbancePath, onto: grid, resampling: .nearest))
        let sinks = try MiningSinks(layout: layout, grid: grid, request: request)
        var tallies = try MiningTallies(grid: grid)

        let runner = BlockRunner(grid: grid, blockSize: request.options.blockSize, halo: halo, threads: request.options.threads)
        try runner.run(
            makeWorker: { try inputs.open() },
            compute: { readers, block in
                try MiningBlock(readers: readers, block: block, grid: grid, model: model, request: request)
            },
            consume: { block, result in
                try sinks.write(result, window: block.core)
                try tallies.add(result, window: block.core)
            })
        let products = try sinks.commit()
        return Result(
            disturbance: disturbancePath, disturbanceWasRasterized: rasterized,
            iceVolumePreCubicKilometres: tallies.iceBeforeCubicMetres / 1e9,
            iceVolumePostCubicKilometres: tallies.iceAfterCubicMetres / 1e9, iceBudgetCubicMetres: tallies.iceBudget,
            permafrostTransition: TransitionTable(legend: .permafrostPresence, areas: tallies.permafrostTransitionAreas),
            stabilityTransition: TransitionTable(legend: .thermalStability, areas: tallies.stabilityTransitionAreas),
            perType: tallies.entries.filter { $0.pixelCount > 0 }.map {
                TypeSummary(
                    type: $0.type.name, zone: $0.zone.rawValue, areaSquareKilometres: $0.areaSquareKilometres,
                    meanMAGTChange: $0.meanMAGTChange, meanALTChange: $0.meanALTChange,
                    iceVolumeChangeCubicMetres: $0.iceVolumeChangeCubicMetres)
            },
            products: products)
    }

    /// The most pixels a buffer may span: every block is read with this halo on each side, so
    /// memory grows with its square (a 10 km buffer on a 1 m grid would be 10,000).
    public static let largestHalo = 2048

    /// `haloPixels`, refused past `largestHalo` with the buffer and pixel size that made it.
    static func checkedHalo(_ mining: MiningParameterTable, grid: RasterGrid, table: String) throws -> Int {
        let halo = haloPixels(mining, grid: grid)
        guard halo <= largestHalo else {
            throw AtlasError.badFile(
                path: table,
                reason: """
                    a buffer_m of \(mining.maximumBufferMetres) m spans \(halo) pixels of \(grid.smallestGroundPixelSide) m; \
                    at most \(largestHalo) are read around every block: use a coarser grid or a narrower buffer
                    """)
        }
        return halo
    }

    /// How far (pixels) a disturbance acts beyond its polygon: the widest buffer of the table,
    /// over the smallest ground size of a pixel side on the grid.
    public static func haloPixels(_ mining: MiningParameterTable, grid: RasterGrid) -> Int {
        DisturbanceDistanceTransform.haloPixels(bufferMetres: mining.maximumBufferMetres, pixelSize: grid.smallestGroundPixelSide)
    }

    /// The codes of the disturbance types by the names a polygon's type attribute may hold.
    static let disturbanceCodes: [String: Int] = {
        var codes: [String: Int] = [:]
        for type in DisturbanceType.allCases {
            codes[type.name] = Int(type.rawValue)
            codes[String(type.rawValue)] = Int(type.rawValue)
        }
        for alias in ["pit", "open pit", "mine pit"] { codes[alias] = Int(DisturbanceType.pit.rawValue) }
        for alias in ["dump", "spoil", "spoil dump", "waste dump", "waste-rock dump"] { codes[alias] = Int(DisturbanceType.dump.rawValue) }
        for alias in ["other", "road", "plant"] { codes[alias] = Int(DisturbanceType.other.rawValue) }
        return codes
    }()

    /// Checks the disturbance input before any work: a raster, or polygons whose type
    /// attribute names a disturbance type on every feature.
    public static func checkDisturbance(_ path: String, typeField: String) throws {
        guard (try? RasterDataset(path: path)) == nil else { return }
        try PolygonRasterizer.checkCodes(path, attribute: typeField, codes: disturbanceCodes)
    }

    /// A disturbance raster on the grid: the given raster, or the polygons burnt into
    /// `disturbance.tif` of the output folder.
    static func disturbanceRaster(_ request: Request, grid: RasterGrid, layout: MiningOutputLayout) throws -> (String, Bool) {
        if (try? RasterDataset(path: request.disturbance)) != nil {
            return (request.disturbance, false)
        }
        try PolygonRasterizer.rasterize(
            request.disturbance, attribute: request.typeField, codes: disturbanceCodes, onto: grid,
            outputPath: layout.path(of: .disturbance),
            bandSpec: ClassLegend.disturbanceType.bandSpec(description: AtlasProduct.disturbance.bandDescription),
            format: request.options.format,
            metadata: request.options.provenance.metadata.merging(["PERMAFROST_ATLAS_STEP": AtlasProduct.Step.mining.rawValue]) { $1 },
            overwrite: request.options.overwrite)
        return (layout.path(of: .disturbance), true)
    }
}

/// Pre/post transitions as a table of areas (km^2), rows = before, columns = after.
public struct TransitionTable: Encodable, Sendable {
    public let classes: [String]
    public let areaSquareKilometres: [[Double]]

    /// `areas` (km^2) rows = before, columns = after, class 0 (nodata) first.
    init(legend: ClassLegend, areas: [[Double]]) {
        classes = ["nodata"] + (1..<areas.count).map { legend.name(of: UInt8($0)) ?? "\($0)" }
        areaSquareKilometres = areas
    }
}

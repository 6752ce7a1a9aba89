import AtlasFoundation
import Foundation
import GeoRaster
import PermafrostKernels

/// One step of a full run: what it reads of the run's products and what it writes, and the
/// work, over the run's shared context. `AtlasRun` runs the steps in METHOD's order, times
/// each, and the `ProductStore` keeps the working files of what later steps read.
public protocol AtlasStep {
    /// The stage line the run logs and times ("MAGT map").
    var name: String { get }
    /// Products of the run this step reads.
    var reads: [AtlasProduct] { get }
    /// Products this step writes.
    var writes: [AtlasProduct] { get }
    func run(_ context: AtlasRunContext) throws
}

/// What the steps of one run share: the configuration and its tables (read once, before
/// any work), the grid, the product store, the models in memory and the report being built.
public final class AtlasRunContext {
    public let config: AtlasConfig
    public let layout: AtlasLayout
    /// The DEM's grid: the whole atlas.
    public let fullGrid: RasterGrid
    /// What this run computes: the whole grid, or one tile of it.
    public let grid: RasterGrid
    public let tile: TileLayout.Tile?
    public let threads: Int
    /// The tables as read; the ALT calibration replaces the soil table's edaphic factors.
    public var tables: ParameterTables.Set
    /// The Stefan form ALT is mapped with: the configuration's, or the empirical form with
    /// calibrated factors.
    public var altFormula: ActiveLayerModel.Formula
    public let store: ProductStore
    /// The output folder's lock, held for the run and released when it ends.
    public let lock: OutputFolderLock
    /// Times the steps; their times go into the report.
    public let clock: AtlasStageClock
    public var report: AtlasReportBuilder
    /// The models, as trained or fitted in this run (or read once from a tile's models/).
    public var vegetationModel: ClassifierModelFile?
    public var magtModel: MAGTModelFile?
    /// The zone raster on the grid (the input, or its polygons burnt into aligned/zones.tif).
    public var zones: String?
    /// The report as written by the last step of a full run.
    public var finishedReport: AtlasReport?

    public init(
        config: AtlasConfig, layout: AtlasLayout, fullGrid: RasterGrid, grid: RasterGrid, tile: TileLayout.Tile?, threads: Int,
        tables: ParameterTables.Set, store: ProductStore, clock: AtlasStageClock, lock: OutputFolderLock
    ) {
        self.config = config
        self.layout = layout
        self.fullGrid = fullGrid
        self.grid = grid
        self.tile = tile
        self.threads = threads
        self.tables = tables
        altFormula = config.altFormula
        self.store = store
        self.clock = clock
        self.lock = lock
        report = AtlasReportBuilder(config: config, layout: layout, grid: grid)
    }

    /// Output options for a stage writing `products`.
    public func options(writing products: [AtlasProduct]) -> OutputOptions { store.options(writing: products) }

    /// The file to read a product of this run from.
    public func source(_ product: AtlasProduct) -> String { store.source(of: product) }

    /// The path a product of this run is written to.
    public func path(_ product: AtlasProduct) -> String { layout.path(of: product) }

    public func requireVegetationModel() throws -> ClassifierModelFile {
        guard let vegetationModel else { throw AtlasError.failed(path: nil, reason: "the vegetation model step did not run") }
        return vegetationModel
    }

    public func requireMAGTModel() throws -> MAGTModelFile {
        guard let magtModel else { throw AtlasError.failed(path: nil, reason: "the MAGT model step did not run") }
        return magtModel
    }
}

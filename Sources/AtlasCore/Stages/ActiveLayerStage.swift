import Foundation
import GeoRaster
import PermafrostKernels

/// Active-layer thickness by the Stefan equation from a thawing index and a soil table per
/// class (METHOD section 5).
public struct ActiveLayerStage {
    public struct Request: Sendable {
        /// The output grid; default: the finest input's (`OutputGrid.finest`).
        public var grid: RasterGrid?
        public var thawingIndex: String
        public var soilTable: String
        /// The soil table already read (a run reads it once); read from `soilTable` when nil.
        public var soil: SoilParameterTable?
        public var classes: String
        public var out: String
        /// With MAGT, ALT only where MAGT < permafrostThreshold (nodata elsewhere).
        public var magt: String?
        public var formula: ActiveLayerModel.Formula
        public var permafrostThreshold: Double
        public var options: OutputOptions
        /// Refuse an input band without one valid pixel (set for the user's own files; a tiled
        /// run's intermediate products may rightly be empty over a nodata tile).
        public var refuseEmptyInputs = false

        public init(
            thawingIndex: String, soilTable: String, classes: String, out: String, magt: String? = nil,
            formula: ActiveLayerModel.Formula = .stefan, permafrostThreshold: Double = 0, options: OutputOptions
        ) {
            self.thawingIndex = thawingIndex
            self.soilTable = soilTable
            self.classes = classes
            self.out = out
            self.magt = magt
            self.formula = formula
            self.permafrostThreshold = permafrostThreshold
            self.options = options
        }
    }

    public struct Result: Encodable, Sendable {
        public let formula: String
        public let mapped: String
        public let warped: [String]
        public let activeLayerThickness: ProductSummary
    }

    public static func run(_ request: Request) throws -> Result {
        let grid = try request.grid ?? OutputGrid.finest([request.thawingIndex, request.classes] + [request.magt].compactMap { $0 })
        let soil =
            try request.soil
            ?? ParameterTables.soil(
                request.soilTable, classes: ClassCodeResolver(rasterPath: request.classes),
                requireEdaphicFactor: request.formula == .empirical)
        let model = try ActiveLayerModel(soilTable: soil, formula: request.formula, permafrostThreshold: request.permafrostThreshold)
        let thaw = try InputLayer.aligned("thawing index", path: request.thawingIndex, onto: grid, resampling: .bilinear)
        let classes = try InputLayer.aligned("classes", path: request.classes, onto: grid, resampling: .nearest)
        let magt = try request.magt.map { try InputLayer.aligned("MAGT", path: $0, onto: grid, resampling: .bilinear) }
        for layer in [thaw, classes, magt].compactMap({ $0 }) where request.refuseEmptyInputs { try layer.requireValidPixels() }

        let sink = try ProductSink(
            .preALT, path: request.out, grid: grid,
            metadata: metadata(request, soil: soil), options: request.options)
        let runner = BlockRunner(grid: grid, blockSize: request.options.blockSize, threads: request.options.threads)
        try runner.run(
            makeWorker: { (try thaw.open(), try classes.open(), try magt?.open()) },
            compute: { readers, block in
                let codes = try readers.1.readClasses(block.core)
                return try located(request.classes) {
                    try model.activeLayerThickness(
                        thawingIndex: try readers.0.readValues(block.core), classCodes: codes,
                        magt: try readers.2?.readValues(block.core))
                }
            },
            consume: { block, thickness in
                try sink.write(thickness, window: block.core)
            })
        try sink.commit()
        return Result(
            formula: request.formula == .stefan ? "physical" : "empirical",
            mapped: request.magt == nil
                ? "seasonal thaw depth everywhere (no MAGT mask)" : "active layer where MAGT < \(request.permafrostThreshold) C",
            warped: [thaw, classes, magt].compactMap { $0 }.filter(\.raster.wasWarped).map(\.sourcePath),
            activeLayerThickness: sink.summary())
    }

    static func metadata(_ request: Request, soil: SoilParameterTable) -> [String: String] {
        var metadata = [
            "PERMAFROST_ATLAS_STEP": "alt",
            "ALT_FORM": request.formula == .stefan ? "physical" : "empirical",
            "FORMULA": request.formula == .stefan
                ? "ALT = sqrt(2 lambda_t n DDT 86400 / (L rho_d (w - w_u))), L = 334000 J/kg"
                : "ALT = E sqrt(n DDT)",
            "SOIL_TABLE": request.soilTable,
            "MAPPED": request.magt == nil
                ? "seasonal thaw depth (no MAGT mask)" : "active layer where MAGT < \(request.permafrostThreshold)",
        ]
        for entry in soil.classes {
            let p = entry.properties
            metadata["SOIL_CLASS_\(entry.code)"] =
                "\(entry.name): lambda_thawed=\(p.lambdaThawed) dry_density=\(p.dryDensity) "
                + "water_content=\(p.waterContent) unfrozen_water_content=\(p.unfrozenWaterContent) n_factor=\(p.nFactor)"
                + (p.edaphicFactor.map { " edaphic_factor=\($0)" } ?? "")
        }
        return metadata
    }

    /// A kernel's complaint about a raster's content names that raster.
    static func located<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as InvalidInputError {
            throw AtlasError.badFile(path: path, reason: "\(error.description)")
        }
    }
}

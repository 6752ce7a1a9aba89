import Foundation
import GeoRaster
import PermafrostKernels

/// The vegetation map: the forest applied to every pixel (pre/vegetation.tif).
public struct VegetationMapStep: AtlasStep {
    public let name = "vegetation map"
    public let reads: [AtlasProduct] = []
    public let writes: [AtlasProduct] = [.preVegetation]

    public init() {}

    public func run(_ context: AtlasRunContext) throws {
        var predict = ClassifyStage.PredictRequest(
            modelPath: context.layout.model("vegetation_rf"), bands: context.config.inputs.landsat,
            out: context.path(.preVegetation), probabilities: nil,
            options: context.options(writing: writes))
        predict.model = try context.requireVegetationModel()
        predict.grid = context.grid
        let result = try ClassifyStage.predict(predict)
        context.report.product(.preVegetation, result.classes)
        context.report.warped(result.warped)
    }
}

/// The MAGT map (pre/magt.tif).
public struct MAGTMapStep: AtlasStep {
    public let name = "MAGT map"
    public let reads: [AtlasProduct] = [.preVegetation]
    public let writes: [AtlasProduct] = [.preMAGT]

    public init() {}

    public func run(_ context: AtlasRunContext) throws {
        let config = context.config
        var predict = MAGTStage.PredictRequest(
            modelPath: context.layout.model("magt"), dem: config.inputs.dem,
            vegetation: context.source(.preVegetation), out: context.path(.preMAGT),
            unseenVegetation: config.unseenVegetation, options: context.options(writing: writes))
        predict.model = try context.requireMAGTModel()
        predict.computeEdges = config.computeEdges
        predict.grid = context.grid
        let result = try MAGTStage.predict(predict)
        context.report.product(.preMAGT, result.magt)
        context.report.warnings += result.warnings
    }
}

/// Permafrost presence and thermal stability from MAGT (pre/permafrost.tif, pre/stability.tif).
public struct StabilityStep: AtlasStep {
    public let name = "permafrost and thermal stability"
    public let reads: [AtlasProduct] = [.preMAGT]
    public let writes: [AtlasProduct] = [.preStability, .prePermafrost]

    public init() {}

    public func run(_ context: AtlasRunContext) throws {
        let config = context.config
        var request = StabilityStage.Request(
            magt: context.source(.preMAGT), out: context.path(.preStability),
            permafrostOut: context.path(.prePermafrost), thresholds: config.stabilityThresholds,
            permafrostThreshold: config.permafrostThreshold, options: context.options(writing: writes))
        request.grid = context.grid
        let result = try StabilityStage.run(request)
        context.report.product(.preStability, result.stability)
        if let permafrost = result.permafrost { context.report.product(.prePermafrost, permafrost) }
    }
}

/// The air thawing index from the temperature grids, or a thawing-index raster put onto the
/// grid (pre/thaw_index.tif).
public struct ThawIndexStep: AtlasStep {
    public let name = "thawing index"
    public let reads: [AtlasProduct] = []
    public let writes: [AtlasProduct] = [.preThawIndex]

    public init() {}

    public func run(_ context: AtlasRunContext) throws {
        let config = context.config
        let options = context.options(writing: writes)
        if let index = config.inputs.thawingIndex {
            let result = try ResampleStage.run(
                source: index, grid: context.grid, out: context.path(.preThawIndex),
                description: AtlasProduct.preThawIndex.bandDescription, unit: AtlasProduct.preThawIndex.unit,
                options: options)
            context.report.product(.preThawIndex, result)
            return
        }
        var request = ThawIndexStage.Request(
            temperatures: config.inputs.temperature, thawingIndexPath: context.path(.preThawIndex),
            kelvin: config.kelvin, year: config.year, options: options)
        request.grid = context.grid
        request.downscaling = config.downscaling
        let result = try ThawIndexStage.run(request)
        context.report.product(.preThawIndex, result.thawingIndex, titleDetail: "air, \(result.series)")
        context.report.warped(result.warped)
    }
}

/// Active-layer thickness by Stefan (or the empirical form) per vegetation class (pre/alt.tif).
public struct ActiveLayerStep: AtlasStep {
    public let name = "active-layer thickness"
    public let reads: [AtlasProduct] = [.preThawIndex, .preVegetation, .preMAGT]
    public let writes: [AtlasProduct] = [.preALT]

    public init() {}

    public func run(_ context: AtlasRunContext) throws {
        let config = context.config
        var request = ActiveLayerStage.Request(
            thawingIndex: context.source(.preThawIndex), soilTable: config.inputs.soil,
            classes: context.source(.preVegetation), out: context.path(.preALT),
            magt: context.source(.preMAGT), formula: context.altFormula,
            permafrostThreshold: config.permafrostThreshold, options: context.options(writing: writes))
        request.soil = context.tables.soil
        request.grid = context.grid
        let result = try ActiveLayerStage.run(request)
        context.report.product(.preALT, result.activeLayerThickness)
    }
}

/// Ground-ice volume to the depth limit and its class (pre/ice.tif, pre/ice_class.tif); zone
/// polygons are first burnt onto the grid (aligned/zones.tif).
public struct GroundIceStep: AtlasStep {
    public let name = "ground ice"
    public let reads: [AtlasProduct] = [.preALT, .preMAGT]
    public let writes: [AtlasProduct] = [.preIce, .preIceClass, .zones]

    public init() {}

    public func run(_ context: AtlasRunContext) throws {
        let config = context.config
        let zones = try zoneRaster(context)
        context.zones = zones
        var request = GroundIceStage.Request(
            activeLayerThickness: context.source(.preALT), zones: zones, strataTable: config.inputs.strata,
            out: context.path(.preIce), depthLimit: config.iceDepth, classOut: context.path(.preIceClass),
            magt: context.source(.preMAGT), permafrostThreshold: config.permafrostThreshold,
            options: context.options(writing: writes))
        request.strata = context.tables.strata
        request.grid = context.grid
        let result = try GroundIceStage.run(request)
        context.report.product(.preIce, result.iceVolume)
        if let classes = result.iceClass { context.report.product(.preIceClass, classes) }
        context.report.iceVolumes["pre"] = result.totalIceVolumeCubicKilometres
        context.report.warnings += result.warnings
    }

    /// The zone raster on the grid: the input itself, or its polygons burnt into
    /// aligned/zones.tif with codes 1...n in alphabetical order of the zone names (kept as
    /// category names).
    private func zoneRaster(_ context: AtlasRunContext) throws -> String {
        let inputs = context.config.inputs
        guard PolygonRasterizer.isVector(inputs.zones) else { return inputs.zones }
        let names = try PolygonRasterizer.distinctValues(inputs.zones, attribute: inputs.zonesField).sorted()
        let codes = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0 + 1) })
        let product = AtlasProduct.zones
        try PolygonRasterizer.rasterize(
            inputs.zones, attribute: inputs.zonesField, codes: codes, onto: context.grid,
            outputPath: context.path(product),
            bandSpec: ClassLegend.zones(names: names).bandSpec(description: product.bandDescription),
            format: context.config.output.format,
            metadata: context.options(writing: []).provenance.metadata.merging(["PERMAFROST_ATLAS_STEP": product.step.rawValue]) { $1 },
            overwrite: true)
        return context.path(product)
    }
}

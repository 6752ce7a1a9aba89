import AtlasFoundation
import Foundation
import GeoRaster
import PermafrostKernels

/// The atlas after mining: post-mining MAGT, ALT, ice, stability and permafrost with their
/// differences and transitions, the post-mining vegetation, and the thawing index carried
/// over (mining does not change the air).
public struct MiningStep: AtlasStep {
    public let name = "post-mining atlas and differences"
    public let reads: [AtlasProduct] = [.preMAGT, .preThawIndex, .preVegetation]
    public let writes: [AtlasProduct] = AtlasProduct.mining + [.postVegetation, .postThawIndex, .disturbance]

    public init() {}

    public func run(_ context: AtlasRunContext) throws {
        let config = context.config, inputs = config.inputs
        guard let zones = context.zones else { throw AtlasError.failed(path: nil, reason: "the ground-ice step did not run") }
        let options = context.options(writing: writes)
        var request = MiningStage.Request(
            disturbance: inputs.miningDisturbance, typeField: inputs.miningField, miningTable: inputs.mining,
            magt: context.source(.preMAGT), thawingIndex: context.source(.preThawIndex),
            soilClasses: context.source(.preVegetation), soilTable: inputs.soil, zones: zones,
            strataTable: inputs.strata, outDirectory: context.layout.root, depthLimit: config.iceDepth,
            formula: context.altFormula, thresholds: config.stabilityThresholds, options: options)
        request.permafrostThreshold = config.permafrostThreshold
        request.tables = context.tables
        request.grid = context.grid
        if let tile = context.tile {
            // A tile's disturbance reaches as far as the widest buffer beyond its rows.
            let fullGrid = context.fullGrid
            let halo = MiningStage.haloPixels(context.tables.mining, grid: fullGrid)
            request.disturbanceGrid = fullGrid.subgrid(tile.window(of: fullGrid).expanded(by: halo).intersection(fullGrid.extent))
        }
        let result = try MiningStage.run(request)
        context.report.mining(result)
        let vegetation = try PostMiningVegetation.write(
            preVegetation: context.source(.preVegetation), disturbance: result.disturbance,
            labels: try context.requireVegetationModel().model.classLabels,
            out: context.path(.postVegetation), grid: context.grid, options: options)
        context.report.product(.postVegetation, vegetation)
        try FileCopy.atomically(context.path(.preThawIndex), to: context.path(.postThawIndex))
        context.report.copyProduct(from: .preThawIndex, to: .postThawIndex)
    }
}

import AtlasFoundation
import Foundation
import GeoRaster
import PermafrostKernels

/// Where the mining step writes: `disturbance.tif`, `post/` and `diff/` under one folder
/// (the atlas layout of `run`).
struct MiningOutputLayout {
    let root: String

    func path(of product: AtlasProduct) -> String { root + "/" + product.path }

    func createFolders() throws {
        for folder in [root, root + "/post", root + "/diff"] {
            try OutputFolder.create(folder)
        }
    }
}

/// The mining step's inputs on the reference grid.
struct MiningInputs: Sendable {
    let magt: InputLayer
    let thawingIndex: InputLayer
    let soilClasses: InputLayer
    let zones: InputLayer
    let disturbance: InputLayer

    func open() throws -> MiningReaders {
        MiningReaders(
            magt: try magt.open(), thawingIndex: try thawingIndex.open(), soilClasses: try soilClasses.open(),
            zones: try zones.open(), disturbance: try disturbance.open())
    }
}

struct MiningReaders {
    let magt: LayerReader
    let thawingIndex: LayerReader
    let soilClasses: LayerReader
    let zones: LayerReader
    let disturbance: LayerReader
}

/// Pre- and post-mining products of one block and their differences.
struct MiningBlock {
    let post: PostMiningModel.Block
    let preIceVolume: [Float]
    let prePermafrost: [UInt8]
    let preStability: [UInt8]
    let magtChange: [Float]
    let altChange: [Float]
    let iceChange: [Float]
    /// Where the block's ice went, summed per row (m^3/m^2 summed over the row's pixels).
    let iceBudgetByRow: [GroundIceBudget]

    init(readers: MiningReaders, block: RasterBlock, grid: RasterGrid, model: PostMiningModel, request: MiningStage.Request) throws {
        let core = block.core
        let magt = try readers.magt.readValues(core)
        let thawingIndex = try readers.thawingIndex.readValues(core)
        let soilClasses = try readers.soilClasses.readClasses(core)
        let zones = try readers.zones.readClasses(core)
        // Distances need the disturbances around the block too: read the halo, keep the core.
        let padded = block.padded
        let types = try readers.disturbance.readClasses(padded)
        // Ground sizes (m) at the block's middle row: a geographic pixel's width shrinks with
        // latitude by under 0.1 % across a 512-row block at Muli's latitude.
        let pixel = grid.groundPixelSize(atRow: core.row + core.height / 2)
        let proximity = try DisturbanceDistanceTransform.nearestDisturbance(
            types: types, width: padded.width, height: padded.height, pixelWidth: pixel.width, pixelHeight: pixel.height)
        let distance = proximity.distanceMetres.cropped(from: padded, to: core)
        let nearest = proximity.nearestType.cropped(from: padded, to: core)

        post = try model.postMining(
            .init(
                magt: magt, thawingIndex: thawingIndex, soilClasses: soilClasses, zones: zones,
                distanceMetres: distance, nearestType: nearest))
        let preALT = try model.activeLayer.activeLayerThickness(thawingIndex: thawingIndex, classCodes: soilClasses, magt: magt)
        preIceVolume = try model.groundIce.groundIce(activeLayerThickness: preALT, zones: zones).iceVolume
        prePermafrost = PermafrostPresence.classCodes(magt: magt, threshold: model.activeLayer.permafrostThreshold)
        preStability = ThermalStabilityClass.classCodes(
            magt: magt, thresholds: model.stabilityThresholds, permafrostThreshold: model.activeLayer.permafrostThreshold)
        magtChange = try PostMiningDifference.change(pre: magt, post: post.magt)
        altChange = try PostMiningDifference.change(pre: preALT, post: post.activeLayerThickness)
        iceChange = try PostMiningDifference.iceVolumeChange(
            pre: preIceVolume, post: post.iceVolume,
            prePermafrost: prePermafrost, postPermafrost: post.permafrost)
        var budgets: [GroundIceBudget] = []
        for row in 0..<core.height {
            var sum = GroundIceBudget()
            // Beyond every disturbance and its buffer nothing changes: the budget is of the disturbed area.
            for pixel in (row * core.width)..<((row + 1) * core.width) where post.disturbanceType[pixel] != 0 {
                sum =
                    sum
                    + (try model.groundIce.budget(
                        zone: zones[pixel], activeLayerBefore: Double(preALT[pixel]),
                        activeLayerAfter: Double(post.activeLayerThickness[pixel]),
                        surfaceLowering: Double(post.surfaceLowering[pixel]), spoilIceContent: Double(post.spoilIceContent[pixel])))
            }
            budgets.append(sum)
        }
        iceBudgetByRow = budgets
    }

    /// Transition codes before x 10 + after (11 ... 66), 0 where either side is nodata.
    static func transitionCodes(before: [UInt8], after: [UInt8]) -> [UInt8] {
        zip(before, after).map { $0 == 0 || $1 == 0 ? 0 : $0 * 10 + $1 }
    }
}

/// The rasters the mining step writes (`AtlasProduct.mining`).
struct MiningSinks {
    let sinks: [(AtlasProduct, ProductSink)]
    let threads: Int

    init(layout: MiningOutputLayout, grid: RasterGrid, request: MiningStage.Request) throws {
        threads = request.options.threads
        let metadata = [
            "PERMAFROST_ATLAS_STEP": "mining", "MINING_TABLE": request.miningTable, "DISTURBANCE": request.disturbance,
            "DEPTH_LIMIT_M": String(request.depthLimit),
        ]
        sinks = try AtlasProduct.mining.map {
            ($0, try ProductSink($0, path: layout.path(of: $0), grid: grid, metadata: metadata, options: request.options))
        }
    }

    func write(_ block: MiningBlock, window: RasterWindow) throws {
        let post = block.post
        let floats: [AtlasProduct: [Float]] = [
            .postMAGT: post.magt, .postALT: post.activeLayerThickness, .postIce: post.iceVolume,
            .diffMAGT: block.magtChange, .diffALT: block.altChange, .diffIce: block.iceChange,
        ]
        let codes: [AtlasProduct: [UInt8]] = [
            .postIceClass: post.iceClass, .postStability: post.stability, .postPermafrost: post.permafrost,
            .permafrostTransition: MiningBlock.transitionCodes(before: block.prePermafrost, after: post.permafrost),
            .stabilityTransition: MiningBlock.transitionCodes(before: block.preStability, after: post.stability),
        ]
        for (product, sink) in sinks {
            if let values = floats[product] {
                try sink.write(values, window: window)
            } else if let values = codes[product] {
                try sink.write(values, window: window)
            }
        }
    }

    /// Summaries by the product's path without ".tif" ("post/magt"), as `mining --json` reports them.
    func commit() throws -> [String: ProductSummary] {
        try ProductSink.commitAll(sinks.map(\.1), threads: threads)
        var summaries: [String: ProductSummary] = [:]
        for (product, sink) in sinks { summaries[String(product.path.dropLast(".tif".count))] = sink.summary() }
        return summaries
    }
}

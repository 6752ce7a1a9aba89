import AtlasFoundation
import Foundation
import GeoRaster
import PermafrostKernels

/// Where the mining step writes: `disturbance.tif`, `post/` and `diff/` under one folder
/// (the atlas layout of `run`).
struct MiningOutputLayout {
    let root: String

    var disturbance: String { root + "/disturbance.tif" }
    func post(_ name: String) -> String { root + "/post/\(name).tif" }
    func diff(_ name: String) -> String { root + "/diff/\(name).tif" }

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
        MiningReaders(magt: try magt.open(), thawingIndex: try thawingIndex.open(), soilClasses: try soilClasses.open(),
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

    init(readers: MiningReaders, block: RasterBlock, grid: RasterGrid, model: PostMiningModel, request: MiningStage.Request) throws {
        let core = block.core
        let magt = try readers.magt.readValues(core)
        let thawingIndex = try readers.thawingIndex.readValues(core)
        let soilClasses = try readers.soilClasses.readClasses(core)
        let zones = try readers.zones.readClasses(core)
        // Distances need the disturbances around the block too: read the halo, keep the core.
        let padded = block.padded
        let types = try readers.disturbance.readClasses(padded)
        let proximity = try DisturbanceDistanceTransform.nearestDisturbance(
            types: types, width: padded.width, height: padded.height,
            pixelWidth: abs(grid.geoTransform.pixelWidth), pixelHeight: abs(grid.geoTransform.pixelHeight))
        let distance = proximity.distanceMetres.cropped(from: padded, to: core)
        let nearest = proximity.nearestType.cropped(from: padded, to: core)

        post = try model.postMining(.init(magt: magt, thawingIndex: thawingIndex, soilClasses: soilClasses, zones: zones,
                                          distanceMetres: distance, nearestType: nearest))
        let preALT = try model.activeLayer.activeLayerThickness(thawingIndex: thawingIndex, classCodes: soilClasses, magt: magt)
        preIceVolume = try model.groundIce.groundIce(activeLayerThickness: preALT, zones: zones).iceVolume
        prePermafrost = PermafrostPresence.classCodes(magt: magt, threshold: model.activeLayer.permafrostThreshold)
        preStability = ThermalStabilityClass.classCodes(magt: magt, thresholds: model.stabilityThresholds)
        magtChange = try PostMiningDifference.change(pre: magt, post: post.magt)
        altChange = try PostMiningDifference.change(pre: preALT, post: post.activeLayerThickness)
        iceChange = try PostMiningDifference.iceVolumeChange(pre: preIceVolume, post: post.iceVolume,
                                                             prePermafrost: prePermafrost, postPermafrost: post.permafrost)
    }

    /// Transition codes before x 10 + after (11 ... 66), 0 where either side is nodata.
    static func transitionCodes(before: [UInt8], after: [UInt8]) -> [UInt8] {
        zip(before, after).map { $0 == 0 || $1 == 0 ? 0 : $0 * 10 + $1 }
    }
}

/// The rasters the mining step writes.
struct MiningSinks {
    let products: [(String, ProductSink)]
    let threads: Int

    init(layout: MiningOutputLayout, grid: RasterGrid, request: MiningStage.Request) throws {
        let options = request.options
        threads = options.threads
        let metadata = ["PERMAFROST_ATLAS_STEP": "mining", "MINING_TABLE": request.miningTable, "DISTURBANCE": request.disturbance,
                        "DEPTH_LIMIT_M": String(request.depthLimit)]
        func float(_ path: String, _ description: String, _ unit: String) throws -> ProductSink {
            try ProductSink(path: path, grid: grid, description: description, unit: unit, metadata: metadata, options: options)
        }
        func classes(_ path: String, _ description: String, _ legend: ClassLegend) throws -> ProductSink {
            try ProductSink(path: path, grid: grid, description: description, legend: legend, metadata: metadata, options: options)
        }
        products = [
            ("post/magt", try float(layout.post("magt"), "post-mining MAGT", "degC")),
            ("post/alt", try float(layout.post("alt"), "post-mining active-layer thickness", "m")),
            ("post/ice", try float(layout.post("ice"), "post-mining ground-ice volume per unit area", "m3/m2")),
            ("post/ice_class", try classes(layout.post("ice_class"), "post-mining ground-ice class", GroundIceStage.iceClassLegend)),
            ("post/stability", try classes(layout.post("stability"), "post-mining thermal stability", StabilityStage.stabilityLegend)),
            ("post/permafrost", try classes(layout.post("permafrost"), "post-mining permafrost presence", StabilityStage.permafrostLegend)),
            ("diff/magt", try float(layout.diff("magt"), "MAGT change, post - pre", "degC")),
            ("diff/alt", try float(layout.diff("alt"), "ALT change, post - pre", "m")),
            ("diff/ice", try float(layout.diff("ice"), "ground-ice volume change, post - pre", "m3/m2")),
            ("diff/permafrost_transition", try classes(layout.diff("permafrost_transition"), "permafrost presence, pre x 10 + post",
                                                       StabilityStage.permafrostLegend.transitions())),
            ("diff/stability_transition", try classes(layout.diff("stability_transition"), "thermal stability, pre x 10 + post",
                                                      StabilityStage.stabilityLegend.transitions())),
        ]
    }

    func write(_ block: MiningBlock, window: RasterWindow) throws {
        let post = block.post
        let floats: [String: [Float]] = ["post/magt": post.magt, "post/alt": post.activeLayerThickness, "post/ice": post.iceVolume,
                                         "diff/magt": block.magtChange, "diff/alt": block.altChange, "diff/ice": block.iceChange]
        let codes: [String: [UInt8]] = [
            "post/ice_class": post.iceClass, "post/stability": post.stability, "post/permafrost": post.permafrost,
            "diff/permafrost_transition": MiningBlock.transitionCodes(before: block.prePermafrost, after: post.permafrost),
            "diff/stability_transition": MiningBlock.transitionCodes(before: block.preStability, after: post.stability),
        ]
        for (name, sink) in products {
            if let values = floats[name] {
                try sink.write(values, window: window)
            } else if let values = codes[name] {
                try sink.write(values, window: window)
            }
        }
    }

    func commit(pixelArea: Double) throws -> [String: ProductSummary] {
        try ProductSink.commitAll(products.map(\.1), threads: threads)
        var summaries: [String: ProductSummary] = [:]
        for (name, sink) in products { summaries[name] = sink.summary(pixelArea: pixelArea) }
        return summaries
    }
}

extension ClassLegend {
    /// The legend of a transition map: code before x 10 + after, named "before -> after";
    /// unchanged pixels grey, changed ones in the colour of the class they became.
    func transitions() -> ClassLegend {
        var entries: [(code: UInt8, name: String, color: (red: UInt8, green: UInt8, blue: UInt8))] = []
        for before in self.entries {
            for after in self.entries {
                let color = before.code == after.code ? (red: UInt8(200), green: UInt8(200), blue: UInt8(200))
                    : (red: after.color.red, green: after.color.green, blue: after.color.blue)
                entries.append((before.code * 10 + after.code, "\(before.name) -> \(after.name)", color))
            }
        }
        return ClassLegend(entries)
    }
}

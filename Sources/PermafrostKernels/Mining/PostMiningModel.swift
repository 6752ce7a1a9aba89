/// The post-mining atlas of a block: pre-mining MAGT adjusted near disturbances, then ALT,
/// ground ice, thermal stability and permafrost presence recomputed from it.
///
/// Per pixel, with t the type of the nearest disturbance and dist the distance to it:
/// - w = 1 inside a disturbed polygon (dist 0), 1 - dist/buffer_t in its influence zone, 0 beyond;
///   MAGT_post = MAGT_pre + offset_t * w.
/// - ALT inside a disturbed pixel: physical Stefan form with the type's soil parameters;
///   elsewhere: the pre-mining model with the pixel's soil class. Either way kept only where
///   MAGT_post is below the permafrost threshold, so permafrost lost or gained in the
///   influence zone is re-masked.
/// - Ice: from the post-mining ALT, with the surface lowered by the type's excavation depth
///   (raised by its dump thickness) inside disturbed pixels only, counted on the original
///   ground's column (`GroundIceModel`): ice buried under a dump stays while it stays frozen.
/// Only the nearest disturbance acts on a pixel; overlapping influence zones are not added.
public struct PostMiningModel: Sendable {
    public let disturbances: MiningParameterTable
    public let activeLayer: ActiveLayerModel
    public let groundIce: GroundIceModel
    public let stabilityThresholds: ThermalStabilityClass.Thresholds

    /// Per-pixel inputs of a block, all of one length.
    public struct Inputs: Sendable {
        /// Pre-mining MAGT (C).
        public var magt: [Float]
        /// Air thawing index (C day).
        public var thawingIndex: [Float]
        /// Soil class codes of `activeLayer.soilTable` (0 = nodata).
        public var soilClasses: [UInt8]
        /// Ground-ice zone codes (0 = nodata).
        public var zones: [UInt8]
        /// From `DisturbanceDistanceTransform`: distance (m) to and type of the nearest disturbance.
        public var distanceMetres: [Float]
        public var nearestType: [UInt8]

        public init(
            magt: [Float], thawingIndex: [Float], soilClasses: [UInt8], zones: [UInt8],
            distanceMetres: [Float], nearestType: [UInt8]
        ) {
            self.magt = magt
            self.thawingIndex = thawingIndex
            self.soilClasses = soilClasses
            self.zones = zones
            self.distanceMetres = distanceMetres
            self.nearestType = nearestType
        }
    }

    public struct Block: Sendable, Equatable {
        public var magt: [Float]
        public var activeLayerThickness: [Float]
        public var iceVolume: [Float]
        public var meanIceContent: [Float]
        public var iceClass: [UInt8]
        public var stability: [UInt8]
        public var permafrost: [UInt8]
        /// Disturbance type acting on the pixel (w > 0), 0 for none.
        public var disturbanceType: [UInt8]
        /// Influence weight w: 1 inside a disturbed polygon, between 0 and 1 in its buffer.
        public var influenceWeight: [Float]
        /// Surface lowering (m; negative under a dump) and spoil ice content of each pixel,
        /// for the ice budget (`GroundIceModel.budget`).
        public var surfaceLowering: [Float]
        public var spoilIceContent: [Float]
    }

    public init(
        disturbances: MiningParameterTable, activeLayer: ActiveLayerModel, groundIce: GroundIceModel,
        stabilityThresholds: ThermalStabilityClass.Thresholds = .standard
    ) {
        self.disturbances = disturbances
        self.activeLayer = activeLayer
        self.groundIce = groundIce
        self.stabilityThresholds = stabilityThresholds
    }

    public func postMining(_ inputs: Inputs) throws(MiningError) -> Block {
        let pixelCount = inputs.magt.count
        let lengths = [
            ("thawing index", inputs.thawingIndex.count), ("soil class", inputs.soilClasses.count),
            ("zone", inputs.zones.count), ("distance", inputs.distanceMetres.count),
            ("nearest type", inputs.nearestType.count),
        ]
        for (name, count) in lengths where count != pixelCount {
            throw .bufferLengthMismatch(buffer: name, count: count, expected: pixelCount)
        }

        var magt = [Float](repeating: .nan, count: pixelCount)
        var thickness = [Float](repeating: .nan, count: pixelCount)
        var lowering = [Float](repeating: 0, count: pixelCount)
        var spoilIce = [Float](repeating: 0, count: pixelCount)
        var disturbanceType = [UInt8](repeating: 0, count: pixelCount)
        var weight = [Float](repeating: 0, count: pixelCount)
        for pixel in 0..<pixelCount {
            var row: MiningDisturbanceParameters?
            var w = 0.0
            let code = inputs.nearestType[pixel]
            if code != 0 {
                let parameters = try disturbances.parameters(forCode: code)
                w = MiningParameterTable.influenceWeight(
                    distanceMetres: Double(inputs.distanceMetres[pixel]),
                    bufferMetres: parameters.bufferMetres)
                if w > 0 { row = parameters }
            }
            let adjusted = Float(Double(inputs.magt[pixel]) + (row?.magtOffset ?? 0) * w)
            magt[pixel] = adjusted
            disturbanceType[pixel] = row == nil ? 0 : code
            weight[pixel] = Float(w)

            let insideDisturbance = row != nil && inputs.distanceMetres[pixel] <= 0
            let depth: Double
            if let row, insideDisturbance {
                depth = ActiveLayerModel.stefanThickness(thawingIndex: Double(inputs.thawingIndex[pixel]), properties: row.soil)
                lowering[pixel] = Float(row.surfaceLowering)
                spoilIce[pixel] = Float(row.spoilIceContent)
            } else {
                let soilClass = inputs.soilClasses[pixel]
                guard soilClass != 0 else { continue }
                guard let classDepth = activeLayer.thawDepth(thawingIndex: inputs.thawingIndex[pixel], classCode: soilClass) else {
                    throw .soil(.unknownClassCode(soilClass))
                }
                depth = classDepth
            }
            if activeLayer.isPermafrost(magt: adjusted) {
                thickness[pixel] = Float(depth)
            }
        }

        let ice: GroundIceModel.Block
        do {
            ice = try groundIce.groundIce(
                activeLayerThickness: thickness, zones: inputs.zones, surfaceLowering: .perPixel(lowering), spoilIceContent: spoilIce)
        } catch {
            throw .groundIce(error)
        }
        return Block(
            magt: magt, activeLayerThickness: thickness, iceVolume: ice.iceVolume, meanIceContent: ice.meanIceContent,
            iceClass: ice.iceClass,
            stability: ThermalStabilityClass.classCodes(
                magt: magt, thresholds: stabilityThresholds, permafrostThreshold: activeLayer.permafrostThreshold),
            permafrost: PermafrostPresence.classCodes(magt: magt, threshold: activeLayer.permafrostThreshold),
            disturbanceType: disturbanceType, influenceWeight: weight, surfaceLowering: lowering, spoilIceContent: spoilIce)
    }
}

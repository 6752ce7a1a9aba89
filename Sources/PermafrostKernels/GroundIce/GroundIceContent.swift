/// Ground ice between the permafrost table and the depth limit D (default 10 m) of the
/// original ground, the column the strata were logged in.
///
/// ice (m^3/m^2) = sum over layers of overlap([top, bottom], [window top, D]) * iceContent;
/// mean content = ice of the original ground / (D - window top), NaN when the window is empty.
/// Depth ranges no layer covers count as ice-free (see `gaps`).
///
/// Mining moves the surface by d (m; `surfaceLowering`), and depths stay those of the
/// original ground, so that before and after count the same material:
/// - a pit (d > 0) removes [0, d]; the ground thaws to ALT below the pit floor, so the window
///   is [d + ALT, D];
/// - a dump of thickness H (d = -H) buries the original ground, which stays frozen below
///   ALT - H: the window is [max(ALT - H, 0), D], plus the frozen part of the spoil itself,
///   (H - ALT) x its ice content (0 by default).
/// Ice below D of the original ground never counts, in a pit as elsewhere.
public struct GroundIceModel: Sendable {
    public let strata: GroundIceStrataTable
    /// D: depth (m) below the current surface down to which ice is counted.
    public let depthLimit: Double
    public let classThresholds: IceContentClass.Thresholds

    /// How far the ground surface has been lowered (m) relative to the one the strata were logged from.
    public enum SurfaceLowering: Sendable {
        case none
        case uniform(Double)
        /// One value per pixel of the block; NaN gives nodata.
        case perPixel([Float])
    }

    /// Ground-ice products of a block.
    public struct Block: Sendable, Equatable {
        /// Ice volume per unit area (m^3/m^2); NaN where ALT or the zone is nodata (incl. no permafrost).
        public var iceVolume: [Float]
        /// Mean volumetric ice content over [ALT, D]; NaN also where ALT >= D.
        public var meanIceContent: [Float]
        /// `IceContentClass` codes 1...5, 0 where the mean content is NaN.
        public var iceClass: [UInt8]
    }

    public init(
        strata: GroundIceStrataTable, depthLimit: Double = 10,
        classThresholds: IceContentClass.Thresholds = .standard
    ) throws(GroundIceError) {
        guard depthLimit.isFinite, depthLimit > 0 else { throw .invalidDepthLimit(depthLimit) }
        self.strata = strata
        self.depthLimit = depthLimit
        self.classThresholds = classThresholds
    }

    /// Depth ranges of each zone in [0, D] that no layer covers (warnings for the report).
    public var gaps: [GroundIceStrataGap] {
        strata.gaps(toDepth: depthLimit)
    }

    /// Ice volume (m^3/m^2) and mean volumetric content of one pixel.
    public func groundIce(
        zone: UInt8, activeLayerThickness: Double,
        surfaceLowering: Double = 0, spoilIceContent: Double = 0
    ) throws(GroundIceError) -> (iceVolume: Double, meanIceContent: Double) {
        guard zone != 0 else { return (.nan, .nan) }
        guard let layers = strata.layersByZone[Int(zone)] else { throw .unknownZone(zone) }
        return groundIce(
            layers: layers, activeLayerThickness: activeLayerThickness, surfaceLowering: surfaceLowering, spoilIceContent: spoilIceContent)
    }

    /// Ground ice of a block: ALT (m, NaN = no permafrost or nodata) and zone codes (0 = nodata).
    /// Throws when a zone code of the block is not in the strata table.
    public func groundIce(
        activeLayerThickness: [Float], zones: [UInt8],
        surfaceLowering: SurfaceLowering = .none, spoilIceContent: [Float]? = nil
    ) throws(GroundIceError) -> Block {
        let pixelCount = activeLayerThickness.count
        guard zones.count == pixelCount else {
            throw .bufferLengthMismatch(buffer: "zone", count: zones.count, expected: pixelCount)
        }
        if case .perPixel(let lowering) = surfaceLowering, lowering.count != pixelCount {
            throw .bufferLengthMismatch(buffer: "surface lowering", count: lowering.count, expected: pixelCount)
        }
        var block = Block(
            iceVolume: Array(repeating: .nan, count: pixelCount),
            meanIceContent: Array(repeating: .nan, count: pixelCount),
            iceClass: Array(repeating: 0, count: pixelCount))
        for pixel in 0..<pixelCount {
            let zone = zones[pixel]
            guard zone != 0 else { continue }
            // Checked on every zoned pixel, so a missing zone fails whatever the permafrost pattern.
            guard let layers = strata.layersByZone[Int(zone)] else { throw .unknownZone(zone) }
            let lowering: Double =
                switch surfaceLowering {
                case .none: 0
                case .uniform(let depth): depth
                case .perPixel(let depths): Double(depths[pixel])
                }
            let ice = groundIce(
                layers: layers, activeLayerThickness: Double(activeLayerThickness[pixel]),
                surfaceLowering: lowering, spoilIceContent: spoilIceContent.map { Double($0[pixel]) } ?? 0)
            let meanContent = Float(ice.meanIceContent)
            block.iceVolume[pixel] = Float(ice.iceVolume)
            block.meanIceContent[pixel] = meanContent
            block.iceClass[pixel] = IceContentClass.classify(meanIceContent: meanContent, thresholds: classThresholds)?.rawValue ?? 0
        }
        return block
    }

    /// Total ice (m^3) of a block's ice-volume raster; NaN pixels add nothing.
    /// Sum blocks in a fixed order for a thread-count independent total.
    public static func totalIceVolume(iceVolume: [Float], pixelAreaSquareMetres: Double) -> Double {
        var total = 0.0
        for value in iceVolume where !value.isNaN {
            total += Double(value)
        }
        return total * pixelAreaSquareMetres
    }

    private func groundIce(
        layers: [GroundIceStrataTable.Layer], activeLayerThickness: Double,
        surfaceLowering: Double, spoilIceContent: Double = 0
    ) -> (iceVolume: Double, meanIceContent: Double) {
        guard !activeLayerThickness.isNaN, !surfaceLowering.isNaN else { return (.nan, .nan) }
        let top = Self.frozenTop(activeLayerThickness: activeLayerThickness, surfaceLowering: surfaceLowering)
        let ice = Self.ice(layers, from: top, to: depthLimit)
        let spoil = surfaceLowering < 0 ? spoilIceContent * max(0, -surfaceLowering - max(activeLayerThickness, 0)) : 0
        let meanContent = top < depthLimit ? ice / (depthLimit - top) : .nan
        return (ice + spoil, meanContent)
    }

    /// Depth below the original surface from which its ground is frozen: ALT below the pit
    /// floor, ALT minus the dump's thickness (at least 0) under a dump.
    static func frozenTop(activeLayerThickness: Double, surfaceLowering: Double) -> Double {
        let thickness = max(activeLayerThickness, 0)
        return surfaceLowering >= 0 ? surfaceLowering + thickness : max(thickness + surfaceLowering, 0)
    }

    /// Ice (m^3/m^2) of the layers between two depths of the original ground.
    static func ice(_ layers: [GroundIceStrataTable.Layer], from top: Double, to bottom: Double) -> Double {
        guard bottom > top else { return 0 }
        var ice = 0.0
        for layer in layers {
            let overlap = min(layer.bottom, bottom) - max(layer.top, top)
            if overlap > 0 { ice += overlap * layer.iceContent }
        }
        return ice
    }
}

/// Ground ice between the permafrost table (depth ALT) and the depth limit D (default 10 m),
/// both measured from the current ground surface.
///
/// ice (m^3/m^2) = sum over layers of overlap([top, bottom], [ALT, D]) * iceContent;
/// mean content = ice / (D - ALT), NaN when ALT >= D. Depth ranges no layer covers count
/// as ice-free (see `gaps`).
///
/// Surface lowering d (m) handles mining: after excavation of d metres, a layer logged at
/// [top, bottom] below the old surface lies at [top - d, bottom - d] below the new one, and
/// whatever is above the new surface is gone. A negative d is material added on top (a
/// spoil dump of thickness -d), taken to hold no ice.
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
        surfaceLowering: Double = 0
    ) throws(GroundIceError) -> (iceVolume: Double, meanIceContent: Double) {
        guard zone != 0 else { return (.nan, .nan) }
        guard let layers = strata.layersByZone[Int(zone)] else { throw .unknownZone(zone) }
        return groundIce(layers: layers, activeLayerThickness: activeLayerThickness, surfaceLowering: surfaceLowering)
    }

    /// Ground ice of a block: ALT (m, NaN = no permafrost or nodata) and zone codes (0 = nodata).
    /// Throws when a zone code of the block is not in the strata table.
    public func groundIce(
        activeLayerThickness: [Float], zones: [UInt8],
        surfaceLowering: SurfaceLowering = .none
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
                surfaceLowering: lowering)
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
        surfaceLowering: Double
    ) -> (iceVolume: Double, meanIceContent: Double) {
        guard !activeLayerThickness.isNaN, !surfaceLowering.isNaN else { return (.nan, .nan) }
        // The window starts at ALT >= 0, so layer parts above the new surface never count.
        let windowTop = max(activeLayerThickness, 0)
        var ice = 0.0
        for layer in layers {
            let overlap = min(layer.bottom - surfaceLowering, depthLimit) - max(layer.top - surfaceLowering, windowTop)
            if overlap > 0 {
                ice += overlap * layer.iceContent
            }
        }
        let meanContent = windowTop < depthLimit ? ice / (depthLimit - windowTop) : .nan
        return (ice, meanContent)
    }
}

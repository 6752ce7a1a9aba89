/// One layer of a zone's ground-ice profile, from borehole logs.
public struct GroundIceStratum: Sendable, Equatable {
    /// Code of the zone (geomorphology / sediment type) in the zone raster, 1...255.
    public var zoneCode: UInt8
    public var zoneName: String
    /// Depths (m) below the undisturbed ground surface; top < bottom.
    public var top: Double
    public var bottom: Double
    /// Mean volumetric ice content (m^3 ice / m^3 ground), 0...1.
    public var iceContent: Double
    /// Row number used in error messages (e.g. the CSV line); defaults to the 1-based position.
    public var sourceRow: Int?

    public init(zoneCode: UInt8, zoneName: String, top: Double, bottom: Double, iceContent: Double, sourceRow: Int? = nil) {
        self.zoneCode = zoneCode
        self.zoneName = zoneName
        self.top = top
        self.bottom = bottom
        self.iceContent = iceContent
        self.sourceRow = sourceRow
    }
}

/// A depth range of a zone that no stratum covers; it is counted as ice-free.
public struct GroundIceStrataGap: Sendable, Equatable, CustomStringConvertible {
    public var zoneCode: UInt8
    public var zoneName: String
    public var top: Double
    public var bottom: Double

    public var description: String {
        "strata table zone \(zoneCode) \"\(zoneName)\": no layer between \(top) m and \(bottom) m (counted as ice-free)"
    }
}

/// Validated strata table: per zone, non-overlapping layers sorted by depth.
public struct GroundIceStrataTable: Sendable {
    struct Layer: Sendable {
        var top: Double
        var bottom: Double
        var iceContent: Double
    }

    public let strata: [GroundIceStratum]
    // Layers per zone code (256 entries, nil = zone absent), sorted by top.
    let layersByZone: [[Layer]?]

    public init(strata: [GroundIceStratum]) throws(GroundIceError) {
        var positionsByZone = [[Int]](repeating: [], count: 256)
        for (position, stratum) in strata.enumerated() {
            let location = Self.location(of: stratum, position: position)
            guard stratum.zoneCode != 0 else { throw .reservedZoneCode(location: location) }
            guard stratum.top.isFinite, stratum.top >= 0 else {
                throw .invalidDepth(location: location, field: "top", value: stratum.top, requirement: "must be zero or positive")
            }
            guard stratum.bottom.isFinite, stratum.bottom > stratum.top else {
                throw .invalidDepth(
                    location: location, field: "bottom", value: stratum.bottom,
                    requirement: "must be greater than top \(stratum.top)")
            }
            guard stratum.iceContent.isFinite, (0...1).contains(stratum.iceContent) else {
                throw .iceContentOutOfRange(location: location, value: stratum.iceContent)
            }
            positionsByZone[Int(stratum.zoneCode)].append(position)
        }

        var layersByZone = [[Layer]?](repeating: nil, count: 256)
        for zone in 0..<256 where !positionsByZone[zone].isEmpty {
            // Ties on top keep table order, so the reported pair is deterministic.
            let sorted = positionsByZone[zone].sorted { (strata[$0].top, $0) < (strata[$1].top, $1) }
            // Sorted by top, any overlap shows up between neighbours.
            for (upper, lower) in zip(sorted, sorted.dropFirst()) where strata[lower].top < strata[upper].bottom {
                throw .overlappingStrata(
                    firstLocation: Self.location(of: strata[upper], position: upper),
                    secondLocation: Self.location(of: strata[lower], position: lower))
            }
            layersByZone[zone] = sorted.map {
                Layer(top: strata[$0].top, bottom: strata[$0].bottom, iceContent: strata[$0].iceContent)
            }
        }
        self.strata = strata
        self.layersByZone = layersByZone
    }

    /// Zone codes present in the table, ascending.
    public var zoneCodes: [UInt8] {
        (1..<256).filter { layersByZone[$0] != nil }.map { UInt8($0) }
    }

    /// Depth ranges in [0, depth] (m below the undisturbed surface) that no layer covers,
    /// per zone by ascending code. Pass depth limit + excavation depth for excavated ground.
    public func gaps(toDepth depth: Double) -> [GroundIceStrataGap] {
        var gaps: [GroundIceStrataGap] = []
        for zone in zoneCodes {
            let name = strata.first { $0.zoneCode == zone }?.zoneName ?? ""
            var covered = 0.0
            for layer in layersByZone[Int(zone)] ?? [] where covered < depth {
                if layer.top > covered {
                    gaps.append(GroundIceStrataGap(zoneCode: zone, zoneName: name, top: covered, bottom: min(layer.top, depth)))
                }
                covered = layer.bottom
            }
            if covered < depth {
                gaps.append(GroundIceStrataGap(zoneCode: zone, zoneName: name, top: covered, bottom: depth))
            }
        }
        return gaps
    }

    private static func location(of stratum: GroundIceStratum, position: Int) -> String {
        "strata table row \(stratum.sourceRow ?? position + 1) (zone \(stratum.zoneCode) \"\(stratum.zoneName)\")"
    }
}

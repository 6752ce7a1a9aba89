/// Where the ground ice of a pixel went with mining (m^3/m^2), on the original ground's column
/// [0, D] (see `GroundIceModel`): before = removed + thawed + kept, after = kept + newly frozen +
/// spoil ice. Kept ice under a dump is the buried ice.
public struct GroundIceBudget: Sendable, Equatable, Codable {
    /// Dug out with a pit: the frozen ice of [0, d].
    public var removed: Double = 0
    /// Frozen before, thawed after, in place.
    public var thawed: Double = 0
    /// Frozen before and after.
    public var kept: Double = 0
    /// Kept beneath a spoil dump (a part of `kept`).
    public var buried: Double = 0
    /// Thawed before, frozen after (a former active layer under a dump, or a shallower table).
    public var newlyFrozen: Double = 0
    /// The frozen part of the spoil of a dump.
    public var spoil: Double = 0

    public init() {}

    public static func + (a: GroundIceBudget, b: GroundIceBudget) -> GroundIceBudget {
        var sum = a
        sum.removed += b.removed
        sum.thawed += b.thawed
        sum.kept += b.kept
        sum.buried += b.buried
        sum.newlyFrozen += b.newlyFrozen
        sum.spoil += b.spoil
        return sum
    }

    public static func * (budget: GroundIceBudget, factor: Double) -> GroundIceBudget {
        var scaled = budget
        scaled.removed *= factor
        scaled.thawed *= factor
        scaled.kept *= factor
        scaled.buried *= factor
        scaled.newlyFrozen *= factor
        scaled.spoil *= factor
        return scaled
    }
}

extension GroundIceModel {
    /// The budget of one pixel from its ALT before and after (NaN: no permafrost), the surface
    /// lowering after (m; negative for a dump) and the spoil's ice content. Zero for nodata zones.
    public func budget(
        zone: UInt8, activeLayerBefore: Double, activeLayerAfter: Double, surfaceLowering: Double, spoilIceContent: Double = 0
    ) throws(GroundIceError) -> GroundIceBudget {
        var budget = GroundIceBudget()
        guard zone != 0, !surfaceLowering.isNaN else { return budget }
        guard let layers = strata.layersByZone[Int(zone)] else { throw .unknownZone(zone) }
        let excavated = max(surfaceLowering, 0)
        // Frozen intervals of the original ground [top, D]; nil when there is no permafrost.
        let before = activeLayerBefore.isNaN ? nil : max(activeLayerBefore, 0)
        let after = activeLayerAfter.isNaN ? nil : Self.frozenTop(activeLayerThickness: activeLayerAfter, surfaceLowering: surfaceLowering)
        if let before {
            budget.removed = Self.ice(layers, from: before, to: min(excavated, depthLimit))
            let remaining = Self.ice(layers, from: max(before, excavated), to: depthLimit)
            budget.kept = after.map { Self.ice(layers, from: max(before, excavated, $0), to: depthLimit) } ?? 0
            budget.thawed = remaining - budget.kept
        }
        if let after {
            budget.newlyFrozen = Self.ice(layers, from: after, to: depthLimit) - budget.kept
            if surfaceLowering < 0 {
                budget.buried = budget.kept
                budget.spoil = spoilIceContent * max(0, -surfaceLowering - max(activeLayerAfter, 0))
            }
        }
        return budget
    }
}

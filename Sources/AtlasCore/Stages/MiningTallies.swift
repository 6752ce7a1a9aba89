import GeoRaster
import PermafrostKernels

/// The mining step's totals over the grid: ice volumes before and after, pre/post transition
/// areas and the summary per disturbance type, with every pixel counted at its ground area.
/// On a projected grid all pixels have one area and the kernels' counts are multiplied by
/// it; on a geographic grid each row is tallied apart and weighted by its own area, so a
/// scene's areas and volumes are the same whatever its CRS.
struct MiningTallies {
    private let areas: PixelAreas
    private(set) var permafrost: ClassTransitionMatrix
    private(set) var stability: ClassTransitionMatrix
    /// Pixel counts and means; its areas and ice volumes hold when pixels have one area.
    private(set) var summary: DisturbanceSummary
    /// Area (m^2) of each transition, by row weight (geographic grids only).
    private var permafrostAreas: [Double], stabilityAreas: [Double]
    /// Area (m^2) and ice change (m^3) per summary entry (geographic grids only).
    private var entryAreas: [Double], entryIce: [Double]
    /// Sums of ground ice (m3/m2) over the pixels, weighted by row area on geographic grids.
    private var iceBeforeSum = 0.0, iceAfterSum = 0.0
    /// Where the ice went (m^3), each row at its pixels' area.
    private(set) var iceBudget = GroundIceBudget()

    init(grid: RasterGrid) throws {
        areas = grid.pixelAreas
        permafrost = try ClassTransitionMatrix(classCount: PermafrostPresence.allCases.count)
        stability = try ClassTransitionMatrix(classCount: ThermalStabilityClass.allCases.count)
        summary = try DisturbanceSummary(pixelAreaSquareMetres: areas.uniform ?? 1)
        permafrostAreas = [Double](repeating: 0, count: permafrost.counts.count)
        stabilityAreas = [Double](repeating: 0, count: stability.counts.count)
        entryAreas = [Double](repeating: 0, count: summary.entries.count)
        entryIce = entryAreas
    }

    mutating func add(_ block: MiningBlock, window: RasterWindow) throws {
        let post = block.post
        try permafrost.accumulate(before: block.prePermafrost, after: post.permafrost)
        try stability.accumulate(before: block.preStability, after: post.stability)
        try summary.accumulate(
            disturbanceType: post.disturbanceType, influenceWeight: post.influenceWeight,
            magtChange: block.magtChange, altChange: block.altChange, iceVolumeChange: block.iceChange)
        for (row, budget) in block.iceBudgetByRow.enumerated() { iceBudget = iceBudget + budget * areas.ofRow(window.row + row) }
        guard areas.uniform != nil else { return try addByRow(block, window: window) }
        iceBeforeSum += Self.validSum(block.preIceVolume[...])
        iceAfterSum += Self.validSum(post.iceVolume[...])
    }

    /// Tallies each row of a geographic block with its own pixel area.
    private mutating func addByRow(_ block: MiningBlock, window: RasterWindow) throws {
        let post = block.post
        for row in 0..<window.height {
            let area = areas.ofRow(window.row + row)
            let pixels = (row * window.width)..<((row + 1) * window.width)
            iceBeforeSum += Self.validSum(block.preIceVolume[pixels]) * area
            iceAfterSum += Self.validSum(post.iceVolume[pixels]) * area
            var rowPermafrost = try ClassTransitionMatrix(classCount: permafrost.classCount)
            try rowPermafrost.accumulate(before: Array(block.prePermafrost[pixels]), after: Array(post.permafrost[pixels]))
            var rowStability = try ClassTransitionMatrix(classCount: stability.classCount)
            try rowStability.accumulate(before: Array(block.preStability[pixels]), after: Array(post.stability[pixels]))
            for index in permafrostAreas.indices { permafrostAreas[index] += Double(rowPermafrost.counts[index]) * area }
            for index in stabilityAreas.indices { stabilityAreas[index] += Double(rowStability.counts[index]) * area }
            var rowSummary = try DisturbanceSummary(pixelAreaSquareMetres: area)
            try rowSummary.accumulate(
                disturbanceType: Array(post.disturbanceType[pixels]), influenceWeight: Array(post.influenceWeight[pixels]),
                magtChange: Array(block.magtChange[pixels]), altChange: Array(block.altChange[pixels]),
                iceVolumeChange: Array(block.iceChange[pixels]))
            for (index, entry) in rowSummary.entries.enumerated() {
                entryAreas[index] += entry.areaSquareKilometres * 1e6
                entryIce[index] += entry.iceVolumeChangeCubicMetres
            }
        }
    }

    /// Ground-ice volume (m^3) before and after mining.
    var iceBeforeCubicMetres: Double { areas.uniform.map { iceBeforeSum * $0 } ?? iceBeforeSum }
    var iceAfterCubicMetres: Double { areas.uniform.map { iceAfterSum * $0 } ?? iceAfterSum }

    /// Areas (km^2) from each permafrost class to each, rows = before.
    var permafrostTransitionAreas: [[Double]] { transitionAreas(permafrost, weighted: permafrostAreas) }
    var stabilityTransitionAreas: [[Double]] { transitionAreas(stability, weighted: stabilityAreas) }

    private func transitionAreas(_ matrix: ClassTransitionMatrix, weighted: [Double]) -> [[Double]] {
        if let uniform = areas.uniform { return matrix.areasSquareKilometres(pixelAreaSquareMetres: uniform) }
        let side = matrix.classCount + 1
        return (0..<side).map { before in (0..<side).map { after in weighted[before * side + after] / 1e6 } }
    }

    /// The summary's entries with areas and ice volumes at the pixels' ground areas.
    var entries: [DisturbanceSummary.Entry] {
        guard areas.uniform == nil else { return summary.entries }
        return summary.entries.enumerated().map { index, entry in
            var weighted = entry
            weighted.areaSquareKilometres = entryAreas[index] / 1e6
            weighted.iceVolumeChangeCubicMetres = entryIce[index]
            return weighted
        }
    }

    private static func validSum(_ values: ArraySlice<Float>) -> Double {
        values.reduce(0) { $1.isNaN ? $0 : $0 + Double($1) }
    }
}

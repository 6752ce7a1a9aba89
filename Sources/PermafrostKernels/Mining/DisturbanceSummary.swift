/// Area and change summaries per disturbance type, split into the disturbed polygons
/// themselves (weight 1) and their lateral influence zone (0 < weight < 1).
///
/// Feed it the `disturbanceType` and `influenceWeight` of `PostMiningModel.Block` and the
/// change rasters of `PostMiningDifference`. Means are over pixels where the change is a
/// number. Sums are in Double; merge partial summaries in a fixed (block) order for
/// results that do not depend on the thread count.
public struct DisturbanceSummary: Sendable, Equatable {
    public enum Zone: String, Sendable, CaseIterable {
        case interior
        case influence
    }

    /// One line of the report.
    public struct Entry: Sendable, Equatable {
        public var type: DisturbanceType
        public var zone: Zone
        public var pixelCount: Int
        public var areaSquareKilometres: Double
        /// Mean MAGT change (C), NaN when no pixel has one.
        public var meanMAGTChange: Double
        /// Mean ALT change (m) over pixels with permafrost before and after, NaN when none.
        public var meanALTChange: Double
        /// Net change of ground-ice volume (m^3); negative = ice lost.
        public var iceVolumeChangeCubicMetres: Double
    }

    private struct Tally: Sendable, Equatable {
        var pixels = 0
        var magtSum = 0.0
        var magtCount = 0
        var altSum = 0.0
        var altCount = 0
        var iceSum = 0.0
    }

    public let pixelAreaSquareMetres: Double
    // Index (type - 1) * 2 + zone (0 interior, 1 influence).
    private var tallies = [Tally](repeating: Tally(), count: DisturbanceType.allCases.count * 2)

    public init(pixelAreaSquareMetres: Double) throws(MiningError) {
        guard pixelAreaSquareMetres.isFinite, pixelAreaSquareMetres > 0 else { throw .invalidPixelArea(pixelAreaSquareMetres) }
        self.pixelAreaSquareMetres = pixelAreaSquareMetres
    }

    /// Adds one block; pixels with type 0 or weight 0 are undisturbed and skipped.
    public mutating func accumulate(
        disturbanceType: [UInt8], influenceWeight: [Float], magtChange: [Float],
        altChange: [Float], iceVolumeChange: [Float]
    ) throws(MiningError) {
        let pixelCount = disturbanceType.count
        let lengths = [
            ("influence weight", influenceWeight.count), ("MAGT change", magtChange.count),
            ("ALT change", altChange.count), ("ice volume change", iceVolumeChange.count),
        ]
        for (name, count) in lengths where count != pixelCount {
            throw .bufferLengthMismatch(buffer: name, count: count, expected: pixelCount)
        }
        var block = tallies.map { _ in Tally() }
        for pixel in 0..<pixelCount {
            let code = disturbanceType[pixel]
            let weight = influenceWeight[pixel]
            guard code != 0, weight > 0 else { continue }
            guard DisturbanceType(rawValue: code) != nil else { throw .unknownDisturbanceCode(code) }
            let index = (Int(code) - 1) * 2 + (weight >= 1 ? 0 : 1)
            block[index].pixels += 1
            if !magtChange[pixel].isNaN {
                block[index].magtSum += Double(magtChange[pixel])
                block[index].magtCount += 1
            }
            if !altChange[pixel].isNaN {
                block[index].altSum += Double(altChange[pixel])
                block[index].altCount += 1
            }
            if !iceVolumeChange[pixel].isNaN {
                block[index].iceSum += Double(iceVolumeChange[pixel])
            }
        }
        add(block)
    }

    public mutating func merge(_ other: DisturbanceSummary) {
        add(other.tallies)
    }

    /// One entry per type and zone, pit interior first.
    public var entries: [Entry] {
        DisturbanceType.allCases.flatMap { type in Zone.allCases.map { zone in entry(type: type, zone: zone) } }
    }

    public func entry(type: DisturbanceType, zone: Zone) -> Entry {
        let tally = tallies[(Int(type.rawValue) - 1) * 2 + (zone == .interior ? 0 : 1)]
        return Entry(
            type: type, zone: zone, pixelCount: tally.pixels,
            areaSquareKilometres: Double(tally.pixels) * pixelAreaSquareMetres / 1e6,
            meanMAGTChange: tally.magtCount > 0 ? tally.magtSum / Double(tally.magtCount) : .nan,
            meanALTChange: tally.altCount > 0 ? tally.altSum / Double(tally.altCount) : .nan,
            iceVolumeChangeCubicMetres: tally.iceSum * pixelAreaSquareMetres)
    }

    private mutating func add(_ other: [Tally]) {
        for index in tallies.indices {
            tallies[index].pixels += other[index].pixels
            tallies[index].magtSum += other[index].magtSum
            tallies[index].magtCount += other[index].magtCount
            tallies[index].altSum += other[index].altSum
            tallies[index].altCount += other[index].altCount
            tallies[index].iceSum += other[index].iceSum
        }
    }
}

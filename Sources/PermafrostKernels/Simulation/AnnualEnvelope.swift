/// Minimum, maximum and mean temperature of every cell over one year of simulation, with the
/// largest thawed fraction each cell reached.
public struct AnnualEnvelope: Sendable, Equatable {
    /// Depth of each cell's centre (m).
    public let depths: [Double]
    public let minimum: [Double]
    public let maximum: [Double]
    public let mean: [Double]
    public let maximumLiquidFraction: [Double]
}

/// Mean annual ground temperature and where it was read.
public struct MAGTReading: Sendable, Equatable {
    public enum DepthSource: String, Sendable, Equatable {
        /// Where the annual range (max - min) first falls below the threshold.
        case zeroAnnualAmplitude
        /// The depth the caller asked for.
        case requested
        /// The range never fell below the threshold: the deepest cell.
        case deepestCell
    }

    public let temperature: Double
    public let depth: Double
    public let source: DepthSource
}

/// Permafrost found in the annual envelope: ground whose annual maximum stays below 0 C.
public struct PermafrostExtent: Sendable, Equatable {
    /// Permafrost table (m): the deepest point the thaw reached from the surface during the year.
    public let tableDepth: Double
    /// Permafrost base (m), where the annual maximum rises through 0 C again; nil when the
    /// permafrost reaches the base of the column.
    public let baseDepth: Double?
    /// Active-layer thickness (m): the table depth when the ground above it refreezes every
    /// winter; nil when a talik (ground above 0 C all year) lies between them.
    public let activeLayerThickness: Double?
}

extension AnnualEnvelope {
    /// MAGT at `requestedDepth`, or at the depth of zero annual amplitude (the annual range first
    /// below `zeroAmplitudeRange`, interpolated between cell centres).
    public func magt(requestedDepth: Double?, zeroAmplitudeRange: Double) -> MAGTReading {
        if let requestedDepth {
            return MAGTReading(temperature: interpolate(mean, atDepth: requestedDepth), depth: requestedDepth, source: .requested)
        }
        let range = zip(maximum, minimum).map { $0 - $1 }
        guard let first = range.firstIndex(where: { $0 < zeroAmplitudeRange }) else {
            return MAGTReading(temperature: mean[mean.count - 1], depth: depths[depths.count - 1], source: .deepestCell)
        }
        guard first > 0 else { return MAGTReading(temperature: mean[0], depth: depths[0], source: .zeroAnnualAmplitude) }
        let weight = (range[first - 1] - zeroAmplitudeRange) / (range[first - 1] - range[first])
        let depth = depths[first - 1] + weight * (depths[first] - depths[first - 1])
        return MAGTReading(temperature: interpolate(mean, atDepth: depth), depth: depth, source: .zeroAnnualAmplitude)
    }

    /// The permafrost body nearest the surface, or nil without permafrost. The thaw front inside
    /// the table's cell is placed at the cell's thawed fraction (the enthalpy method's sub-cell
    /// front, exact for a sharp front); the base, where the gradient is the steady geothermal
    /// one, is interpolated from the annual maximum temperatures.
    public func permafrost(grid: ColumnGrid) -> PermafrostExtent? {
        guard let table = maximumLiquidFraction.firstIndex(where: { $0 < 1 }) else { return nil }
        let tableDepth = grid.tops[table] + maximumLiquidFraction[table] * grid.thicknesses[table]
        var baseDepth: Double?
        if let below = maximumLiquidFraction[table...].firstIndex(where: { $0 >= 1 }) {
            let upper = below - 1
            let weight = -maximum[upper] / (maximum[below] - maximum[upper])
            baseDepth = depths[upper] + weight * (depths[below] - depths[upper])
        }
        let talik = minimum[..<table].contains { $0 >= 0 }
        return PermafrostExtent(tableDepth: tableDepth, baseDepth: baseDepth, activeLayerThickness: talik ? nil : tableDepth)
    }

    /// Linear interpolation between cell centres, held constant beyond the first and last.
    func interpolate(_ values: [Double], atDepth depth: Double) -> Double {
        guard let below = depths.firstIndex(where: { $0 >= depth }) else { return values[values.count - 1] }
        guard below > 0 else { return values[0] }
        let weight = (depth - depths[below - 1]) / (depths[below] - depths[below - 1])
        return values[below - 1] + weight * (values[below] - values[below - 1])
    }
}

/// Accumulates the envelope step by step, without allocating.
struct EnvelopeAccumulator {
    private var minimum: [Double]
    private var maximum: [Double]
    private var sum: [Double]
    private var maximumLiquidFraction: [Double]
    private var steps = 0

    init(count: Int) {
        minimum = Array(repeating: .infinity, count: count)
        maximum = Array(repeating: -.infinity, count: count)
        sum = Array(repeating: 0, count: count)
        maximumLiquidFraction = Array(repeating: 0, count: count)
    }

    mutating func reset() {
        self = EnvelopeAccumulator(count: sum.count)
    }

    mutating func add(temperatures: UnsafePointer<Double>, liquidFractions: UnsafePointer<Double>) {
        steps += 1
        minimum.withUnsafeMutableBufferPointer { minimum in
            maximum.withUnsafeMutableBufferPointer { maximum in
                sum.withUnsafeMutableBufferPointer { sum in
                    maximumLiquidFraction.withUnsafeMutableBufferPointer { liquid in
                        for i in 0..<sum.count {
                            let temperature = temperatures[i]
                            minimum[i] = min(minimum[i], temperature)
                            maximum[i] = max(maximum[i], temperature)
                            sum[i] += temperature
                            liquid[i] = max(liquid[i], liquidFractions[i])
                        }
                    }
                }
            }
        }
    }

    func envelope(depths: [Double]) -> AnnualEnvelope {
        AnnualEnvelope(
            depths: depths, minimum: minimum, maximum: maximum, mean: sum.map { $0 / Double(steps) },
            maximumLiquidFraction: maximumLiquidFraction)
    }
}

/// Permafrost distribution from MAGT. Raster codes: 1 permafrost (MAGT < threshold),
/// 2 seasonally frozen ground, i.e. no permafrost (MAGT >= threshold), 0 nodata (NaN MAGT).
/// Two data codes rather than 0/1 so that "no permafrost" stays distinct from nodata.
public enum PermafrostPresence: UInt8, CaseIterable, Sendable {
    case permafrost = 1
    case seasonallyFrozenGround = 2

    public var name: String {
        switch self {
        case .permafrost: "permafrost"
        case .seasonallyFrozenGround: "seasonally frozen ground (no permafrost)"
        }
    }

    /// Presence at one pixel; nil for NaN MAGT. `threshold` is in C (default 0).
    public static func classify(magt: Float, threshold: Double = 0) -> PermafrostPresence? {
        guard !magt.isNaN else { return nil }
        return Double(magt) < threshold ? .permafrost : .seasonallyFrozenGround
    }

    /// Presence codes (1, 2; 0 for NaN) of a block of MAGT values.
    public static func classCodes(magt: [Float], threshold: Double = 0) -> [UInt8] {
        magt.map { classify(magt: $0, threshold: threshold)?.rawValue ?? 0 }
    }
}

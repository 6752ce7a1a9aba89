/// SplitMix64 (Steele, Lea and Flood, 2014): a small generator whose sequence depends only on
/// its seed. Swift's own generator cannot be seeded, so everything that must draw the same
/// numbers on every run (the forest's stream seeding, synthetic scenes, benchmarks, tests)
/// draws them from this one.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    /// The golden-ratio step added to the state before every draw.
    public static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15

    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= Self.increment
        return Self.mix(state)
    }

    /// The SplitMix64 finaliser: a bijective scramble of 64 bits.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

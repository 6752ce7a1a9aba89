import AtlasCore
import Foundation
import PermafrostKernels

/// The scene draws every number through these methods on the kernels' SplitMix64:
/// `Double.random(in:using:)` may change between toolchains.
extension SplitMix64 {
    /// An independent generator for one part of the scene, so that drawing more numbers in
    /// one part never changes another.
    init(seed: UInt64, stream: SyntheticStream) {
        var mixer = SplitMix64(seed: seed ^ (stream.rawValue &* SplitMix64.increment))
        self.init(seed: mixer.next())
    }

    /// Uniform in [0, 1).
    mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + uniform() * (range.upperBound - range.lowerBound)
    }

    /// A whole number in `range`.
    mutating func integer(_ range: Range<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// Standard normal, by Box-Muller.
    mutating func gaussian() -> Double {
        SplitMix64.gaussian(uniform(), uniform())
    }

    /// Box-Muller on two uniforms in [0, 1); the first is moved off 0 so the log is finite.
    static func gaussian(_ first: Double, _ second: Double) -> Double {
        (-2 * log(1 - first)).squareRoot() * cos(2 * Double.pi * second)
    }
}

/// The parts of a scene that draw their own random numbers.
enum SyntheticStream: UInt64 {
    case terrain = 1
    case landCover, spectra, boreholes, boreholeNoise, checkBoreholes, checkBoreholeNoise, mining, zones, pixels
}

/// Per-pixel randomness as a pure function of (seed, channel, column, row): a pixel gets the
/// same noise whichever block or thread computes it, which keeps outputs byte-identical.
struct PixelNoise: Sendable {
    let seed: UInt64

    init(seed: UInt64) {
        self.seed = SplitMix64.mix(seed ^ (SyntheticStream.pixels.rawValue &* SplitMix64.increment))
    }

    func bits(_ channel: Int, column: Int, row: Int) -> UInt64 {
        // Chained mixes: each coordinate passes through a full scramble before the next joins.
        let key = SplitMix64.mix(seed ^ UInt64(truncatingIfNeeded: channel))
        let withColumn = SplitMix64.mix(key ^ UInt64(truncatingIfNeeded: column))
        return SplitMix64.mix(withColumn ^ UInt64(truncatingIfNeeded: row) &* 0xC2B2_AE3D_27D4_EB4F)
    }

    /// Standard normal.
    func gaussian(_ channel: Int, column: Int, row: Int) -> Double {
        let bits = bits(channel, column: column, row: row)
        // Two 32-bit uniforms from one hash: plenty of resolution for image noise.
        let first = (Double(bits >> 32) + 0.5) * 0x1p-32
        let second = Double(bits & 0xFFFF_FFFF) * 0x1p-32
        return SplitMix64.gaussian(first, second)
    }
}

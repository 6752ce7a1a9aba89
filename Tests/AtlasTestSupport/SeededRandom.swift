import Foundation
import PermafrostKernels

/// Deterministic test numbers: uniform draws from SplitMix64 and Gaussian draws by
/// Box-Muller, the same on every run and machine.
public struct SeededRandom {
    private var generator: SplitMix64

    public init(seed: UInt64) { generator = SplitMix64(seed: seed) }

    /// Uniform in [0, 1) with 53 bits.
    public mutating func uniform() -> Double {
        Double(generator.next() >> 11) / Double(1 << 53)
    }

    /// Uniform in [0, 1) with 24 bits (a Float's mantissa).
    public mutating func uniformFloat() -> Float {
        Float(generator.next() >> 40) * 0x1p-24
    }

    public mutating func uniform(_ range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * uniform()
    }

    public mutating func gaussian(standardDeviation: Double) -> Double {
        standardDeviation * (-2 * log(1 - uniform())).squareRoot() * cos(2 * Double.pi * uniform())
    }
}

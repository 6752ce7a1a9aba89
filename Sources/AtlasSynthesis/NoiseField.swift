import AtlasCore
import Foundation
import PermafrostKernels

/// Perlin's gradient noise on a unit lattice: each lattice point gets one of 16 unit gradients
/// from a hash of its coordinates and the seed, blended with the quintic fade of Perlin's
/// improved noise. A pure function of (x, y), smooth, and within -1...1.
struct GradientNoise: Sendable {
    private let seed: UInt64

    private static let gradients: [(x: Double, y: Double)] = (0..<16).map {
        (cos(Double($0) * Double.pi / 8), sin(Double($0) * Double.pi / 8))
    }

    init(seed: UInt64) {
        self.seed = seed
    }

    func value(x: Double, y: Double) -> Double {
        let column = x.rounded(.down), row = y.rounded(.down)
        let fx = x - column, fy = y - row
        let i = Int64(column), j = Int64(row)
        let u = fade(fx), v = fade(fy)
        let bottom = lerp(dot(i, j, fx, fy), dot(i + 1, j, fx - 1, fy), u)
        let top = lerp(dot(i, j + 1, fx, fy - 1), dot(i + 1, j + 1, fx - 1, fy - 1), u)
        // 2D gradient noise with unit gradients stays within sqrt(1/2); scale it to 1.
        return lerp(bottom, top, v) * 2.0.squareRoot()
    }

    private func dot(_ i: Int64, _ j: Int64, _ dx: Double, _ dy: Double) -> Double {
        let hash = SplitMix64.mix(SplitMix64.mix(seed ^ UInt64(bitPattern: i)) ^ UInt64(bitPattern: j) &* 0xC2B2_AE3D_27D4_EB4F)
        let gradient = Self.gradients[Int(hash >> 60)]
        return gradient.x * dx + gradient.y * dy
    }

    private func fade(_ t: Double) -> Double { t * t * t * (t * (t * 6 - 15) + 10) }
    private func lerp(_ a: Double, _ b: Double, _ t: Double) -> Double { a + t * (b - a) }
}

/// Octaves of gradient noise in metres (a fractal field), each octave turned and shifted at
/// random so the lattice never shows. Analytic: the same value at a point whichever block,
/// thread or order evaluates it, and it extends past the scene (the temperature grid's margin).
struct NoiseField: Sendable {
    enum Shape: Sendable {
        /// Rounded hills and hollows.
        case smooth
        /// 1 - 2 |noise|: sharp crests between broad hollows, like spurs and ridges.
        case ridged
    }

    private struct Octave: Sendable {
        let noise: GradientNoise
        let cosine: Double
        let sine: Double
        let wavelength: Double
        let offset: (x: Double, y: Double)
        let amplitude: Double
    }

    private let octaves: [Octave]
    private let shape: Shape
    /// Features are this many times longer along the (turned) y axis than across it.
    private let stretch: Double
    /// Mean and standard deviation of the value, measured once on a fixed set of points.
    private(set) var mean = 0.0
    private(set) var standardDeviation = 1.0

    /// - Parameters:
    ///   - wavelengths: metres, one octave each; amplitudes are proportional to wavelength
    ///     (long waves dominate, as in real relief) and add up to `amplitude`, which bounds
    ///     |value| (each octave stays within -1...1).
    ///   - directions: how far (radians) each octave may be turned from the map axes.
    init(
        _ random: inout SplitMix64, wavelengths: [Double], amplitude: Double, shape: Shape = .smooth,
        stretch: Double = 1, directions: ClosedRange<Double> = 0...(2 * Double.pi)
    ) {
        let total = wavelengths.reduce(0, +)
        octaves = wavelengths.map { wavelength in
            let angle = random.uniform(directions)
            return Octave(
                noise: GradientNoise(seed: random.next()), cosine: cos(angle), sine: sin(angle), wavelength: wavelength,
                offset: (random.uniform(0...1000), random.uniform(0...1000)), amplitude: amplitude * wavelength / total)
        }
        self.shape = shape
        self.stretch = stretch
        let spacing = 0.37 * (wavelengths.max() ?? 1)
        var sum = 0.0, squares = 0.0
        for k in 0..<4096 {
            let value = value(x: Double(k % 64) * spacing, y: Double(k / 64) * spacing * 1.13)
            sum += value
            squares += value * value
        }
        mean = sum / 4096
        standardDeviation = max(1e-12, (squares / 4096 - mean * mean).squareRoot())
    }

    func value(x: Double, y: Double) -> Double {
        var sum = 0.0
        for octave in octaves {
            let along = (x * octave.cosine + y * octave.sine) / octave.wavelength
            let across = (y * octave.cosine - x * octave.sine) / (octave.wavelength * stretch)
            let noise = octave.noise.value(x: along + octave.offset.x, y: across + octave.offset.y)
            sum += octave.amplitude * (shape == .ridged ? 1 - 2 * abs(noise) : noise)
        }
        return sum
    }

    /// The value less its mean, divided by its standard deviation: a smooth field of about
    /// zero mean and unit spread.
    func normalised(x: Double, y: Double) -> Double {
        (value(x: x, y: y) - mean) / standardDeviation
    }
}

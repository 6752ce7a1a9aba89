import AtlasCore
import Foundation
import PermafrostKernels

/// The scene's relief, modelled on the upper Datong valley at Muli: a flat alluvial valley
/// floor meandering west-east through the middle of the scene, valley sides rising to
/// ridges along the top and bottom edges, cut by spurs and gullies running down-slope.
///
/// Positions are metres east (`u`) and south (`v`) of the scene's upper-left corner. The
/// valley is laid out relative to the scene, so every scene, small or large, holds floor,
/// slopes and ridges; spurs, hills and roughness have fixed wavelengths in metres. Scenes
/// taller than about 5.4 km span the full 3650-4570 m; shorter ones are the upper part of
/// such a valley, so their sides stay below 27 degrees. Every term is bounded, so the
/// elevation never leaves 3650-4580 m.
struct SyntheticTerrain: Sendable {
    /// Lowest floor elevation (m), at the east end of a full-relief scene; the floor rises
    /// westwards by `floorDescent`.
    static let floorElevation = 3650.0
    static let floorDescent = 50.0
    /// Rise of the floor from its axis to its edge: the river runs lowest.
    static let floorDish = 10.0
    /// Floor to ridge crest (m) of a full-relief scene.
    static let valleyRelief = 740.0
    /// Steepest gradient of the valley sides before spurs and roughness (tan 27 degrees):
    /// gentler than the slopes that carry only sparse vegetation.
    static let steepestSide = 0.5
    /// Half-width of the flat floor, as a fraction of the scene height.
    static let floorHalfWidth = 0.07
    /// North-south swing of the valley axis, as a fraction of the scene height.
    static let meanderAmplitude = 0.12
    /// Half-width (m) of the river along the valley axis.
    static let riverHalfWidth = 36.0

    /// Where a point lies across the valley.
    struct ValleyPosition {
        /// Distance from the valley axis as a fraction of the scene height, folded into
        /// 0...0.5 (0.5 = ridge crest; the pattern repeats beyond the scene).
        let axisDistance: Double
        /// 0 on the floor, rising to 1 at the ridge crest.
        let ascent: Double
        /// How much of the hillside relief (spurs, gullies, roughness) applies: 0 on the
        /// floor, 1 from a third of the way up.
        let hillside: Double
    }

    let widthMetres: Double
    let heightMetres: Double
    /// Floor to ridge crest (m) of this scene, and the floor at its east end: the crests stay
    /// at the same height whatever the relief.
    let relief: Double
    let floorEast: Double
    private let meanderCycles: Double
    private let meanderPhase: Double
    /// Spurs and gullies: sharp crests drawn out north-south, down the valley sides.
    private let spurs: NoiseField
    private let hills: NoiseField
    private let roughness: NoiseField
    private let floorTexture: NoiseField

    init(widthMetres: Double, heightMetres: Double, seed: UInt64) {
        var random = SplitMix64(seed: seed, stream: .terrain)
        self.widthMetres = widthMetres
        self.heightMetres = heightMetres
        // The sides rise (1 - cos) / 2 over (0.5 - floorHalfWidth) of the height: steepest
        // gradient relief x pi / 2 over that distance.
        relief = min(Self.valleyRelief, Self.steepestSide * (0.5 - Self.floorHalfWidth) * heightMetres / (Double.pi / 2))
        floorEast = Self.floorElevation + Self.valleyRelief - relief
        meanderCycles = random.uniform(0.6...1.1)
        meanderPhase = random.uniform(0...(2 * Double.pi))
        spurs = NoiseField(&random, wavelengths: [1600, 800, 400], amplitude: 90, shape: .ridged, stretch: 2.5, directions: -0.3...0.3)
        hills = NoiseField(&random, wavelengths: [4000, 2000], amplitude: 30)
        roughness = NoiseField(&random, wavelengths: [400, 200, 100], amplitude: 10)
        floorTexture = NoiseField(&random, wavelengths: [600, 300], amplitude: 2.5)
    }

    /// The valley axis at `u`, as a fraction of the scene height from the top.
    func axis(u: Double) -> Double {
        0.5 + Self.meanderAmplitude * sin(2 * Double.pi * meanderCycles * u / widthMetres + meanderPhase)
    }

    func valleyPosition(u: Double, v: Double) -> ValleyPosition {
        let offset = v / heightMetres - axis(u: u)
        let distance = abs(offset - offset.rounded())
        let ascent = max(0, (distance - Self.floorHalfWidth) / (0.5 - Self.floorHalfWidth))
        return ValleyPosition(axisDistance: distance, ascent: ascent, hillside: smoothstep(ascent / 0.4))
    }

    /// The valley alone (floor, dish and sides), without spurs, hills or roughness: the
    /// relief the coarse air-temperature grid sees.
    func lowFrequencyElevation(u: Double, v: Double) -> Double {
        regional(u: u, position: valleyPosition(u: u, v: v))
    }

    func elevation(u: Double, v: Double) -> Double {
        let position = valleyPosition(u: u, v: v)
        let hillside = position.hillside
        let relief = spurs.value(x: u, y: v) + hills.value(x: u, y: v) + roughness.value(x: u, y: v)
        return regional(u: u, position: position) + hillside * relief + (1 - hillside) * floorTexture.value(x: u, y: v)
    }

    /// Topographic wetness in 0...1: the valley floor and the bottoms of gullies collect water.
    func wetness(u: Double, v: Double) -> Double {
        let position = valleyPosition(u: u, v: v)
        let floor = 1 - smoothstep(position.ascent / 0.3)
        let gullyDepth = -(spurs.normalised(x: u, y: v) + hills.normalised(x: u, y: v)) / 3
        return max(floor, min(1, max(0, gullyDepth)) * position.hillside)
    }

    /// True within the river along the valley axis.
    func isRiver(u: Double, v: Double) -> Bool {
        valleyPosition(u: u, v: v).axisDistance * heightMetres < Self.riverHalfWidth
    }

    private func regional(u: Double, position: ValleyPosition) -> Double {
        let floor = floorEast + Self.floorDescent * (1 - u / widthMetres)
        let dish = Self.floorDish * pow(min(1, position.axisDistance / Self.floorHalfWidth), 2)
        return floor + dish + relief * (1 - cos(Double.pi * position.ascent)) / 2
    }
}

/// 0 below 0, 1 above 1, a smooth S (3x^2 - 2x^3) between.
func smoothstep(_ x: Double) -> Double {
    let t = min(1, max(0, x))
    return t * t * (3 - 2 * t)
}

import AtlasCore
import Foundation
import PermafrostKernels

/// The vegetation classes of the synthetic scene (codes of `vegetation_truth.tif`).
public enum SyntheticVegetationClass: UInt8, CaseIterable, Sendable, Codable {
    case alpineSwampMeadow = 1
    case alpineMeadow, alpineSteppe, sparseVegetation, water

    /// The text label of tables and category names.
    public var name: String {
        switch self {
        case .alpineSwampMeadow: "alpine swamp meadow"
        case .alpineMeadow: "alpine meadow"
        case .alpineSteppe: "alpine steppe"
        case .sparseVegetation: "sparse vegetation"
        case .water: "water"
        }
    }

    var color: (red: UInt8, green: UInt8, blue: UInt8) {
        switch self {
        case .alpineSwampMeadow: (40, 130, 90)
        case .alpineMeadow: (120, 190, 80)
        case .alpineSteppe: (215, 200, 110)
        case .sparseVegetation: (180, 160, 150)
        case .water: (60, 120, 210)
        }
    }

    public static let legend = ClassLegend(allCases.map { ($0.rawValue, $0.name, $0.color) })
}

/// Where each class grows, and what Landsat 8 sees there.
///
/// Classes follow the terrain as on the north-eastern plateau: water in the river and
/// ponds of the valley floor, swamp meadow on the wet floor and in gullies, sparse
/// vegetation on ridges above ~4400 m and on steep slopes, alpine steppe on dry
/// south-facing slopes, alpine meadow elsewhere. Smooth noise fields blur every boundary.
///
/// Reflectance is a linear mix of endmember spectra in class-typical proportions, with the
/// green-vegetation fraction varying smoothly and per pixel, terrain illumination (sun in the
/// south-east, as at a Landsat overpass in summer) and sensor noise, so the classes overlap
/// at their edges the way real spectra do.
struct SyntheticLandCover: Sendable {
    /// Ridges carry sparse vegetation above this elevation (m), blurred by the patchiness field.
    static let sparseElevation = 4400.0
    /// Slopes steeper than this (degrees) carry sparse vegetation.
    static let sparseSlope = 32.0
    /// Landsat 8 OLI bands B2-B7 and their centre wavelengths (micrometres).
    static let bandNames = ["SR_B2", "SR_B3", "SR_B4", "SR_B5", "SR_B6", "SR_B7"]
    static let bandWavelengths = [0.482, 0.561, 0.655, 0.865, 1.609, 2.201]
    /// Collection 2 Level-2 scaling: reflectance = DN x scale + offset.
    static let reflectanceScale = 0.0000275
    static let reflectanceOffset = -0.2
    static let sunZenithDegrees = 32.0
    static let sunAzimuthDegrees = 135.0

    /// Surface reflectance of B2-B7 for each endmember.
    private enum Endmember {
        static let greenVegetation = [0.030, 0.070, 0.040, 0.420, 0.220, 0.100]
        static let dryVegetation = [0.070, 0.100, 0.130, 0.250, 0.330, 0.240]
        static let wetSoil = [0.050, 0.070, 0.080, 0.120, 0.140, 0.100]
        static let bareGround = [0.110, 0.150, 0.190, 0.250, 0.320, 0.270]
        static let water = [0.060, 0.060, 0.040, 0.020, 0.012, 0.008]
    }

    /// Mean cover fractions (green, dry, wet soil, bare) of each land class.
    private static func fractions(_ vegetation: SyntheticVegetationClass) -> SIMD4<Double> {
        switch vegetation {
        case .alpineSwampMeadow: [0.80, 0.02, 0.18, 0.00]
        case .alpineMeadow: [0.66, 0.12, 0.02, 0.20]
        case .alpineSteppe: [0.36, 0.34, 0.00, 0.30]
        case .sparseVegetation: [0.12, 0.10, 0.00, 0.78]
        case .water: [0.00, 0.00, 0.15, 0.00]
        }
    }

    private let patchiness: NoiseField
    private let moisture: NoiseField
    private let exposure: NoiseField
    private let ponds: NoiseField
    private let vigour: NoiseField
    private let noise: PixelNoise

    init(seed: UInt64) {
        var random = SplitMix64(seed: seed, stream: .landCover)
        patchiness = NoiseField(&random, wavelengths: [1200, 600, 300], amplitude: 1)
        moisture = NoiseField(&random, wavelengths: [1000, 500, 250], amplitude: 1)
        exposure = NoiseField(&random, wavelengths: [1200, 600, 300], amplitude: 1)
        ponds = NoiseField(&random, wavelengths: [400, 200], amplitude: 1)
        var spectra = SplitMix64(seed: seed, stream: .spectra)
        vigour = NoiseField(&spectra, wavelengths: [800, 400, 200], amplitude: 1)
        noise = PixelNoise(seed: seed)
    }

    /// The class at map offset (u, v) given the pixel's elevation (m) and its Horn slope
    /// (degrees) and northness.
    func vegetation(
        u: Double, v: Double, elevation: Double, slope: Float, northness: Float,
        terrain: SyntheticTerrain
    ) -> SyntheticVegetationClass {
        let onFloor = terrain.valleyPosition(u: u, v: v).ascent == 0
        if terrain.isRiver(u: u, v: v) || (onFloor && ponds.normalised(x: u, y: v) > 1.6) {
            return .water
        }
        let patch = patchiness.normalised(x: u, y: v)
        if elevation > Self.sparseElevation + 50 * patch || Double(slope) > Self.sparseSlope + 4 * patch {
            return .sparseVegetation
        }
        if terrain.wetness(u: u, v: v) + 0.3 * moisture.normalised(x: u, y: v) > 0.8 {
            return .alpineSwampMeadow
        }
        if Double(northness) < -0.2 + 0.3 * exposure.normalised(x: u, y: v) {
            return .alpineSteppe
        }
        return .alpineMeadow
    }

    /// Landsat digital numbers of bands B2-B7 for one pixel, stored band-sequentially:
    /// band b of pixel i goes to `bands[b * pixelCount + i]`.
    func digitalNumbers(
        _ vegetation: SyntheticVegetationClass, u: Double, v: Double, column: Int, row: Int,
        slope: Float, aspect: Float, into bands: inout [UInt16], pixel: Int, pixelCount: Int
    ) {
        let mean = Self.fractions(vegetation)
        var cover = mean
        if vegetation == .water {
            // Turbidity: suspended sediment brightens shallow water.
            cover[2] = max(0, mean[2] + 0.06 * vigour.normalised(x: u, y: v) + 0.03 * noise.gaussian(0, column: column, row: row))
        } else {
            // More or less green cover; the other components share the rest as on average.
            let shift = 0.08 * vigour.normalised(x: u, y: v) + 0.06 * noise.gaussian(0, column: column, row: row)
            let green = min(0.98, max(0.01, mean[0] + shift))
            cover = mean * ((1 - green) / (1 - mean[0]))
            cover[0] = green
        }
        let waterShare = vegetation == .water ? 1 - cover[2] : 0
        let illumination = vegetation == .water ? 1 : illuminationFactor(slope: slope, aspect: aspect)
        let brightness = 1 + 0.05 * noise.gaussian(1, column: column, row: row)
        for band in 0..<6 {
            var reflectance =
                cover[0] * Endmember.greenVegetation[band] + cover[1] * Endmember.dryVegetation[band]
                + cover[2] * Endmember.wetSoil[band] + cover[3] * Endmember.bareGround[band] + waterShare * Endmember.water[band]
            reflectance *= illumination * brightness * (1 + 0.03 * noise.gaussian(2 + band, column: column, row: row))
            reflectance += 0.003 * noise.gaussian(8 + band, column: column, row: row)
            let digital = ((reflectance - Self.reflectanceOffset) / Self.reflectanceScale).rounded()
            bands[band * pixelCount + pixel] = UInt16(min(65535, max(1, digital)))
        }
    }

    /// Relative brightness of a slope under the overpass sun: cos(incidence) / cos(zenith),
    /// damped as a C-correction would (diffuse light also reaches slopes facing away).
    private func illuminationFactor(slope: Float, aspect: Float) -> Double {
        let zenith = Self.sunZenithDegrees * Double.pi / 180
        let slopeAngle = Double(slope) * Double.pi / 180
        let facing = aspect.isNaN ? 0 : cos((Self.sunAzimuthDegrees - Double(aspect)) * Double.pi / 180)
        let incidence = cos(slopeAngle) * cos(zenith) + sin(slopeAngle) * sin(zenith) * facing
        return 0.4 + 0.6 * max(0.1, incidence) / cos(zenith)
    }
}

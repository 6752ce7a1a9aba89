import AtlasCore
import Foundation
import PermafrostKernels

/// The linear MAGT model the synthetic boreholes are drawn from (METHOD section 3):
/// MAGT = intercept + elevation x z + vegetation effect + northness x cos(aspect)
///        + eastness x sin(aspect) + slope x slope + N(0, noise).
/// Eastness and slope have no effect, so a fit should find them near zero.
public struct SyntheticMAGTModel: Codable, Sendable, Equatable {
    public var intercept = 11.73
    /// degC per metre of DEM elevation at the pixel centre.
    public var elevation = -0.0032
    /// Effect (degC) of each vegetation class, by class name.
    public var vegetation: [String: Double] = Dictionary(
        uniqueKeysWithValues: SyntheticVegetationClass.allCases.map {
            ($0.name, SyntheticMAGTModel.effect(of: $0))
        })
    /// Per unit of northness = cos(Horn aspect of dem.tif), 0 on flat cells.
    public var northness = -0.5
    public var eastness = 0.0
    /// Per degree of Horn slope.
    public var slope = 0.0
    /// Standard deviation (degC) of the Gaussian noise added to each borehole.
    public var noiseStandardDeviation = 0.15

    public init() {}

    public static func effect(of vegetation: SyntheticVegetationClass) -> Double {
        switch vegetation {
        case .alpineSwampMeadow: -0.6
        case .alpineMeadow: -0.3
        case .alpineSteppe: 0
        case .sparseVegetation: 0.3
        case .water: 1.0
        }
    }

    /// The model's MAGT without noise (eastness and slope terms are zero and omitted).
    func expected(_ site: SyntheticScene.Site) -> Double {
        intercept + elevation * site.elevation + Self.effect(of: site.vegetation) + northness * site.northness
    }
}

/// One synthetic borehole: where it is, what the generator knew there, and what it "measured".
struct SyntheticBorehole {
    let id: String
    let x: Double
    let y: Double
    let site: SyntheticScene.Site
    let magt: Double
    /// Stefan ALT with 5 % noise; nil where MAGT >= 0 (no permafrost, no active layer).
    let activeLayerThickness: Double?

    var csvRow: String {
        let alt = activeLayerThickness.map { String(format: "%.2f", $0) } ?? ""
        return id + "," + String(format: "%.1f,%.1f,%.2f,", x, y, magt) + alt
    }

    static let csvHeader = "id,x,y,magt,alt"
}

/// Places boreholes and draws their measurements.
enum SyntheticBoreholeSurvey {
    /// Relative standard deviation of the ALT noise.
    static let altNoise = 0.05
    static let boreholeCount = 48
    static let checkBoreholeCount = 12

    /// `count` boreholes named `prefix`01... at random pixel centres away from the scene's
    /// edges, spread evenly over the elevation range, with at least `perClass` in every
    /// vegetation class that has candidates; none on a pixel in `occupied`.
    static func drill(
        _ scene: SyntheticScene, count: Int, prefix: String, file: String, placement: SyntheticStream,
        noise: SyntheticStream, perClass: Int, occupied: Set<Int>
    ) throws -> [SyntheticBorehole] {
        let sites = try place(scene, count: count, stream: placement, perClass: perClass, occupied: occupied)
        guard sites.count == count else {
            throw SynthesisError.tooSmall(file: file, reason: "the scene is too small to place \(count) boreholes away from its edges")
        }
        var random = SplitMix64(seed: scene.seed, stream: noise)
        let model = SyntheticMAGTModel()
        return try sites.enumerated().map { index, site in
            let centre = scene.pixelCentre(column: site.column, row: site.row)
            // Both draws always happen, so one borehole's permafrost never shifts another's noise.
            let magt = model.expected(site) + model.noiseStandardDeviation * random.gaussian()
            let altFactor = 1 + altNoise * random.gaussian()
            var alt: Double?
            if magt < 0 {
                let thawingIndex = try scene.climate.thawingIndex(x: centre.x, y: centre.y)
                alt =
                    ActiveLayerModel.stefanThickness(thawingIndex: thawingIndex, properties: SyntheticTables.soil(site.vegetation))
                    * altFactor
            }
            return SyntheticBorehole(
                id: prefix + String(format: "%02d", index + 1), x: centre.x, y: centre.y, site: site,
                magt: magt, activeLayerThickness: alt)
        }
    }

    /// The sites, `count` of them unless the scene has too few candidates.
    private static func place(
        _ scene: SyntheticScene, count: Int, stream: SyntheticStream, perClass: Int,
        occupied: Set<Int>
    ) throws -> [SyntheticScene.Site] {
        let margin = max(3, min(scene.width, scene.height) / 20)
        var random = SplitMix64(seed: scene.seed, stream: stream)
        var seen = occupied
        var candidates: [SyntheticScene.Site] = []
        for _ in 0..<(40 * count) {
            let column = random.integer(margin..<(scene.width - margin)), row = random.integer(margin..<(scene.height - margin))
            guard seen.insert(row * scene.width + column).inserted else { continue }
            candidates.append(try scene.site(column: column, row: row))
        }
        var chosen: [Int] = []
        for vegetation in SyntheticVegetationClass.allCases {
            chosen += candidates.indices.filter { candidates[$0].vegetation == vegetation }.prefix(perClass)
        }
        // The rest at evenly spaced target elevations: the nearest unused candidate to each.
        let elevations = candidates.map(\.elevation)
        let low = elevations.min() ?? 0, high = elevations.max() ?? 0
        let remaining = count - chosen.count
        for target in 0..<max(0, remaining) {
            let elevation = low + (Double(target) + 0.5) / Double(remaining) * (high - low)
            let used = Set(chosen)
            guard
                let nearest = candidates.indices.filter({ !used.contains($0) })
                    .min(by: { abs(candidates[$0].elevation - elevation) < abs(candidates[$1].elevation - elevation) })
            else { break }
            chosen.append(nearest)
        }
        // Map reading order: north to south, then west to east.
        return chosen.map { candidates[$0] }.sorted { ($0.row, $0.column) < ($1.row, $1.column) }
    }
}

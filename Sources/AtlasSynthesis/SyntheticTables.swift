import AtlasCore
import Foundation
import PermafrostKernels

/// Geomorphology / sediment zones of the scene. Codes follow the alphabetical order of the
/// names, as `run` gives them when it rasterizes the zone polygons.
public enum SyntheticZone: UInt8, CaseIterable, Sendable {
    case alluvialPlain = 1
    case bedrockRidge, slopeDeposits

    public var name: String {
        switch self {
        case .alluvialPlain: "alluvial plain"
        case .slopeDeposits: "slope deposits"
        case .bedrockRidge: "bedrock ridge"
        }
    }
}

/// The parameter tables shipped with the scene (soil, strata, mining), with values typical
/// of the north-eastern Qinghai-Tibet Plateau. The borehole ALTs are drawn from the same soil
/// values, so the tables are the truth the pipeline should recover.
enum SyntheticTables {
    /// Stefan parameters per vegetation class. Alpine meadow is the Yeniugou check of METHOD
    /// section 5 (0.93 W/m/K, 756 kg/m3, w 0.15, w_u 0.06); wet organic swamp soil thaws
    /// least, coarse dry steppe and scree soils most.
    static func soil(_ vegetation: SyntheticVegetationClass) -> SoilThermalProperties {
        switch vegetation {
        case .alpineSwampMeadow: soil(1.05, 800, 0.45, 0.10, n: 0.60)
        case .alpineMeadow: soil(0.93, 756, 0.15, 0.06, n: 0.80)
        case .alpineSteppe: soil(1.25, 1500, 0.10, 0.04, n: 0.90)
        case .sparseVegetation: soil(1.45, 1650, 0.08, 0.03, n: 1.00)
        case .water: soil(1.30, 1300, 0.30, 0.08, n: 1.00)
        }
    }

    /// The edaphic factor E of ALT = E sqrt(n DDT) equal to the physical form's
    /// sqrt(2 lambda 86400 / (L rho_d (w - w_u))), rounded to 4 decimals.
    static func edaphicFactor(_ properties: SoilThermalProperties) -> Double {
        let exact =
            (2 * properties.lambdaThawed * 86_400
            / (SoilThermalProperties.latentHeatOfFusion * properties.dryDensity
                * (properties.waterContent - properties.unfrozenWaterContent)))
            .squareRoot()
        return (exact * 10_000).rounded() / 10_000
    }

    static var soilCSV: String {
        let rows = SyntheticVegetationClass.allCases.map { vegetation -> String in
            let p = soil(vegetation)
            return "\(vegetation.name),"
                + String(
                    format: "%.2f,%.0f,%.2f,%.2f,%.2f,%.4f", p.lambdaThawed, p.dryDensity, p.waterContent,
                    p.unfrozenWaterContent, p.nFactor, edaphicFactor(p))
        }
        return csv(header: "class,lambda_thawed,dry_density,water_content,unfrozen_water_content,n_factor,edaphic_factor", rows: rows)
    }

    /// Layers (top m, bottom m, volumetric ice content) per zone from the borehole logs of the
    /// Yellow River source area: ice-rich just below the permafrost table (1.5-4 m), leaner
    /// with depth; 3-10 m averages about 0.29 over the zones, least under bedrock ridges.
    static func strata(_ zone: SyntheticZone) -> [(top: Double, bottom: Double, ice: Double)] {
        switch zone {
        case .alluvialPlain: [(0, 1.5, 0.10), (1.5, 3, 0.45), (3, 6, 0.36), (6, 10, 0.28), (10, 15, 0.20)]
        case .slopeDeposits: [(0, 2, 0.08), (2, 3.5, 0.42), (3.5, 6, 0.34), (6, 10, 0.26), (10, 15, 0.18)]
        case .bedrockRidge: [(0, 2.5, 0.05), (2.5, 4, 0.32), (4, 7, 0.26), (7, 10, 0.18), (10, 15, 0.10)]
        }
    }

    static var strataCSV: String {
        let rows = SyntheticZone.allCases.flatMap { zone in
            strata(zone).map { "\(zone.name)," + String(format: "%.1f,%.1f,%.2f", $0.top, $0.bottom, $0.ice) }
        }
        return csv(header: "zone,top,bottom,ice_content", rows: rows)
    }

    /// Disturbance parameters as measured in new boreholes: pits expose the ground and remove
    /// its top metres, dumps pile coarse dry spoil, roads and plants warm the ground least.
    struct MiningRow {
        let type: String
        let magtOffset: Double
        let soil: SoilThermalProperties
        let excavationDepth: Double
        let bufferMetres: Double
        let dumpThickness: Double
    }

    static let mining = [
        MiningRow(
            type: "pit", magtOffset: 1.2, soil: soil(1.60, 1800, 0.08, 0.03, n: 1.20), excavationDepth: 8, bufferMetres: 150,
            dumpThickness: 0),
        MiningRow(
            type: "dump", magtOffset: 0.8, soil: soil(1.40, 1900, 0.06, 0.02, n: 1.10), excavationDepth: 0, bufferMetres: 100,
            dumpThickness: 20),
        MiningRow(
            type: "other", magtOffset: 0.5, soil: soil(1.50, 2000, 0.07, 0.03, n: 1.15), excavationDepth: 0, bufferMetres: 60,
            dumpThickness: 0),
    ]

    static var miningCSV: String {
        let rows = mining.map { row in
            "\(row.type),"
                + String(
                    format: "%.1f,%.2f,%.0f,%.2f,%.2f,%.2f,%.0f,%.0f,%.0f", row.magtOffset, row.soil.lambdaThawed,
                    row.soil.dryDensity, row.soil.waterContent, row.soil.unfrozenWaterContent, row.soil.nFactor,
                    row.excavationDepth, row.bufferMetres, row.dumpThickness)
        }
        return csv(
            header: "type,magt_offset,lambda_thawed,dry_density,water_content,unfrozen_water_content,n_factor,"
                + "excavation_depth,buffer_m,dump_thickness", rows: rows)
    }

    static func csv(header: String, rows: [String]) -> String {
        ([header] + rows).joined(separator: "\n") + "\n"
    }

    private static func soil(_ lambda: Double, _ density: Double, _ water: Double, _ unfrozen: Double, n: Double) -> SoilThermalProperties {
        SoilThermalProperties(lambdaThawed: lambda, dryDensity: density, waterContent: water, unfrozenWaterContent: unfrozen, nFactor: n)
    }
}

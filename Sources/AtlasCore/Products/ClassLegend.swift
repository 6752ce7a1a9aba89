import GeoRaster
import PermafrostKernels

/// The legend of a class map: code, name and colour of each class (code 0 is nodata).
public struct ClassLegend: Sendable, Encodable {
    public struct Entry: Sendable, Encodable {
        public let code: UInt8
        public let name: String
        public let color: RGBA
    }

    public let entries: [Entry]

    public init(_ entries: [(code: UInt8, name: String, color: (red: UInt8, green: UInt8, blue: UInt8))]) {
        self.entries = entries.map { Entry(code: $0.code, name: $0.name, color: RGBA($0.color.red, $0.color.green, $0.color.blue)) }
    }

    public func name(of code: UInt8) -> String? { entries.first { $0.code == code }?.name }

    /// GDAL band description: nodata 0, category names indexed by code, a colour table.
    public func bandSpec(description: String, metadata: [String: String] = [:]) -> BandSpec {
        let highest = Int(entries.map(\.code).max() ?? 0)
        var names = [String](repeating: "", count: highest + 1)
        names[0] = "nodata"
        var colors: [Int: RGBA] = [0: RGBA(0, 0, 0, 0)]
        for entry in entries {
            names[Int(entry.code)] = entry.name
            colors[Int(entry.code)] = entry.color
        }
        return BandSpec(description: description, unit: "class", noData: 0, colorTable: colors, categoryNames: names, metadata: metadata)
    }

    /// The legend of a transition map: code before x 10 + after, named "before -> after";
    /// unchanged pixels grey, changed ones in the colour of the class they became.
    public func transitions() -> ClassLegend {
        var entries: [(code: UInt8, name: String, color: (red: UInt8, green: UInt8, blue: UInt8))] = []
        for before in self.entries {
            for after in self.entries {
                let color =
                    before.code == after.code
                    ? (red: UInt8(200), green: UInt8(200), blue: UInt8(200))
                    : (red: after.color.red, green: after.color.green, blue: after.color.blue)
                entries.append((before.code * 10 + after.code, "\(before.name) -> \(after.name)", color))
            }
        }
        return ClassLegend(entries)
    }
}

/// The atlas's class legends: names from the science (PermafrostKernels), colours chosen here
/// for maps, so every product that shows a class shows it alike.
extension ClassLegend {
    /// Blue for cold, stable ground to red for warm ground.
    public static let thermalStability = ClassLegend(ThermalStabilityClass.allCases.map { ($0.rawValue, $0.name, color(of: $0)) })
    public static let permafrostPresence = ClassLegend(PermafrostPresence.allCases.map { ($0.rawValue, $0.name, color(of: $0)) })
    /// Sandy tan for little ice to deep blue for massive ice.
    public static let iceContent = ClassLegend(IceContentClass.allCases.map { ($0.rawValue, $0.name, color(of: $0)) })
    public static let disturbanceType = ClassLegend(DisturbanceType.allCases.map { ($0.rawValue, $0.name, color(of: $0)) })

    /// Vegetation classes 1...n in the order of `labels` (the model's sorted sample labels):
    /// the usual Qinghai-Tibet classes in their customary colours, others from a palette.
    public static func vegetation(labels: [String]) -> ClassLegend {
        ClassLegend(
            labels.enumerated().map { index, label in
                (UInt8(index + 1), label, knownVegetation[label.lowercased()] ?? palette[index % palette.count])
            })
    }

    /// Geomorphology zones 1...n in the order of `names`, coloured from a palette.
    public static func zones(names: [String]) -> ClassLegend {
        ClassLegend(names.enumerated().map { index, name in (UInt8(index + 1), name, zonePalette[index % zonePalette.count]) })
    }

    /// The post-mining vegetation: the vegetation classes, then pits, dumps and other
    /// disturbance (codes n+1...n+3), named and coloured as in disturbance.tif.
    public static func postMiningVegetation(labels: [String]) -> ClassLegend {
        let natural = vegetation(labels: labels).entries.map { ($0.code, $0.name, ($0.color.red, $0.color.green, $0.color.blue)) }
        let disturbed = DisturbanceType.allCases.map { type in (UInt8(labels.count) + type.rawValue, type.name, color(of: type)) }
        return ClassLegend(natural + disturbed)
    }

    private typealias Color = (red: UInt8, green: UInt8, blue: UInt8)

    private static let knownVegetation: [String: Color] = [
        "alpine swamp meadow": (38, 115, 77), "alpine meadow": (112, 168, 0), "alpine steppe": (215, 194, 158),
        "sparse vegetation": (204, 204, 204), "bare ground": (178, 178, 178), "water": (0, 112, 255),
        "mine pit": (80, 40, 20), "spoil dump": (150, 90, 60),
    ]
    /// Muted earth tones, so zones under other layers do not compete with them.
    private static let zonePalette: [Color] = [
        (141, 160, 203), (252, 141, 98), (102, 194, 165), (231, 138, 195), (166, 216, 84), (255, 217, 47), (229, 196, 148), (179, 179, 179),
    ]
    private static let palette: [Color] = [
        (27, 158, 119), (217, 95, 2), (117, 112, 179), (231, 41, 138), (102, 166, 30), (230, 171, 2), (166, 118, 29), (102, 102, 102),
    ]

    private static func color(of value: ThermalStabilityClass) -> Color {
        switch value {
        case .extremelyStable: (33, 102, 172)
        case .stable: (103, 169, 207)
        case .subStable: (209, 229, 240)
        case .transitional: (253, 219, 199)
        case .unstable: (239, 138, 98)
        case .extremelyUnstable: (178, 24, 43)
        }
    }

    private static func color(of value: PermafrostPresence) -> Color {
        switch value {
        case .permafrost: (49, 130, 189)
        case .seasonallyFrozenGround: (230, 200, 140)
        }
    }

    private static func color(of value: IceContentClass) -> Color {
        switch value {
        case .icePoor: (222, 203, 164)
        case .iceBearing: (199, 233, 180)
        case .iceRich: (127, 205, 187)
        case .iceSaturated: (44, 127, 184)
        case .iceLayerWithSoil: (37, 52, 148)
        }
    }

    private static func color(of value: DisturbanceType) -> Color {
        switch value {
        case .pit: (90, 90, 90)
        case .dump: (160, 110, 60)
        case .other: (230, 160, 40)
        }
    }
}

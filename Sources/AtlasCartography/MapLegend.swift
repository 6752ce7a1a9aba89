import AtlasCore
import GeoRaster

/// What a reader needs to decode a rendered map: class swatches, or a ramp with its value range.
public struct MapLegend: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case classes, ramp
    }

    public struct ClassEntry: Codable, Sendable, Equatable {
        public var code: Int
        public var name: String
        public var color: RGBA
        /// Whether the class occurs in the rendered picture.
        public var present: Bool

        public init(code: Int, name: String, color: RGBA, present: Bool) {
            self.code = code
            self.name = name
            self.color = color
            self.present = present
        }
    }

    /// A ramp colour and the value it stands for.
    public struct Stop: Codable, Sendable, Equatable {
        public var value: Double
        public var color: RGBA

        public init(value: Double, color: RGBA) {
            self.value = value
            self.color = color
        }
    }

    public var kind: Kind
    /// The band's description.
    public var title: String
    public var unit: String
    /// Class maps: every named class and every code drawn, by code (nodata excluded).
    public var classes: [ClassEntry]
    /// Ramps: the ramp's name and the values of its first and last colours (nil when the
    /// raster has no valid pixel).
    public var ramp: String?
    public var minimum: Double?
    public var maximum: Double?
    /// Ramps: one stop per ramp colour; linear interpolation between them reproduces the map.
    public var stops: [Stop]

    /// Class legends longer than this (transition maps) list only the classes drawn.
    public static let longestFullClassLegend = 12

    /// The classes a legend lists: all of a short legend, the drawn ones of a long one.
    public var listedClasses: [ClassEntry] {
        classes.count <= Self.longestFullClassLegend ? classes : classes.filter(\.present)
    }

    public static func classes(title: String, unit: String, _ entries: [ClassEntry]) -> MapLegend {
        MapLegend(kind: .classes, title: title, unit: unit, classes: entries, ramp: nil, minimum: nil, maximum: nil, stops: [])
    }

    public static func ramp(title: String, unit: String, ramp: ColorRamp, scale: ColorScale?) -> MapLegend {
        let stops =
            scale.map { scale in
                ramp.colors.indices.map { Stop(value: scale.value(at: ramp.position(ofColor: $0)), color: ramp.colors[$0]) }
            } ?? []
        return MapLegend(
            kind: .ramp, title: title, unit: unit, classes: [], ramp: ramp.name,
            minimum: scale?.minimum, maximum: scale?.maximum, stops: stops)
    }
}

/// A raster drawn as a PNG: where the picture is, its size, its legend, and the ground
/// distance one picture pixel covers (for a scale bar; nil when the raster has no CRS or
/// geotransform).
public struct RenderedMap: Codable, Sendable, Equatable {
    /// The PNG, as given to the renderer (reports resolve relative paths against their folder).
    public var png: String
    public var width: Int
    public var height: Int
    public var legend: MapLegend
    public var metresPerPixel: Double?

    public init(png: String, width: Int, height: Int, legend: MapLegend, metresPerPixel: Double?) {
        self.png = png
        self.width = width
        self.height = height
        self.legend = legend
        self.metresPerPixel = metresPerPixel
    }

    enum CodingKeys: String, CodingKey {
        case png, width, height, legend, metresPerPixel
    }

    /// Writes `metresPerPixel` as null rather than leaving it out: scripts read every key.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(png, forKey: .png)
        try container.encode(width, forKey: .width)
        try container.encode(height, forKey: .height)
        try container.encode(legend, forKey: .legend)
        try container.encode(metresPerPixel, forKey: .metresPerPixel)
    }
}

import AtlasCore
import GeoRaster

/// A colour ramp: colours at evenly spaced positions from 0 to 1, interpolated linearly in
/// sRGB between neighbours. Plain maths, no GDAL.
public struct ColorRamp: Sendable, Equatable {
    public let name: String
    public let colors: [RGBA]
    /// Diverging ramps have their middle colour at 0 (see `ColorScale.fitting`).
    public let isDiverging: Bool
    /// What the ramp is for, shown in `--help`.
    public let purpose: String

    public init(name: String, colors: [RGBA], isDiverging: Bool = false, purpose: String = "") {
        precondition(colors.count >= 2, "a ramp needs at least two colours")
        self.name = name
        self.colors = colors
        self.isDiverging = isDiverging
        self.purpose = purpose
    }

    /// Position of colour `index` on the ramp (0 for the first, 1 for the last).
    public func position(ofColor index: Int) -> Double {
        Double(index) / Double(colors.count - 1)
    }

    /// The colour at `position` (clamped to 0...1; NaN gives the first colour).
    public func color(at position: Double) -> RGBA {
        let clamped = position.isNaN ? 0 : min(1, max(0, position))
        let scaled = clamped * Double(colors.count - 1)
        let lower = min(Int(scaled), colors.count - 2)
        let fraction = scaled - Double(lower)
        let a = colors[lower], b = colors[lower + 1]
        func mix(_ x: UInt8, _ y: UInt8) -> UInt8 {
            UInt8((Double(x) + (Double(y) - Double(x)) * fraction).rounded())
        }
        return RGBA(mix(a.red, b.red), mix(a.green, b.green), mix(a.blue, b.blue), mix(a.alpha, b.alpha))
    }
}

extension ColorRamp {
    /// Blue (cold) - white - red (warm): ground temperature (ColorBrewer RdBu, reversed).
    public static let temperature = ColorRamp(
        name: "temperature", colors: hex(["2166ac", "67a9cf", "d1e5f0", "f7f7f7", "fddbc7", "ef8a62", "b2182b"]),
        isDiverging: true, purpose: "diverging blue-white-red centred on 0, for MAGT (degC)")
    /// Purple (decrease) - white - orange (increase): post - pre differences (ColorBrewer PuOr, reversed).
    public static let difference = ColorRamp(
        name: "difference", colors: hex(["542788", "998ec3", "d8daeb", "f7f7f7", "fee0b6", "f1a340", "b35806"]),
        isDiverging: true, purpose: "diverging purple-white-orange centred on 0, for changes (post - pre)")
    /// Yellow - orange - brown: active-layer thickness (ColorBrewer YlOrBr).
    public static let thawDepth = ColorRamp(
        name: "thaw-depth", colors: hex(["ffffd4", "fee391", "fec44f", "fe9929", "d95f0e", "993404"]),
        purpose: "yellow-orange-brown, for active-layer thickness (m)")
    /// Light to dark blue: ground ice (ColorBrewer Blues).
    public static let ice = ColorRamp(
        name: "ice", colors: hex(["f7fbff", "deebf7", "c6dbef", "9ecae1", "6baed6", "3182bd", "08519c"]),
        purpose: "light-to-dark blue, for ground ice (m3/m2) and freezing indices")
    /// Yellow - red: thawing index (ColorBrewer YlOrRd).
    public static let thawingIndex = ColorRamp(
        name: "thawing-index", colors: hex(["ffffb2", "fed976", "feb24c", "fd8d3c", "f03b20", "bd0026"]),
        purpose: "yellow-red, for thawing indices (degC day)")
    /// Green lowlands, yellow and brown slopes, pale summits: elevation.
    public static let terrain = ColorRamp(
        name: "terrain", colors: hex(["3a8f3e", "a6d96a", "f4e9a3", "d8b365", "a6743a", "7b5a3c", "ececec"]),
        purpose: "green-yellow-brown-white, for elevation (m)")
    /// Perceptually uniform dark blue - green - yellow (matplotlib's viridis).
    public static let viridis = ColorRamp(
        name: "viridis", colors: hex(["440154", "472d7b", "3b528b", "2c728e", "21918c", "28ae80", "5ec962", "addc30", "fde725"]),
        purpose: "perceptually uniform, for anything else")

    /// Every named ramp, in the order `--help` lists them.
    public static let all: [ColorRamp] = [.temperature, .difference, .thawDepth, .ice, .thawingIndex, .terrain, .viridis]

    public static func named(_ name: String) -> ColorRamp? {
        all.first { $0.name == name.lowercased() }
    }

    private static func hex(_ codes: [String]) -> [RGBA] {
        codes.map { code in
            let value = UInt32(code, radix: 16)!
            return RGBA(UInt8(value >> 16), UInt8((value >> 8) & 0xff), UInt8(value & 0xff))
        }
    }
}

/// A ramp stretched over a value range: `minimum` gets the first colour, `maximum` the last,
/// values outside the range the end colours.
public struct ColorScale: Sendable, Equatable {
    public let ramp: ColorRamp
    public let minimum: Double
    public let maximum: Double

    public init(ramp: ColorRamp, minimum: Double, maximum: Double) {
        self.ramp = ramp
        self.minimum = minimum
        self.maximum = maximum
    }

    /// The scale for data spanning `minimum...maximum`. A diverging ramp is stretched over
    /// -m...m, m the larger magnitude, so 0 is its middle colour and equal magnitudes of either
    /// sign are equally strong.
    public static func fitting(_ ramp: ColorRamp, minimum: Double, maximum: Double) -> ColorScale {
        guard ramp.isDiverging else { return ColorScale(ramp: ramp, minimum: minimum, maximum: maximum) }
        let magnitude = max(abs(minimum), abs(maximum))
        return ColorScale(ramp: ramp, minimum: -magnitude, maximum: magnitude)
    }

    /// Position on the ramp; a range of one value puts everything in the middle.
    public func position(of value: Double) -> Double {
        maximum > minimum ? (value - minimum) / (maximum - minimum) : 0.5
    }

    public func color(of value: Double) -> RGBA {
        ramp.color(at: position(of: value))
    }

    /// The value at a position on the ramp.
    public func value(at position: Double) -> Double {
        minimum + position * (maximum - minimum)
    }
}

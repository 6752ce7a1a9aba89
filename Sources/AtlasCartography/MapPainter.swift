import AtlasCore
import GeoRaster

/// Turns band values (row-major, as read) into picture pixels: class codes through a colour
/// table, continuous values through a colour scale. Nodata is transparent. Plain Swift.
public enum MapPainter {
    public static let transparent = RGBA(0, 0, 0, 0)

    /// A value is drawn unless it is NaN, infinite or the band's nodata value.
    public static func isValid(_ value: Double, noData: Double?) -> Bool {
        value.isFinite && value != noData
    }

    /// The smallest and largest valid value, or nil when every value is nodata.
    public static func valueRange(_ values: [Double], noData: Double?) -> ClosedRange<Double>? {
        var lowest = Double.infinity, highest = -Double.infinity
        for value in values where isValid(value, noData: noData) {
            lowest = min(lowest, value)
            highest = max(highest, value)
        }
        return lowest <= highest ? lowest...highest : nil
    }

    /// Class codes coloured from `colors`; nodata, fractional values and codes without a
    /// colour are transparent. Also returns the valid codes that occur.
    public static func paintClasses(
        _ values: [Double], width: Int, height: Int, noData: Double?,
        colors: [Int: RGBA]
    ) -> (image: RGBAImage, codes: Set<Int>) {
        precondition(values.count == width * height, "one value per pixel")
        // Class codes are small integers: look them up in arrays, not dictionaries.
        let tableSize = (colors.keys.max() ?? -1) + 1
        var palette = [RGBA](repeating: transparent, count: tableSize)
        for (code, color) in colors where code >= 0 { palette[code] = color }
        var seen = [Bool](repeating: false, count: tableSize)
        var otherCodes = Set<Int>()
        var image = RGBAImage(width: width, height: height)
        for (index, value) in values.enumerated() where isValid(value, noData: noData) && value == value.rounded() {
            guard value >= 0, value < Double(tableSize) else {
                if abs(value) < Double(Int32.max) { otherCodes.insert(Int(value)) }
                continue
            }
            let code = Int(value)
            seen[code] = true
            image[index] = palette[code]
        }
        return (image, otherCodes.union(seen.indices.filter { seen[$0] }))
    }

    /// Steps of a continuous map's ramp: 255 colours, 1/254 of the range apart (finer than
    /// the eye separates on a ramp of a few stops). With transparency that is at most 256
    /// colours, so the picture is written as a paletted PNG.
    public static let rampSteps = 254

    /// Values coloured by `scale` in `rampSteps` steps (values outside its range get the end
    /// colours); nodata is transparent.
    public static func paintRamp(_ values: [Double], width: Int, height: Int, noData: Double?, scale: ColorScale) -> RGBAImage {
        precondition(values.count == width * height, "one value per pixel")
        let steps = Double(rampSteps)
        let colors = (0...rampSteps).map { scale.ramp.color(at: Double($0) / steps) }
        var image = RGBAImage(width: width, height: height)
        for (index, value) in values.enumerated() where isValid(value, noData: noData) {
            let position = min(1, max(0, scale.position(of: value)))
            image[index] = colors[Int(position * steps + 0.5)]  // rounded half up
        }
        return image
    }
}

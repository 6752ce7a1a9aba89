import Foundation

/// Shaded relief of a DEM on a plain grid, lit from the north-west at 45 degrees (gdaldem
/// hillshade's defaults and Horn's gradient). Drawn under continuous maps so that their
/// colours read against the terrain.
public enum Hillshade {
    /// Brightness 1...255 per cell (row-major) as gdaldem hillshade writes it (1 + 254 x the
    /// cosine of the light's incidence, 1 in full shadow), 0 where the cell or a neighbour is
    /// nodata or NaN; edge cells repeat their inner neighbour. `cellWidth` and `cellHeight`
    /// are ground metres.
    public static func shade(
        _ elevations: [Double], width: Int, height: Int, cellWidth: Double, cellHeight: Double, noData: Double?,
        azimuthDegrees: Double = 315, altitudeDegrees: Double = 45
    ) -> [UInt8] {
        precondition(elevations.count == width * height, "one elevation per cell")
        let zenith = (90 - altitudeDegrees) * .pi / 180
        // Light from the azimuth, measured clockwise from north; aspect below is the
        // mathematical angle of the downslope direction, so the two are turned alike.
        let azimuth = (360 - azimuthDegrees + 90).truncatingRemainder(dividingBy: 360) * .pi / 180
        var shades = [UInt8](repeating: 0, count: width * height)
        func value(_ column: Int, _ row: Int) -> Double? {
            let z = elevations[min(height - 1, max(0, row)) * width + min(width - 1, max(0, column))]
            return z.isFinite && z != noData ? z : nil
        }
        for row in 0..<height {
            for column in 0..<width {
                guard let a = value(column - 1, row - 1), let b = value(column, row - 1), let c = value(column + 1, row - 1),
                    let d = value(column - 1, row), value(column, row) != nil, let f = value(column + 1, row),
                    let g = value(column - 1, row + 1), let h = value(column, row + 1), let i = value(column + 1, row + 1)
                else { continue }
                let dzdx = ((c + 2 * f + i) - (a + 2 * d + g)) / (8 * cellWidth)
                let dzdy = ((g + 2 * h + i) - (a + 2 * b + c)) / (8 * cellHeight)
                let slope = atan((dzdx * dzdx + dzdy * dzdy).squareRoot())
                let aspect = atan2(dzdy, -dzdx)
                let lit = cos(zenith) * cos(slope) + sin(zenith) * sin(slope) * cos(azimuth - aspect)
                shades[row * width + column] = UInt8((1 + 254 * max(0, min(1, lit))).rounded())
            }
        }
        return shades
    }
}

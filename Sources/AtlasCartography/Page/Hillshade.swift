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
        let cosZenith = cos(zenith), sinZenith = sin(zenith), cosAzimuth = cos(azimuth), sinAzimuth = sin(azimuth)
        var shades = [UInt8](repeating: 0, count: width * height)
        elevations.withUnsafeBufferPointer { z in
            // Edge cells repeat their inner neighbour: clamped indices, computed once per row
            // and column rather than per neighbour.
            for row in 0..<height {
                let above = max(0, row - 1) * width, here = row * width, below = min(height - 1, row + 1) * width
                for column in 0..<width {
                    let left = max(0, column - 1), right = min(width - 1, column + 1)
                    let a = z[above + left], b = z[above + column], c = z[above + right]
                    let d = z[here + left], e = z[here + column], f = z[here + right]
                    let g = z[below + left], h = z[below + column], i = z[below + right]
                    // NaN and nodata in the window leave the cell at 0 (unshaded).
                    guard (a + b + c + d + e + f + g + h + i).isFinite else { continue }
                    if let noData,
                        a == noData || b == noData || c == noData || d == noData || e == noData || f == noData
                            || g == noData || h == noData || i == noData
                    {
                        continue
                    }
                    let dzdx = ((c + 2 * f + i) - (a + 2 * d + g)) / (8 * cellWidth)
                    let dzdy = ((g + 2 * h + i) - (a + 2 * b + c)) / (8 * cellHeight)
                    // cos Z cos S + sin Z sin S cos(A - aspect), with the slope S and aspect
                    // written through the gradient: no trigonometry per cell.
                    let lit =
                        (cosZenith + sinZenith * (sinAzimuth * dzdy - cosAzimuth * dzdx)) / (1 + dzdx * dzdx + dzdy * dzdy).squareRoot()
                    shades[here + column] = UInt8((1 + 254 * max(0, min(1, lit))).rounded())
                }
            }
        }
        return shades
    }
}

import Foundation

/// The 3x3 elevations around one cell, named by compass direction; gdaldem numbers the same
/// cells 0...8 row by row (nw n ne / w c e / sw s se). All sums below are written in exactly
/// gdaldem 3.6's order and precision: the window is summed in Float32 and only the sums are
/// widened to Double, which is what makes the results bit-identical to `gdaldem slope/aspect`.
struct HornNeighbourhood {
    var nw: Float, n: Float, ne: Float
    var w: Float, c: Float, e: Float
    var sw: Float, s: Float, se: Float

    private static let degreesToRadians = Double.pi / 180
    private static let radiansToDegrees = 180 / Double.pi

    /// gdaldem's nodata rule: a nodata centre gives nodata; a nodata neighbour gives nodata,
    /// or with -compute_edges is replaced by the centre value.
    func resolvingNodata(computeEdges: Bool) -> HornNeighbourhood? {
        if c.isNaN { return nil }
        let complete = !(nw.isNaN || n.isNaN || ne.isNaN || w.isNaN || e.isNaN || sw.isNaN || s.isNaN || se.isNaN)
        if complete { return self }
        guard computeEdges else { return nil }
        func filled(_ value: Float) -> Float { value.isNaN ? c : value }
        return HornNeighbourhood(
            nw: filled(nw), n: filled(n), ne: filled(ne),
            w: filled(w), c: c, e: filled(e),
            sw: filled(sw), s: filled(s), se: filled(se))
    }

    /// Slope in degrees (gdaldem's Horn slope with `-s verticalScale`).
    func slope(cellSize: TerrainCellSize, verticalScale: Double) -> Float {
        let dx = Double((nw + w + w + sw) - (ne + e + e + se)) / cellSize.eastWest
        let dy = Double((sw + s + s + se) - (nw + n + n + ne)) / cellSize.northSouth
        let key = dx * dx + dy * dy
        return Float(atan(key.squareRoot() / (8 * verticalScale)) * Self.radiansToDegrees)
    }

    /// Aspect in degrees clockwise from north (the azimuth the slope faces), NaN on flat cells.
    ///
    /// gdaldem uses the unscaled Horn sums, which is right only for square north-up pixels.
    /// Here the north component is multiplied by |ew| / -ns: that factor is exactly 1 for
    /// square north-up pixels (so the result is gdaldem's, bit for bit) and otherwise turns the
    /// sums into true metric gradients (oblong pixels, per-row geographic cell sizes, other
    /// grid orientations), where gdaldem's aspect would be skewed.
    func aspect(cellSize: TerrainCellSize) -> Float {
        let dx = Double((ne + e + e + se) - (nw + w + w + sw))
        let dy = Double((sw + s + s + se) - (nw + n + n + ne))
        if dx == 0 && dy == 0 { return .nan }
        let north = dy * (abs(cellSize.eastWest) / -cellSize.northSouth)
        let east = cellSize.eastWest > 0 ? -dx : dx
        var aspect = Float(atan2(north, east) / Self.degreesToRadians)
        aspect = aspect > 90 ? 450 - aspect : 90 - aspect
        return aspect == 360 ? 0 : aspect
    }
}

/// Read access to a block's elevation window with its 1-pixel halo; `row` and `column` are
/// block coordinates, -1 and height/width address the halo.
struct HaloWindow {
    let values: UnsafeBufferPointer<Float>
    let stride: Int

    @inline(__always)
    func z(_ row: Int, _ column: Int) -> Float {
        values[(row + 1) * stride + column + 1]
    }

    /// The plain 3x3 window around an interior cell.
    func neighbourhood(row r: Int, column c: Int) -> HornNeighbourhood {
        HornNeighbourhood(
            nw: z(r - 1, c - 1), n: z(r - 1, c), ne: z(r - 1, c + 1),
            w: z(r, c - 1), c: z(r, c), e: z(r, c + 1),
            sw: z(r + 1, c - 1), s: z(r + 1, c), se: z(r + 1, c + 1))
    }

    /// The window gdaldem -compute_edges builds for a cell on the raster border. Missing
    /// outside values are extrapolated as 2a - b (nodata if a or b is). On the first and last
    /// raster rows the missing outer row is extrapolated from the nearest column values
    /// while a missing side column repeats the centre column, so corner cells see half
    /// the east-west difference; on the other rows a missing side column is extrapolated.
    func edgeNeighbourhood(row r: Int, column c: Int, top: Bool, bottom: Bool, left: Bool, right: Bool) -> HornNeighbourhood {
        let west = left ? c : c - 1
        let east = right ? c : c + 1
        if top {
            return HornNeighbourhood(
                nw: extrapolate(z(r, west), z(r + 1, west)), n: extrapolate(z(r, c), z(r + 1, c)),
                ne: extrapolate(z(r, east), z(r + 1, east)),
                w: z(r, west), c: z(r, c), e: z(r, east),
                sw: z(r + 1, west), s: z(r + 1, c), se: z(r + 1, east))
        }
        if bottom {
            return HornNeighbourhood(
                nw: z(r - 1, west), n: z(r - 1, c), ne: z(r - 1, east),
                w: z(r, west), c: z(r, c), e: z(r, east),
                sw: extrapolate(z(r, west), z(r - 1, west)), s: extrapolate(z(r, c), z(r - 1, c)),
                se: extrapolate(z(r, east), z(r - 1, east)))
        }
        var hood = neighbourhood(row: r, column: c)
        if left {
            hood.nw = extrapolate(z(r - 1, c), z(r - 1, c + 1))
            hood.w = extrapolate(z(r, c), z(r, c + 1))
            hood.sw = extrapolate(z(r + 1, c), z(r + 1, c + 1))
        }
        if right {
            hood.ne = extrapolate(z(r - 1, c), z(r - 1, c - 1))
            hood.e = extrapolate(z(r, c), z(r, c - 1))
            hood.se = extrapolate(z(r + 1, c), z(r + 1, c - 1))
        }
        return hood
    }

    /// gdaldem's INTERPOL: linear extrapolation one cell beyond `a`, away from `b`, in Float32.
    @inline(__always)
    private func extrapolate(_ a: Float, _ b: Float) -> Float {
        2 * a - b
    }
}

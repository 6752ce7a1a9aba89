import Foundation

/// The ground area of a grid's pixels, in square metres. A projected grid's pixels all have
/// one area; a geographic (longitude/latitude) grid's pixels shrink towards the poles, so
/// each row has its own: the area of the ellipsoidal quadrangle between the row's edge
/// latitudes phi1 and phi2, dLambda (radians) wide, on the CRS's ellipsoid (a, e^2 = f (2 - f)):
///
///     A = a^2 (1 - e^2) / 2 * dLambda * [q(phi2) - q(phi1)],
///     q(phi) = sin(phi) / (1 - e^2 sin^2(phi)) + 1 / (2e) * ln((1 + e sin(phi)) / (1 - e sin(phi)))
///
/// (the authalic-latitude formula, exact on the ellipsoid). Areas, volumes and transition
/// tables sum these, so a scene gives the same totals in any CRS.
public struct PixelAreas: Sendable {
    /// The one area of every pixel (projected grids); nil when rows differ.
    public let uniform: Double?
    private let rows: [Double]

    public init(grid: RasterGrid) {
        let transform = grid.geoTransform
        let reference = grid.spatialReference
        guard reference.isGeographic else {
            let unit = reference.isProjected ? reference.metresPerLinearUnit : 1
            uniform = abs(transform.pixelWidth * transform.pixelHeight) * unit * unit
            rows = []
            return
        }
        let (a, f) = reference.ellipsoid
        let longitudeStep = abs(transform.pixelWidth) * Double.pi / 180
        uniform = nil
        rows = (0..<grid.height).map { row in
            let top = transform.originY + Double(row) * transform.pixelHeight
            let bottom = top + transform.pixelHeight
            return Self.quadrangleArea(latitudes: top, bottom, longitudeStep: longitudeStep, semiMajorAxis: a, flattening: f)
        }
    }

    /// Area (m^2) of a pixel of `row` (0 = the grid's top row).
    public func ofRow(_ row: Int) -> Double { uniform ?? rows[row] }

    /// The mean pixel area over the grid's rows.
    public var mean: Double { uniform ?? rows.reduce(0, +) / Double(max(rows.count, 1)) }

    /// Area of the cell between two latitudes (degrees, clamped to the poles), `longitudeStep`
    /// radians wide.
    static func quadrangleArea(latitudes a1: Double, _ a2: Double, longitudeStep: Double, semiMajorAxis a: Double, flattening f: Double)
        -> Double
    {
        let e2 = f * (2 - f)
        func q(_ degrees: Double) -> Double {
            let s = sin(max(-90, min(90, degrees)) * Double.pi / 180)
            guard e2 > 0 else { return 2 * s }
            let e = e2.squareRoot()
            return s / (1 - e2 * s * s) + log((1 + e * s) / (1 - e * s)) / (2 * e)
        }
        return abs(a * a * (1 - e2) / 2 * longitudeStep * (q(a1) - q(a2)))
    }
}

extension RasterGrid {
    /// The ground area of the grid's pixels (m^2), by row.
    public var pixelAreas: PixelAreas { PixelAreas(grid: self) }

    /// The ground size (m) of a pixel of `row`: east-west and north-south. For geographic
    /// grids on the ellipsoid at the row's centre latitude (the radii of curvature N and M).
    public func groundPixelSize(atRow row: Int) -> (width: Double, height: Double) {
        let transform = geoTransform
        guard spatialReference.isGeographic else {
            let unit = spatialReference.isProjected ? spatialReference.metresPerLinearUnit : 1
            return (abs(transform.pixelWidth) * unit, abs(transform.pixelHeight) * unit)
        }
        let (a, f) = spatialReference.ellipsoid
        let e2 = f * (2 - f)
        let latitude = max(-89.999, min(89.999, transform.originY + (Double(row) + 0.5) * transform.pixelHeight)) * Double.pi / 180
        let w = 1 - e2 * sin(latitude) * sin(latitude)
        let primeVertical = a / w.squareRoot()
        let meridional = a * (1 - e2) / (w * w.squareRoot())
        let radians = Double.pi / 180
        return (abs(transform.pixelWidth) * radians * primeVertical * cos(latitude), abs(transform.pixelHeight) * radians * meridional)
    }

    /// The smallest ground size (m) of a pixel side anywhere on the grid: how many pixels a
    /// distance in metres spans at most.
    public var smallestGroundPixelSide: Double {
        guard spatialReference.isGeographic else {
            let size = groundPixelSize(atRow: 0)
            return min(size.width, size.height)
        }
        // East-west sizes shrink away from the equator: the row farthest from it is smallest.
        return [0, max(0, height - 1)].map { row in
            let size = groundPixelSize(atRow: row)
            return min(size.width, size.height)
        }.min()!
    }
}

import Foundation

/// Horizontal pixel steps, in the DEM's horizontal unit (metres for the atlas), signed like
/// the geotransform: `eastWest` is the easting change from one column to the next
/// (geotransform[1], positive for a normal grid) and `northSouth` the northing change from one
/// row to the next (geotransform[5], negative for a north-up grid). gdaldem keeps these signs;
/// slope only uses the magnitudes and aspect uses the signs to orient the grid.
public struct TerrainCellSize: Sendable, Equatable, Codable {
    public var eastWest: Double
    public var northSouth: Double

    public init(eastWest: Double, northSouth: Double) {
        self.eastWest = eastWest
        self.northSouth = northSouth
    }

    /// The steps of a projected DEM exactly as gdaldem takes them: geotransform[1] and
    /// geotransform[5], signs included.
    public static func projected(geoTransform: [Double]) throws -> TerrainCellSize {
        try validateNorthUp(geoTransform)
        return TerrainCellSize(eastWest: geoTransform[1], northSouth: geoTransform[5])
    }

    /// Cell size in metres of a geographic (degree) grid at one latitude, on the WGS84 ellipsoid
    /// (a = 6378137 m, f = 1/298.257223563, e^2 = f(2 - f)):
    ///
    ///     N  = a / sqrt(1 - e^2 sin^2(phi))                 prime-vertical radius of curvature
    ///     M  = a (1 - e^2) / (1 - e^2 sin^2(phi))^1.5       meridional radius of curvature
    ///     ew = |dLon| * pi/180 * N cos(phi)                 east-west size of the cell
    ///     ns = |dLat| * pi/180 * M                          north-south size of the cell
    ///
    /// `phi` is the latitude of the row centre. The results keep the signs of the degree steps
    /// (a north-up grid has a negative latitude step), so they plug into the kernel like
    /// geotransform[1] and geotransform[5] of a projected grid.
    public static func geographic(longitudeStep: Double, latitudeStep: Double, latitude: Double) -> TerrainCellSize {
        let phi = latitude * Double.pi / 180
        let sinPhi = sin(phi)
        let w = 1 - WGS84.eccentricitySquared * sinPhi * sinPhi
        let primeVertical = WGS84.semiMajorAxis / w.squareRoot()
        let meridional = WGS84.semiMajorAxis * (1 - WGS84.eccentricitySquared) / (w * w.squareRoot())
        let eastWest = abs(longitudeStep) * Double.pi / 180 * primeVertical * cos(phi)
        let northSouth = abs(latitudeStep) * Double.pi / 180 * meridional
        return TerrainCellSize(
            eastWest: longitudeStep < 0 ? -eastWest : eastWest,
            northSouth: latitudeStep < 0 ? -northSouth : northSouth)
    }

    /// Per-row cell sizes in metres for rows `firstRow ..< firstRow + rowCount` of a geographic
    /// DEM (geotransform in degrees); row centre latitude = gt[3] + (row + 0.5) * gt[5].
    /// See `geographic(longitudeStep:latitudeStep:latitude:)` for the formula.
    public static func geographicRows(geoTransform: [Double], firstRow: Int, rowCount: Int) throws -> [TerrainCellSize] {
        try validateNorthUp(geoTransform)
        return try (firstRow..<firstRow + rowCount).map { row in
            let latitude = geoTransform[3] + (Double(row) + 0.5) * geoTransform[5]
            guard latitude > -90, latitude < 90 else {
                throw TerrainError.latitudeOutOfRange(row: row, latitude: latitude)
            }
            return geographic(longitudeStep: geoTransform[1], latitudeStep: geoTransform[5], latitude: latitude)
        }
    }

    private static func validateNorthUp(_ geoTransform: [Double]) throws {
        guard geoTransform.count == 6 else { throw TerrainError.geoTransformTermCount(geoTransform.count) }
        guard geoTransform[2] == 0, geoTransform[4] == 0 else {
            throw TerrainError.rotatedGeoTransform(rowRotation: geoTransform[2], columnRotation: geoTransform[4])
        }
        for index in [1, 5] where !(geoTransform[index].isFinite && geoTransform[index] != 0) {
            throw TerrainError.invalidPixelStep(field: "geotransform[\(index)]", value: geoTransform[index])
        }
    }

    private enum WGS84 {
        static let semiMajorAxis = 6_378_137.0
        static let flattening = 1 / 298.257223563
        static let eccentricitySquared = flattening * (2 - flattening)
    }
}

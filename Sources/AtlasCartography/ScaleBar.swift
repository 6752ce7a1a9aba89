import AtlasCore
import Foundation
import GeoRaster
import PermafrostKernels

/// A map's scale bar: the longest round length (1, 2 or 5 x 10^k metres) that fits in a
/// given share of the map's width.
public struct ScaleBar: Sendable, Equatable {
    public let lengthMetres: Double
    /// Bar length as a share of the map's width (0...1), so it scales with the picture.
    public let fractionOfWidth: Double

    /// Nil when the map has no usable pixel size.
    public init?(metresPerPixel: Double, mapWidth: Int, longestFraction: Double = 0.3) {
        let mapMetres = metresPerPixel * Double(mapWidth)
        guard mapMetres.isFinite, mapMetres > 0 else { return nil }
        let longest = mapMetres * longestFraction
        let decade = pow(10, (log10(longest)).rounded(.down))
        let length = [5, 2, 1].map { $0 * decade }.first { $0 <= longest } ?? decade
        lengthMetres = length
        fractionOfWidth = length / mapMetres
    }

    /// "500 m", "2 km", "0.5 m".
    public var label: String {
        lengthMetres >= 1000 ? "\(Self.plain(lengthMetres / 1000)) km" : "\(Self.plain(lengthMetres)) m"
    }

    private static func plain(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%g", value)
    }
}

/// Ground size of raster pixels, for scale bars.
public enum PixelGroundSize {
    /// Metres along a row of one pixel of a raster: the pixel width of a projected grid (its
    /// unit taken as metres, as for the UTM grids of the atlas), or, for longitude/latitude
    /// grids, the east-west size on the WGS84 ellipsoid at the raster's central latitude. Nil
    /// without a CRS.
    public static func metres(geoTransform: GeoTransform, spatialReference: SpatialReference?, width: Int, height: Int) -> Double? {
        guard let spatialReference else { return nil }
        let step = (geoTransform.pixelWidth * geoTransform.pixelWidth + geoTransform.rotationY * geoTransform.rotationY).squareRoot()
        guard step > 0, step.isFinite else { return nil }
        guard spatialReference.isGeographic else { return step }
        let latitude = geoTransform.map(column: Double(width) / 2, row: Double(height) / 2).y
        guard abs(latitude) < 90 else { return nil }
        return abs(TerrainCellSize.geographic(longitudeStep: step, latitudeStep: step, latitude: latitude).eastWest)
    }
}

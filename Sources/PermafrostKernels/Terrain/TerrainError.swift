/// Invalid input to the terrain kernels; each description is one line naming the culprit.
public enum TerrainError: InvalidInputError, Equatable, Sendable {
    /// The geotransform does not have exactly six terms.
    case geoTransformTermCount(Int)
    /// A rotated or sheared grid (geotransform[2] or [4] non-zero): Horn's method needs a north-up grid.
    case rotatedGeoTransform(rowRotation: Double, columnRotation: Double)
    /// A pixel step that is zero, infinite or NaN; `field` names it (e.g. "geotransform[1]").
    case invalidPixelStep(field: String, value: Double)
    /// A row centre latitude outside (-90, 90) degrees.
    case latitudeOutOfRange(row: Int, latitude: Double)
    /// A block with a non-positive width or height.
    case invalidBlockSize(width: Int, height: Int)
    /// The elevation window is not (width + 2) x (height + 2).
    case elevationWindowSize(expected: Int, actual: Int)
    /// An output buffer is not width x height.
    case outputSize(name: String, expected: Int, actual: Int)
    /// Cell sizes must be given once for the block or once per block row.
    case cellSizeCount(height: Int, actual: Int)
    /// The gdaldem `-s` ratio of vertical to horizontal units must be positive and finite.
    case invalidVerticalScale(Double)

    public var description: String {
        switch self {
        case .geoTransformTermCount(let count):
            return "geotransform has \(count) terms; expected 6"
        case .rotatedGeoTransform(let rowRotation, let columnRotation):
            return "geotransform is rotated (geotransform[2] = \(rowRotation), geotransform[4] = \(columnRotation)); "
                + "warp the DEM to a north-up grid first"
        case .invalidPixelStep(let field, let value):
            return "\(field) = \(value) is not a usable pixel size (must be finite and non-zero)"
        case .latitudeOutOfRange(let row, let latitude):
            return "row \(row): centre latitude \(latitude) degrees is outside (-90, 90)"
        case .invalidBlockSize(let width, let height):
            return "terrain block size \(width) x \(height) must be at least 1 x 1"
        case .elevationWindowSize(let expected, let actual):
            return "elevation window has \(actual) values; expected \(expected) ((width + 2) x (height + 2) with a 1-pixel halo)"
        case .outputSize(let name, let expected, let actual):
            return "\(name) output buffer has \(actual) values; expected \(expected) (width x height)"
        case .cellSizeCount(let height, let actual):
            return "\(actual) cell sizes given; expected 1 (whole block) or \(height) (one per block row)"
        case .invalidVerticalScale(let scale):
            return "vertical scale \(scale) must be positive and finite"
        }
    }
}

import AtlasCore
import Foundation
import GeoRaster
import PermafrostKernels

/// A synthetic scene modelled on the Muli coal-mining area (Qilian Mountains): 30 m pixels
/// on UTM 47N with the upper-left corner near 99.17 E, 38.14 N.
///
/// Every raster value is a function of (column, row) alone, computed from analytic fields
/// (seeded sums of sinusoids) and per-pixel hashes: any block can be computed on its own,
/// in any order, on any thread, so scenes of any size stream in constant memory and the same
/// size and seed give the same values.
public struct SyntheticScene: Sendable {
    public static let epsg = 32647
    public static let originX = 515_000.0
    public static let originY = 4_222_000.0
    public static let pixelSize = 30.0
    /// Smallest width and height (pixels): a valley, its sides and the samples need room.
    public static let minimumSize = 32
    /// The largest side synthesised: the benchmarks' 20000 x 20000 scene takes minutes already.
    public static let maximumSize = 50_000

    public let width: Int
    public let height: Int
    public let seed: UInt64
    /// The 30 m grid of every scene raster.
    public let grid: RasterGrid
    public let climate: SyntheticClimate
    let terrain: SyntheticTerrain
    let landCover: SyntheticLandCover

    public init(width: Int, height: Int, seed: UInt64) throws {
        guard (Self.minimumSize...Self.maximumSize).contains(width), (Self.minimumSize...Self.maximumSize).contains(height) else {
            throw SynthesisError.tooSmall(
                file: nil,
                reason:
                    "scene size \(width) x \(height): width and height must be between \(Self.minimumSize) and \(Self.maximumSize) pixels")
        }
        self.width = width
        self.height = height
        self.seed = seed
        grid = RasterGrid(
            width: width, height: height,
            geoTransform: GeoTransform(
                originX: Self.originX, pixelWidth: Self.pixelSize,
                originY: Self.originY, pixelHeight: -Self.pixelSize),
            spatialReference: try SpatialReference(epsg: Self.epsg))
        terrain = SyntheticTerrain(widthMetres: Double(width) * Self.pixelSize, heightMetres: Double(height) * Self.pixelSize, seed: seed)
        landCover = SyntheticLandCover(seed: seed)
        climate = try SyntheticClimate(sceneGrid: grid, terrain: terrain)
    }

    /// Metres east and south of the upper-left corner to the centre of pixel (column, row).
    func offset(column: Int, row: Int) -> (u: Double, v: Double) {
        ((Double(column) + 0.5) * Self.pixelSize, (Double(row) + 0.5) * Self.pixelSize)
    }

    /// Map coordinates of the centre of pixel (column, row).
    public func pixelCentre(column: Int, row: Int) -> (x: Double, y: Double) {
        grid.geoTransform.pixelCentre(column: column, row: row)
    }

    /// The DEM value (m) of pixel (column, row), also outside the scene (for halos).
    public func elevation(column: Int, row: Int) -> Float {
        let position = offset(column: column, row: row)
        return Float(terrain.elevation(u: position.u, v: position.v))
    }

    /// Terrain and land cover of one window.
    struct Block {
        let window: RasterWindow
        /// DEM values (m) of the window.
        var elevation: [Float]
        /// Horn slope (degrees), aspect (degrees, NaN when flat) and northness of the DEM.
        var terrain: TerrainDerivatives
        var classes: [UInt8]
    }

    /// Elevation, Horn terrain and classes of `window`. Horn reads a one-pixel halo of DEM
    /// values around the window, computed like the rest, so every pixel (the scene's edges
    /// included) has a slope and a class, and the terrain equals what gdaldem computes from
    /// the written DEM wherever the 3x3 window lies inside the scene.
    func block(_ window: RasterWindow) throws -> Block {
        let padded = window.expanded(by: 1)
        var halo = [Float](repeating: 0, count: padded.pixelCount)
        for row in 0..<padded.height {
            for column in 0..<padded.width {
                halo[row * padded.width + column] = elevation(column: padded.column + column, row: padded.row + row)
            }
        }
        let derivatives = try HornTerrain.derivatives(
            elevation: halo, width: window.width, height: window.height, rasterEdges: [],
            cellSizes: [TerrainCellSize(eastWest: Self.pixelSize, northSouth: -Self.pixelSize)])
        var elevation = [Float](repeating: 0, count: window.pixelCount)
        var classes = [UInt8](repeating: 0, count: window.pixelCount)
        for row in 0..<window.height {
            for column in 0..<window.width {
                let index = row * window.width + column
                elevation[index] = halo[(row + 1) * padded.width + column + 1]
                let position = offset(column: window.column + column, row: window.row + row)
                classes[index] =
                    landCover.vegetation(
                        u: position.u, v: position.v, elevation: Double(elevation[index]),
                        slope: derivatives.slope[index], northness: derivatives.northness[index],
                        terrain: terrain
                    ).rawValue
            }
        }
        return Block(window: window, elevation: elevation, terrain: derivatives, classes: classes)
    }

    /// Landsat bands B2-B7 of a block, band-sequential (band b of pixel i at b x pixelCount + i).
    func landsat(_ block: Block) -> [UInt16] {
        let window = block.window
        var bands = [UInt16](repeating: 0, count: 6 * window.pixelCount)
        for row in 0..<window.height {
            for column in 0..<window.width {
                let index = row * window.width + column
                let position = offset(column: window.column + column, row: window.row + row)
                landCover.digitalNumbers(
                    SyntheticVegetationClass(rawValue: block.classes[index])!, u: position.u, v: position.v,
                    column: window.column + column, row: window.row + row,
                    slope: block.terrain.slope[index], aspect: block.terrain.aspect[index],
                    into: &bands, pixel: index, pixelCount: window.pixelCount)
            }
        }
        return bands
    }

    /// Everything the borehole models need at the centre of one pixel.
    struct Site {
        let column: Int
        let row: Int
        let elevation: Double
        let vegetation: SyntheticVegetationClass
        let northness: Double
    }

    func site(column: Int, row: Int) throws -> Site {
        let pixel = try block(RasterWindow(column: column, row: row, width: 1, height: 1))
        return Site(
            column: column, row: row, elevation: Double(pixel.elevation[0]),
            vegetation: SyntheticVegetationClass(rawValue: pixel.classes[0])!,
            northness: Double(pixel.terrain.northness[0]))
    }
}

import Foundation
import GeoRaster
import PermafrostKernels

/// The per-pixel predictors the MAGT model needs beyond the rasters themselves: Horn slope,
/// northness and eastness from the DEM (a 1-pixel halo), and pixel-centre longitude and
/// latitude in WGS84 through PROJ. One instance per worker thread (it owns a transformer).
final class TerrainPredictors {
    let grid: RasterGrid
    private let toLonLat: CoordinateTransformer
    private let projectedCellSize: TerrainCellSize?
    private let options: HornTerrainOptions

    /// `computeEdges`: slope and aspect on the DEM's outer ring and next to nodata too, as
    /// gdaldem -compute_edges does (a mapped atlas covers its whole DEM).
    init(grid: RasterGrid, demPath: String, computeEdges: Bool) throws {
        self.grid = grid
        options = HornTerrainOptions(computeEdges: computeEdges)
        do {
            toLonLat = try CoordinateTransformer(from: grid.spatialReference, to: .wgs84())
        } catch let error as GeoRasterError {
            throw error.naming(demPath)
        }
        projectedCellSize =
            grid.spatialReference.isGeographic
            ? nil
            : try ActiveLayerStage.located(demPath) {
                try TerrainCellSize.projected(geoTransform: grid.geoTransform.coefficients)
            }
    }

    /// Slope, aspect, northness, eastness of `core` from elevations of `padded` (core + 1 pixel).
    /// The DEM's edges are where its data ends (`demExtent` on the grid), not the grid's: a
    /// tile of a larger DEM has neighbours beyond its borders.
    func terrain(elevation padded: [Float], core: RasterWindow, demExtent: RasterWindow) throws -> TerrainDerivatives {
        var edges: TerrainRasterEdges = []
        if core.row == demExtent.row { edges.insert(.top) }
        if core.endRow == demExtent.endRow { edges.insert(.bottom) }
        if core.column == demExtent.column { edges.insert(.left) }
        if core.endColumn == demExtent.endColumn { edges.insert(.right) }
        let cellSizes =
            try projectedCellSize.map { [$0] }
            ?? TerrainCellSize.geographicRows(geoTransform: grid.geoTransform.coefficients, firstRow: core.row, rowCount: core.height)
        return try HornTerrain.derivatives(
            elevation: padded, width: core.width, height: core.height, rasterEdges: edges, cellSizes: cellSizes, options: options)
    }

    /// Longitude and latitude (degrees) of the centre of every pixel of `core`. PROJ runs on a
    /// few columns per row and the rest are interpolated along the row to 1e-7 degrees (1 cm;
    /// a Float32 longitude near 100 E resolves 8e-6), on nodes fixed to the grid's columns so
    /// that tiles and blocks get the same values.
    func lonLat(_ core: RasterWindow) -> (longitude: [Float], latitude: [Float]) {
        var longitudes = [Float](), latitudes = [Float]()
        longitudes.reserveCapacity(core.pixelCount)
        latitudes.reserveCapacity(core.pixelCount)
        for row in core.row..<core.endRow {
            let mapped = Self.lonLatApproximation.map(columns: core.column..<core.endColumn) { columns in
                var (xs, ys) = grid.geoTransform.pixelCentres(columns: columns, row: row)
                toLonLat.transform(x: &xs, y: &ys)
                return (xs, ys)
            }
            longitudes += mapped.x.lazy.map { Float($0) }
            latitudes += mapped.y.lazy.map { Float($0) }
        }
        return (longitudes, latitudes)
    }

    static let lonLatApproximation = ScanlineApproximation(tolerance: 1e-7)
}

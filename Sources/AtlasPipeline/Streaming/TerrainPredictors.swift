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

    init(grid: RasterGrid, demPath: String) throws {
        self.grid = grid
        toLonLat = try CoordinateTransformer(from: grid.spatialReference, to: .wgs84())
        projectedCellSize = grid.spatialReference.isGeographic ? nil : try ActiveLayerStage.located(demPath) {
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
        let cellSizes = try projectedCellSize.map { [$0] }
            ?? TerrainCellSize.geographicRows(geoTransform: grid.geoTransform.coefficients, firstRow: core.row, rowCount: core.height)
        return try HornTerrain.derivatives(elevation: padded, width: core.width, height: core.height, rasterEdges: edges, cellSizes: cellSizes)
    }

    /// Longitude and latitude (degrees) of the centre of every pixel of `core`.
    func lonLat(_ core: RasterWindow) -> (longitude: [Float], latitude: [Float]) {
        var xs = [Double](), ys = [Double]()
        xs.reserveCapacity(core.pixelCount)
        ys.reserveCapacity(core.pixelCount)
        for row in core.row..<core.endRow {
            for column in core.column..<core.endColumn {
                let centre = grid.geoTransform.pixelCentre(column: column, row: row)
                xs.append(centre.x)
                ys.append(centre.y)
            }
        }
        toLonLat.transform(x: &xs, y: &ys)
        return (xs.map { Float($0) }, ys.map { Float($0) })
    }
}

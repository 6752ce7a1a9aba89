import Foundation
import GeoRaster

/// The grid a step writes on when nobody names one: the finest of its inputs (the smallest
/// mean ground area of a pixel; the first of equals), so a 30 m class map is not averaged
/// onto a 0.01-degree temperature grid. The step commands' `--like RASTER` names one instead.
public enum OutputGrid {
    public static func finest(_ paths: [String]) throws -> RasterGrid {
        try finestInput(paths).grid
    }

    /// A warning when `grid` (the one the user named) is coarser than the finest of `paths`:
    /// the finer inputs are then resampled down to it.
    public static func coarserWarning(_ grid: RasterGrid, like: String, inputs paths: [String]) throws -> String? {
        let finest = try finestInput(paths)
        let chosen = grid.pixelAreas.mean.squareRoot(), finer = finest.area.squareRoot()
        guard chosen > finer * 1.001 else { return nil }
        return "\(like): its pixels (about \(metres(chosen))) are coarser than those of \(finest.path) (about \(metres(finer))); "
            + "finer inputs are resampled onto it"
    }

    private static func finestInput(_ paths: [String]) throws -> (path: String, grid: RasterGrid, area: Double) {
        var best: (path: String, grid: RasterGrid, area: Double)?
        for path in paths {
            let grid = try RasterDataset(path: path).grid()
            let area = grid.pixelAreas.mean
            if best == nil || area < best!.area * (1 - 1e-9) { best = (path, grid, area) }
        }
        guard let best else { throw AtlasError.badInput("no input raster to take the output grid from") }
        return best
    }

    private static func metres(_ side: Double) -> String {
        side >= 100 ? "\(Int(side.rounded())) m" : String(format: "%.1f m", side)
    }
}

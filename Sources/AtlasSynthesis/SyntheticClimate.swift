import AtlasCore
import Foundation
import GeoRaster
import PermafrostKernels

/// Monthly mean air temperature of the scene on a coarse WGS84 grid (0.01 degree cells), as
/// a reanalysis or downscaled product would give it: base means at 3800 m lowered by the
/// environmental lapse rate over the smoothed relief under each cell centre.
public struct SyntheticClimate: Sendable {
    public static let referenceElevation = 3800.0
    /// degC per metre.
    public static let lapseRate = 0.0065
    /// Monthly means (degC) at the reference elevation, January first.
    public static let monthlyMeansAtReference = [-14, -11, -5, 1, 6, 9.5, 11.5, 10.5, 6, -1, -9, -13]
    public static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December",
    ]
    /// Degrees per cell.
    public static let cellSize = 0.01
    /// Cells added beyond the scene's bounds on every side, so bilinear warping onto the
    /// 30 m grid never reads past the grid.
    public static let marginCells = 3

    /// The coarse grid (EPSG:4326, longitude first).
    public let grid: RasterGrid
    let sceneGrid: RasterGrid
    let terrain: SyntheticTerrain
    // Grid origin in whole cells (longitude x 100 of the west edge, latitude x 100 of the north
    // edge), so cell centres are exact multiples of the cell size plus a half.
    private let westCell: Int
    private let northCell: Int

    init(sceneGrid: RasterGrid, terrain: SyntheticTerrain) throws {
        let bounds = sceneGrid.geoTransform.bounds(width: sceneGrid.width, height: sceneGrid.height)
        var xs: [Double] = [], ys: [Double] = []
        for step in 0...20 {
            let t = Double(step) / 20
            let x = bounds.minX + t * (bounds.maxX - bounds.minX), y = bounds.minY + t * (bounds.maxY - bounds.minY)
            xs += [x, x, bounds.minX, bounds.maxX]
            ys += [bounds.minY, bounds.maxY, y, y]
        }
        guard try CoordinateTransformer(from: sceneGrid.spatialReference, to: .wgs84()).transform(x: &xs, y: &ys) else {
            throw SynthesisError.projection("cannot transform the scene's corners to longitude and latitude")
        }
        let cellsPerDegree = 1 / Self.cellSize
        westCell = Int((xs.min()! * cellsPerDegree).rounded(.down)) - Self.marginCells
        northCell = Int((ys.max()! * cellsPerDegree).rounded(.up)) + Self.marginCells
        let eastCell = Int((xs.max()! * cellsPerDegree).rounded(.up)) + Self.marginCells
        let southCell = Int((ys.min()! * cellsPerDegree).rounded(.down)) - Self.marginCells
        grid = RasterGrid(
            width: eastCell - westCell, height: northCell - southCell,
            geoTransform: GeoTransform(
                originX: Double(westCell) / cellsPerDegree, pixelWidth: Self.cellSize,
                originY: Double(northCell) / cellsPerDegree, pixelHeight: -Self.cellSize),
            spatialReference: .wgs84())
        self.sceneGrid = sceneGrid
        self.terrain = terrain
    }

    /// Longitude and latitude of the centre of cell (column, row).
    func cellCentre(column: Int, row: Int) -> (longitude: Double, latitude: Double) {
        (Double(2 * (westCell + column) + 1) / 200, Double(2 * (northCell - row) - 1) / 200)
    }

    /// Twelve monthly means (degC, as stored in Float32) of each cell of `window`, band-sequential:
    /// month m of cell i is at `m * window.pixelCount + i`. `toScene` maps WGS84 to the scene CRS.
    func monthlyTemperatures(_ window: RasterWindow, toScene: CoordinateTransformer) throws -> [Float] {
        var xs: [Double] = [], ys: [Double] = []
        for row in window.row..<window.endRow {
            for column in window.column..<window.endColumn {
                let centre = cellCentre(column: column, row: row)
                xs.append(centre.longitude)
                ys.append(centre.latitude)
            }
        }
        guard toScene.transform(x: &xs, y: &ys) else {
            throw SynthesisError.projection("cannot transform the temperature grid's cell centres to the scene's coordinates")
        }
        var temperatures = [Float](repeating: 0, count: 12 * window.pixelCount)
        for cell in 0..<window.pixelCount {
            let elevation = smoothedElevation(x: xs[cell], y: ys[cell])
            for month in 0..<12 {
                temperatures[month * window.pixelCount + cell] = Float(Self.temperature(month: month, elevation: elevation))
            }
        }
        return temperatures
    }

    /// The air thawing index (degC day) at a map point of the scene's CRS, as the pipeline
    /// derives it from `air_temperature.tif`: each month interpolated bilinearly between the
    /// four nearest cell centres (as GDAL's warper does onto the 30 m grid), then the sum of
    /// max(T, 0) x days over a non-leap year.
    public func thawingIndex(x: Double, y: Double) throws -> Double {
        guard let lonLat = try CoordinateTransformer(from: sceneGrid.spatialReference, to: .wgs84()).transform(x: x, y: y),
            let position = grid.geoTransform.pixel(x: lonLat.x, y: lonLat.y)
        else {
            throw SynthesisError.projection("cannot transform the point (\(x), \(y)) to longitude and latitude")
        }
        let column = position.column - 0.5, row = position.row - 0.5
        let left = Int(column.rounded(.down)), top = Int(row.rounded(.down))
        let corners = RasterWindow(column: left, row: top, width: 2, height: 2)
        guard corners.intersection(grid.extent) == corners else {
            throw SynthesisError.projection("the point (\(x), \(y)) lies outside the temperature grid")
        }
        let toScene = try CoordinateTransformer(from: .wgs84(), to: sceneGrid.spatialReference)
        let temperatures = try monthlyTemperatures(corners, toScene: toScene)
        let wx = column - Double(left), wy = row - Double(top)
        let weights = [(1 - wx) * (1 - wy), wx * (1 - wy), (1 - wx) * wy, wx * wy]
        let days = ThawingIndex.monthLengths()
        var index = 0.0
        for month in 0..<12 {
            let temperature = (0..<4).reduce(0.0) { $0 + weights[$1] * Double(temperatures[month * 4 + $1]) }
            index += max(0, temperature) * Double(days[month])
        }
        return index
    }

    /// The low-frequency relief (m) under a point of the scene's CRS.
    func smoothedElevation(x: Double, y: Double) -> Double {
        let origin = sceneGrid.geoTransform
        return terrain.lowFrequencyElevation(u: x - origin.originX, v: origin.originY - y)
    }

    static func temperature(month: Int, elevation: Double) -> Double {
        monthlyMeansAtReference[month] - lapseRate * (elevation - referenceElevation)
    }
}

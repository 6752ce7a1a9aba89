import CGDAL
import Foundation

/// How values are resampled when an input is warped onto the reference grid.
public enum Resampling: String, Sendable, CaseIterable {
    /// Continuous data (elevation, temperature, reflectance).
    case bilinear
    /// Class codes: the class of the nearest source pixel.
    case nearest
    /// Class codes: the most frequent class under the target pixel (for coarser targets).
    case mode
}

/// An input as seen on the reference grid: either the file itself, when it already lies on
/// the grid, or a lazily warped virtual raster (GDAL's warper runs as blocks are read, so
/// memory does not grow with raster size).
public final class AlignedRaster: @unchecked Sendable {
    // @unchecked: immutable after init; workers open their own handles on `path`.
    public let sourcePath: String
    /// What to open for reading: the source itself or an in-memory warped VRT.
    public let path: String
    /// True when the data are resampled onto the grid (the report says so).
    public let wasWarped: Bool
    /// Set when the values are interpolated in Swift (bilinear upsampling, see `BilinearSampler`)
    /// rather than by GDAL's warper: then `path` is the source and reads go through `sampler()`.
    public let bilinearGrids: (target: RasterGrid, source: RasterGrid)?
    /// Where the first pixel of `path` lies on the reference grid: (0, 0) for the grid itself
    /// and warped rasters; another offset for a raster on the same pixel lattice (a tile, a
    /// larger or smaller extent), which is read as it is, without resampling.
    public let offset: (column: Int, row: Int)
    private let ownsVirtualFile: Bool

    init(
        sourcePath: String, path: String, wasWarped: Bool, offset: (column: Int, row: Int) = (0, 0),
        bilinearGrids: (target: RasterGrid, source: RasterGrid)? = nil
    ) {
        self.sourcePath = sourcePath
        self.path = path
        self.wasWarped = wasWarped
        self.offset = offset
        self.bilinearGrids = bilinearGrids
        ownsVirtualFile = wasWarped && bilinearGrids == nil
    }

    deinit {
        if ownsVirtualFile { VSIUnlink(path) }
    }

    /// A new read handle (one per worker thread).
    public func open() throws -> RasterDataset {
        try RasterDataset(path: path)
    }

    /// A bilinear sampler for one worker thread, when the values are interpolated in Swift.
    public func sampler() throws -> BilinearSampler? {
        try bilinearGrids.map { try BilinearSampler(target: $0.target, source: $0.source) }
    }

    /// Values of `window` of the grid from band `band`, nodata as NaN (opens its own handle).
    public func readValues(band: Int, window: RasterWindow) throws -> [Float] {
        let band = try open().band(band)
        var values = [Float](repeating: .nan, count: window.pixelCount)
        try values.withUnsafeMutableBufferPointer { try readValues(band, sampler: sampler(), window: window, into: $0) }
        return values
    }

    /// Values of `window` of the grid (which may reach past the data: outside is NaN), nodata
    /// as NaN, from `band` of a handle from `open()` and, when interpolated, this thread's
    /// `sampler`.
    public func readValues(
        _ band: RasterBand, sampler: BilinearSampler?, window: RasterWindow,
        into buffer: UnsafeMutableBufferPointer<Float>
    ) throws {
        if let sampler {
            try sampler.read(band, window: window, into: buffer)
        } else {
            try band.readMaskingNoData(local(window), into: buffer)
        }
    }

    /// A window of the grid in the pixels of `path` (not for interpolated rasters).
    public func local(_ window: RasterWindow) -> RasterWindow {
        RasterWindow(column: window.column - offset.column, row: window.row - offset.row, width: window.width, height: window.height)
    }

    /// The pixels of the grid that `band` (of a handle from `open()`) has data for: the grid
    /// itself when resampled, else the raster at its offset (it may be larger than the grid,
    /// e.g. a whole DEM behind one tile).
    public func extentOnGrid(_ band: RasterBand) -> RasterWindow {
        bilinearGrids?.target.extent
            ?? RasterWindow(column: offset.column, row: offset.row, width: band.size.width, height: band.size.height)
    }

    /// Puts `sourcePath` onto `grid`. Sources without a CRS are refused: guessing one would
    /// put data in the wrong place.
    public static func align(_ sourcePath: String, onto grid: RasterGrid, resampling: Resampling) throws -> AlignedRaster {
        do {
            return try aligning(sourcePath, onto: grid, resampling: resampling)
        } catch let error as GeoRasterError {
            throw error.naming(sourcePath)  // "no transformation from X to X" must say whose CRS
        }
    }

    private static func aligning(_ sourcePath: String, onto grid: RasterGrid, resampling: Resampling) throws -> AlignedRaster {
        let source = try RasterDataset(path: sourcePath)
        let sourceSRS = try source.requireSpatialReference()
        guard let sourceTransform = source.geoTransform else {
            throw GeoRasterError(.badInput, path: sourcePath, "raster has no geotransform (pixel size and origin)")
        }
        let sourceGrid = RasterGrid(width: source.width, height: source.height, geoTransform: sourceTransform, spatialReference: sourceSRS)
        if let offset = grid.latticeOffset(of: sourceGrid) {
            let window = RasterWindow(column: offset.column, row: offset.row, width: sourceGrid.width, height: sourceGrid.height)
            guard !window.intersection(grid.extent).isEmpty else {
                throw GeoRasterError(.badInput, path: sourcePath, "does not overlap the reference grid")
            }
            return AlignedRaster(sourcePath: sourcePath, path: sourcePath, wasWarped: false, offset: offset)
        }
        try requireOverlap(source: sourceGrid, sourcePath: sourcePath, grid: grid)
        if resampling == .bilinear, try isUpsampling(from: sourceGrid, onto: grid) {
            return AlignedRaster(sourcePath: sourcePath, path: sourcePath, wasWarped: true, bilinearGrids: (grid, sourceGrid))
        }
        let bounds = grid.geoTransform.bounds(width: grid.width, height: grid.height)
        var options = [
            "-of", "VRT", "-t_srs", grid.spatialReference.wkt,
            "-te", "\(bounds.minX)", "\(bounds.minY)", "\(bounds.maxX)", "\(bounds.maxY)",
            "-ts", "\(grid.width)", "\(grid.height)", "-r", resampling.rawValue,
            // Exact per-pixel transformation: a pixel's value must not depend on the
            // extent warped (a tile and the whole grid give the same pixels).
            "-et", "0",
        ]
        let firstBand = try source.band(1)
        if firstBand.noDataValue == nil {
            // Pixels outside the source must read as nodata, not as 0.
            options += ["-dstnodata", firstBand.dataType?.isFloatingPoint == true ? "nan" : "0"]
        }
        let virtualPath = "/vsimem/permafrost-atlas/aligned-\(UUID().uuidString).vrt"
        let warpOptions = CStringArray(options)
        GDALErrorState.reset()
        guard let parsed = GDALWarpAppOptionsNew(warpOptions.pointer, nil) else {
            throw GeoRasterError(.runtime, path: sourcePath, "invalid warp options", gdalMessage: GDALErrorState.lastMessage())
        }
        defer { GDALWarpAppOptionsFree(parsed) }
        var sources: [GDALDatasetH?] = [source.handle]
        var usageError: Int32 = 0
        guard let warped = GDALWarp(virtualPath, nil, 1, &sources, parsed, &usageError) else {
            throw GeoRasterError(
                .badInput, path: sourcePath, "cannot warp onto the reference grid", gdalMessage: GDALErrorState.lastMessage())
        }
        GDALClose(warped)
        return AlignedRaster(sourcePath: sourcePath, path: virtualPath, wasWarped: true)
    }

    /// Whether a grid pixel spans at most one source pixel along both of its axes (measured at
    /// the grid's centre): then GDAL's bilinear kernel is the plain 2 x 2 one, which
    /// `BilinearStencil` computes without the warper's per-pixel PROJ calls. Coarser targets
    /// keep GDAL, whose kernel then widens to cover every source pixel underneath.
    static func isUpsampling(from source: RasterGrid, onto grid: RasterGrid) throws -> Bool {
        let transformer = try CoordinateTransformer(from: grid.spatialReference, to: source.spatialReference)
        let column = Double(grid.width) / 2, row = Double(grid.height) / 2
        let points = [(column, row), (column + 1, row), (column, row + 1)].map { grid.geoTransform.map(column: $0.0, row: $0.1) }
        var xs = points.map(\.x), ys = points.map(\.y)
        guard transformer.transform(x: &xs, y: &ys) else { return false }
        let pixels = zip(xs, ys).compactMap { source.geoTransform.pixel(x: $0.0, y: $0.1) }
        guard pixels.count == 3 else { return false }
        let alongColumns =
            ((pixels[1].column - pixels[0].column) * (pixels[1].column - pixels[0].column)
            + (pixels[1].row - pixels[0].row) * (pixels[1].row - pixels[0].row)).squareRoot()
        let alongRows =
            ((pixels[2].column - pixels[0].column) * (pixels[2].column - pixels[0].column)
            + (pixels[2].row - pixels[0].row) * (pixels[2].row - pixels[0].row)).squareRoot()
        return alongColumns <= 1 + 1e-9 && alongRows <= 1 + 1e-9
    }

    /// Inputs that miss the reference grid entirely are an input error, not an all-nodata map.
    private static func requireOverlap(source: RasterGrid, sourcePath: String, grid: RasterGrid) throws {
        let target = grid.geoTransform.bounds(width: grid.width, height: grid.height)
        var xs: [Double] = [], ys: [Double] = []
        let box = source.geoTransform.bounds(width: source.width, height: source.height)
        for step in 0...10 {
            let t = Double(step) / 10
            let x = box.minX + t * (box.maxX - box.minX), y = box.minY + t * (box.maxY - box.minY)
            xs += [x, x, box.minX, box.maxX]
            ys += [box.minY, box.maxY, y, y]
        }
        try CoordinateTransformer(from: source.spatialReference, to: grid.spatialReference).transform(x: &xs, y: &ys)
        let valid = zip(xs, ys).filter { $0.0.isFinite && $0.1.isFinite }
        guard let minX = valid.map(\.0).min(), let maxX = valid.map(\.0).max(),
            let minY = valid.map(\.1).min(), let maxY = valid.map(\.1).max(),
            minX < target.maxX, maxX > target.minX, minY < target.maxY, maxY > target.minY
        else {
            throw GeoRasterError(.badInput, path: sourcePath, "does not overlap the reference grid")
        }
    }
}

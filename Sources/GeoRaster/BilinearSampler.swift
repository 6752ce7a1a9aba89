/// One thread's bilinear view of a source raster on a target grid: maps target pixel centres
/// into the source through PROJ (along rows with `ScanlineApproximation`, to a ten-thousandth of
/// a source pixel) and keeps the stencil of the last window, so the bands of a stack (12
/// monthly temperatures) share one mapping per block.
public final class BilinearSampler {
    /// Largest position error of the row approximation, in source pixels. GDAL's default
    /// (-et 0.125) is 1250 times coarser.
    public static let toleranceInSourcePixels = 0.0001

    private let target: RasterGrid
    private let source: RasterGrid
    private let transformer: CoordinateTransformer
    private let approximation = ScanlineApproximation(tolerance: BilinearSampler.toleranceInSourcePixels)
    private var cached: (window: RasterWindow, stencil: BilinearStencil)?
    private var sourceValues: [Float] = []

    init(target: RasterGrid, source: RasterGrid) throws {
        self.target = target
        self.source = source
        transformer = try CoordinateTransformer(from: target.spatialReference, to: source.spatialReference)
    }

    /// The stencil of `window` (a window of the target grid).
    public func stencil(for window: RasterWindow) -> BilinearStencil {
        if let cached, cached.window == window { return cached.stencil }
        var columns = [Double](), rows = [Double]()
        columns.reserveCapacity(window.pixelCount)
        rows.reserveCapacity(window.pixelCount)
        for row in window.row..<window.endRow {
            let mapped = approximation.map(columns: window.column..<window.endColumn) { sourcePixels(columns: $0, row: row) }
            columns += mapped.x
            rows += mapped.y
        }
        let stencil = BilinearStencil(columns: columns, rows: rows, sourceWidth: source.width, sourceHeight: source.height)
        cached = (window, stencil)
        return stencil
    }

    /// Bilinear values of `window` from `band` (a band of the source raster), nodata as NaN.
    public func read(_ band: RasterBand, window: RasterWindow, into output: UnsafeMutableBufferPointer<Float>) throws {
        let stencil = stencil(for: window)
        if sourceValues.count < stencil.sourceWindow.pixelCount {
            sourceValues = [Float](repeating: .nan, count: stencil.sourceWindow.pixelCount)
        }
        try sourceValues.withUnsafeMutableBufferPointer { buffer in
            if !stencil.sourceWindow.isEmpty {
                try band.readMaskingNoData(stencil.sourceWindow, into: buffer)
            }
            stencil.interpolate(UnsafeBufferPointer(buffer), into: output)
        }
    }

    /// Exact source pixel coordinates of the centres of `columns` of target row `row`.
    private func sourcePixels(columns: [Int], row: Int) -> (x: [Double], y: [Double]) {
        var (xs, ys) = target.geoTransform.pixelCentres(columns: columns, row: row)
        transformer.transform(x: &xs, y: &ys)
        for index in xs.indices {
            guard let pixel = source.geoTransform.pixel(x: xs[index], y: ys[index]) else {
                xs[index] = .nan
                ys[index] = .nan
                continue
            }
            xs[index] = pixel.column
            ys[index] = pixel.row
        }
        return (xs, ys)
    }
}

/// Bilinear interpolation of a block of target pixels from a source raster, given where each
/// target pixel centre falls in the source (fractional source pixel coordinates, pixel centres
/// at i + 0.5). The rules are those of GDAL's warper when it upsamples: the four nearest
/// source pixels weighted by distance; neighbours that are nodata or off the raster drop out
/// and the rest are renormalised; a target pixel whose centre lies off the source raster or
/// in a nodata source pixel is nodata (NaN).
///
/// Plain arithmetic on arrays: the source window is read by the caller, so the same stencil
/// serves every band of a multi-band source.
public struct BilinearStencil: Sendable {
    /// The source pixels the block needs (it may reach one pixel past the raster's edges).
    public let sourceWindow: RasterWindow
    /// Per target pixel: index of its upper-left neighbour in `sourceWindow`, or -1 (nodata).
    private let upperLeft: [Int]
    /// Per target pixel: distance past the upper-left neighbour's centre, in pixels [0, 1).
    private let fractionX: [Double], fractionY: [Double]
    /// Per target pixel: which neighbour holds its centre (0 upper left, 1 upper right,
    /// 2 lower left, 3 lower right); GDAL's warper skips a pixel when that one is nodata.
    private let containing: [UInt8]

    /// `columns`, `rows`: source pixel coordinates of each target pixel centre (NaN when the
    /// transformation failed); `sourceWidth`, `sourceHeight`: the source raster's size.
    public init(columns: [Double], rows: [Double], sourceWidth: Int, sourceHeight: Int) {
        precondition(columns.count == rows.count, "columns and rows must have the same length")
        var minColumn = Int.max, maxColumn = Int.min, minRow = Int.max, maxRow = Int.min
        var leftColumns = [Int](repeating: 0, count: columns.count), topRows = leftColumns
        var inside = [Bool](repeating: false, count: columns.count)
        for index in columns.indices {
            let column = columns[index], row = rows[index]
            // As in GDAL: a centre on [0, width) x [0, height) of the source has a value.
            guard column >= 0, row >= 0, column < Double(sourceWidth), row < Double(sourceHeight) else { continue }
            let left = Int((column - 0.5).rounded(.down)), top = Int((row - 0.5).rounded(.down))
            leftColumns[index] = left
            topRows[index] = top
            inside[index] = true
            minColumn = min(minColumn, left)
            maxColumn = max(maxColumn, left)
            minRow = min(minRow, top)
            maxRow = max(maxRow, top)
        }
        guard minColumn <= maxColumn else {
            sourceWindow = RasterWindow(column: 0, row: 0, width: 0, height: 0)
            upperLeft = [Int](repeating: -1, count: columns.count)
            fractionX = []
            fractionY = []
            containing = []
            return
        }
        let window = RasterWindow(column: minColumn, row: minRow, width: maxColumn - minColumn + 2, height: maxRow - minRow + 2)
        var upperLeft = [Int](repeating: -1, count: columns.count)
        var fractionX = [Double](repeating: 0, count: columns.count), fractionY = fractionX
        var containing = [UInt8](repeating: 0, count: columns.count)
        for index in columns.indices where inside[index] {
            upperLeft[index] = (topRows[index] - window.row) * window.width + leftColumns[index] - window.column
            fractionX[index] = columns[index] - 0.5 - Double(leftColumns[index])
            fractionY[index] = rows[index] - 0.5 - Double(topRows[index])
            let right = Int(columns[index].rounded(.down)) > leftColumns[index], lower = Int(rows[index].rounded(.down)) > topRows[index]
            containing[index] = (right ? 1 : 0) + (lower ? 2 : 0)
        }
        sourceWindow = window
        self.upperLeft = upperLeft
        self.fractionX = fractionX
        self.fractionY = fractionY
        self.containing = containing
    }

    public var pixelCount: Int { upperLeft.count }

    /// Interpolates `source` (the values of `sourceWindow`, NaN for nodata and off-raster
    /// pixels) into `output` (one value per target pixel).
    public func interpolate(_ source: UnsafeBufferPointer<Float>, into output: UnsafeMutableBufferPointer<Float>) {
        precondition(source.count >= sourceWindow.pixelCount && output.count >= pixelCount, "buffers too small")
        let stride = sourceWindow.width
        for index in 0..<pixelCount {
            let corner = upperLeft[index]
            guard corner >= 0, !source[corner + (containing[index] & 1 == 0 ? 0 : 1) + (containing[index] & 2 == 0 ? 0 : stride)].isNaN
            else {
                output[index] = .nan
                continue
            }
            let fx = fractionX[index], fy = fractionY[index]
            var sum = 0.0, weight = 0.0
            accumulate(source[corner], (1 - fx) * (1 - fy), &sum, &weight)
            accumulate(source[corner + 1], fx * (1 - fy), &sum, &weight)
            accumulate(source[corner + stride], (1 - fx) * fy, &sum, &weight)
            accumulate(source[corner + stride + 1], fx * fy, &sum, &weight)
            // The pixel holding the centre is valid and weighs at least 1/4: no division by ~0.
            output[index] = Float(sum / weight)
        }
    }

    @inline(__always)
    private func accumulate(_ value: Float, _ pixelWeight: Double, _ sum: inout Double, _ weight: inout Double) {
        let valid = !value.isNaN
        sum += valid ? Double(value) * pixelWeight : 0
        weight += valid ? pixelWeight : 0
    }
}

/// Maps the pixel centres of one grid row through a smooth but costly transformation (PROJ)
/// by transforming a few columns exactly and interpolating along the row between them.
///
/// GDAL's approximate transformer does the same, with its nodes at the ends and middle of
/// whatever run of pixels it is given, so a pixel's coordinates depend on the block or tile
/// around it. Here the nodes sit on the grid's own columns (multiples of `nodeSpacing`): a
/// segment between two nodes is accepted when the straight line misses the exact midpoint by
/// at most `tolerance` in both coordinates, and is halved otherwise, down to exact values for
/// every column. A pixel then gets the same coordinates whichever block, tile or thread
/// computes it. Failed transformations (NaN) force exact values around them.
public struct ScanlineApproximation: Sendable {
    /// Columns between first-level nodes; a power of two so that segments halve exactly.
    public let nodeSpacing: Int
    /// Largest accepted midpoint error, in the units of the transformed coordinates.
    public let tolerance: Double

    public init(nodeSpacing: Int = 64, tolerance: Double) {
        precondition(nodeSpacing >= 2 && nodeSpacing & (nodeSpacing - 1) == 0, "node spacing must be a power of two >= 2")
        precondition(tolerance >= 0, "tolerance must not be negative")
        self.nodeSpacing = nodeSpacing
        self.tolerance = tolerance
    }

    /// Transformed coordinates of `columns` of one row. `exact` transforms the centres of the
    /// given columns of that row (columns may lie outside the grid) and returns NaN where it
    /// fails; it is called once per level of subdivision.
    public func map(columns: Range<Int>, exact: ([Int]) -> (x: [Double], y: [Double])) -> (x: [Double], y: [Double]) {
        var xs = [Double](repeating: .nan, count: columns.count)
        var ys = xs
        guard !columns.isEmpty else { return (xs, ys) }
        let first = floorMultiple(columns.lowerBound)
        let last = floorMultiple(columns.upperBound - 1) + nodeSpacing

        // Level 0: every node and every first-level midpoint in one call.
        var segments: [Segment] = []
        let nodes = Array(stride(from: first, through: last, by: nodeSpacing))
        let middles = nodes.dropLast().map { $0 + nodeSpacing / 2 }
        let level0 = exact(nodes + middles)
        for index in 0..<(nodes.count - 1) {
            let middle = nodes.count + index
            segments.append(
                Segment(
                    start: nodes[index], end: nodes[index + 1],
                    startPoint: (level0.x[index], level0.y[index]),
                    endPoint: (level0.x[index + 1], level0.y[index + 1]),
                    middlePoint: (level0.x[middle], level0.y[middle])))
        }

        while !segments.isEmpty {
            var halves: [(start: Int, end: Int, startPoint: Point, endPoint: Point)] = []
            for segment in segments {
                store(segment.start, segment.startPoint, columns: columns, xs: &xs, ys: &ys)
                store(segment.end, segment.endPoint, columns: columns, xs: &xs, ys: &ys)
                let middle = (segment.start + segment.end) / 2
                store(middle, segment.middlePoint, columns: columns, xs: &xs, ys: &ys)
                if segment.end - segment.start == 2 { continue }  // every column is exact
                if segment.isStraight(within: tolerance) {
                    interpolate(segment, columns: columns, xs: &xs, ys: &ys)
                    continue
                }
                for half in [
                    (segment.start, middle, segment.startPoint, segment.middlePoint),
                    (middle, segment.end, segment.middlePoint, segment.endPoint),
                ]
                where half.0 < columns.upperBound && half.1 >= columns.lowerBound {
                    halves.append(half)
                }
            }
            let next = halves.isEmpty ? (x: [], y: []) : exact(halves.map { ($0.start + $0.end) / 2 })
            segments = halves.enumerated().map { index, half in
                Segment(
                    start: half.start, end: half.end, startPoint: half.startPoint, endPoint: half.endPoint,
                    middlePoint: (next.x[index], next.y[index]))
            }
        }
        return (xs, ys)
    }

    typealias Point = (x: Double, y: Double)

    struct Segment {
        let start: Int, end: Int
        let startPoint: Point, endPoint: Point, middlePoint: Point

        /// The chord's midpoint within `tolerance` of the exact one (false when any is NaN).
        func isStraight(within tolerance: Double) -> Bool {
            let chordX = startPoint.x + (endPoint.x - startPoint.x) * 0.5
            let chordY = startPoint.y + (endPoint.y - startPoint.y) * 0.5
            return abs(chordX - middlePoint.x) <= tolerance && abs(chordY - middlePoint.y) <= tolerance
        }
    }

    private func floorMultiple(_ column: Int) -> Int {
        column >= 0 ? column / nodeSpacing * nodeSpacing : -((-column + nodeSpacing - 1) / nodeSpacing * nodeSpacing)
    }

    private func store(_ column: Int, _ point: Point, columns: Range<Int>, xs: inout [Double], ys: inout [Double]) {
        guard columns.contains(column) else { return }
        xs[column - columns.lowerBound] = point.x
        ys[column - columns.lowerBound] = point.y
    }

    /// Columns strictly inside the segment, on the chord between its (exact) ends.
    private func interpolate(_ segment: Segment, columns: Range<Int>, xs: inout [Double], ys: inout [Double]) {
        let lower = max(segment.start + 1, columns.lowerBound), upper = min(segment.end, columns.upperBound)
        guard lower < upper else { return }
        let length = Double(segment.end - segment.start)
        let dx = segment.endPoint.x - segment.startPoint.x, dy = segment.endPoint.y - segment.startPoint.y
        for column in lower..<upper where column != (segment.start + segment.end) / 2 {
            let t = Double(column - segment.start) / length
            xs[column - columns.lowerBound] = segment.startPoint.x + dx * t
            ys[column - columns.lowerBound] = segment.startPoint.y + dy * t
        }
    }
}

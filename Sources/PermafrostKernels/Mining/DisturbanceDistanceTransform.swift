/// Exact Euclidean distance from every pixel to the nearest disturbed pixel, by the
/// separable lower-envelope-of-parabolas method of Felzenszwalb & Huttenlocher (2012):
/// one 1-D pass down each column, then one along each row, O(pixels) overall.
///
/// Distances are between pixel centres in metres (pixels may be rectangular); disturbed
/// pixels are at distance 0. For a block, run it on the block plus a halo of
/// `haloPixels(bufferMetres:pixelSize:)` pixels on each side: every disturbance that can
/// influence a core pixel then lies inside the grid.
public enum DisturbanceDistanceTransform {
    public struct Proximity: Sendable, Equatable {
        /// Distance (m) to the nearest disturbed pixel; +infinity when the grid has none.
        public var distanceMetres: [Float]
        /// Disturbance code of that nearest pixel; 0 when the grid has none.
        public var nearestType: [UInt8]
    }

    /// Halo width (pixels) that makes distances exact up to `bufferMetres`.
    public static func haloPixels(bufferMetres: Double, pixelSize: Double) -> Int {
        guard bufferMetres > 0, pixelSize > 0 else { return 0 }
        return Int((bufferMetres / pixelSize).rounded(.up))
    }

    /// Distance and type of the nearest disturbance for a row-major `width` x `height`
    /// grid of disturbance codes (0 = undisturbed).
    public static func nearestDisturbance(
        types: [UInt8], width: Int, height: Int,
        pixelWidth: Double, pixelHeight: Double
    ) throws(MiningError) -> Proximity {
        guard width > 0, height > 0, types.count == width * height else {
            throw .invalidGrid(width: width, height: height, count: types.count)
        }
        guard pixelWidth.isFinite, pixelWidth > 0, pixelHeight.isFinite, pixelHeight > 0 else {
            throw .invalidPixelSize(width: pixelWidth, height: pixelHeight)
        }
        let (squaredDistance, nearest) = transform(
            isFeature: types.map { $0 != 0 }, width: width, height: height,
            pixelWidth: pixelWidth, pixelHeight: pixelHeight)
        return Proximity(
            distanceMetres: squaredDistance.map { Float($0.squareRoot()) },
            nearestType: nearest.map { $0 < 0 ? 0 : types[$0] })
    }

    /// Squared distance (m^2) and row-major index of the nearest feature (-1 if none).
    static func transform(
        isFeature: [Bool], width: Int, height: Int,
        pixelWidth: Double, pixelHeight: Double
    ) -> (squaredDistance: [Double], nearest: [Int]) {
        var envelope = LowerEnvelope(capacity: max(width, height))

        // Columns: squared vertical distance to the nearest feature in the same column.
        var columnDistance = [Double](repeating: .infinity, count: width * height)
        var columnNearestRow = [Int](repeating: -1, count: width * height)
        var line = [Double](repeating: .infinity, count: height)
        for column in 0..<width {
            for row in 0..<height {
                line[row] = isFeature[row * width + column] ? 0 : .infinity
            }
            envelope.solve(line, spacing: pixelHeight) { row, value, site in
                columnDistance[row * width + column] = value
                columnNearestRow[row * width + column] = site
            }
        }

        // Rows: combine with the horizontal offset to the column holding that nearest feature.
        var squaredDistance = [Double](repeating: .infinity, count: width * height)
        var nearest = [Int](repeating: -1, count: width * height)
        for row in 0..<height {
            let rowStart = row * width
            envelope.solve(Array(columnDistance[rowStart..<(rowStart + width)]), spacing: pixelWidth) { column, value, site in
                squaredDistance[rowStart + column] = value
                nearest[rowStart + column] = site < 0 ? -1 : columnNearestRow[rowStart + site] * width + site
            }
        }
        return (squaredDistance, nearest)
    }

    /// 1-D squared distance transform d(p) = min_q f(q) + (h (p - q))^2 over sites with finite f.
    private struct LowerEnvelope {
        private var sites: [Int]
        private var boundaries: [Double]

        init(capacity: Int) {
            sites = Array(repeating: 0, count: capacity)
            boundaries = Array(repeating: 0, count: capacity + 1)
        }

        /// Calls `emit(p, d(p), argmin q)` for every p; d = +infinity and q = -1 without sites.
        mutating func solve(_ f: [Double], spacing: Double, emit: (Int, Double, Int) -> Void) {
            let h2 = spacing * spacing
            var k = -1
            for q in f.indices where f[q].isFinite {
                var intersection = -Double.infinity
                while k >= 0 {
                    let v = sites[k]
                    // Abscissa where the parabolas rooted at v and q are equal (in pixel units).
                    intersection = ((f[q] + h2 * Double(q * q)) - (f[v] + h2 * Double(v * v))) / (2 * h2 * Double(q - v))
                    if intersection <= boundaries[k] { k -= 1 } else { break }
                }
                if k < 0 { intersection = -.infinity }
                k += 1
                sites[k] = q
                boundaries[k] = intersection
                boundaries[k + 1] = .infinity
            }
            guard k >= 0 else {
                for p in f.indices { emit(p, .infinity, -1) }
                return
            }
            var j = 0
            for p in f.indices {
                while boundaries[j + 1] < Double(p) { j += 1 }
                let offset = Double(p - sites[j]) * spacing
                emit(p, offset * offset + f[sites[j]], sites[j])
            }
        }
    }
}

import GeoRaster

/// How a grid is cut into N tiles for runs on many machines: N strips of whole rows, in
/// order from the top. Tile I of N (1-based, as a job array counts) covers rows
/// [(I-1) H / N, I H / N).
public enum TileLayout {
    public struct Tile: Sendable, Equatable {
        public let index: Int
        public let count: Int

        /// Parses "I/N" with 1 <= I <= N.
        public init(parsing text: String) throws {
            let parts = text.split(separator: "/")
            guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]), count >= 1, (1...count).contains(index) else {
                throw AtlasError.badParameter(.tile, reason: "expected I/N with 1 <= I <= N (e.g. 3/16), got \(quoted: text)")
            }
            self.index = index
            self.count = count
        }

        public func window(of grid: RasterGrid) -> RasterWindow {
            let first = (index - 1) * grid.height / count, end = index * grid.height / count
            return RasterWindow(column: 0, row: first, width: grid.width, height: end - first)
        }
    }
}

import Foundation
import GeoRaster

/// The classification features: every band of every input raster, on the first raster's
/// grid, named after file and band ("landsat.tif:SR_B5" or "landsat.tif:band 5").
public struct FeatureStack: Sendable {
    public let grid: RasterGrid
    public let layers: [InputLayer]
    public let names: [String]

    /// - Parameter grid: the grid to classify on; default: the first raster's.
    public init(paths: [String], grid: RasterGrid? = nil) throws {
        guard let first = paths.first else { throw AtlasError.badInput("--bands: give at least one raster") }
        self.grid = try grid ?? RasterDataset(path: first).grid()
        var layers: [InputLayer] = []
        var names: [String] = []
        for path in paths {
            let dataset = try RasterDataset(path: path)
            let raster = try AlignedRaster.align(path, onto: self.grid, resampling: .bilinear)
            let file = URL(fileURLWithPath: path).lastPathComponent
            for band in dataset.bands {
                let layer = InputLayer(role: "feature", raster: raster, band: band.number)
                try layer.requireValidPixels()
                layers.append(layer)
                let description = band.bandDescription.trimmingCharacters(in: .whitespaces)
                names.append("\(file):\(description.isEmpty ? "band \(band.number)" : description)")
            }
        }
        self.layers = layers
        self.names = names
    }

    public var warped: [String] { layers.filter(\.raster.wasWarped).map(\.sourcePath).uniqued() }

    public func open() throws -> [LayerReader] { try InputLayer.open(layers) }

    /// Row-major features of `window` (pixel * featureCount + feature); NaN marks nodata.
    public static func read(_ readers: [LayerReader], window: RasterWindow) throws -> [Float] {
        let count = window.pixelCount, p = readers.count
        var rows = [Float](repeating: 0, count: count * p)
        var band = [Float](repeating: 0, count: count)
        for (feature, reader) in readers.enumerated() {
            try band.withUnsafeMutableBufferPointer { try reader.readValues(window, into: $0) }
            for pixel in 0..<count { rows[pixel * p + feature] = band[pixel] }
        }
        return rows
    }
}

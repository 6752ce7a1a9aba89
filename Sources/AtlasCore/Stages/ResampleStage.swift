import Foundation
import GeoRaster

/// Puts a continuous raster onto the reference grid (bilinear) as a product, e.g. a given
/// thawing-index raster.
public enum ResampleStage {
    public static func run(
        source: String, grid: RasterGrid, out: String, description: String, unit: String,
        options: OutputOptions
    ) throws -> ProductSummary {
        let layer = try InputLayer.aligned(description, path: source, onto: grid, resampling: .bilinear)
        try layer.requireValidPixels()
        let sink = try ProductSink(
            path: out, grid: grid, description: description, unit: unit,
            metadata: ["SOURCE": source, "RESAMPLING": layer.raster.wasWarped ? "bilinear" : "none"], options: options)
        try BlockRunner(grid: grid, blockSize: options.blockSize, threads: options.threads).run(
            makeWorker: { try layer.open() },
            compute: { reader, block in try reader.readValues(block.core) },
            consume: { block, values in try sink.write(values, window: block.core) })
        try sink.commit()
        return sink.summary()
    }
}

import Foundation
import GeoRaster
import PermafrostKernels

/// The post-mining vegetation map: the pre-mining classes, with disturbed pixels replaced by
/// new classes for pits, spoil dumps and other disturbance (codes after the vegetation classes).
public enum PostMiningVegetation {
    public static func write(
        preVegetation: String, disturbance: String, labels: [String], out: String, grid: RasterGrid,
        options: OutputOptions
    ) throws -> ProductSummary {
        let vegetation = try InputLayer.aligned("vegetation", path: preVegetation, onto: grid, resampling: .nearest)
        let types = try InputLayer.aligned("disturbance", path: disturbance, onto: grid, resampling: .nearest)
        let sink = try ProductSink(
            .postVegetation, path: out, grid: grid, legend: .postMiningVegetation(labels: labels),
            metadata: [
                "PERMAFROST_ATLAS_STEP": "post-mining vegetation",
                "DISTURBED_CLASSES": "pit, dump, other -> codes \(labels.count + 1)-\(labels.count + 3)",
            ],
            options: options)
        let offset = UInt8(labels.count)
        try BlockRunner(grid: grid, blockSize: options.blockSize, threads: options.threads).run(
            makeWorker: { (try vegetation.open(), try types.open()) },
            compute: { readers, block in
                let classes = try readers.0.readClasses(block.core)
                let disturbed = try readers.1.readClasses(block.core)
                return zip(classes, disturbed).map { $1 == 0 ? $0 : offset + $1 }
            },
            consume: { block, codes in try sink.write(codes, window: block.core) })
        try sink.commit()
        return sink.summary()
    }
}

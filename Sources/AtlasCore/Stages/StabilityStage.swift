import Foundation
import GeoRaster
import PermafrostKernels

/// Thermal stability classes (Cheng 1984) and permafrost presence from MAGT (METHOD sections 3-4).
public struct StabilityStage {
    public struct Request: Sendable {
        /// The output grid; default: the finest input's (`OutputGrid.finest`).
        public var grid: RasterGrid?
        public var magt: String
        public var out: String
        public var permafrostOut: String?
        public var thresholds: ThermalStabilityClass.Thresholds
        public var permafrostThreshold: Double
        public var options: OutputOptions
        /// Refuse an input band without one valid pixel (set for the user's own files; a tiled
        /// run's intermediate products may rightly be empty over a nodata tile).
        public var refuseEmptyInputs = false

        public init(
            magt: String, out: String, permafrostOut: String? = nil, thresholds: ThermalStabilityClass.Thresholds = .standard,
            permafrostThreshold: Double = 0, options: OutputOptions
        ) {
            self.magt = magt
            self.out = out
            self.permafrostOut = permafrostOut
            self.thresholds = thresholds
            self.permafrostThreshold = permafrostThreshold
            self.options = options
        }
    }

    public struct Result: Encodable, Sendable {
        public let thresholds: [Double]
        public let stability: ProductSummary
        public let permafrost: ProductSummary?
    }

    public static func run(_ request: Request) throws -> Result {
        let grid = try request.grid ?? RasterDataset(path: request.magt).grid()
        let magt = try InputLayer.aligned("MAGT", path: request.magt, onto: grid, resampling: .bilinear)
        if request.refuseEmptyInputs { try magt.requireValidPixels() }
        let bounds = request.thresholds.boundaries.map { String($0) }.joined(separator: ",")
        let sink = try ProductSink(
            .preStability, path: request.out, grid: grid,
            metadata: [
                "PERMAFROST_ATLAS_STEP": "stability", "MAGT_THRESHOLDS_C": bounds,
                "BOUNDARY_RULE": "a value on a boundary belongs to the warmer class",
                "PERMAFROST_RULE": "classes 1-5 where MAGT < \(request.permafrostThreshold) C (permafrost), class 6 elsewhere",
            ],
            options: request.options)
        let presence = try request.permafrostOut.map {
            try ProductSink(
                .prePermafrost, path: $0, grid: grid,
                metadata: ["PERMAFROST_ATLAS_STEP": "stability", "PERMAFROST_RULE": "MAGT < \(request.permafrostThreshold) C"],
                options: request.options)
        }
        let runner = BlockRunner(grid: grid, blockSize: request.options.blockSize, threads: request.options.threads)
        try runner.run(
            makeWorker: { try magt.open() },
            compute: { reader, block in
                let values = try reader.readValues(block.core)
                return (
                    ThermalStabilityClass.classCodes(
                        magt: values, thresholds: request.thresholds, permafrostThreshold: request.permafrostThreshold),
                    presence == nil ? [] : PermafrostPresence.classCodes(magt: values, threshold: request.permafrostThreshold)
                )
            },
            consume: { block, codes in
                try sink.write(codes.0, window: block.core)
                try presence?.write(codes.1, window: block.core)
            })
        try ProductSink.commitAll([sink, presence], threads: request.options.threads)
        return Result(
            thresholds: request.thresholds.boundaries, stability: sink.summary(),
            permafrost: presence?.summary())
    }
}

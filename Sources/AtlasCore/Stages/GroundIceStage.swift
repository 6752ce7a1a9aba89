import Foundation
import GeoRaster
import PermafrostKernels

/// Ground-ice content between the permafrost table and a depth limit (METHOD section 6).
public struct GroundIceStage {
    public struct Request: Sendable {
        /// The output grid; default: the finest input's (`OutputGrid.finest`).
        public var grid: RasterGrid?
        public var activeLayerThickness: String
        public var zones: String
        public var strataTable: String
        /// The strata already read (a run reads them once); read from `strataTable` when nil.
        public var strata: GroundIceStrataTable?
        public var out: String
        public var depthLimit: Double
        public var meanContentOut: String?
        public var classOut: String?
        /// With MAGT, ice only where MAGT < permafrostThreshold (the ALT raster may be a
        /// seasonal thaw depth mapped everywhere).
        public var magt: String?
        public var permafrostThreshold: Double
        public var options: OutputOptions
        /// Refuse an input band without one valid pixel (set for the user's own files; a tiled
        /// run's intermediate products may rightly be empty over a nodata tile).
        public var refuseEmptyInputs = false

        public init(
            activeLayerThickness: String, zones: String, strataTable: String, out: String, depthLimit: Double = 10,
            meanContentOut: String? = nil, classOut: String? = nil, magt: String? = nil, permafrostThreshold: Double = 0,
            options: OutputOptions
        ) {
            self.activeLayerThickness = activeLayerThickness
            self.zones = zones
            self.strataTable = strataTable
            self.out = out
            self.depthLimit = depthLimit
            self.meanContentOut = meanContentOut
            self.classOut = classOut
            self.magt = magt
            self.permafrostThreshold = permafrostThreshold
            self.options = options
        }
    }

    public struct Result: Encodable, Sendable {
        public let depthLimit: Double
        public let totalIceVolumeCubicKilometres: Double
        public let warnings: [String]
        public let iceVolume: ProductSummary
        public let meanIceContent: ProductSummary?
        public let iceClass: ProductSummary?
    }

    public static func run(_ request: Request) throws -> Result {
        let grid = try request.grid ?? OutputGrid.finest([request.activeLayerThickness, request.zones] + [request.magt].compactMap { $0 })
        let strata = try request.strata ?? ParameterTables.strata(request.strataTable, zones: ClassCodeResolver(rasterPath: request.zones))
        let model = try ParameterTables.located(request.strataTable) { try GroundIceModel(strata: strata, depthLimit: request.depthLimit) }
        let alt = try InputLayer.aligned("ALT", path: request.activeLayerThickness, onto: grid, resampling: .bilinear)
        let zones = try InputLayer.aligned("zones", path: request.zones, onto: grid, resampling: .nearest)
        let magt = try request.magt.map { try InputLayer.aligned("MAGT", path: $0, onto: grid, resampling: .bilinear) }
        // ALT is not checked: without permafrost it is rightly nodata everywhere.
        for layer in [zones, magt].compactMap({ $0 }) where request.refuseEmptyInputs { try layer.requireValidPixels() }

        let metadata = [
            "PERMAFROST_ATLAS_STEP": "ice", "DEPTH_LIMIT_M": String(request.depthLimit), "STRATA_TABLE": request.strataTable,
            "FORMULA": "sum over layers of overlap([top, bottom], [ALT, D]) x ice_content",
        ]
        let volumeSink = try ProductSink(
            .preIce, path: request.out, grid: grid, detail: ", ALT to \(request.depthLimit) m",
            metadata: metadata, options: request.options)
        let meanSink = try request.meanContentOut.map {
            try ProductSink(
                .iceContent, path: $0, grid: grid, detail: ", ALT to \(request.depthLimit) m", metadata: metadata,
                options: request.options)
        }
        let classSink = try request.classOut.map {
            try ProductSink(
                .preIceClass, path: $0, grid: grid,
                metadata: metadata.merging(["ICE_CLASS_THRESHOLDS": "0.1,0.2,0.3,0.5"]) { $1 }, options: request.options)
        }
        let runner = BlockRunner(grid: grid, blockSize: request.options.blockSize, threads: request.options.threads)
        try runner.run(
            makeWorker: { (try alt.open(), try zones.open(), try magt?.open()) },
            compute: { readers, block in
                var thickness = try readers.0.readValues(block.core)
                if let magtReader = readers.2 {
                    let temperatures = try magtReader.readValues(block.core)
                    for index in thickness.indices where !(Double(temperatures[index]) < request.permafrostThreshold) {
                        thickness[index] = .nan
                    }
                }
                let zoneCodes = try readers.1.readClasses(block.core)
                return try ActiveLayerStage.located(request.zones) {
                    try model.groundIce(activeLayerThickness: thickness, zones: zoneCodes)
                }
            },
            consume: { block, ice in
                try volumeSink.write(ice.iceVolume, window: block.core)
                try meanSink?.write(ice.meanIceContent, window: block.core)
                try classSink?.write(ice.iceClass, window: block.core)
            })
        try ProductSink.commitAll([volumeSink, meanSink, classSink], threads: request.options.threads)
        let total = volumeSink.areaWeightedSum / 1e9
        return Result(
            depthLimit: request.depthLimit, totalIceVolumeCubicKilometres: total,
            warnings: model.gaps.map { "\(request.strataTable): \($0.description); counted as ice-free" },
            iceVolume: volumeSink.summary(),
            meanIceContent: meanSink?.summary(),
            iceClass: classSink?.summary())
    }
}

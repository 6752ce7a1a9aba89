import AtlasFoundation
import Foundation
import GeoRaster
import PermafrostKernels

/// Vegetation (land-cover) classification by a random forest on raster bands (METHOD section 2).
public enum ClassifyStage {
    public struct TrainRequest: Sendable {
        public var bands: [String]
        public var samples: String
        public var modelPath: String
        public var xColumn = "x", yColumn = "y", classColumn = "class"
        public var lonLat = false
        public var parameters: RandomForestParameters
        public var permutationImportance = true
        /// JSON, binary, or binary above a size (`ModelFileFormat.automatic`).
        public var modelFormat = ModelFileFormat.automatic
        public var indices: [SpectralIndex] = []
        /// 1-based band positions of the spectral bands (default: Landsat 8/9 band names).
        public var bandRoles: [SpectralIndex.Band: Int]?
        /// Scale and offset of every band to reflectance for the indices; by default each
        /// band's own, or Landsat Collection 2's for bands named SR_B*.
        public var reflectance: SpectralIndex.ReflectanceScaling?
        public var grid: RasterGrid?
        public var threads: Int
        public var overwrite: Bool
        /// Input paths are recorded relative to this folder (the atlas's) in the model file.
        public var pathBase: String?

        public init(bands: [String], samples: String, modelPath: String, parameters: RandomForestParameters, threads: Int, overwrite: Bool)
        {
            self.bands = bands
            self.samples = samples
            self.modelPath = modelPath
            self.parameters = parameters
            self.threads = threads
            self.overwrite = overwrite
        }
    }

    public struct PredictRequest: Sendable {
        /// The model file (recorded in the product's metadata).
        public var modelPath: String
        /// The model itself when the caller has it (a run passes what it trained); read from
        /// `modelPath` when nil.
        public var model: ClassifierModelFile?
        /// Predict even when band names, types or nodata differ from training.
        public var ignoreBandNames = false
        public var bands: [String]
        public var out: String
        public var probabilities: String?
        public var grid: RasterGrid?
        public var options: OutputOptions

        public init(modelPath: String, bands: [String], out: String, probabilities: String?, options: OutputOptions) {
            self.modelPath = modelPath
            self.bands = bands
            self.out = out
            self.probabilities = probabilities
            self.options = options
        }
    }

    public struct PredictResult: Encodable, Sendable {
        public let classes: ProductSummary
        public let probabilities: String?
        public let warped: [String]
    }

    /// Samples the features at the training points, trains, and writes the model file.
    public static func train(_ request: TrainRequest) throws -> ClassifierModelFile {
        let output = try AtomicOutput(finalPath: request.modelPath, overwrite: request.overwrite)
        // The rasters are opened while the table is read (GDAL's start-up and the CSV parser
        // take similar time); a failure of the rasters is reported first, as when in turn.
        let opened = try WorkSharing.map(taskCount: 2, threads: min(2, request.threads)) { task -> (FeatureStack?, PointTable?) in
            task == 0
                ? (
                    try FeatureStack(
                        paths: request.bands, grid: request.grid, indices: request.indices, bandRoles: request.bandRoles,
                        reflectance: request.reflectance.map { .given($0) } ?? .automatic), nil
                )
                : (nil, try PointTable(path: request.samples, xColumn: request.xColumn, yColumn: request.yColumn))
        }
        let stack = opened[0].0!, table = opened[1].1!
        let labels = try table.texts(column: request.classColumn)
        let points = request.lonLat ? try PointSampler.fromLonLat(table.points, to: stack.grid) : table.points
        let pixels = PointSampler.pixels(of: points, on: stack.grid)
        let sampled = try PointSampler.readRows(
            at: pixels, gridHeight: stack.grid.height, valuesPerPixel: stack.names.count, threads: request.threads,
            open: { try stack.open() }
        ) { readers, window in try stack.read(readers, window: window) }

        var features: [Float] = []
        var used: [(label: String, line: Int)] = []
        var skipped: [SkippedPoint] = []
        for (index, row) in sampled.enumerated() {
            let point = points[index]
            guard let row else {
                skipped.append(SkippedPoint(line: point.line, id: point.id, reason: "outside \(request.bands[0])"))
                continue
            }
            if let feature = row.firstIndex(where: { !$0.isFinite }) {
                skipped.append(SkippedPoint(line: point.line, id: point.id, reason: "nodata in \(stack.names[feature])"))
                continue
            }
            features += row
            used.append((labels[index], point.line))
        }
        let classLabels = sortedLabels(used.map(\.label))
        try checkClasses(used, classLabels: classLabels, samplesPath: request.samples, skipped: skipped)
        let labelIndex = Dictionary(uniqueKeysWithValues: classLabels.enumerated().map { ($1, $0) })
        let data = try RandomForestTrainingData(
            features: features, labels: used.map { labelIndex[$0.label]! },
            featureNames: stack.names, classLabels: classLabels)
        let result = try RandomForestModel.train(
            data, parameters: request.parameters, threads: request.threads,
            permutationImportance: request.permutationImportance)
        let recorded = { (path: String) in request.pathBase.map { RecordedPath.relativePath(path, from: $0) } ?? path }
        var file = ClassifierModelFile(
            model: result.model, report: result.report, skipped: skipped,
            samples: recorded(request.samples), bands: request.bands.map(recorded))
        file.bandDataTypes = stack.bandDataTypes
        file.bandNoData = stack.bandNoData
        if !stack.indices.isEmpty {
            file.spectralIndices = stack.indices
            file.bandPositions = stack.bandColumns.reduce(into: [:]) { $0[$1.key.rawValue] = $1.value + 1 }
            file.reflectance = stack.reflectance.reduce(into: [:]) { $0[$1.key.rawValue] = $1.value }
            file.reflectanceSource = stack.reflectanceSource
        }
        try file.write(to: output, format: request.modelFormat)
        return file
    }

    /// Class order: numeric when every label is a number, otherwise alphabetical; class k
    /// gets raster code k + 1.
    public static func sortedLabels(_ labels: [String]) -> [String] {
        let distinct = Array(Set(labels))
        if distinct.allSatisfy({ Double($0) != nil }) {
            return distinct.sorted { Double($0)! < Double($1)! }
        }
        return distinct.sorted { $0.localizedStandardCompare($1) == .orderedAscending }
    }

    static func checkClasses(
        _ used: [(label: String, line: Int)], classLabels: [String], samplesPath: String,
        skipped: [SkippedPoint]
    ) throws {
        guard !used.isEmpty else {
            throw AtlasError.badFile(
                path: samplesPath, reason: "no sample lies on valid pixels of the rasters\(SkippedPoint.firstOf(skipped))")
        }
        guard classLabels.count >= 2 else {
            throw AtlasError.badFile(
                path: samplesPath, reason: "every usable sample is in class \"\(classLabels[0])\"; a classifier needs at least two classes")
        }
        guard classLabels.count <= 255 else {
            throw AtlasError.badFile(path: samplesPath, reason: "\(classLabels.count) classes; a class raster holds at most 255")
        }
        for label in classLabels {
            let lines = used.filter { $0.label == label }.map(\.line)
            if lines.count < 2 {
                throw AtlasError.badFile(
                    path: samplesPath,
                    reason: "class \(quoted: label) has one usable sample (line \(lines[0])); give at least two per class")
            }
        }
    }

    /// The bands given for prediction must be the training bands in training order: the same
    /// band names (file names may differ between scenes), data types and nodata values. A
    /// forest fed its bands in another order still classifies, wrongly, without a word.
    static func checkBands(_ stack: FeatureStack, against file: ClassifierModelFile, modelPath: String) throws {
        func band(_ name: String) -> String { String(name.split(separator: ":").last ?? Substring(name)) }
        let given = stack.names.prefix(stack.layers.count).map(band), trained = file.model.featureNames.prefix(stack.layers.count).map(band)
        for (position, (now, then)) in zip(given, trained).enumerated()
        where now != then && !now.hasPrefix("band ") && !then.hasPrefix("band ") {
            throw AtlasError.badParameter(
                .bands,
                reason:
                    "band \(position + 1) is \(quoted: now) but the model \(modelPath) was trained with \(quoted: then) there; give the bands in training order (\(trained.joined(separator: ", "))) or \(.ignoreBandNames)"
            )
        }
        if let types = file.bandDataTypes, let position = Array(zip(types, stack.bandDataTypes)).firstIndex(where: { $0 != $1 }) {
            throw AtlasError.badParameter(
                .bands,
                reason:
                    "band \(position + 1) holds \(stack.bandDataTypes[position]) but the model was trained on \(types[position]) (another product or scaling?); or \(.ignoreBandNames)"
            )
        }
        if let noData = file.bandNoData, let position = Array(zip(noData, stack.bandNoData)).firstIndex(where: { $0 != $1 }) {
            let describe = { (value: Double?) in value.map { "\($0)" } ?? "none" }
            throw AtlasError.badParameter(
                .bands,
                reason:
                    "band \(position + 1) has nodata \(describe(stack.bandNoData[position])) but the model's had \(describe(noData[position])); or \(.ignoreBandNames)"
            )
        }
    }

    /// Classifies every pixel: codes 1...K, 0 where any feature is nodata.
    public static func predict(_ request: PredictRequest) throws -> PredictResult {
        let file = try request.model ?? ClassifierModelFile.read(request.modelPath)
        let model = file.model
        let stack = try file.featureStack(paths: request.bands, grid: request.grid)
        guard stack.names.count == model.featureCount else {
            throw AtlasError.badParameter(
                .bands,
                reason:
                    "\(stack.names.count) bands given, the model \(request.modelPath) was trained on \(model.featureCount) (\(model.featureNames.joined(separator: ", ")))"
            )
        }
        if !request.ignoreBandNames { try checkBands(stack, against: file, modelPath: request.modelPath) }
        let metadata = [
            "PERMAFROST_ATLAS_STEP": "classify", "MODEL": request.modelPath, "METHOD": "random forest (Breiman, Gini CART)",
            "TREES": "\(model.trees.count)", "FEATURES": model.featureNames.joined(separator: ","),
            "OOB_ACCURACY": file.report.outOfBagAccuracy.map { String(format: "%.4f", $0) } ?? "n/a",
        ]
        let sink = try ProductSink(
            .preVegetation, path: request.out, grid: stack.grid, legend: .vegetation(labels: model.classLabels),
            metadata: metadata, options: request.options)
        let probabilities = try request.probabilities.map {
            try request.options.writer(
                path: $0, grid: stack.grid, dataType: .float32,
                bands: model.classLabels.map { BandSpec(description: $0, unit: "probability", noData: Double(ProductSink.floatNoData)) },
                metadata: metadata)
        }
        let runner = BlockRunner(grid: stack.grid, blockSize: request.options.blockSize, threads: request.options.threads)
        try runner.run(
            makeWorker: { try stack.open() },
            compute: { readers, block in
                let rows = try stack.read(readers, window: block.core)
                let prediction = try model.predict(features: rows, includeProbabilities: probabilities != nil, threads: 1)
                return prediction
            },
            consume: { block, prediction in
                try sink.write(prediction.classIndices.map { $0 < 0 ? 0 : UInt8($0 + 1) }, window: block.core)
                if let probabilities {
                    let k = model.classCount, count = block.core.pixelCount
                    for c in 0..<k {
                        let band = (0..<count).map { prediction.probabilities[$0 * k + c] }.map { $0.isNaN ? ProductSink.floatNoData : $0 }
                        try probabilities.band(c + 1).write(block.core, values: band)
                    }
                }
            })
        try sink.commit()
        try probabilities?.commit()
        return PredictResult(
            classes: sink.summary(), probabilities: probabilities?.path, warped: stack.warped)
    }
}

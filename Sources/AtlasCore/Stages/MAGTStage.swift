import AtlasFoundation
import Foundation
import GeoRaster
import PermafrostKernels

/// Mean annual ground temperature: a linear model fitted on boreholes (METHOD section 3)
/// and applied to every pixel.
public enum MAGTStage {
    /// What to do with pixels whose vegetation class no borehole had.
    public enum UnseenVegetation: String, Sendable, CaseIterable, Codable {
        /// Leave them nodata (the result lists the classes and pixel counts).
        case nodata
        /// Fail with an error naming the class.
        case error
    }

    public struct FitRequest: Sendable {
        public var boreholes: String
        public var dem: String
        public var vegetation: String?
        public var modelPath: String
        public var predictors: MAGTPredictors
        public var overwrite: Bool
        /// Input paths are recorded relative to this folder (the atlas's) in the model file.
        public var pathBase: String?
        /// Slope and aspect at the DEM's edges and next to nodata too (gdaldem -compute_edges).
        public var computeEdges = false
        /// Backward selection of the predictors by this criterion (nil: keep them all).
        public var selection: InformationCriterion?
        /// Linear regression (METHOD's) or the random-forest regression.
        public var method: MAGTModel.Method = .linear
        /// Instead of a vegetation raster: classify the boreholes' pixels with this model
        /// (`run --fit-only` fits without mapping the whole area).
        public var vegetationClassifier: (model: ClassifierModelFile, path: String, bands: [String])?

        public init(boreholes: String, dem: String, vegetation: String?, modelPath: String, predictors: MAGTPredictors, overwrite: Bool) {
            self.boreholes = boreholes
            self.dem = dem
            self.vegetation = vegetation
            self.modelPath = modelPath
            self.predictors = predictors
            self.overwrite = overwrite
        }
    }

    public struct PredictRequest: Sendable {
        /// The model file (recorded in the product's metadata).
        public var modelPath: String
        /// The model itself when the caller has it (a run passes what it fitted); read from
        /// `modelPath` when nil.
        public var model: MAGTModelFile?
        public var dem: String
        public var vegetation: String?
        public var out: String
        public var unseenVegetation: UnseenVegetation
        /// The output grid; default: the DEM's (a tile passes its part of it).
        public var grid: RasterGrid?
        public var options: OutputOptions
        /// Slope and aspect at the DEM's edges and next to nodata too (gdaldem -compute_edges).
        public var computeEdges = false
        /// Refuse an input band without one valid pixel (set for the user's own files; a tiled
        /// run's intermediate products may rightly be empty over a nodata tile).
        public var refuseEmptyInputs = false

        public init(
            modelPath: String, dem: String, vegetation: String?, out: String, unseenVegetation: UnseenVegetation = .nodata,
            options: OutputOptions
        ) {
            self.modelPath = modelPath
            self.dem = dem
            self.vegetation = vegetation
            self.out = out
            self.unseenVegetation = unseenVegetation
            self.options = options
        }
    }

    public struct PredictResult: Encodable, Sendable {
        public let magt: ProductSummary
        public let unseenVegetationPixels: [String: Int]
        public let warnings: [String]
    }

    /// Fits the model and writes the model file; returns what was written.
    public static func fit(_ request: FitRequest) throws -> MAGTModelFile {
        let output = try AtomicOutput(finalPath: request.modelPath, overwrite: request.overwrite)
        guard !request.predictors.contains(.vegetation) || request.vegetation != nil || request.vegetationClassifier != nil else {
            throw AtlasError.badParameter(.vegetation, reason: "the vegetation predictor needs a vegetation raster")
        }
        let grid = try RasterDataset(path: request.dem).grid()
        let dem = try InputLayer.aligned("DEM", path: request.dem, onto: grid, resampling: .bilinear).open()
        let vegetation = try VegetationAtPixel(raster: request.vegetation, classifier: request.vegetationClassifier, grid: grid)
        let names = vegetation.names
        let table = try PointTable(path: request.boreholes)
        let magt = try table.numbers(column: "magt")
        // Permafrost MAGT lies within a few degrees of 0 C; -300 C or 1e308 is a typing error
        // that a least-squares fit would turn into a map full of nonsense or NaN.
        if let bad = magt.firstIndex(where: { !(-30...30).contains($0) }) {
            throw AtlasError.badTable(
                path: request.boreholes, line: table.table.line(ofRow: bad), column: "magt",
                reason: "\(magt[bad]) C is no mean annual ground temperature (-30...30 C)")
        }
        let terrain = try TerrainPredictors(grid: grid, demPath: request.dem, computeEdges: request.computeEdges)

        var boreholes: [MAGTBorehole] = []
        // Where each used borehole lies, in the order of `boreholes` (ids need not be unique).
        var usedPoints: [(x: Double, y: Double)] = []
        var skipped: [SkippedPoint] = []
        for (index, pixel) in PointSampler.pixels(of: table.points, on: grid).enumerated() {
            let point = table.points[index]
            guard let pixel else {
                skipped.append(SkippedPoint(line: point.line, id: point.id, reason: "outside \(request.dem)"))
                continue
            }
            let core = RasterWindow(column: pixel.column, row: pixel.row, width: 1, height: 1)
            let elevation = try dem.readValues(core.expanded(by: 1))
            let derivatives = try terrain.terrain(elevation: elevation, core: core, demExtent: dem.extentOnGrid)
            let lonLat = terrain.lonLat(core)
            let values = MAGTPredictorValues(
                elevation: Double(elevation[4]), longitude: Double(lonLat.longitude[0]),
                latitude: Double(lonLat.latitude[0]),
                vegetationClass: try vegetation.code(at: core),
                northness: Double(derivatives.northness[0]), eastness: Double(derivatives.eastness[0]),
                slope: Double(derivatives.slope[0]))
            if let reason = missingPredictor(values, used: request.predictors) {
                skipped.append(SkippedPoint(line: point.line, id: point.id, reason: reason))
                continue
            }
            boreholes.append(MAGTBorehole(id: point.id, magt: magt[index], predictors: values))
            usedPoints.append((point.x, point.y))
        }
        guard !boreholes.isEmpty else {
            throw AtlasError.badFile(
                path: request.boreholes, reason: "no borehole lies on valid pixels of the rasters\(SkippedPoint.firstOf(skipped))")
        }
        let recorded = { (path: String) in request.pathBase.map { RecordedPath.relativePath(path, from: $0) } ?? path }
        var predictors = request.predictors
        var selection: MAGTFitReport.Selection?
        if let criterion = request.selection {
            let selected = try ParameterTables.located(request.boreholes) {
                try MAGTModel.selectPredictors(boreholes: boreholes, from: request.predictors, criterion: criterion)
            }
            predictors = selected.predictors
            selection = .init(criterion: criterion, steps: selected.steps)
        }
        let fitted = try ParameterTables.located(request.boreholes) {
            try MAGTModel.fit(boreholes: boreholes, predictors: predictors, method: request.method)
        }
        let model = fitted.model
        var report = fitted.report
        report.selection = selection
        report.blockCrossValidation = MAGTModel.blockCrossValidation(
            boreholes: boreholes, blocks: Self.spatialBlocks(usedPoints), predictors: predictors,
            method: request.method)
        let file = MAGTModelFile(
            model: model, report: report, skipped: skipped, predictors: request.predictors,
            vegetationNames: model.design.trainedVegetationClasses.reduce(into: [:]) { $0[String($1)] = names?.name(of: $1) ?? "\($1)" },
            crs: grid.spatialReference.wkt, boreholes: recorded(request.boreholes), dem: recorded(request.dem),
            vegetation: request.vegetation.map(recorded))
        try file.write(to: output)
        return file
    }

    /// Blocks for spatial cross-validation: the boreholes' bounding box cut into 3 x 3 equal
    /// blocks (up to 9 folds), so that a borehole is predicted without the ones around it.
    static func spatialBlocks(_ points: [(x: Double, y: Double)]) -> [Int] {
        let xs = points.map(\.x), ys = points.map(\.y)
        guard let west = xs.min(), let east = xs.max(), let south = ys.min(), let north = ys.max() else { return [] }
        func cell(_ value: Double, _ low: Double, _ high: Double) -> Int {
            high > low ? min(2, Int((value - low) / (high - low) * 3)) : 0
        }
        return points.map { cell($0.x, west, east) + 3 * cell($0.y, south, north) }
    }

    /// Why a borehole cannot be used (a used predictor is nodata there), or nil.
    static func missingPredictor(_ values: MAGTPredictorValues, used: MAGTPredictors) -> String? {
        if used.contains(.elevation) && !values.elevation.isFinite { return "DEM is nodata here" }
        if used.contains(.vegetation) && values.vegetationClass == 0 { return "vegetation is nodata here" }
        if (used.contains(.slope) || used.contains(.northness) || used.contains(.eastness)) && !values.slope.isFinite {
            return "slope/aspect undefined (raster edge or nodata next to it)"
        }
        return nil
    }

    /// Applies a fitted model to every pixel.
    public static func predict(_ request: PredictRequest) throws -> PredictResult {
        let file = try request.model ?? MAGTModelFile.read(request.modelPath)
        let model = file.model
        let usesVegetation = model.design.predictors.contains(.vegetation)
        guard !usesVegetation || request.vegetation != nil else {
            throw AtlasError.badFile(path: request.modelPath, reason: "the model uses vegetation; give \(.vegetation)")
        }
        let grid = try request.grid ?? RasterDataset(path: request.dem).grid()
        let dem = try InputLayer.aligned("DEM", path: request.dem, onto: grid, resampling: .bilinear)
        let vegetation = try request.vegetation.map { try InputLayer.aligned("vegetation", path: $0, onto: grid, resampling: .nearest) }
        try dem.requireValidPixels()
        if request.refuseEmptyInputs { try vegetation?.requireValidPixels() }
        if usesVegetation, let path = request.vegetation {
            try file.checkVegetationNames(against: try ClassCodeResolver(rasterPath: path))
        }
        let trained = Set(model.design.trainedVegetationClasses)
        let metadata = [
            "PERMAFROST_ATLAS_STEP": "magt", "MODEL": request.modelPath,
            "FORMULA": "MAGT = "
                + zip(model.regression.coefficientNames, model.regression.coefficients)
                .map { "\($1) x \($0)" }.joined(separator: " + "),
            "UNSEEN_VEGETATION": request.unseenVegetation.rawValue,
        ]
        let sink = try ProductSink(
            .preMAGT, path: request.out, grid: grid,
            metadata: metadata, options: request.options)
        var unseen: [UInt8: Int] = [:]
        let runner = BlockRunner(grid: grid, blockSize: request.options.blockSize, halo: 1, threads: request.options.threads)
        try runner.run(
            makeWorker: {
                (
                    try dem.open(), try vegetation?.open(),
                    try TerrainPredictors(grid: grid, demPath: request.dem, computeEdges: request.computeEdges)
                )
            },
            compute: { worker, block in
                let elevation = try worker.0.readValues(block.padded)
                let terrain = try worker.2.terrain(elevation: elevation, core: block.core, demExtent: worker.0.extentOnGrid)
                let coreElevation = elevation.cropped(from: block.padded, to: block.core)
                var classes = try worker.1?.readClasses(block.core) ?? []
                var unseenHere: [UInt8: Int] = [:]
                if usesVegetation {
                    for index in classes.indices where classes[index] != 0 && !trained.contains(classes[index]) {
                        if request.unseenVegetation == .error {
                            throw AtlasError.badFile(
                                path: request.vegetation ?? "",
                                reason:
                                    "class \(classes[index]) (\(file.vegetationName(classes[index]))) has no training borehole in \(request.modelPath); pass \(.unseenVegetation, "nodata") to leave it unmapped"
                            )
                        }
                        unseenHere[classes[index], default: 0] += 1
                        classes[index] = 0
                    }
                }
                let lonLat = model.design.predictors.isDisjoint(with: [.longitude, .latitude]) ? ([], []) : worker.2.lonLat(block.core)
                var magt = [Float](repeating: .nan, count: block.core.pixelCount)
                try coreElevation.withUnsafeBufferPointer { elevation in
                    try lonLat.0.withUnsafeBufferPointer { longitude in
                        try lonLat.1.withUnsafeBufferPointer { latitude in
                            try classes.withUnsafeBufferPointer { vegetation in
                                try terrain.northness.withUnsafeBufferPointer { northness in
                                    try terrain.eastness.withUnsafeBufferPointer { eastness in
                                        try terrain.slope.withUnsafeBufferPointer { slope in
                                            let block = MAGTPredictorBlock(
                                                pixelCount: magt.count, elevation: elevation, longitude: longitude,
                                                latitude: latitude, vegetation: vegetation, northness: northness,
                                                eastness: eastness, slope: slope)
                                            try magt.withUnsafeMutableBufferPointer { _ = try model.predict(block: block, into: $0) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                return (magt, unseenHere)
            },
            consume: { block, result in
                try sink.write(result.0, window: block.core)
                unseen.merge(result.1, uniquingKeysWith: +)
            })
        try sink.commit()
        let unseenNamed = unseen.reduce(into: [String: Int]()) { $0[file.vegetationName($1.key)] = $1.value }
        let warnings = unseen.keys.sorted().map {
            "vegetation class \($0) (\(file.vegetationName($0))) has no training borehole: its \(unseen[$0]!) pixels are left nodata"
        }
        return PredictResult(magt: sink.summary(), unseenVegetationPixels: unseenNamed, warnings: warnings)
    }
}

/// The vegetation class under a borehole: read from a class raster, or predicted there by
/// the random forest from the feature rasters.
struct VegetationAtPixel {
    private let raster: LayerReader?
    private let classifier: (file: ClassifierModelFile, stack: FeatureStack, readers: [LayerReader])?
    let names: ClassCodeResolver?

    init(raster: String?, classifier: (model: ClassifierModelFile, path: String, bands: [String])?, grid: RasterGrid) throws {
        if let raster {
            self.raster = try InputLayer.aligned("vegetation", path: raster, onto: grid, resampling: .nearest).open()
            self.classifier = nil
            names = try ClassCodeResolver(rasterPath: raster)
        } else if let classifier {
            let file = classifier.model
            self.raster = nil
            let stack = try file.featureStack(paths: classifier.bands, grid: grid)
            self.classifier = (file, stack, try stack.open())
            names = ClassCodeResolver(rasterPath: classifier.path, categoryNames: ["nodata"] + file.model.classLabels)
        } else {
            self.raster = nil
            self.classifier = nil
            names = nil
        }
    }

    func code(at pixel: RasterWindow) throws -> UInt8 {
        if let raster { return try raster.readClasses(pixel)[0] }
        guard let classifier else { return 0 }
        let features = try classifier.stack.read(classifier.readers, window: pixel)
        let index = try classifier.file.model.predict(features: features, threads: 1).classIndices[0]
        return index < 0 ? 0 : UInt8(index + 1)
    }
}

import ArgumentParser
import AtlasCore
import AtlasFoundation
import Foundation
import PermafrostKernels

struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Vegetation classes from raster bands with a random forest: train on points, predict a map.",
        subcommands: [Train.self, Predict.self]
    )

    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Train a random forest on labelled points.",
            discussion: """
                Samples CSV: x,y,class (map coordinates in the rasters' CRS, or lon/lat with --lonlat); \
                labels may be text or integers. Every band of every raster is one feature, named after \
                file and band. Points outside the rasters or on nodata are listed and skipped. \
                Breiman forest of Gini CART trees; same data and --seed give the same model at any \
                thread count. The report: OOB accuracy, kappa, confusion matrix, producer's and \
                user's accuracy, impurity and permutation importance, class counts.

                --indices adds normalised-difference indices (NDVI, NDWI, ...) as features; their bands \
                are recognised from Landsat 8/9 band names (SR_B2 ... SR_B7) or given with --band-roles. \
                Indices are computed on surface reflectance: value x scale + offset, from the bands' own \
                scale/offset (GDAL's, or scale_factor/add_offset metadata), else Landsat Collection 2 \
                Level-2's 2.75e-5 and -0.2 for bands named SR_B*, else the values as they are; \
                --landsat-scale/--landsat-offset set them. The model records them for `classify predict`.

                Example:
                  permafrost-atlas classify train --bands landsat.tif --samples samples.csv \\
                    --model vegetation_rf.json --indices ndvi,ndwi --seed 7
                """
        )

        @Option(parsing: .upToNextOption, help: "Feature rasters (all their bands are used).") var bands: [String] = []
        @Option(help: "Training points (CSV).") var samples: String
        @Option(help: "Output model file.") var model: String
        @Option(
            name: .customLong("model-format"),
            help: ArgumentHelp(
                "auto (JSON up to about 1 MB of it, binary above), json or binary (Docs/MODEL_FORMAT.md); `classify predict` reads both.",
                valueName: "auto|json|binary"))
        var modelFormat = "auto"
        @Option(help: "Number of trees.") var trees = 500
        @Option(help: "Features tried per split (default floor(sqrt(features))).") var mtry: Int?
        @Option(name: .customLong("min-leaf"), help: "Minimum samples in a leaf.") var minLeaf = 1
        @Option(name: .customLong("max-depth"), help: "Maximum tree depth (default unlimited).") var maxDepth: Int?
        @Option(name: .customLong("sample-fraction"), help: "Bootstrap sample size as a fraction of the samples.") var sampleFraction = 1.0
        @Flag(name: .customLong("no-replace"), help: "Draw bootstrap samples without replacement.") var noReplace = false
        @Option(name: .customLong("class-weights"), help: "none or balanced.") var classWeights = "none"
        @Option(help: "Random seed.") var seed: UInt64 = 1
        @Option(help: "Spectral indices to add as features: ndvi, ndwi, ndmi, ndsi, ndbi (comma-separated).") var indices: String?
        @Option(
            name: .customLong("band-roles"),
            help: ArgumentHelp(
                "1-based band positions for the indices, e.g. red=3,nir=4 (default: Landsat 8/9 band names B2-B7).", valueName: "ROLE=N,..."
            ))
        var bandRoles: String?
        @Option(name: .customLong("landsat-scale"), help: "Reflectance = value x scale + offset for the indices (e.g. 2.75e-5).")
        var landsatScale: Double?
        @Option(name: .customLong("landsat-offset"), help: "Offset of the reflectance (e.g. -0.2); with --landsat-scale.")
        var landsatOffset: Double?
        @Flag(
            name: .customLong("no-permutation-importance"),
            help: "Leave permutation importance out of the report (about a quarter of the training time on deep trees).")
        var noPermutationImportance = false
        @Flag(help: "Sample points are WGS84 longitude/latitude.") var lonlat = false
        @Option(name: .customLong("x-column"), help: "Column of x (or longitude).") var xColumn = "x"
        @Option(name: .customLong("y-column"), help: "Column of y (or latitude).") var yColumn = "y"
        @Option(name: .customLong("class-column"), help: "Column of the class label.") var classColumn = "class"
        @Option(help: "Worker threads; the default is this machine's number of cores.") var threads = ProcessInfo.processInfo
            .activeProcessorCount
        @Flag(help: "Replace the model file if it exists.") var overwrite = false
        @OptionGroup var reporting: ReportingOptions

        func validate() throws {
            guard !bands.isEmpty else { throw ValidationError("--bands needs at least one raster") }
            guard (1...100_000).contains(trees) else { throw ValidationError("--trees must be between 1 and 100000, got \(trees)") }
            guard minLeaf >= 1 else { throw ValidationError("--min-leaf must be at least 1, got \(minLeaf)") }
            guard sampleFraction > 0, sampleFraction <= 1 || !noReplace else {
                throw ValidationError("--sample-fraction must be in (0, 1] without replacement and positive with it, got \(sampleFraction)")
            }
            guard RandomForestClassWeighting(rawValue: classWeights) != nil else {
                throw ValidationError("--class-weights must be none or balanced, got \(classWeights)")
            }
            guard (1...1024).contains(threads) else { throw ValidationError("--threads must be between 1 and 1024, got \(threads)") }
            guard ModelFileFormat(rawValue: modelFormat) != nil else {
                throw ValidationError("--model-format must be auto, json or binary, got \(modelFormat)")
            }
            if let landsatScale, !(landsatScale > 0 && landsatScale.isFinite) {
                throw ValidationError("--landsat-scale must be a positive number, got \(landsatScale)")
            }
            if let landsatOffset, !landsatOffset.isFinite {
                throw ValidationError("--landsat-offset must be a number, got \(landsatOffset)")
            }
            do {
                _ = try indices.map { try SpectralIndexOptions.indices($0.split(separator: ",").map(String.init)) }
                _ = try bandRoles.map(SpectralIndexOptions.roles)
            } catch let error as AtlasError {
                throw ValidationError(error.describe(.commandLine))
            }
        }

        func run() throws {
            try OutputPaths.check(outputs: [model], inputs: bands + [samples])
            let parameters = RandomForestParameters(
                treeCount: trees, mtry: mtry, minLeafSize: minLeaf, maxDepth: maxDepth,
                sampleFraction: sampleFraction, sampleWithReplacement: !noReplace,
                classWeighting: RandomForestClassWeighting(rawValue: classWeights)!, seed: seed)
            var request = ClassifyStage.TrainRequest(
                bands: bands, samples: samples, modelPath: model, parameters: parameters,
                threads: threads, overwrite: overwrite)
            request.lonLat = lonlat
            request.modelFormat = ModelFileFormat(rawValue: modelFormat)!
            request.permutationImportance = !noPermutationImportance
            request.xColumn = xColumn
            request.yColumn = yColumn
            request.classColumn = classColumn
            request.indices = try indices.map { try SpectralIndexOptions.indices($0.split(separator: ",").map(String.init)) } ?? []
            request.bandRoles = try bandRoles.map(SpectralIndexOptions.roles)
            if landsatScale != nil || landsatOffset != nil {
                request.reflectance = .init(scale: landsatScale ?? 1, offset: landsatOffset ?? 0)
            }
            let file = try ClassifyStage.train(request)
            try emit(ClassifierReportView(file), reporting: reporting) { ClassifierReportView(file).text }
        }
    }

    struct Predict: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Classify every pixel with a trained forest.",
            discussion: """
                The bands must be given in the order used for training. Output: UInt8 codes 1..K \
                (category names = class labels, colour table), 0 where any band is nodata.
                --probabilities writes one Float32 band per class.

                Example:
                  permafrost-atlas classify predict --model vegetation_rf.json \\
                    --bands landsat.tif --out vegetation.tif
                """
        )

        @Option(help: "Model file from `classify train`.") var model: String
        @Option(parsing: .upToNextOption, help: "Feature rasters, as in training.") var bands: [String] = []
        @Option(help: "Output class raster.") var out: String
        @Option(help: "Also write per-class probabilities here.") var probabilities: String?
        @Flag(
            name: .customLong("ignore-band-names"),
            help: "Predict even when the bands' names, data types or nodata differ from the model's training bands.")
        var ignoreBandNames = false
        @OptionGroup var grid: GridOptions
        @OptionGroup var output: OutputOptionGroup
        @OptionGroup var reporting: ReportingOptions

        func validate() throws {
            guard !bands.isEmpty else { throw ValidationError("--bands needs at least one raster") }
        }

        func run() throws {
            try OutputPaths.check(outputs: [out] + [probabilities].compactMap { $0 }, inputs: bands + [model])
            var request = ClassifyStage.PredictRequest(
                modelPath: model, bands: bands, out: out, probabilities: probabilities, options: output.outputOptions)
            request.grid = try grid.grid(inputs: bands, quiet: reporting.quiet)
            request.ignoreBandNames = ignoreBandNames
            let result = try ClassifyStage.predict(request)
            try emit(result, reporting: reporting) {
                (["classes: \(result.classes.path)"]
                    + (result.classes.classAreasSquareKilometres ?? [:]).sorted { $0.key < $1.key }
                    .map { "  \($0.key): \(String(format: "%.4f", $0.value)) km2" }).joined(separator: "\n")
            }
        }
    }
}

import Foundation
import GeoRaster
import PermafrostKernels

/// Trains the random forest on the Landsat bands at the vegetation samples (models/vegetation_rf.json).
public struct VegetationModelStep: AtlasStep {
    public let name = "vegetation model (random forest)"
    public let reads: [AtlasProduct] = []
    public let writes: [AtlasProduct] = []

    public init() {}

    public func run(_ context: AtlasRunContext) throws {
        let config = context.config
        var train = ClassifyStage.TrainRequest(
            bands: config.inputs.landsat, samples: config.inputs.vegetationSamples,
            modelPath: context.layout.model("vegetation_rf"), parameters: config.forest,
            threads: context.threads, overwrite: true)
        train.lonLat = config.inputs.samplesLonLat
        train.indices = config.spectralIndices
        train.bandRoles = config.bandRoles
        train.reflectance = config.landsatReflectance
        train.grid = context.fullGrid
        train.pathBase = context.layout.root
        let model = try ClassifyStage.train(train)
        context.vegetationModel = model
        context.report.vegetation(model)
    }
}

/// Fits the MAGT regression on the boreholes (models/magt.json). With the vegetation map at
/// hand the boreholes' classes are read from it; `--fit-only`, which maps nothing, has the
/// forest classify just the boreholes' pixels.
public struct MAGTModelStep: AtlasStep {
    public let name = "MAGT model (regression)"
    public let reads: [AtlasProduct]
    public let writes: [AtlasProduct] = []
    private let classifiesBoreholes: Bool

    /// `fromVegetationMap`: read the classes from pre/vegetation.tif (a full run).
    public init(fromVegetationMap: Bool) {
        classifiesBoreholes = !fromVegetationMap
        reads = fromVegetationMap ? [.preVegetation] : []
    }

    public func run(_ context: AtlasRunContext) throws {
        let config = context.config
        var fit = MAGTStage.FitRequest(
            boreholes: config.inputs.boreholes, dem: config.inputs.dem,
            vegetation: classifiesBoreholes ? nil : context.path(.preVegetation),
            modelPath: context.layout.model("magt"), predictors: config.magtPredictors, overwrite: true)
        if classifiesBoreholes {
            fit.vegetationClassifier = (try context.requireVegetationModel(), context.layout.model("vegetation_rf"), config.inputs.landsat)
        }
        fit.pathBase = context.layout.root
        fit.computeEdges = config.computeEdges
        fit.selection = config.magtSelection
        fit.method = config.magtMethod
        let model = try MAGTStage.fit(fit)
        context.magtModel = model
        context.report.magt(model)
    }
}

import PermafrostKernels

/// The method parameters of a run by configuration key, defaults filled in: report.json's
/// `parameters` and every raster's PERMAFROST_ATLAS_PARAMETERS item.
extension AtlasConfig {
    public var methodParameters: [String: String] {
        let config = self
        let forest = config.forest
        return [
            "vegetation.trees": "\(forest.treeCount)", "vegetation.mtry": forest.mtry.map(String.init) ?? "floor(sqrt(features))",
            "vegetation.min_leaf": "\(forest.minLeafSize)", "vegetation.max_depth": forest.maxDepth.map(String.init) ?? "unlimited",
            "vegetation.sample_fraction": "\(forest.sampleFraction)", "vegetation.replace": "\(forest.sampleWithReplacement)",
            "vegetation.class_weights": forest.classWeighting.rawValue, "vegetation.seed": "\(forest.seed)",
            "vegetation.indices": config.spectralIndices.map(\.rawValue).joined(separator: ","),
            "magt.predictors": MAGTPredictorNames.names(of: config.magtPredictors).joined(separator: ","),
            "magt.permafrost_threshold": "\(config.permafrostThreshold)", "magt.selection": config.magtSelection?.rawValue ?? "none",
            "magt.method": config.magtMethod == .linear ? "linear" : "random-forest",
            "magt.stability_thresholds": config.stabilityThresholds.boundaries.map { "\($0)" }.joined(separator: ","),
            "magt.unseen_vegetation": config.unseenVegetation.rawValue,
            "thaw.kelvin": "\(config.kelvin)", "thaw.lapse_rate": config.downscaling.map { "\($0.lapseRate)" } ?? "none",
            "thaw.year": config.year.map(String.init) ?? "non-leap month lengths",
            "alt.form": config.altFormula == .stefan ? "physical" : "empirical", "alt.calibrate": "\(config.calibrateALT)",
            "alt.latent_heat_J_per_kg": "334000",
            "ice.depth_m": "\(config.iceDepth)", "terrain.compute_edges": "\(config.computeEdges)",
            "ice.class_thresholds": "0.1,0.2,0.3,0.5",
            "output.format": config.output.format.rawValue, "output.compression": config.output.compression.rawValue,
            "output.block_size": "\(config.output.blockSize)",
        ]
    }
}

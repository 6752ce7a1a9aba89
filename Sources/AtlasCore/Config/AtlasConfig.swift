import Foundation
import GeoRaster
import PermafrostKernels
import Yams

/// The configuration of a full atlas run (Docs/CONFIG.md): read from a YAML file by
/// `load(_:)` (paths relative to the file, every error naming its line and key), or built in
/// Swift with the initialisers below (the defaults are the file's). Everything is checked
/// before any work starts (`AtlasPreflight`).
public struct AtlasConfig: Sendable {
    public struct Inputs: Sendable {
        public var dem: String
        public var landsat: [String]
        public var vegetationSamples: String
        public var samplesLonLat: Bool
        public var boreholes: String
        /// Temperature grids (monthly or daily) or, instead, a thawing-index raster.
        public var temperature: [String]
        public var thawingIndex: String?
        /// A zone raster, or polygons with `zonesField`.
        public var zones: String
        public var zonesField: String
        public var soil: String
        public var strata: String
        public var mining: String
        /// Mining polygons (with `miningField`) or a disturbance raster.
        public var miningDisturbance: String
        public var miningField: String
        public var checkBoreholes: String?

        public init(
            dem: String, landsat: [String], vegetationSamples: String, boreholes: String, temperature: [String] = [],
            thawingIndex: String? = nil, zones: String, soil: String, strata: String, mining: String,
            miningDisturbance: String, samplesLonLat: Bool = false, zonesField: String = "zone", miningField: String = "type",
            checkBoreholes: String? = nil
        ) {
            self.dem = dem
            self.landsat = landsat
            self.vegetationSamples = vegetationSamples
            self.samplesLonLat = samplesLonLat
            self.boreholes = boreholes
            self.temperature = temperature
            self.thawingIndex = thawingIndex
            self.zones = zones
            self.zonesField = zonesField
            self.soil = soil
            self.strata = strata
            self.mining = mining
            self.miningDisturbance = miningDisturbance
            self.miningField = miningField
            self.checkBoreholes = checkBoreholes
        }
    }

    /// What the atlas covers, for its report and maps.
    public struct Site: Sendable, Equatable {
        /// "Muli coalfield, Qinghai"; in the report's title.
        public var name: String?
        /// True for the generated demonstration scene: the report says so in plain view.
        public var synthetic: Bool

        public init(name: String? = nil, synthetic: Bool = false) {
            self.name = name
            self.synthetic = synthetic
        }
    }

    /// The YAML file the configuration was read from; nil when it was built in Swift.
    public var path: String?
    public var site = Site()
    public var inputs: Inputs
    public var forest: RandomForestParameters
    public var spectralIndices: [SpectralIndex]
    public var bandRoles: [SpectralIndex.Band: Int]?
    /// Scale and offset of the Landsat values to reflectance for the spectral indices; nil:
    /// each band's own, or Landsat Collection 2's for bands named SR_B*.
    public var landsatReflectance: SpectralIndex.ReflectanceScaling?
    public var magtPredictors: MAGTPredictors
    public var unseenVegetation: MAGTStage.UnseenVegetation
    public var permafrostThreshold: Double
    public var stabilityThresholds: ThermalStabilityClass.Thresholds
    public var kelvin: Bool
    public var year: Int?
    public var altFormula: ActiveLayerModel.Formula
    /// Fit the edaphic factor per class on the boreholes' observed ALT and map ALT with it
    /// (`alt.calibrate`); classes without a borehole keep the physical form.
    public var calibrateALT = false
    /// Backward selection of the MAGT predictors by AIC or BIC (`magt.selection`; nil: none).
    public var magtSelection: InformationCriterion?
    /// `magt.method`: the linear regression, or the random-forest regression (500 trees, a
    /// third of the predictors per split, leaves of 3, the vegetation seed).
    public var magtMethod: MAGTModel.Method = .linear
    /// Lapse-rate downscaling of the temperature grids (`thaw.lapse_rate` with
    /// `thaw.temperature_elevation`; nil: none).
    public var downscaling: LapseRateDownscaling?
    public var iceDepth: Double
    /// Slope and aspect (MAGT predictors) on the DEM's outer ring and next to nodata too, as
    /// gdaldem -compute_edges does: a mapped atlas covers its whole DEM.
    public var computeEdges: Bool
    public var output: OutputOptions

    public init(
        inputs: Inputs, forest: RandomForestParameters = RandomForestParameters(), spectralIndices: [SpectralIndex] = [],
        bandRoles: [SpectralIndex.Band: Int]? = nil, landsatReflectance: SpectralIndex.ReflectanceScaling? = nil,
        magtPredictors: MAGTPredictors = .all,
        unseenVegetation: MAGTStage.UnseenVegetation = .nodata, permafrostThreshold: Double = 0,
        stabilityThresholds: ThermalStabilityClass.Thresholds = .standard, kelvin: Bool = false, year: Int? = nil,
        altFormula: ActiveLayerModel.Formula = .stefan, iceDepth: Double = 10, computeEdges: Bool = true,
        output: OutputOptions = OutputOptions(), path: String? = nil
    ) {
        self.path = path
        self.inputs = inputs
        self.forest = forest
        self.spectralIndices = spectralIndices
        self.bandRoles = bandRoles
        self.landsatReflectance = landsatReflectance
        self.magtPredictors = magtPredictors
        self.unseenVegetation = unseenVegetation
        self.permafrostThreshold = permafrostThreshold
        self.stabilityThresholds = stabilityThresholds
        self.kelvin = kelvin
        self.year = year
        self.altFormula = altFormula
        self.iceDepth = iceDepth
        self.computeEdges = computeEdges
        self.output = output
    }

    static let sections = ["site", "inputs", "vegetation", "magt", "terrain", "thaw", "alt", "ice", "output"]
    static let inputKeys = [
        "dem", "landsat", "vegetation_samples", "samples_lonlat", "boreholes", "temperature", "thawing_index",
        "zones", "zones_field", "soil", "strata", "mining", "mining_polygons", "mining_field", "check_boreholes",
    ]

    /// Reads and validates `path`; every error names the file, line and key.
    public static func load(_ path: String) throws -> AtlasConfig {
        let text = try UTF8File.text(path, limit: UTF8File.configurationLimit, what: "configuration")
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw AtlasError.badFile(path: path, reason: "empty configuration") }
            root = node
        } catch let error as YamlError {
            throw AtlasError.badFile(path: path, reason: "not valid YAML: \(String(describing: error).split(separator: "\n").first ?? "")")
        }
        let base = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let top = try ConfigSection(root, keyPath: "", file: path)
        try top.checkKeys(sections)
        guard let inputSection = try top.section("inputs") else { throw ConfigSection.error(path, 1, "inputs", "required") }
        var config = AtlasConfig(
            inputs: try readInputs(inputSection, base: base),
            forest: try readForest(try top.section("vegetation")),
            spectralIndices: try readIndices(try top.section("vegetation")),
            bandRoles: try readBandRoles(try top.section("vegetation")),
            landsatReflectance: try readReflectance(try top.section("vegetation")),
            magtPredictors: try readPredictors(try top.section("magt")),
            unseenVegetation: try readUnseen(try top.section("magt")),
            permafrostThreshold: try top.section("magt")?.double("permafrost_threshold") ?? 0,
            stabilityThresholds: try readThresholds(try top.section("magt")),
            kelvin: try top.section("thaw")?.bool("kelvin") ?? false,
            year: try readThaw(try top.section("thaw")),
            altFormula: try readALT(try top.section("alt")),
            iceDepth: try readIce(try top.section("ice")),
            computeEdges: try readTerrain(try top.section("terrain")),
            output: try readOutput(try top.section("output")), path: path)
        config.calibrateALT = try top.section("alt")?.bool("calibrate") ?? false
        if let thaw = try top.section("thaw") {
            let rate = try thaw.double("lapse_rate"), elevation = try thaw.existingPath("temperature_elevation", base: base)
            switch (rate, elevation) {
            case (nil, nil): break
            case (let rate?, let elevation?):
                guard LapseRateDownscaling.plausible.contains(rate) else {
                    throw thaw.error("lapse_rate", "must be between -15 and 5 C per km (air cools by about 6.5 C per km), got \(rate)")
                }
                config.downscaling = LapseRateDownscaling(lapseRate: rate, dem: config.inputs.dem, temperatureElevation: elevation)
            case (nil, _): throw thaw.error("temperature_elevation", "given without thaw.lapse_rate")
            case (_, nil): throw thaw.error("lapse_rate", "needs thaw.temperature_elevation, the elevation of the temperature grid's cells")
            }
        }
        if let magt = try top.section("magt"), let method = try magt.string("method") {
            switch method {
            case "linear": config.magtMethod = .linear
            case "random-forest":
                var parameters = RegressionForest.Parameters()
                parameters.seed = config.forest.seed
                config.magtMethod = .randomForest(parameters)
            default: throw magt.error("method", "expected linear or random-forest, got \(quoted: method)")
            }
        }
        if let magt = try top.section("magt"), let selection = try magt.string("selection") {
            switch selection {
            case "none": config.magtSelection = nil
            case "aic": config.magtSelection = .aic
            case "bic": config.magtSelection = .bic
            default: throw magt.error("selection", "expected none, aic or bic, got \(quoted: selection)")
            }
        }
        if config.calibrateALT, config.altFormula == .empirical, let section = try top.section("alt") {
            throw section.error("calibrate", "calibration fits the empirical form's factors; leave alt.form physical (the default)")
        }
        if let site = try top.section("site") {
            try site.checkKeys(["name", "synthetic"])
            config.site = Site(name: try site.string("name"), synthetic: try site.bool("synthetic") ?? false)
        }
        return config
    }

    static func readInputs(_ section: ConfigSection, base: String) throws -> Inputs {
        try section.checkKeys(inputKeys)
        func required(_ key: String) throws -> String {
            guard let path = try section.existingPath(key, base: base) else {
                throw ConfigSection.error(section.file, section.line, section.qualified(key), "required")
            }
            return path
        }
        let temperature = try section.existingPaths("temperature", base: base) ?? []
        let thawingIndex = try section.existingPath("thawing_index", base: base)
        guard !temperature.isEmpty || thawingIndex != nil else {
            throw ConfigSection.error(section.file, section.line, section.qualified("temperature"), "required (or give thawing_index)")
        }
        guard let landsat = try section.existingPaths("landsat", base: base), !landsat.isEmpty else {
            throw ConfigSection.error(section.file, section.line, section.qualified("landsat"), "required")
        }
        return Inputs(
            dem: try required("dem"), landsat: landsat, vegetationSamples: try required("vegetation_samples"),
            boreholes: try required("boreholes"), temperature: temperature, thawingIndex: thawingIndex,
            zones: try required("zones"), soil: try required("soil"), strata: try required("strata"),
            mining: try required("mining"), miningDisturbance: try required("mining_polygons"),
            samplesLonLat: try section.bool("samples_lonlat") ?? false, zonesField: try section.string("zones_field") ?? "zone",
            miningField: try section.string("mining_field") ?? "type",
            checkBoreholes: try section.existingPath("check_boreholes", base: base))
    }

    static func readForest(_ section: ConfigSection?) throws -> RandomForestParameters {
        var parameters = RandomForestParameters()
        guard let section else { return parameters }
        try section.checkKeys([
            "trees", "mtry", "min_leaf", "max_depth", "sample_fraction", "replace", "class_weights", "seed",
            "indices", "band_roles", "landsat_scale", "landsat_offset",
        ])
        parameters.treeCount = try section.int("trees") ?? parameters.treeCount
        guard (1...100_000).contains(parameters.treeCount) else {
            throw section.error("trees", "must be between 1 and 100000, got \(parameters.treeCount)")
        }
        parameters.mtry = try section.int("mtry")
        parameters.minLeafSize = try section.int("min_leaf") ?? parameters.minLeafSize
        parameters.maxDepth = try section.int("max_depth")
        parameters.sampleFraction = try section.double("sample_fraction") ?? parameters.sampleFraction
        // Checked here, not at training, so the error names the line and no work is done first.
        for (key, value) in [("mtry", parameters.mtry), ("min_leaf", parameters.minLeafSize), ("max_depth", parameters.maxDepth)] {
            if let value, value < 1 { throw section.error(key, "must be at least 1, got \(value)") }
        }
        guard parameters.sampleFraction > 0, parameters.sampleFraction <= 1 else {
            throw section.error("sample_fraction", "must be in (0, 1], got \(parameters.sampleFraction)")
        }
        parameters.sampleWithReplacement = try section.bool("replace") ?? true
        if let weights = try section.string("class_weights") {
            guard let weighting = RandomForestClassWeighting(rawValue: weights) else {
                throw section.error("class_weights", "expected none or balanced, got \(quoted: weights)")
            }
            parameters.classWeighting = weighting
        }
        if let seed = try section.int("seed") {
            guard seed >= 0 else { throw section.error("seed", "must not be negative") }
            parameters.seed = UInt64(seed)
        }
        return parameters
    }

    static func readIndices(_ section: ConfigSection?) throws -> [SpectralIndex] {
        guard let names = try section?.strings("indices") else { return [] }
        return try section!.parsing("indices") { try SpectralIndexOptions.indices(names) }
    }

    static func readReflectance(_ section: ConfigSection?) throws -> SpectralIndex.ReflectanceScaling? {
        guard let section else { return nil }
        let scale = try section.double("landsat_scale"), offset = try section.double("landsat_offset")
        guard scale != nil || offset != nil else { return nil }
        if let scale, scale <= 0 { throw section.error("landsat_scale", "must be positive, got \(scale)") }
        return SpectralIndex.ReflectanceScaling(scale: scale ?? 1, offset: offset ?? 0)
    }

    static func readBandRoles(_ section: ConfigSection?) throws -> [SpectralIndex.Band: Int]? {
        guard let text = try section?.string("band_roles") else { return nil }
        return try section!.parsing("band_roles") { try SpectralIndexOptions.roles(text) }
    }

    /// The key of a parameter the configuration sets, for errors worded for `run`.
    public static func key(for parameter: AtlasParameter) -> String? {
        switch parameter {
        case .bands: "inputs.landsat"
        case .temperature: "inputs.temperature"
        case .disturbance: "inputs.mining_polygons"
        case .bandRoles: "vegetation.band_roles"
        case .indices: "vegetation.indices"
        case .predictors: "magt.predictors"
        case .unseenVegetation: "magt.unseen_vegetation"
        case .kelvin: "thaw.kelvin"
        case .lapseRate: "thaw.lapse_rate"
        case .year: "thaw.year"
        default: nil
        }
    }

    static let magtKeys = ["predictors", "permafrost_threshold", "stability_thresholds", "unseen_vegetation", "selection", "method"]

    static func readPredictors(_ section: ConfigSection?) throws -> MAGTPredictors {
        guard let section else { return .all }
        try section.checkKeys(magtKeys)
        guard let names = try section.strings("predictors") else { return .all }
        return try section.parsing("predictors") { try MAGTPredictorNames.parse(names.joined(separator: ",")) }
    }

    static func readUnseen(_ section: ConfigSection?) throws -> MAGTStage.UnseenVegetation {
        guard let text = try section?.string("unseen_vegetation") else { return .nodata }
        guard let value = MAGTStage.UnseenVegetation(rawValue: text) else {
            throw section!.error("unseen_vegetation", "expected nodata or error, got \(quoted: text)")
        }
        return value
    }

    static func readThresholds(_ section: ConfigSection?) throws -> ThermalStabilityClass.Thresholds {
        guard let values = try section?.doubles("stability_thresholds") else { return .standard }
        do {
            return try ThermalStabilityClass.Thresholds(values)
        } catch {
            throw section!.error("stability_thresholds", "\(error)")
        }
    }

    static func readThaw(_ section: ConfigSection?) throws -> Int? {
        guard let section else { return nil }
        try section.checkKeys(["kelvin", "year", "lapse_rate", "temperature_elevation"])
        return try section.int("year")
    }

    static func readTerrain(_ section: ConfigSection?) throws -> Bool {
        guard let section else { return true }
        try section.checkKeys(["compute_edges"])
        return try section.bool("compute_edges") ?? true
    }

    static func readALT(_ section: ConfigSection?) throws -> ActiveLayerModel.Formula {
        guard let section else { return .stefan }
        try section.checkKeys(["form", "calibrate"])
        switch try section.string("form") ?? "physical" {
        case "physical": return .stefan
        case "empirical": return .empirical
        case let other: throw section.error("form", "expected physical or empirical, got \(quoted: other)")
        }
    }

    static func readIce(_ section: ConfigSection?) throws -> Double {
        guard let section else { return 10 }
        try section.checkKeys(["depth"])
        let depth = try section.double("depth") ?? 10
        guard depth > 0, depth <= 100 else { throw section.error("depth", "must be between 0 and 100 m, got \(depth)") }
        return depth
    }

    static func readOutput(_ section: ConfigSection?) throws -> OutputOptions {
        var options = OutputOptions()
        guard let section else { return options }
        try section.checkKeys(["format", "compression", "block_size", "creation_options"])
        if let format = try section.string("format") {
            guard let value = RasterFormat.allCases.first(where: { $0.rawValue.caseInsensitiveCompare(format) == .orderedSame }) else {
                throw section.error("format", "expected COG or GTiff, got \(quoted: format)")
            }
            options.format = value
        }
        if let compression = try section.string("compression") {
            guard let value = RasterCompression(rawValue: compression.uppercased()) else {
                throw section.error("compression", "expected DEFLATE, ZSTD or NONE, got \(quoted: compression)")
            }
            options.compression = value
        }
        if let blockSize = try section.int("block_size") {
            guard (16...8192).contains(blockSize), blockSize % 16 == 0 else {
                throw section.error("block_size", "must be a multiple of 16 between 16 and 8192, got \(blockSize)")
            }
            options.blockSize = blockSize
        }
        options.creationOptions = try section.strings("creation_options") ?? []
        for option in options.creationOptions {
            guard option.contains("=") else { throw section.error("creation_options", "expected KEY=VALUE, got \(quoted: option)") }
            if let reason = options.format.rejection(ofCreationOption: option) {
                throw section.error("creation_options", "\(quoted: option) is not valid for \(options.format.rawValue): \(reason)")
            }
        }
        return options
    }
}

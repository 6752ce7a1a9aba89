import AtlasCore
import GeoRaster
import PermafrostKernels

/// What the generator put into a scene (`scene.json`), so tests and demos can compare what
/// the pipeline recovers with the truth.
public struct SyntheticSceneTruth: Codable, Sendable, Equatable {
    public struct Grid: Codable, Sendable, Equatable {
        public let epsg: Int
        public let width: Int
        public let height: Int
        /// GDAL's six coefficients.
        public let geoTransform: [Double]
    }

    public struct NamedCode: Codable, Sendable, Equatable {
        public let code: Int
        public let name: String
    }

    public struct Climate: Codable, Sendable, Equatable {
        public let referenceElevation: Double
        /// degC per metre of smoothed elevation.
        public let lapseRate: Double
        public let monthlyMeansAtReference: [Double]
        public let daysPerMonth: [Int]
        public let grid: Grid
        public let smoothedElevation: String
    }

    public struct ActiveLayer: Codable, Sendable, Equatable {
        public let formula: String
        public let thawingIndex: String
        public let relativeNoise: Double
    }

    public struct Landsat: Codable, Sendable, Equatable {
        public let bands: [String]
        public let wavelengthsMicrometres: [Double]
        public let scale: Double
        public let offset: Double
        public let sunZenithDegrees: Double
        public let sunAzimuthDegrees: Double
    }

    public struct Terrain: Codable, Sendable, Equatable {
        public let floorElevationEast: Double
        public let floorRiseWest: Double
        public let valleyRelief: Double
        public let sparseVegetationAbove: Double
        public let sparseVegetationSlopeAbove: Double
    }

    public let generator: String
    public let seed: UInt64
    public let grid: Grid
    public let vegetationClasses: [NamedCode]
    public let zones: [NamedCode]
    public let miningTypes: [NamedCode]
    public let magtModel: SyntheticMAGTModel
    public let activeLayer: ActiveLayer
    public let climate: Climate
    public let landsat: Landsat
    public let terrain: Terrain
    public let vegetationSamples: Int
    public let minimumSamplesPerClass: Int
    public let boreholes: Int
    public let checkBoreholes: Int

    init(scene: SyntheticScene) {
        func grid(_ grid: RasterGrid, epsg: Int) -> Grid {
            Grid(epsg: epsg, width: grid.width, height: grid.height, geoTransform: grid.geoTransform.coefficients)
        }
        generator = "permafrost-atlas synth"
        seed = scene.seed
        self.grid = grid(scene.grid, epsg: SyntheticScene.epsg)
        vegetationClasses = SyntheticVegetationClass.allCases.map { NamedCode(code: Int($0.rawValue), name: $0.name) }
        zones = SyntheticZone.allCases.map { NamedCode(code: Int($0.rawValue), name: $0.name) }
        miningTypes = DisturbanceType.allCases.map { NamedCode(code: Int($0.rawValue), name: "\($0)") }
        magtModel = SyntheticMAGTModel()
        activeLayer = ActiveLayer(
            formula:
                "physical Stefan: sqrt(2 lambda_thawed n_factor DDT 86400 / (334000 dry_density (water_content - unfrozen_water_content))), soil.csv row of the borehole's class",
            thawingIndex: "air_temperature.tif interpolated bilinearly at the borehole, sum of max(T, 0) x days (non-leap year)",
            relativeNoise: SyntheticBoreholeSurvey.altNoise)
        climate = Climate(
            referenceElevation: SyntheticClimate.referenceElevation, lapseRate: SyntheticClimate.lapseRate,
            monthlyMeansAtReference: SyntheticClimate.monthlyMeansAtReference, daysPerMonth: ThawingIndex.monthLengths(),
            grid: grid(scene.climate.grid, epsg: 4326),
            smoothedElevation: "the valley relief without spurs, hills and roughness, at each cell centre")
        landsat = Landsat(
            bands: SyntheticLandCover.bandNames, wavelengthsMicrometres: SyntheticLandCover.bandWavelengths,
            scale: SyntheticLandCover.reflectanceScale, offset: SyntheticLandCover.reflectanceOffset,
            sunZenithDegrees: SyntheticLandCover.sunZenithDegrees, sunAzimuthDegrees: SyntheticLandCover.sunAzimuthDegrees)
        terrain = Terrain(
            floorElevationEast: scene.terrain.floorEast, floorRiseWest: SyntheticTerrain.floorDescent,
            valleyRelief: scene.terrain.relief, sparseVegetationAbove: SyntheticLandCover.sparseElevation,
            sparseVegetationSlopeAbove: SyntheticLandCover.sparseSlope)
        vegetationSamples = VegetationSampleCollector.sampleCount
        minimumSamplesPerClass = VegetationSampleCollector.minimumPerClass
        boreholes = SyntheticBoreholeSurvey.boreholeCount
        checkBoreholes = SyntheticBoreholeSurvey.checkBoreholeCount
    }
}

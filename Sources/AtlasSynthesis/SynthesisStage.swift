import AtlasCore
import AtlasFoundation
import Foundation
import GeoRaster

/// Writes a synthetic Muli-like scene: the project's demo data and test fixture. The same
/// size and seed give byte-identical files; rasters stream block by block, so memory does
/// not grow with the scene.
public struct SynthesisStage {
    public struct Request: Sendable {
        public var width: Int
        public var height: Int
        public var seed: UInt64
        /// Created when missing.
        public var outDirectory: String
        public var options: OutputOptions

        public init(width: Int, height: Int, seed: UInt64, outDirectory: String, options: OutputOptions) {
            self.width = width
            self.height = height
            self.seed = seed
            self.outDirectory = outDirectory
            self.options = options
        }
    }

    public struct Result: Encodable, Sendable {
        public let directory: String
        public let width: Int
        public let height: Int
        public let seed: UInt64
        public let files: [String]
        public let elevationRange: [Double]
        public let classAreasSquareKilometres: [String: Double]
        public let samplesPerClass: [String: Int]
        public let boreholes: Int
        public let boreholesInPermafrost: Int
        public let checkBoreholes: Int
        public let temperatureGridSize: [Int]
    }

    /// The files of a scene; their names are an interface.
    public enum FileName {
        public static let dem = "dem.tif", landsat = "landsat.tif", vegetation = "vegetation_truth.tif"
        public static let samples = "vegetation_samples.csv", boreholes = "boreholes.csv", checkBoreholes = "check_boreholes.csv"
        public static let airTemperature = "air_temperature.tif", zones = "zones.gpkg", mining = "mining.gpkg"
        public static let soil = "soil.csv", strata = "strata.csv", miningTable = "mining.csv", truth = "scene.json"
        public static let config = "atlas.yaml"
        public static let all = [
            dem, landsat, vegetation, samples, boreholes, checkBoreholes, airTemperature, zones, mining,
            soil, strata, miningTable, truth, config,
        ]
    }

    /// GeoPackages record when they were written; a fixed time keeps them byte-identical.
    static let vectorTimestamp = "2000-01-01T00:00:00.000Z"

    public static func run(_ request: Request) throws -> Result {
        let scene = try SyntheticScene(width: request.width, height: request.height, seed: request.seed)
        let folder = URL(fileURLWithPath: request.outDirectory).standardizedFileURL
        try OutputFolder.create(folder.path)
        func path(_ name: String) -> String { folder.appendingPathComponent(name).path }
        // Refuse before any work, so a scene is never left half replaced by a refused run.
        for name in FileName.all { _ = try AtomicOutput(finalPath: path(name), overwrite: request.options.overwrite) }

        // The point and polygon data are analytic: drawn first, so a scene too small for them
        // fails before any file is written.
        let boreholes = try SyntheticBoreholeSurvey.drill(
            scene, count: SyntheticBoreholeSurvey.boreholeCount, prefix: "BH",
            file: FileName.boreholes, placement: .boreholes, noise: .boreholeNoise,
            perClass: 2, occupied: [])
        let occupied = Set(boreholes.map { $0.site.row * scene.width + $0.site.column })
        let checks = try SyntheticBoreholeSurvey.drill(
            scene, count: SyntheticBoreholeSurvey.checkBoreholeCount, prefix: "CK",
            file: FileName.checkBoreholes, placement: .checkBoreholes,
            noise: .checkBoreholeNoise, perClass: 0, occupied: occupied)
        let mining = try SyntheticVectors.mining(scene)

        let scan = try writeSceneRasters(scene, path: path, options: request.options)
        try writeAirTemperature(scene, path: path(FileName.airTemperature), options: request.options)

        let sampleRows = scan.samples.map { sample -> String in
            let centre = scene.pixelCentre(column: sample.column, row: sample.row)
            return String(format: "%.1f,%.1f,", centre.x, centre.y) + sample.vegetation.name
        }
        let overwrite = request.options.overwrite
        try TextFileOutput.write(
            SyntheticTables.csv(header: "x,y,class", rows: sampleRows), to: path(FileName.samples), overwrite: overwrite)
        try TextFileOutput.write(
            SyntheticTables.csv(header: SyntheticBorehole.csvHeader, rows: boreholes.map(\.csvRow)),
            to: path(FileName.boreholes), overwrite: overwrite)
        try TextFileOutput.write(
            SyntheticTables.csv(header: SyntheticBorehole.csvHeader, rows: checks.map(\.csvRow)),
            to: path(FileName.checkBoreholes), overwrite: overwrite)
        try TextFileOutput.write(SyntheticTables.soilCSV, to: path(FileName.soil), overwrite: overwrite)
        try TextFileOutput.write(SyntheticTables.strataCSV, to: path(FileName.strata), overwrite: overwrite)
        try TextFileOutput.write(SyntheticTables.miningCSV, to: path(FileName.miningTable), overwrite: overwrite)
        try VectorWriter.writePolygons(
            SyntheticVectors.zones(scene), to: path(FileName.zones), layer: "zones", fields: ["zone"],
            spatialReference: scene.grid.spatialReference, overwrite: overwrite, timestamp: vectorTimestamp)
        try VectorWriter.writePolygons(
            mining, to: path(FileName.mining), layer: "mining", fields: ["type"],
            spatialReference: scene.grid.spatialReference, overwrite: overwrite, timestamp: vectorTimestamp)
        try TextFileOutput.write(
            try JSONOutput.encode(SyntheticSceneTruth(scene: scene)) + "\n", to: path(FileName.truth), overwrite: overwrite)
        try TextFileOutput.write(ConfigTemplate.text(seed: request.seed), to: path(FileName.config), overwrite: overwrite)

        var samplesPerClass: [String: Int] = [:]
        for sample in scan.samples { samplesPerClass[sample.vegetation.name, default: 0] += 1 }
        return Result(
            directory: folder.path, width: scene.width, height: scene.height, seed: scene.seed,
            files: FileName.all.map(path), elevationRange: [scan.elevation.minimum, scan.elevation.maximum],
            classAreasSquareKilometres: scan.classAreas, samplesPerClass: samplesPerClass,
            boreholes: boreholes.count, boreholesInPermafrost: boreholes.filter { $0.magt < 0 }.count,
            checkBoreholes: checks.count, temperatureGridSize: [scene.climate.grid.width, scene.climate.grid.height])
    }

    private struct SceneScan {
        let elevation: BandStatistics
        let classAreas: [String: Double]
        let samples: [VegetationSampleCollector.Candidate]
    }

    /// One pass over the 30 m grid writes the DEM, the Landsat bands and the vegetation truth,
    /// and collects the vegetation samples on the way.
    private static func writeSceneRasters(_ scene: SyntheticScene, path: (String) -> String, options: OutputOptions) throws -> SceneScan {
        let metadata = [
            "PERMAFROST_ATLAS_STEP": "synth", "SYNTHETIC_SEED": "\(scene.seed)",
            "SYNTHETIC_SIZE": "\(scene.width)x\(scene.height)", "SYNTHETIC_TRUTH": FileName.truth,
        ]
        let dem = try ProductSink(
            path: path(FileName.dem), grid: scene.grid, description: "elevation", unit: "m",
            metadata: metadata, options: options)
        let vegetation = try ProductSink(
            path: path(FileName.vegetation), grid: scene.grid, description: "vegetation (synthetic truth)",
            legend: SyntheticVegetationClass.legend, metadata: metadata, options: options)
        let landsat = try options.writer(
            path: path(FileName.landsat), grid: scene.grid, dataType: .uint16,
            bands: landsatBands(), metadata: metadata.merging(landsatMetadata()) { $1 })
        var collector = VegetationSampleCollector()
        let runner = BlockRunner(grid: scene.grid, blockSize: options.blockSize, threads: options.threads)
        try runner.run(
            makeWorker: {},
            compute: { _, block in
                let terrain = try scene.block(block.core)
                return (terrain, scene.landsat(terrain), VegetationSampleCollector.candidates(of: terrain, scene: scene))
            },
            consume: { block, output in
                let (terrain, bands, candidates) = output
                try dem.write(terrain.elevation, window: block.core)
                try vegetation.write(terrain.classes, window: block.core)
                let pixels = block.core.pixelCount
                for band in 0..<6 {
                    try bands.withUnsafeBufferPointer { all in
                        try landsat.write(
                            band: band + 1, window: block.core,
                            values: UnsafeBufferPointer(rebasing: all[(band * pixels)..<((band + 1) * pixels)]))
                    }
                }
                collector.merge(candidates)
            })
        let samples = try collector.select()
        try dem.commit()
        try landsat.commit()
        try vegetation.commit()
        return SceneScan(elevation: dem.statistics, classAreas: vegetation.classAreas(), samples: samples)
    }

    private static func landsatBands() -> [BandSpec] {
        zip(SyntheticLandCover.bandNames, SyntheticLandCover.bandWavelengths).map { name, wavelength in
            BandSpec(
                description: name, noData: 0,
                metadata: [
                    "scale_factor": "\(SyntheticLandCover.reflectanceScale)", "add_offset": "\(SyntheticLandCover.reflectanceOffset)",
                    "wavelength": "\(wavelength)", "wavelength_units": "micrometers",
                ])
        }
    }

    /// Collection 2 Level-2 names for the reflectance scaling (as in the product's MTL file).
    private static func landsatMetadata() -> [String: String] {
        [
            "SPACECRAFT_ID": "LANDSAT_8 (synthetic)", "PROCESSING_LEVEL": "L2SP",
            "REFLECTANCE_MULT_BAND": "\(SyntheticLandCover.reflectanceScale)",
            "REFLECTANCE_ADD_BAND": "\(SyntheticLandCover.reflectanceOffset)",
            "SUN_AZIMUTH": "\(SyntheticLandCover.sunAzimuthDegrees)", "SUN_ELEVATION": "\(90 - SyntheticLandCover.sunZenithDegrees)",
        ]
    }

    /// The twelve monthly means on their coarse WGS84 grid.
    private static func writeAirTemperature(_ scene: SyntheticScene, path: String, options: OutputOptions) throws {
        let grid = scene.climate.grid
        let bands = SyntheticClimate.monthNames.map { BandSpec(description: $0, unit: "degC", noData: Double(ProductSink.floatNoData)) }
        let metadata = [
            "PERMAFROST_ATLAS_STEP": "synth", "SYNTHETIC_SEED": "\(scene.seed)",
            "TEMPERATURE_MODEL": "monthly mean at 3800 m - \(SyntheticClimate.lapseRate) degC/m x (smoothed elevation - 3800 m)",
        ]
        let writer = try options.writer(path: path, grid: grid, dataType: .float32, bands: bands, metadata: metadata)
        let runner = BlockRunner(grid: grid, blockSize: options.blockSize, threads: options.threads)
        try runner.run(
            makeWorker: { try CoordinateTransformer(from: .wgs84(), to: scene.grid.spatialReference) },
            compute: { toScene, block in
                try scene.climate.monthlyTemperatures(block.core, toScene: toScene)
            },
            consume: { block, temperatures in
                let cells = block.core.pixelCount
                for month in 0..<12 {
                    try writer.band(month + 1).write(block.core, values: Array(temperatures[(month * cells)..<((month + 1) * cells)]))
                }
            })
        try writer.commit()
    }
}

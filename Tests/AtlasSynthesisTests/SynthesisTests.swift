import AtlasFoundation
import Foundation
import GeoRaster
import XCTest

@testable import AtlasCore
@testable import AtlasSynthesis

/// One small scene shared by the synthesis tests (generating it takes about a second).
enum SynthesisFixture {
    static let width = 120, height = 90, seed: UInt64 = 7

    private static let path = NSTemporaryDirectory() + "synthesis-tests-" + UUID().uuidString

    static let generated: Result<String, any Error> = Result {
        // XCTest has no hook after the last test; the scene goes when the process ends.
        atexit { try? FileManager.default.removeItem(atPath: SynthesisFixture.path) }
        _ = try SynthesisStage.run(.init(width: width, height: height, seed: seed, outDirectory: path, options: OutputOptions()))
        return path
    }

    static func folder() throws -> String { try generated.get() }
    static func file(_ name: String) throws -> String { try folder() + "/" + name }

    static func table(_ name: String) throws -> CSVTable { try CSVTable(path: file(name)) }

    /// Values of band `band` of a scene raster, row-major.
    static func values<T: RasterElement>(_ name: String, band: Int = 1, as type: T.Type) throws -> [T] {
        let dataset = try RasterDataset(path: file(name))
        return try dataset.band(band).read(dataset.extent, as: T.self)
    }

    /// The pixel under a map point of the scene grid.
    static func pixel(x: Double, y: Double) -> (column: Int, row: Int) {
        (Int((x - SyntheticScene.originX) / SyntheticScene.pixelSize), Int((SyntheticScene.originY - y) / SyntheticScene.pixelSize))
    }
}

final class SynthesisTests: XCTestCase {
    func testSameSizeAndSeedGiveByteIdenticalFilesAtAnyThreadCount() throws {
        let first = try SynthesisFixture.folder()
        let second = NSTemporaryDirectory() + "synthesis-again-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: second) }
        _ = try SynthesisStage.run(
            .init(
                width: SynthesisFixture.width, height: SynthesisFixture.height, seed: SynthesisFixture.seed,
                outDirectory: second, options: OutputOptions(threads: 1)))
        let names = try FileManager.default.contentsOfDirectory(atPath: first).sorted()
        XCTAssertEqual(names, try FileManager.default.contentsOfDirectory(atPath: second).sorted())
        XCTAssertEqual(Set(SynthesisStage.FileName.all).subtracting(names), [], "every interface file is written")
        XCTAssertFalse(names.contains { $0.hasPrefix(".") }, "no temporary file is left: \(names)")
        for name in names {
            let a = try Data(contentsOf: URL(fileURLWithPath: first + "/" + name))
            let b = try Data(contentsOf: URL(fileURLWithPath: second + "/" + name))
            XCTAssertEqual(a, b, "\(name) differs between two runs")
        }
    }

    func testOtherSeedGivesOtherScene() throws {
        let a = try SyntheticScene(width: 64, height: 64, seed: 7), b = try SyntheticScene(width: 64, height: 64, seed: 8)
        XCTAssertNotEqual(a.elevation(column: 10, row: 10), b.elevation(column: 10, row: 10))
        XCTAssertEqual(a.elevation(column: 10, row: 10), try SyntheticScene(width: 64, height: 64, seed: 7).elevation(column: 10, row: 10))
    }

    func testExistingOutputsAreRefusedWithoutOverwrite() throws {
        let folder = try SynthesisFixture.folder()
        let before = try Data(contentsOf: URL(fileURLWithPath: folder + "/dem.tif"))
        XCTAssertThrowsError(try SynthesisStage.run(.init(width: 40, height: 40, seed: 1, outDirectory: folder, options: OutputOptions())))
        { error in
            let failure = error as? any AtlasFailure
            XCTAssertEqual(failure?.kind, .badInput)
            XCTAssertTrue("\(error)".contains("dem.tif") && "\(error)".contains("--overwrite"), "\(error)")
        }
        XCTAssertEqual(try Data(contentsOf: URL(fileURLWithPath: folder + "/dem.tif")), before)
    }

    func testTooSmallSceneIsRefused() {
        XCTAssertThrowsError(try SyntheticScene(width: 31, height: 100, seed: 1)) { error in
            XCTAssertEqual((error as? any AtlasFailure)?.kind, .badInput)
        }
    }

    func testDEMIsGeoreferencedNearMuliAndSpansThePlateauRange() throws {
        let dataset = try RasterDataset(path: try SynthesisFixture.file("dem.tif"))
        XCTAssertEqual(dataset.driverName, "GTiff")
        XCTAssertEqual(dataset.spatialReference?.epsgCode, 32647)
        XCTAssertEqual(dataset.geoTransform, GeoTransform(originX: 515_000, pixelWidth: 30, originY: 4_222_000, pixelHeight: -30))
        XCTAssertEqual([dataset.width, dataset.height], [SynthesisFixture.width, SynthesisFixture.height])
        let band = try dataset.band(1)
        XCTAssertEqual(band.dataType, .float32)
        XCTAssertEqual(band.noDataValue, -9999)
        XCTAssertEqual(band.unit, "m")
        let elevation = try band.read(dataset.extent, as: Float.self)
        XCTAssertGreaterThanOrEqual(elevation.min()!, 3600)
        XCTAssertLessThanOrEqual(elevation.max()!, 4600)
        XCTAssertGreaterThan(elevation.max()! - elevation.min()!, 450, "floor to ridges in every scene")
        let corner = try CoordinateTransformer(from: try SpatialReference(epsg: 32647), to: .wgs84()).transform(x: 515_000, y: 4_222_000)!
        XCTAssertEqual(corner.x, 99.2, accuracy: 0.05)
        XCTAssertEqual(corner.y, 38.1, accuracy: 0.05)
    }

    func testLandsatAndVegetationDescribeThemselves() throws {
        let landsat = try RasterDataset(path: try SynthesisFixture.file("landsat.tif"))
        XCTAssertEqual(landsat.bandCount, 6)
        XCTAssertEqual(landsat.bands.map(\.bandDescription), ["SR_B2", "SR_B3", "SR_B4", "SR_B5", "SR_B6", "SR_B7"])
        XCTAssertEqual(landsat.bands.map(\.dataType), Array(repeating: .uint16, count: 6))
        XCTAssertEqual(landsat.bands.map(\.noDataValue), Array(repeating: 0, count: 6))
        XCTAssertEqual(landsat.metadata()["REFLECTANCE_MULT_BAND"], "2.75e-05")
        XCTAssertEqual(try landsat.band(4).metadata()["add_offset"], "-0.2")
        let vegetation = try RasterDataset(path: try SynthesisFixture.file("vegetation_truth.tif")).band(1)
        XCTAssertEqual(vegetation.dataType, .byte)
        XCTAssertEqual(vegetation.noDataValue, 0)
        XCTAssertEqual(Array(vegetation.categoryNames.dropFirst()), SyntheticVegetationClass.allCases.map(\.name))
        XCTAssertEqual(vegetation.colorTable[3], RGBA(215, 200, 110), "alpine steppe's colour")
    }

    func testAirTemperatureGridCoversTheSceneWithMargin() throws {
        let dataset = try RasterDataset(path: try SynthesisFixture.file("air_temperature.tif"))
        XCTAssertEqual(dataset.spatialReference?.epsgCode, 4326)
        XCTAssertEqual(dataset.bands.map(\.bandDescription), SyntheticClimate.monthNames)
        XCTAssertEqual(Set(dataset.bands.map(\.unit)), ["degC"])
        let transform = try XCTUnwrap(dataset.geoTransform)
        XCTAssertEqual(transform.pixelWidth, 0.01, accuracy: 1e-12)
        let grid = transform.bounds(width: dataset.width, height: dataset.height)
        let scene = try SyntheticScene(width: SynthesisFixture.width, height: SynthesisFixture.height, seed: SynthesisFixture.seed)
        let box = scene.grid.geoTransform.bounds(width: scene.width, height: scene.height)
        var xs = [box.minX, box.maxX, box.minX, box.maxX], ys = [box.minY, box.minY, box.maxY, box.maxY]
        try CoordinateTransformer(from: scene.grid.spatialReference, to: .wgs84()).transform(x: &xs, y: &ys)
        XCTAssertLessThanOrEqual(grid.minX, xs.min()! - 0.02)
        XCTAssertGreaterThanOrEqual(grid.maxX, xs.max()! + 0.02)
        XCTAssertLessThanOrEqual(grid.minY, ys.min()! - 0.02)
        XCTAssertGreaterThanOrEqual(grid.maxY, ys.max()! + 0.02)
        let january = try dataset.band(1).read(dataset.extent, as: Float.self)
        let july = try dataset.band(7).read(dataset.extent, as: Float.self)
        for (cold, warm) in zip(january, july) {
            XCTAssertEqual(Double(warm - cold), 25.5, accuracy: 1e-3, "one lapse-rate shift for every month")
            XCTAssertTrue((-20 ... -10).contains(cold), "January \(cold) degC")
        }
    }

    func testTablesHaveTheirColumnsAndRows() throws {
        let samples = try SynthesisFixture.table("vegetation_samples.csv")
        XCTAssertEqual(samples.header, ["x", "y", "class"])
        XCTAssertEqual(samples.rows.count, 184)
        let boreholes = try SynthesisFixture.table("boreholes.csv")
        XCTAssertEqual(boreholes.header, ["id", "x", "y", "magt", "alt"])
        XCTAssertEqual(boreholes.rows.map { $0[0] }, (1...48).map { String(format: "BH%02d", $0) })
        let checks = try SynthesisFixture.table("check_boreholes.csv")
        XCTAssertEqual(checks.rows.map { $0[0] }, (1...12).map { String(format: "CK%02d", $0) })
        for row in boreholes.rows + checks.rows {
            let magt = try XCTUnwrap(Double(row[3]))
            XCTAssertEqual(row[4].isEmpty, magt >= 0, "ALT is given exactly where MAGT < 0: \(row)")
            if let alt = Double(row[4]) { XCTAssertTrue((0.5...5).contains(alt), "ALT \(alt) m") }
        }
        XCTAssertEqual(Set(boreholes.rows.map { $0[1] + $0[2] }).intersection(checks.rows.map { $0[1] + $0[2] }), [])
        XCTAssertEqual(try SynthesisFixture.table("soil.csv").rows.map { $0[0] }, SyntheticVegetationClass.allCases.map(\.name))
        XCTAssertEqual(try SynthesisFixture.table("mining.csv").rows.map { $0[0] }, ["pit", "dump", "other"])
        XCTAssertEqual(Set(try SynthesisFixture.table("strata.csv").rows.map { $0[0] }), Set(SyntheticZone.allCases.map(\.name)))
    }

    func testParameterTablesPassThePipelineReaders() throws {
        let classes = try ClassCodeResolver(rasterPath: try SynthesisFixture.file("vegetation_truth.tif"))
        let soil = try ParameterTables.soil(try SynthesisFixture.file("soil.csv"), classes: classes, requireEdaphicFactor: true)
        XCTAssertEqual(soil.classes.map(\.code), [1, 2, 3, 4, 5])
        let meadow = try XCTUnwrap(soil.parameters(forCode: 2)).properties
        XCTAssertEqual(
            [meadow.lambdaThawed, meadow.dryDensity, meadow.waterContent, meadow.unfrozenWaterContent], [0.93, 756, 0.15, 0.06])
        for entry in soil.classes {
            let p = entry.properties
            let physical = (2 * p.lambdaThawed * 86_400 / (334_000 * p.dryDensity * (p.waterContent - p.unfrozenWaterContent))).squareRoot()
            XCTAssertEqual(try XCTUnwrap(p.edaphicFactor), physical, accuracy: 1e-4, entry.name)
            XCTAssertTrue((0.6...1.0).contains(p.nFactor), entry.name)
        }
        let zoneNames = ["nodata"] + SyntheticZone.allCases.map(\.name)
        let strata = try ParameterTables.strata(
            try SynthesisFixture.file("strata.csv"),
            zones: ClassCodeResolver(rasterPath: "zones", categoryNames: zoneNames))
        XCTAssertEqual(strata.strata.count, 15)
        XCTAssertGreaterThanOrEqual(strata.strata.map(\.bottom).max()!, 12)
        let mining = try ParameterTables.mining(try SynthesisFixture.file("mining.csv"))
        XCTAssertEqual(mining.rows.count, 3)
    }

    func testTruthRecordsTheGeneratingModel() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: try SynthesisFixture.file("scene.json")))
        let truth = try JSONDecoder().decode(SyntheticSceneTruth.self, from: data)
        XCTAssertEqual(truth.seed, SynthesisFixture.seed)
        XCTAssertEqual([truth.grid.width, truth.grid.height, truth.grid.epsg], [120, 90, 32647])
        XCTAssertEqual(truth.magtModel.elevation, -0.0032)
        XCTAssertEqual(truth.magtModel.vegetation["water"], 1.0)
        XCTAssertEqual(truth.climate.lapseRate, 0.0065)
        XCTAssertEqual(truth.vegetationClasses.map(\.name), SyntheticVegetationClass.allCases.map(\.name))
        XCTAssertEqual(truth.miningTypes.map(\.name), ["pit", "dump", "other"])
    }
}

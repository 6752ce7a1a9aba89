import Foundation
import GeoRaster
import XCTest

/// The full pipeline on a small synthetic scene, through the real command line.
final class AtlasRunTests: XCTestCase {
    /// One scene and one atlas for the whole class: the pipeline is the expensive part.
    struct Fixture: @unchecked Sendable {
        let workspace: Workspace
        let report: [String: Any]
        var scene: String { workspace.file("scene") }
        var atlas: String { workspace.file("atlas") }
    }

    struct FixtureError: Error, CustomStringConvertible {
        let description: String
    }

    static let shared = Result { () throws -> Fixture in
        let workspace = try Workspace()
        let scene = workspace.file("scene"), atlas = workspace.file("atlas")
        let synth = try CLI.run(["synth", "--size", "160x120", "--seed", "11", "--out", scene, "-q"])
        guard synth.exitCode == 0 else { throw FixtureError(description: "synth failed: \(synth.stderr)") }
        // Fewer trees and small blocks keep the test fast and exercise block seams.
        let config = try String(contentsOfFile: scene + "/atlas.yaml", encoding: .utf8)
            .replacingOccurrences(of: "trees: 500", with: "trees: 60")
            .replacingOccurrences(of: "block_size: 512", with: "block_size: 48")
        try config.write(toFile: scene + "/atlas.yaml", atomically: true, encoding: .utf8)
        let run = try CLI.run(["run", scene + "/atlas.yaml", "--out", atlas, "--json", "--threads", "2", "-q"])
        guard run.exitCode == 0 else { throw FixtureError(description: "run failed: \(run.stderr)") }
        let report = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
        return Fixture(workspace: workspace, report: report)
    }

    override class func tearDown() {
        if case .success(let fixture) = shared { try? FileManager.default.removeItem(atPath: fixture.workspace.path) }
        super.tearDown()
    }

    var fixture: Fixture {
        get throws { try Self.shared.get() }
    }

    /// The spectral indices are of reflectance, and the report says how the bands got there.
    func testTheReportRecordsTheReflectanceScaling() throws {
        let model = try XCTUnwrap(try fixture.report["vegetationModel"] as? [String: Any])
        XCTAssertEqual(model["reflectance"] as? String, "the bands' scale and offset")
        let file = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: try fixture.atlas + "/models/vegetation_rf.json")))
        let reflectance = try XCTUnwrap((file as? [String: Any])?["reflectance"] as? [String: [String: Double]])
        XCTAssertEqual(reflectance["nir"]?["scale"], 2.75e-5)
        XCTAssertEqual(reflectance["nir"]?["offset"], -0.2)
    }

    func testEveryProductOfTheLayoutExistsOnTheDEMGrid() throws {
        let dem = try RasterDataset(path: try fixture.scene + "/dem.tif")
        let folders =
            ["pre", "post"].flatMap { folder in
                ["vegetation", "magt", "permafrost", "stability", "thaw_index", "alt", "ice", "ice_class"].map { "\(folder)/\($0).tif" }
            } + ["magt", "alt", "ice", "permafrost_transition", "stability_transition"].map { "diff/\($0).tif" }
        for product in folders {
            let dataset = try RasterDataset(path: "\(try fixture.atlas)/\(product)")
            XCTAssertEqual(dataset.width, dem.width, product)
            XCTAssertEqual(dataset.height, dem.height, product)
            XCTAssertEqual(dataset.geoTransform, dem.geoTransform, product)
            XCTAssertEqual(dataset.spatialReference?.epsgCode, 32647, product)
            XCTAssertNotNil(try dataset.band(1).noDataValue, product)
            XCTAssertEqual(dataset.metadata(domain: "IMAGE_STRUCTURE")["LAYOUT"], "COG", product)
            XCTAssertFalse(try dataset.band(1).bandDescription.isEmpty, product)
        }
        // Nothing but the layout: the working copies later stages read are gone with the run.
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: try fixture.atlas).sorted(),
            [
                "aligned", "atlas.qgs", "diff", "disturbance.qml", "disturbance.tif", "disturbance.tif.aux.xml", "maps", "models", "post",
                "pre", "report.html", "report.json",
            ])
        for model in ["models/vegetation_rf.json", "models/magt.json", "report.json"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: "\(try fixture.atlas)/\(model)"), model)
        }
    }

    func testVegetationIsRecoveredAgainstTheTruth() throws {
        let vegetation = try XCTUnwrap(try fixture.report["vegetationModel"] as? [String: Any])
        XCTAssertGreaterThan(vegetation["outOfBagAccuracy"] as! Double, 0.75)
        // Compare the map with the generator's truth through the class names.
        let truth = try RasterDataset(path: try fixture.scene + "/vegetation_truth.tif")
        let map = try RasterDataset(path: try fixture.atlas + "/pre/vegetation.tif")
        let truthNames = try truth.band(1).categoryNames, mapNames = try map.band(1).categoryNames
        let a = try truth.band(1).read(truth.extent, as: UInt8.self), b = try map.band(1).read(map.extent, as: UInt8.self)
        let agree = zip(a, b).filter { truthNames[Int($0.0)] == mapNames[Int($0.1)] }.count
        XCTAssertGreaterThan(Double(agree) / Double(a.count), 0.75)
    }

    func testMAGTModelRecoversTheLapseRateWithinItsNoise() throws {
        let magt = try XCTUnwrap(try fixture.report["magtModel"] as? [String: Any])
        let coefficients = try XCTUnwrap(magt["coefficients"] as? [[String: Any]])
        let elevation = try XCTUnwrap(coefficients.first { $0["name"] as? String == "elevation" })
        let estimate = elevation["estimate"] as! Double, standardError = elevation["standardError"] as! Double
        // The generator's lapse rate is 3.2 C/km.
        XCTAssertEqual(estimate, -0.0032, accuracy: max(3 * standardError, 0.0004))
        XCTAssertGreaterThan(magt["rSquared"] as! Double, 0.8)
    }

    func testCheckBoreholesAreWithinTwentyPercent() throws {
        let summaries = try XCTUnwrap(try fixture.report["checkSummary"] as? [[String: Any]])
        let alt = try XCTUnwrap(summaries.first { $0["quantity"] as? String == "alt" })
        XCTAssertGreaterThanOrEqual(alt["shareWithin20Percent"] as! Double, 0.8)
        XCTAssertGreaterThan(alt["count"] as! Int, 0)
    }

    func testReportHoldsAreasTransitionsVolumesAndChecksums() throws {
        let products = try XCTUnwrap(try fixture.report["products"] as? [String: Any])
        let stability = try XCTUnwrap(products["pre/stability.tif"] as? [String: Any])
        let areas = try XCTUnwrap(stability["classAreasSquareKilometres"] as? [String: Double])
        let total = areas.values.reduce(0, +)
        let valid = Double(stability["validPixels"] as! Int) * 900 / 1e6
        XCTAssertEqual(total, valid, accuracy: 1e-9)
        let transition = try XCTUnwrap(try fixture.report["stabilityTransition"] as? [String: Any])
        let matrix = try XCTUnwrap(transition["areaSquareKilometres"] as? [[Double]])
        XCTAssertEqual(matrix.count, 7)
        XCTAssertEqual(matrix.flatMap { $0 }.reduce(0, +), 160 * 120 * 900 / 1e6, accuracy: 1e-9, "every pixel lands in the matrix")
        let volumes = try XCTUnwrap(try fixture.report["iceVolumeCubicKilometres"] as? [String: Double])
        XCTAssertNotNil(volumes["pre"])
        XCTAssertLessThanOrEqual(volumes["post"]!, volumes["pre"]! + 1e-12, "mining does not add ground ice")
        let inputs = try XCTUnwrap(try fixture.report["inputs"] as? [[String: Any]])
        // Checksums are taken alongside the maps and paired back with their files: each must
        // be its own file's (coreutils' sha256sum as the reference).
        // Paths are relative to the atlas folder: a shared atlas shows no local folders.
        for input in inputs {
            let path = try XCTUnwrap(input["path"] as? String)
            XCTAssertTrue(path.hasPrefix("../scene/"), path)
            XCTAssertEqual(input["sha256"] as? String, try Self.sha256sum(try fixture.atlas + "/" + path), path)
        }
        XCTAssertEqual(try fixture.report["config"] as? String, "../scene/atlas.yaml")
        let workspace = try fixture.workspace.path
        let report = try String(contentsOfFile: try fixture.atlas + "/report.json", encoding: .utf8)
        let page = try String(contentsOfFile: try fixture.atlas + "/report.html", encoding: .utf8)
        let model = try String(contentsOfFile: try fixture.atlas + "/models/magt.json", encoding: .utf8)
        for (name, text) in [("report.json", report), ("report.html", page), ("magt.json", model)] {
            XCTAssertFalse(text.contains(workspace), "\(name) names the local folder \(workspace)")
        }
        XCTAssertNotNil((try fixture.report["tool"] as? [String: Any])?["gdalVersion"])
    }

    private static func sha256sum(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        process.arguments = [path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: output, as: UTF8.self).split(separator: " ").first.map(String.init) ?? ""
    }

    func testSameInputsGiveByteIdenticalRastersAtOneThread() throws {
        let again = try fixture.workspace.file("again")
        let run = try CLI.run(["run", try fixture.scene + "/atlas.yaml", "--out", again, "--threads", "1", "-q"])
        XCTAssertEqual(run.exitCode, 0, run.stderr)
        let enumerator = FileManager.default.enumerator(atPath: try fixture.atlas)!
        var compared = 0
        while let relative = enumerator.nextObject() as? String {
            // report.json and report.html carry the time each stage took; everything else must match.
            guard [".tif", ".json", ".xml", ".png"].contains(where: relative.hasSuffix), !relative.hasPrefix("report.") else { continue }
            let a = try Data(contentsOf: URL(fileURLWithPath: "\(try fixture.atlas)/\(relative)"))
            let b = try Data(contentsOf: URL(fileURLWithPath: "\(again)/\(relative)"))
            XCTAssertEqual(a, b, relative)
            compared += 1
        }
        XCTAssertGreaterThan(compared, 45)
    }

    func testExistingAtlasNeedsOverwriteAndBadConfigIsNamed() throws {
        try CLI.run(["run", try fixture.scene + "/atlas.yaml", "--out", try fixture.atlas]).assertBadInput(
            "output folder is not empty", "--overwrite")
        let config = try String(contentsOfFile: try fixture.scene + "/atlas.yaml", encoding: .utf8)
        // A soil row whose water content is below its unfrozen water content: refused before any output.
        let soil = try String(contentsOfFile: try fixture.scene + "/soil.csv", encoding: .utf8)
        let badSoil = soil.replacingOccurrences(of: "0.93,756,0.15,0.06", with: "0.93,756,0.05,0.06")
        XCTAssertNotEqual(soil, badSoil)
        try badSoil.write(toFile: try fixture.scene + "/soil_bad.csv", atomically: true, encoding: .utf8)
        let cases: [(String, String, [String])] = [
            ("  soil: soil.csv", "  soil: soil_bad.csv", ["soil_bad.csv", "water_content 0.05 must exceed unfrozen_water_content 0.06"]),
            ("  dem: dem.tif", "  dme: dem.tif", ["bad.yaml:3: inputs.dme: unknown key (did you mean \"dem\"?)"]),
            ("trees: 60", "trees: many", ["vegetation.trees: expected a whole number, got \"many\""]),
            ("  soil: soil.csv", "  soil: soils.csv", ["inputs.soil: no such file \"soils.csv\""]),
            ("form: physical", "form: magic", ["alt.form: expected physical or empirical"]),
        ]
        for (from, to, fragments) in cases {
            let path = try fixture.scene + "/bad.yaml"
            try config.replacingOccurrences(of: from, with: to).write(toFile: path, atomically: true, encoding: .utf8)
            let result = try CLI.run(["run", path, "--out", try fixture.workspace.file("never")])
            for fragment in fragments { result.assertBadInput(fragment) }
            XCTAssertFalse(FileManager.default.fileExists(atPath: try fixture.workspace.file("never")), "nothing written before validation")
        }
    }

    func testStaleWorkingCopiesOfAKilledRunAreNeverRead() throws {
        // 3200 pixels wide: the maps read the COGs' overviews, so most products keep no working
        // copy and the maps fall back to the COGs. A killed run's leftover copy must not be taken.
        let workspace = try Workspace()
        let scene = workspace.file("wide"), atlas = workspace.file("atlas")
        let synth = try CLI.run(["synth", "--size", "3200x40", "--seed", "5", "--out", scene, "-q"])
        XCTAssertEqual(synth.exitCode, 0, synth.stderr)
        let config = try String(contentsOfFile: scene + "/atlas.yaml", encoding: .utf8).replacingOccurrences(
            of: "trees: 500", with: "trees: 20")
        try config.write(toFile: scene + "/atlas.yaml", atomically: true, encoding: .utf8)
        try FileManager.default.createDirectory(atPath: atlas + "/.working", withIntermediateDirectories: true)
        try Data("not a raster".utf8).write(to: URL(fileURLWithPath: atlas + "/.working/pre_stability.tif"))
        let run = try CLI.run(["run", scene + "/atlas.yaml", "--out", atlas, "--overwrite", "--threads", "2", "-q"])
        XCTAssertEqual(run.exitCode, 0, run.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: atlas + "/.working"))
        XCTAssertTrue(FileManager.default.fileExists(atPath: atlas + "/maps/pre_stability.png"))
    }
}

/// Spectral indices as classification features, through `classify`.
final class SpectralIndexCommandTests: XCTestCase {
    func testIndicesAreAddedRecordedInTheModelAndReusedByPredict() throws {
        let workspace = try Workspace()
        let landsat = CLI.testData("demo/landsat.tif"), samples = CLI.testData("demo/vegetation_samples.csv")
        let train = try CLI.run([
            "classify", "train", "--bands", landsat, "--samples", samples, "--model", workspace.file("m.json"),
            "--trees", "20", "--indices", "ndvi,ndwi", "--json",
        ])
        let report = try train.json()
        let features = try XCTUnwrap((report["importance"] as? [[String: Any]])?.compactMap { $0["feature"] as? String })
        XCTAssertEqual(features.suffix(2), ["NDVI", "NDWI"])
        XCTAssertEqual(features.count, 8)
        let predict = try CLI.run([
            "classify", "predict", "--model", workspace.file("m.json"), "--bands", landsat, "--out", workspace.file("v.tif"),
        ])
        XCTAssertEqual(predict.exitCode, 0, predict.stderr)
        XCTAssertGreaterThan(try workspace.codes("v.tif").filter { $0 != 0 }.count, 100_000)

        try CLI.run([
            "classify", "train", "--bands", landsat, "--samples", samples, "--model", workspace.file("x.json"),
            "--indices", "ndvi", "--band-roles", "red=3,nir=9",
        ]).assertBadInput("--band-roles: band 9 does not exist (the rasters have 6 bands)")
        try CLI.run([
            "classify", "train", "--bands", landsat, "--samples", samples, "--model", workspace.file("x.json"),
            "--indices", "evi",
        ]).assertBadInput("unknown spectral index \"evi\"")
    }
}

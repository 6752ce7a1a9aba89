import Foundation
import GeoRaster
import XCTest

/// What a GIS user gets with the atlas of `AtlasRunTests`' scene: a style beside every raster,
/// a QGIS project whose every layer points at a file, provenance and class names inside the
/// GeoTIFFs, and map pages.
extension AtlasRunTests {
    func testEveryRasterHasAStyleAndTheProjectPointsAtRealFiles() throws {
        let atlas = try fixture.atlas
        let rasters = try FileManager.default.subpathsOfDirectory(atPath: atlas).filter { $0.hasSuffix(".tif") }
        XCTAssertEqual(rasters.count, 23)
        for raster in rasters {
            XCTAssertTrue(FileManager.default.fileExists(atPath: "\(atlas)/\(raster.dropLast(4)).qml"), raster)
        }
        let project = try String(contentsOfFile: "\(atlas)/atlas.qgs", encoding: .utf8)
        let sources = project.components(separatedBy: "<datasource>").dropFirst().map { $0.components(separatedBy: "</datasource>")[0] }
        // The 23 rasters, the DEM's hillshade and the mining outlines.
        XCTAssertEqual(sources.count, 25)
        for source in sources {
            let file = String(source.split(separator: "|")[0]).replacingOccurrences(of: "&amp;", with: "&")
            XCTAssertTrue(file.hasPrefix("./"), source)
            XCTAssertTrue(FileManager.default.fileExists(atPath: URL(fileURLWithPath: atlas).appendingPathComponent(file).path), source)
        }
        let ids = project.components(separatedBy: "<id>").dropFirst().map { $0.components(separatedBy: "</id>")[0] }
        XCTAssertEqual(Set(ids).count, 25)
        XCTAssertTrue(ids.allSatisfy { $0.count > 10 })
        // A transition map's style lists the transitions that occur, each by name.
        let transitions = try String(contentsOfFile: "\(atlas)/diff/permafrost_transition.qml", encoding: .utf8)
        XCTAssertTrue(transitions.contains("label=\"permafrost -&gt; permafrost\""))
        XCTAssertFalse(transitions.contains("value=\"21\""), "no pixel becomes permafrost")
    }

    func testRastersCarryTheirProvenanceAndClassNamesInside() throws {
        let atlas = try fixture.atlas
        let config = try fixture.scene + "/atlas.yaml"
        let digest = String(try CLI.runProcess(URL(fileURLWithPath: "/usr/bin/sha256sum"), [config]).stdout.prefix(64))
        for raster in ["pre/magt.tif", "post/stability.tif", "diff/ice.tif", "aligned/zones.tif", "disturbance.tif"] {
            let metadata = try RasterDataset(path: "\(atlas)/\(raster)").metadata()
            XCTAssertEqual(metadata["PERMAFROST_ATLAS_VERSION"], "permafrost-atlas 0.1.0", raster)
            XCTAssertEqual(metadata["PERMAFROST_ATLAS_CONFIG_SHA256"], digest, raster)
            XCTAssertNotNil(metadata["PERMAFROST_ATLAS_DATE"]?.wholeMatch(of: /\d{4}-\d\d-\d\d/), raster)
            XCTAssertTrue(metadata["PERMAFROST_ATLAS_PARAMETERS"]?.contains("vegetation.trees=60") ?? false, raster)
        }
        for raster in ["aligned/zones.tif", "disturbance.tif"] {
            let dataset = try RasterDataset(path: "\(atlas)/\(raster)")
            XCTAssertEqual(dataset.metadata(domain: "IMAGE_STRUCTURE")["LAYOUT"], "COG", raster)
            XCTAssertFalse(try dataset.band(1).colorTable.isEmpty, raster)
        }
        let workspace = try Workspace()
        try FileManager.default.copyItem(atPath: "\(atlas)/post/vegetation.tif", toPath: workspace.file("alone.tif"))
        let names = try RasterDataset(path: workspace.file("alone.tif")).band(1).categoryNames
        let disturbance = try RasterDataset(path: "\(atlas)/disturbance.tif").band(1).categoryNames
        XCTAssertEqual(Array(names.suffix(3)), Array(disturbance.dropFirst()), "pits and dumps named alike")
    }

    func testMapsArePagesWiderThanTheirRasters() throws {
        let atlas = try fixture.atlas
        for map in ["pre_magt", "post_stability", "diff_alt"] {
            let page = try RasterDataset(path: "\(atlas)/maps/\(map).png")
            XCTAssertGreaterThan(page.width, 160 + 250, map)
            XCTAssertEqual(page.bandCount, 3, "an opaque page is RGB: \(map)")
        }
    }
}

extension AtlasRunTests {
    /// scripts/batch_scenarios.sh: a failing scenario is a row with its error, the others are
    /// written, numbers are rounded, and nothing is left beside the configuration.
    func testBatchScenariosKeepsTheOthersWhenOneFails() throws {
        let scene = try fixture.scene
        let workspace = try Workspace()
        let table = try String(contentsOfFile: scene + "/mining.csv", encoding: .utf8)
        let broken = table.split(separator: "\n").enumerated().map { index, line in
            index == 1
                ? line.split(separator: ",", omittingEmptySubsequences: false).enumerated().map { $0 == 1 ? "500" : String($1) }
                    .joined(separator: ",") : String(line)
        }.joined(separator: "\n")
        try table.write(toFile: workspace.file("base.csv"), atomically: true, encoding: .utf8)
        try broken.write(toFile: workspace.file("broken.csv"), atomically: true, encoding: .utf8)
        let before = try FileManager.default.contentsOfDirectory(atPath: scene).sorted()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = [
            CLI.repository.appendingPathComponent("scripts/batch_scenarios.sh").path, scene + "/atlas.yaml", workspace.file("out"),
            workspace.file("base.csv"), workspace.file("broken.csv"),
        ]
        process.environment = ProcessInfo.processInfo.environment.merging(["PERMAFROST_ATLAS": CLI.binary.path]) { $1 }
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let printed = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 1, "a failed scenario fails the batch: \(printed)")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: scene).sorted(), before)
        let rows = try String(contentsOfFile: workspace.file("out/scenarios.csv"), encoding: .utf8).split(whereSeparator: \.isNewline)
        XCTAssertEqual(rows.count, 3)
        guard rows.count == 3 else { return }
        XCTAssertTrue(rows[0].hasSuffix(",error"))
        XCTAssertTrue(rows[1].hasPrefix("base,0."), String(rows[1]))
        XCTAssertTrue(rows[1].hasSuffix(","), "no error")
        XCTAssertNil(rows[1].firstMatch(of: /\.\d*[1-9]\d{7,}/), String(rows[1]))
        XCTAssertTrue(rows[2].hasPrefix("broken,,"), String(rows[2]))
        XCTAssertTrue(rows[2].contains("magt_offset 500"), String(rows[2]))
    }
}

extension AtlasRunTests {
    /// Ice buried under dumps is not lost: the report's budget of the disturbed area balances
    /// with the ice volumes before and after (to the Float32 rounding of the rasters).
    func testTheIceBudgetBalancesTheVolumes() throws {
        let report = try fixture.report
        let budget = try XCTUnwrap(report["iceBudgetCubicMetres"] as? [String: Double])
        let volumes = try XCTUnwrap(report["iceVolumeCubicKilometres"] as? [String: Double])
        let change = try XCTUnwrap(volumes["post"]) - XCTUnwrap(volumes["pre"])
        let balance = budget["newlyFrozen"]! + budget["spoil"]! - budget["removed"]! - budget["thawed"]!
        XCTAssertEqual(change * 1e9, balance, accuracy: 1e-4 * abs(balance) + 1)
        XCTAssertGreaterThan(budget["buried"]!, 0, "the dumps keep the ice beneath them")
        XCTAssertGreaterThan(budget["removed"]!, 0, "the pits remove ice")
        XCTAssertLessThanOrEqual(budget["buried"]!, budget["kept"]!)
        let html = try String(contentsOfFile: try fixture.atlas + "/report.html", encoding: .utf8)
        XCTAssertTrue(html.contains("<td>of which buried under dumps</td>"))
    }
}

extension AtlasRunTests {
    /// Without alt.calibrate the run still checks the physical form at the boreholes.
    func testTheReportChecksALTAtTheBoreholes() throws {
        let check = try XCTUnwrap(try fixture.report["altCheck"] as? [String: Any])
        XCTAssertEqual(check["calibrated"] as? Bool, false)
        XCTAssertGreaterThan(try XCTUnwrap(check["boreholes"] as? Int), 10)
        XCTAssertLessThan(abs(try XCTUnwrap(check["physicalBiasMetres"] as? Double)), 1)
        XCTAssertNil(check["leaveOneOutRMSEMetres"])
    }
}

extension AtlasRunTests {
    /// Errors as permafrost scientists report them: MAGT in C next to "within 20 %", spatial
    /// block cross-validation next to leave-one-out, error-adjusted vegetation areas.
    func testTheReportGivesErrorsInTheirUnits() throws {
        let report = try fixture.report
        let magt = try XCTUnwrap(report["magtModel"] as? [String: Any])
        let blocks = try XCTUnwrap(magt["blockCrossValidation"] as? [String: Any])
        XCTAssertGreaterThan(try XCTUnwrap(blocks["rmse"] as? Double), 0)
        XCTAssertGreaterThan(try XCTUnwrap(blocks["blocks"] as? Int), 1)
        XCTAssertGreaterThan(
            try XCTUnwrap(magt["conditionNumberWithIntercept"] as? Double), try XCTUnwrap(magt["conditionNumber"] as? Double))
        let checks = try XCTUnwrap(report["checkSummary"] as? [[String: Any]])
        let magtCheck = try XCTUnwrap(checks.first { $0["quantity"] as? String == "magt" })
        XCTAssertEqual(magtCheck["absoluteTolerance"] as? Double, 0.5)
        XCTAssertNotNil(magtCheck["bias"] as? Double)
        XCTAssertNotNil(magtCheck["shareWithinTolerance"] as? Double)
        let vegetation = try XCTUnwrap(report["vegetationModel"] as? [String: Any])
        let areas = try XCTUnwrap(vegetation["errorAdjustedAreas"] as? [[String: Any]])
        let mapped = areas.compactMap { $0["mappedSquareKilometres"] as? Double }.reduce(0, +)
        let adjusted = areas.compactMap { $0["adjustedSquareKilometres"] as? Double }.reduce(0, +)
        XCTAssertEqual(adjusted, mapped, accuracy: 1e-9 * mapped, "adjusting moves area between classes, it does not create any")
        XCTAssertTrue(areas.allSatisfy { ($0["confidenceHalfWidthSquareKilometres"] as? Double ?? -1) >= 0 })
    }
}

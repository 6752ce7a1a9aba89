import Foundation
import GeoRaster
import XCTest

/// `run --fit-only`, `run --tile I/N --models DIR` and `mosaic` give, pixel for pixel, the
/// rasters of a single run (on the bundled demo scene).
final class TiledRunTests: XCTestCase {
    func testTilesAssembleIntoTheSingleRunPixelForPixel() throws {
        let workspace = try Workspace()
        let scene = workspace.file("scene")
        try FileManager.default.copyItem(atPath: CLI.testData("demo"), toPath: scene)
        // Fewer trees keep the debug-build test quick; the comparison is the same. A tile
        // refuses alt.calibrate (it sees only its own boreholes; `testATileRefusesALTCalibration`).
        let config = try String(contentsOfFile: scene + "/atlas.yaml", encoding: .utf8)
            .replacingOccurrences(of: "trees: 500", with: "trees: 40").replacingOccurrences(of: "calibrate: true", with: "calibrate: false")
        try config.write(toFile: scene + "/atlas.yaml", atomically: true, encoding: .utf8)
        let yaml = scene + "/atlas.yaml"

        XCTAssertEqual(try CLI.run(["run", yaml, "--out", workspace.file("single"), "-q"]).exitCode, 0)
        let fit = try CLI.run(["run", yaml, "--fit-only", "--out", workspace.file("fit"), "-q"])
        XCTAssertEqual(fit.exitCode, 0, fit.stderr)
        for index in 1...3 {
            let tile = try CLI.run([
                "run", yaml, "--tile", "\(index)/3", "--models", workspace.file("fit/models"),
                "--out", workspace.file("tile\(index)"), "-q",
            ])
            XCTAssertEqual(tile.exitCode, 0, tile.stderr)
        }
        let mosaic = try CLI.run([
            "mosaic", workspace.file("tile1"), workspace.file("tile2"), workspace.file("tile3"),
            "--out", workspace.file("mosaic"), "-q",
        ])
        XCTAssertEqual(mosaic.exitCode, 0, mosaic.stderr)

        var compared = 0
        for folder in ["pre", "post", "diff"] {
            for file in try FileManager.default.contentsOfDirectory(atPath: workspace.file("single/\(folder)")) where file.hasSuffix(".tif")
            {
                let single = try RasterDataset(path: workspace.file("single/\(folder)/\(file)"))
                let tiled = try RasterDataset(path: workspace.file("mosaic/\(folder)/\(file)"))
                XCTAssertEqual(tiled.geoTransform, single.geoTransform, file)
                let a = try single.band(1).read(single.extent, as: Float.self), b = try tiled.band(1).read(tiled.extent, as: Float.self)
                XCTAssertEqual(a.count, b.count, "\(folder)/\(file)")
                let differing = zip(a, b).filter { $0.0.bitPattern != $0.1.bitPattern }.count
                XCTAssertEqual(differing, 0, "\(folder)/\(file): pixels differing from the single run")
                compared += 1
            }
        }
        XCTAssertEqual(compared, 21)
        // Areas add up across tiles to the single run's.
        let single =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: workspace.file("single/report.json"))))
            as! [String: Any]
        let tiled =
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: workspace.file("mosaic/report.json"))))
            as! [String: Any]
        let a = (single["stabilityTransition"] as! [String: Any])["areaSquareKilometres"] as! [[Double]]
        let b = (tiled["stabilityTransition"] as! [String: Any])["areaSquareKilometres"] as! [[Double]]
        for (rowA, rowB) in zip(a, b) {
            for (x, y) in zip(rowA, rowB) { XCTAssertEqual(x, y, accuracy: 1e-9) }
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: workspace.file("mosaic/report.html")))
    }

    func testATileRefusesALTCalibration() throws {
        let workspace = try Workspace()
        let fit = try CLI.run(["run", CLI.testData("demo/atlas.yaml"), "--fit-only", "--out", workspace.file("fit"), "-q"])
        XCTAssertEqual(fit.exitCode, 0, fit.stderr)
        let tile = try CLI.run([
            "run", CLI.testData("demo/atlas.yaml"), "--tile", "1/3", "--models", workspace.file("fit/models"), "--out",
            workspace.file("tile1"), "-q",
        ])
        XCTAssertEqual(tile.exitCode, 2)
        XCTAssertTrue(tile.stderr.contains("alt.calibrate fits on the boreholes of the whole grid"), tile.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: workspace.file("tile1")), "refused before anything is written")
    }

    func testTileArgumentsAreChecked() throws {
        let yaml = CLI.testData("demo/atlas.yaml")
        try CLI.run(["run", yaml, "--tile", "4/3", "--models", "m", "--out", "/tmp/never"]).assertBadInput(
            "--tile: expected I/N with 1 <= I <= N")
        try CLI.run(["run", yaml, "--tile", "1/3", "--out", "/tmp/never"]).assertBadInput("--tile and --models go together")
        try CLI.run(["run", yaml, "--tile", "1/3", "--models", "/no/models", "--out", "/tmp/never"]).assertBadInput(
            "/no/models/vegetation_rf.json: no such file")
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/tmp/never"))
    }
}

import Foundation
import GeoRaster
import XCTest

/// Every example in every command's `--help` runs as written, in order, in one folder holding
/// the bundled scene under the names the examples use: a user who follows the help gets an
/// atlas, not "Missing expected argument".
final class HelpExampleTests: XCTestCase {
    /// Leaf commands, in an order where each example finds what earlier ones wrote.
    private static let commands: [[String]] = [
        ["info"], ["synth"], ["demo"], ["run"], ["terrain"], ["classify", "train"], ["classify", "predict"], ["magt", "fit"],
        ["magt", "predict"], ["stability"], ["thaw-index"], ["alt", "map"], ["alt", "calibrate"], ["ice"], ["mosaic"], ["render"],
        ["mining"], ["simulate"],
    ]

    func testEveryCommandHasAnExampleAndEveryExampleRuns() throws {
        let topLevel = try subcommands(of: [])
        XCTAssertEqual(Set(topLevel), Set(Self.commands.map { $0[0] }))
        for group in ["classify", "magt", "alt"] {
            XCTAssertEqual(Set(try subcommands(of: [group])), Set(Self.commands.filter { $0[0] == group }.map { $0[1] }), group)
        }

        let workspace = try Workspace()
        try prepare(workspace)
        for command in Self.commands {
            let examples = try self.examples(of: command)
            XCTAssertFalse(examples.isEmpty, "\(command.joined(separator: " ")) --help has no example")
            for example in examples {
                try beforeExample(example, in: workspace)
                let result = try CLI.run(example, in: workspace.path)
                XCTAssertEqual(result.exitCode, 0, "permafrost-atlas \(example.joined(separator: " ")): \(result.stderr)")
                // Printed for people, numbers keep the digits they hold (not 1.2000000476837158);
                // --json keeps every digit for scripts.
                if !example.contains("--json") {
                    XCTAssertNil(result.stdout.firstMatch(of: /\.\d*[1-9]\d{7,}/), "\(example.joined(separator: " ")): \(result.stdout)")
                }
            }
        }
        // Each step wrote on its finest input's grid: ALT on the 30 m classes, not on the
        // 0.01-degree thawing index the example before left at the temperature grid's size.
        let vegetation = try RasterDataset(path: workspace.file("vegetation.tif"))
        for product in ["alt.tif", "ice.tif", "stability.tif", "atlas/post/alt.tif"] {
            let dataset = try RasterDataset(path: workspace.file(product))
            XCTAssertEqual([dataset.width, dataset.height], [vegetation.width, vegetation.height], product)
        }
        XCTAssertEqual(try RasterDataset(path: workspace.file("ddt.tif")).width, 20)

        // The demo calibrates ALT on its boreholes and reports the leave-one-out error.
        let demo = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: workspace.file("atlas-demo/report.json"))))
        let check = try XCTUnwrap((demo as? [String: Any])?["altCheck"] as? [String: Any])
        XCTAssertEqual(check["calibrated"] as? Bool, true)
        XCTAssertEqual(check["boreholes"] as? Int, 43)
        XCTAssertGreaterThan(try XCTUnwrap(check["leaveOneOutRMSEMetres"] as? Double), 0)
        XCTAssertEqual(try RasterDataset(path: workspace.file("atlas-demo/pre/alt.tif")).metadata()["ALT_FORM"], "empirical")

        // --like puts the thawing index on the DEM's grid; a coarser --like is warned about.
        let like = try CLI.run(
            ["thaw-index", "--temperature", "air_2019_monthly.tif", "--out", "ddt30.tif", "--like", "dem.tif"], in: workspace.path)
        XCTAssertEqual(like.exitCode, 0, like.stderr)
        XCTAssertEqual(try RasterDataset(path: workspace.file("ddt30.tif")).width, vegetation.width)
        let coarse = try CLI.run(
            [
                "alt", "--thawing-index", "ddt.tif", "--soil", "soil.csv", "--classes", "vegetation.tif", "--out", "alt_coarse.tif",
                "--like", "ddt.tif",
            ], in: workspace.path)
        XCTAssertEqual(coarse.exitCode, 0, coarse.stderr)
        XCTAssertTrue(coarse.stderr.contains("warning: ddt.tif: its pixels (about"), coarse.stderr)
        XCTAssertTrue(coarse.stderr.contains("are coarser than those of vegetation.tif (about 30.0 m)"), coarse.stderr)
        XCTAssertEqual(try RasterDataset(path: workspace.file("alt_coarse.tif")).width, 20)
    }

    /// The bundled scene under the example's file names, plus what no example makes: the
    /// column and forcing files of `simulate`.
    private func prepare(_ workspace: Workspace) throws {
        let scene = CLI.testData("demo")
        let manager = FileManager.default
        for file in try manager.contentsOfDirectory(atPath: scene) {
            try manager.copyItem(atPath: scene + "/" + file, toPath: workspace.file(file))
        }
        let aliases = [
            "vegetation_samples.csv": "samples.csv", "air_temperature.tif": "air_2019_monthly.tif", "boreholes.csv": "alt_boreholes.csv",
        ]
        for (file, alias) in aliases { try manager.copyItem(atPath: workspace.file(file), toPath: workspace.file(alias)) }
        // `info TestData/demo/dem.tif` and `run TestData/demo/atlas.yaml` as from the repository.
        try manager.createSymbolicLink(atPath: workspace.file("TestData"), withDestinationPath: CLI.testData(""))
        // The demo calibrates ALT on its boreholes, which a tile of `run --tile` refuses (it
        // sees only its own): the examples' tiled runs use the physical form.
        let config = try String(contentsOfFile: workspace.file("atlas.yaml"), encoding: .utf8)
        try config.replacingOccurrences(of: "calibrate: true", with: "calibrate: false")
            .write(toFile: workspace.file("atlas.yaml"), atomically: true, encoding: .utf8)
        try SimulateCommandTests.column.write(toFile: workspace.file("column.yaml"), atomically: true, encoding: .utf8)
        try SimulateCommandTests.forcing.write(toFile: workspace.file("forcing.yaml"), atomically: true, encoding: .utf8)
    }

    /// What a user would do between examples: give the next one an empty output folder, and
    /// the inputs no example writes (the zone raster, the other tiles of `mosaic`).
    private func beforeExample(_ example: [String], in workspace: Workspace) throws {
        let manager = FileManager.default
        switch example.first {
        case "run" where example.contains("atlas-demo"):
            try manager.removeItem(atPath: workspace.file("atlas-demo"))  // the `demo` example's
        case "ice":
            try manager.copyItem(atPath: workspace.file("atlas-demo/aligned/zones.tif"), toPath: workspace.file("zones.tif"))
            try? manager.copyItem(
                atPath: workspace.file("atlas-demo/aligned/zones.tif.aux.xml"), toPath: workspace.file("zones.tif.aux.xml"))
        case "mosaic":
            for tile in 2...4 {
                let run = try CLI.run(
                    ["run", "atlas.yaml", "--tile", "\(tile)/4", "--models", "fit/models", "--out", "tile\(tile)", "-q"], in: workspace.path
                )
                XCTAssertEqual(run.exitCode, 0, run.stderr)
            }
        case "mining":
            try manager.removeItem(atPath: workspace.file("atlas"))  // the mosaic's, drawn by `render`
        default:
            break
        }
    }

    /// The command lines after "Example:" or "Examples:" in a command's help, continuation
    /// lines joined, without the program name.
    private func examples(of command: [String]) throws -> [[String]] {
        let help = try CLI.run(command + ["--help"]).stdout
        guard let start = help.range(of: "Example") else { return [] }
        var lines: [String] = []
        for line in help[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false).dropFirst() {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.isEmpty { break }
            if let last = lines.last, last.hasSuffix("\\") {
                lines[lines.count - 1] = String(last.dropLast()) + " " + text
            } else {
                lines.append(text)
            }
        }
        return lines.filter { $0.hasPrefix("permafrost-atlas ") }.map { line in
            Array(line.split(separator: " ").dropFirst().map(String.init))
        }
    }

    private func subcommands(of command: [String]) throws -> [String] {
        let help = try CLI.run(command + ["--help"]).stdout
        guard let start = help.range(of: "SUBCOMMANDS:") else { return [] }
        return help[start.upperBound...].split(separator: "\n").compactMap { line in
            guard line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.split(separator: " ").first else { return nil }
            return name == "See" ? nil : String(name)
        }
    }
}

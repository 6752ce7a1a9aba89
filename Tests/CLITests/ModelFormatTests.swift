import Foundation
import XCTest

/// `classify train --model-format`: a binary model predicts exactly what its JSON twin does,
/// and a damaged binary model is refused in one line naming the file (exit code 2).
final class ModelFormatTests: XCTestCase {
    private func train(_ workspace: Workspace, format: String, model: String) throws {
        let result = try CLI.run([
            "classify", "train", "--bands", workspace.file("landsat.tif"), "--samples", workspace.file("samples.csv"),
            "--model", workspace.file(model), "--model-format", format, "--trees", "20", "--seed", "3", "-q",
        ])
        XCTAssertEqual(result.exitCode, 0, result.stderr)
    }

    func testBinaryAndJSONModelsPredictTheSameClasses() throws {
        let workspace = try Workspace()
        try workspace.landsatRaster()
        try workspace.text("samples.csv", Workspace.samplesCSV)
        try train(workspace, format: "json", model: "m.json")
        try train(workspace, format: "binary", model: "m.bin")
        let binary = try Data(contentsOf: URL(fileURLWithPath: workspace.file("m.bin")))
        XCTAssertEqual(Array(binary.prefix(8)), Array("PAFOREST".utf8))
        // A small forest in automatic mode stays JSON.
        try train(workspace, format: "auto", model: "m-auto.json")
        XCTAssertEqual(
            try Data(contentsOf: URL(fileURLWithPath: workspace.file("m-auto.json"))),
            try Data(contentsOf: URL(fileURLWithPath: workspace.file("m.json"))))
        for model in ["m.json", "m.bin"] {
            let result = try CLI.run([
                "classify", "predict", "--model", workspace.file(model), "--bands", workspace.file("landsat.tif"),
                "--out", workspace.file("\(model).tif"), "-q",
            ])
            XCTAssertEqual(result.exitCode, 0, result.stderr)
        }
        XCTAssertEqual(try workspace.codes("m.json.tif"), try workspace.codes("m.bin.tif"))
    }

    func testDamagedBinaryModelsAreRefusedNamingTheFile() throws {
        let workspace = try Workspace()
        try workspace.landsatRaster()
        try workspace.text("samples.csv", Workspace.samplesCSV)
        try train(workspace, format: "binary", model: "m.bin")
        let good = try Data(contentsOf: URL(fileURLWithPath: workspace.file("m.bin")))
        var flipped = good
        flipped[good.count - 5] ^= 0x10
        var newer = good
        newer[8] = 2
        let cases: [(String, Data, String)] = [
            ("truncated.bin", good.prefix(good.count - 100), "is truncated"),
            ("flipped.bin", flipped, "checksum does not match"),
            ("newer.bin", newer, "format version 2 is not supported"),
            ("header-only.bin", good.prefix(40), "shorter than its 96-byte header"),
        ]
        for (name, data, reason) in cases {
            try data.write(to: URL(fileURLWithPath: workspace.file(name)))
            try Refusal.expect(
                [
                    "classify", "predict", "--model", workspace.file(name), "--bands", workspace.file("landsat.tif"),
                    "--out", workspace.file("out.tif"),
                ],
                mentions: ["\(name): binary random-forest model", reason], untouched: [workspace.path])
        }
    }
}

/// `classify train --no-permutation-importance`: the report has no permutation importance,
/// and the model is the one trained with it.
final class PermutationImportanceOptionTests: XCTestCase {
    func testTheOptionLeavesOnlyTheReportItemOut() throws {
        let workspace = try Workspace()
        try workspace.landsatRaster()
        try workspace.text("samples.csv", Workspace.samplesCSV)
        var outputs: [String] = []
        for (model, extra) in [("with.json", [String]()), ("without.json", ["--no-permutation-importance"])] {
            let result = try CLI.run(
                [
                    "classify", "train", "--bands", workspace.file("landsat.tif"), "--samples", workspace.file("samples.csv"),
                    "--model", workspace.file(model), "--trees", "15", "--seed", "2", "--json",
                ] + extra)
            XCTAssertEqual(result.exitCode, 0, result.stderr)
            outputs.append(result.stdout)
        }
        XCTAssertTrue(outputs[0].contains("\"permutation\""))
        XCTAssertFalse(outputs[1].contains("\"permutation\""))
        let trees = try ["with.json", "without.json"].map { name -> Any? in
            let data = try Data(contentsOf: URL(fileURLWithPath: workspace.file(name)))
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            return (object?["model"] as? [String: Any])?["trees"]
        }
        XCTAssertNotNil(trees[0])
        XCTAssertEqual(trees[0] as? NSArray, trees[1] as? NSArray)
    }
}

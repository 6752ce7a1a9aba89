import Foundation
import XCTest

/// Unusable tables (samples, boreholes, soil, strata, mining, models), through the real
/// command line: exit code 2, one line naming the file and its line, column or class.
final class BadInputTableTests: XCTestCase {
    /// `classify train` on the small landsat fixture with `samples` as the samples table.
    private func train(_ workspace: Workspace, samples: String) throws -> [String] {
        try workspace.landsatRaster()
        try workspace.text("samples.csv", samples)
        return [
            "classify", "train", "--bands", workspace.file("landsat.tif"), "--samples", workspace.file("samples.csv"),
            "--model", workspace.file("model.json"), "--trees", "5",
        ]
    }

    private func samples(replacingLine number: Int, with line: String) -> String {
        var lines = Workspace.samplesCSV.split(separator: "\n").map(String.init)
        lines[number - 1] = line
        return lines.joined(separator: "\n") + "\n"
    }

    func testSamplesWithoutClassColumn() throws {
        let workspace = try Workspace()
        let noClass = Workspace.samplesCSV.split(separator: "\n").map { $0.split(separator: ",").prefix(2).joined(separator: ",") }.joined(
            separator: "\n")
        try Refusal.expect(
            try train(workspace, samples: noClass), mentions: ["samples.csv: missing column \"class\" (columns: x, y)"],
            untouched: [workspace.path])
    }

    func testSamplesWithNonNumericCoordinate() throws {
        let workspace = try Workspace()
        let bad = samples(replacingLine: 3, with: "515045,4221925 m,meadow")
        try Refusal.expect(
            try train(workspace, samples: bad), mentions: ["samples.csv: line 3, column y: \"4221925 m\" is not a number"],
            untouched: [workspace.path])
    }

    func testSamplesWithNaNCoordinate() throws {
        let workspace = try Workspace()
        let bad = samples(replacingLine: 4, with: "nan,4221925,meadow")
        try Refusal.expect(
            try train(workspace, samples: bad), mentions: ["samples.csv: line 4, column x: \"nan\" is not a number"],
            untouched: [workspace.path])
    }

    func testSamplesWithARaggedLine() throws {
        let workspace = try Workspace()
        let bad = samples(replacingLine: 5, with: "515165,steppe")
        try Refusal.expect(
            try train(workspace, samples: bad), mentions: ["samples.csv: line 5 has 2 fields, the header has 3"],
            untouched: [workspace.path])
    }

    func testSamplesThatAreNotUTF8() throws {
        let workspace = try Workspace()
        let arguments = try train(workspace, samples: "")
        try Data([0x78, 0x2C, 0x79, 0x2C, 0x63, 0x6C, 0x61, 0x73, 0x73, 0x0A, 0xFF, 0xFE, 0x0A]).write(
            to: URL(fileURLWithPath: workspace.file("samples.csv")))
        try Refusal.expect(arguments, mentions: ["samples.csv: cannot read as UTF-8 text"], untouched: [workspace.path])
    }

    func testSamplesAllInOneClass() throws {
        let workspace = try Workspace()
        let oneClass = Workspace.samplesCSV.replacingOccurrences(of: "steppe", with: "meadow")
        try Refusal.expect(
            try train(workspace, samples: oneClass),
            mentions: ["samples.csv: every usable sample is in class \"meadow\"; a classifier needs at least two classes"],
            untouched: [workspace.path])
    }

    func testSampleClassWithOnePoint() throws {
        let workspace = try Workspace()
        let lonely = Workspace.samplesCSV + "\(Workspace.centre(4, 4)),water\n"
        try Refusal.expect(
            try train(workspace, samples: lonely),
            mentions: ["samples.csv: class \"water\" has one usable sample (line 8)"], untouched: [workspace.path])
    }

    func testSamplesAllOutsideTheRaster() throws {
        let workspace = try Workspace()
        // Each point moved 10 km north, off the 8 x 6 grid.
        let outside = Workspace.samplesCSV.replacingOccurrences(of: ",42219", with: ",42319").replacingOccurrences(
            of: ",42218", with: ",42318")
        try Refusal.expect(
            try train(workspace, samples: outside),
            mentions: ["samples.csv: no sample lies on valid pixels of the rasters", "line 2: outside", "landsat.tif"],
            untouched: [workspace.path])
    }

    func testSoilTableNamesAClassTheClassRasterLacks() throws {
        let workspace = try Workspace()
        try workspace.thawIndexRaster()
        try workspace.classRaster()
        try workspace.text("soil.csv", Workspace.soilCSV + "glacier,2.1,900,0.3,0.1,1\n")
        try Refusal.expect(
            [
                "alt", "--thawing-index", workspace.file("ddt.tif"), "--soil", workspace.file("soil.csv"),
                "--classes", workspace.file("classes.tif"), "--out", workspace.file("alt.tif"),
            ],
            mentions: [
                "soil.csv: line 4: class \"glacier\" is neither a code nor a category name of", "classes.tif",
                "1 alpine meadow, 2 alpine steppe",
            ],
            untouched: [workspace.path])
    }

    private func alt(_ workspace: Workspace, soil: String) throws -> [String] {
        try workspace.thawIndexRaster()
        try workspace.classRaster()
        try workspace.text("soil.csv", soil)
        return [
            "alt", "--thawing-index", workspace.file("ddt.tif"), "--soil", workspace.file("soil.csv"),
            "--classes", workspace.file("classes.tif"), "--out", workspace.file("alt.tif"),
        ]
    }

    func testSoilTableWithNegativeConductivity() throws {
        let workspace = try Workspace()
        let soil = Workspace.soilCSV.replacingOccurrences(of: "alpine steppe,1.2,", with: "alpine steppe,-1.2,")
        try Refusal.expect(
            try alt(workspace, soil: soil),
            mentions: ["soil.csv: soil table row 3 (class 2 \"alpine steppe\"): lambda_thawed -1.2 must be a positive number"],
            untouched: [workspace.path])
    }

    func testSoilTableWithNegativeUnfrozenWater() throws {
        let workspace = try Workspace()
        let soil = Workspace.soilCSV.replacingOccurrences(of: "0.15,0.06", with: "0.15,-0.06")
        try Refusal.expect(
            try alt(workspace, soil: soil),
            mentions: ["soil.csv: soil table row 2 (class 1 \"alpine meadow\"): unfrozen_water_content -0.06 must be zero or positive"],
            untouched: [workspace.path])
    }

    func testSoilTableWithWaterContentEqualToUnfrozen() throws {
        let workspace = try Workspace()
        let soil = Workspace.soilCSV.replacingOccurrences(of: "0.12,0.04", with: "0.04,0.04")
        try Refusal.expect(
            try alt(workspace, soil: soil),
            mentions: ["soil.csv: soil table row 3", "water_content 0.04 must exceed unfrozen_water_content 0.04"],
            untouched: [workspace.path])
    }

    func testSoilTableWithAClassTwice() throws {
        let workspace = try Workspace()
        try Refusal.expect(
            try alt(workspace, soil: Workspace.soilCSV + "1,1.0,900,0.2,0.05,1\n"),
            mentions: ["soil.csv: soil table row 4 (class 1 \"alpine meadow\"): class code 1 already defined in soil table row 2"],
            untouched: [workspace.path])
    }

    private func ice(_ workspace: Workspace, strata: String) throws -> [String] {
        try workspace.altRaster()
        try workspace.zoneRaster()
        try workspace.text("strata.csv", strata)
        return [
            "ice", "--alt", workspace.file("alt.tif"), "--zones", workspace.file("zones.tif"), "--strata", workspace.file("strata.csv"),
            "--out", workspace.file("ice.tif"),
        ]
    }

    func testOverlappingStrata() throws {
        let workspace = try Workspace()
        let strata = "zone,top,bottom,ice_content\nalluvial plain,0,3,0.2\nalluvial plain,2.5,12,0.4\n"
        try Refusal.expect(
            try ice(workspace, strata: strata),
            mentions: [
                "strata.csv: strata table row 3 (zone 1 \"alluvial plain\") overlaps strata table row 2 (zone 1 \"alluvial plain\")"
            ], untouched: [workspace.path])
    }

    func testStratumWithIceContentAboveOne() throws {
        let workspace = try Workspace()
        let strata = Workspace.strataCSV.replacingOccurrences(of: "3,12,0.4", with: "3,12,1.4")
        try Refusal.expect(
            try ice(workspace, strata: strata),
            mentions: [
                "strata.csv: strata table row 3 (zone 1 \"alluvial plain\"): ice_content 1.4 must be a volumetric fraction between 0 and 1"
            ],
            untouched: [workspace.path])
    }

    private func magtFit(_ workspace: Workspace, boreholes: String) throws -> [String] {
        try workspace.demRaster()
        try workspace.text("boreholes.csv", boreholes)
        return [
            "magt", "fit", "--boreholes", workspace.file("boreholes.csv"), "--dem", workspace.file("dem.tif"),
            "--predictors", "elevation", "--model", workspace.file("magt.json"),
        ]
    }

    func testEmptyBoreholeFile() throws {
        let workspace = try Workspace()
        try Refusal.expect(
            try magtFit(workspace, boreholes: ""), mentions: ["boreholes.csv: empty file, expected a header row"],
            untouched: [workspace.path])
    }

    func testBoreholeFileWithOnlyAHeader() throws {
        let workspace = try Workspace()
        try Refusal.expect(
            try magtFit(workspace, boreholes: "id,x,y,magt\n"), mentions: ["boreholes.csv: no rows (only a header)"],
            untouched: [workspace.path])
    }

    func testBoreholeWithNonNumericTemperature() throws {
        let workspace = try Workspace()
        let boreholes = Workspace.boreholesCSV.replacingOccurrences(of: "-0.9", with: "frozen")
        try Refusal.expect(
            try magtFit(workspace, boreholes: boreholes),
            mentions: ["boreholes.csv: line 4, column magt: \"frozen\" is not a number"], untouched: [workspace.path])
    }

    func testMiningTableWithUnknownDisturbanceType() throws {
        let workspace = try Workspace()
        let table = Workspace.miningHeader + "\npit,1.2,1.6,1800,0.08,0.03,1.2,8,150\nquarry,0.8,1.4,1900,0.06,0.02,1.1,0,100\n"
        try Refusal.expect(
            try workspace.miningCommand(table: table),
            mentions: ["mining.csv: line 3, column type: \"quarry\" is not a disturbance type (pit, dump, other)"],
            untouched: [workspace.path])
    }

    func testMAGTModelWithMissingCoefficient() throws {
        let workspace = try Workspace()
        let fit = try magtFit(workspace, boreholes: Workspace.boreholesCSV)
        XCTAssertEqual(try CLI.run(fit).exitCode, 0)
        // Drop the elevation coefficient, as a hand edit or a truncated copy might.
        var model = try XCTUnwrap(
            JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: workspace.file("magt.json")))) as? [String: Any])
        var inner = try XCTUnwrap(model["model"] as? [String: Any])
        var regression = try XCTUnwrap(inner["regression"] as? [String: Any])
        regression["coefficients"] = [try XCTUnwrap((regression["coefficients"] as? [Double])?.first)]
        inner["regression"] = regression
        model["model"] = inner
        try JSONSerialization.data(withJSONObject: model).write(to: URL(fileURLWithPath: workspace.file("magt.json")))
        try Refusal.expect(
            [
                "magt", "predict", "--model", workspace.file("magt.json"), "--dem", workspace.file("dem.tif"),
                "--out", workspace.file("magt.tif"),
            ],
            mentions: ["magt.json: not a MAGT model file", "coefficients"], untouched: [workspace.path])
    }

    func testVegetationModelThatIsNotJSON() throws {
        let workspace = try Workspace()
        try workspace.landsatRaster()
        try workspace.text("model.json", "{\"format\": \"permafrost-atlas/random-forest-classifier\", \"model\": [")
        try Refusal.expect(
            [
                "classify", "predict", "--model", workspace.file("model.json"), "--bands", workspace.file("landsat.tif"),
                "--out", workspace.file("vegetation.tif"),
            ],
            mentions: ["model.json: not a random-forest model file (not valid JSON)"], untouched: [workspace.path])
    }
}

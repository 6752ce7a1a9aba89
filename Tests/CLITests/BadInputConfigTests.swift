import Foundation
import XCTest

/// Unusable `run` configurations: exit code 2, one line naming the file, the line and the
/// key, and no atlas folder created.
final class BadInputConfigTests: XCTestCase {
    /// A real scene, so every configuration below is valid apart from what a test spoils.
    struct Scene: @unchecked Sendable {
        let workspace: Workspace
    }

    struct SynthFailed: Error, CustomStringConvertible {
        let description: String
    }

    static let scene = Result { () throws -> Scene in
        let workspace = try Workspace()
        let synth = try CLI.run(["synth", "--size", "32x32", "--seed", "5", "--out", workspace.file("scene"), "-q"])
        guard synth.exitCode == 0 else { throw SynthFailed(description: synth.stderr) }
        return Scene(workspace: workspace)
    }

    override class func tearDown() {
        if case .success(let scene) = scene { try? FileManager.default.removeItem(atPath: scene.workspace.path) }
        super.tearDown()
    }

    private var workspace: Workspace {
        get throws { try Self.scene.get().workspace }
    }

    private var template: String {
        get throws { try String(contentsOfFile: try workspace.file("scene/atlas.yaml"), encoding: .utf8) }
    }

    /// Writes `text` as scene/bad.yaml and runs it, which must be refused without creating the atlas.
    private func expectRefused(_ text: String, mentions fragments: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let config = try workspace.file("scene/bad.yaml")
        try text.write(toFile: config, atomically: true, encoding: .utf8)
        try Refusal.expect(
            ["run", config, "--out", try workspace.file("atlas")], mentions: fragments,
            untouched: [try workspace.path], file: file, line: line)
        try FileManager.default.removeItem(atPath: config)
    }

    private func spoiled(_ from: String, _ to: String) throws -> String {
        let text = try template
        XCTAssertTrue(text.contains(from), "the template has no \"\(from)\"")
        return text.replacingOccurrences(of: from, with: to)
    }

    func testMisspeltInputKeyGetsASuggestion() throws {
        try expectRefused(
            try spoiled("  dem: dem.tif", "  dme: dem.tif"),
            mentions: ["bad.yaml:3: inputs.dme: unknown key (did you mean \"dem\"?); known keys: dem, landsat"])
    }

    func testMisspeltSectionGetsASuggestion() throws {
        try expectRefused(
            try spoiled("vegetation:\n", "vegetaton:\n"),
            mentions: ["bad.yaml:19: vegetaton: unknown key (did you mean \"vegetation\"?)"])
    }

    func testTextWhereANumberBelongs() throws {
        try expectRefused(
            try spoiled("trees: 500", "trees: many"), mentions: ["bad.yaml:19: vegetation.trees: expected a whole number, got \"many\""])
    }

    func testMappingWhereAListBelongs() throws {
        try expectRefused(
            try spoiled("landsat: [landsat.tif]", "landsat: {file: landsat.tif}"),
            mentions: ["bad.yaml:4: inputs.landsat: expected a value or a list of values"])
    }

    func testWordWhereTrueOrFalseBelongs() throws {
        try expectRefused(
            try spoiled("samples_lonlat: false", "samples_lonlat: maybe"),
            mentions: ["bad.yaml:6: inputs.samples_lonlat: expected true or false, got \"maybe\""])
    }

    func testNaNThreshold() throws {
        try expectRefused(
            try spoiled("permafrost_threshold: 0", "permafrost_threshold: .nan"),
            mentions: ["bad.yaml:33: magt.permafrost_threshold: expected a number, got \".nan\""])
    }

    func testZeroMinimumLeafSize() throws {
        try expectRefused(
            try spoiled("min_leaf: 1", "min_leaf: 0"), mentions: ["bad.yaml:21: vegetation.min_leaf: must be at least 1, got 0"])
    }

    func testSampleFractionAboveOne() throws {
        try expectRefused(
            try spoiled("sample_fraction: 1.0", "sample_fraction: 1.5"),
            mentions: ["bad.yaml:23: vegetation.sample_fraction: must be in (0, 1], got 1.5"])
    }

    func testMissingInputFile() throws {
        try expectRefused(
            try spoiled("  soil: soil.csv", "  soil: soils.csv"), mentions: ["bad.yaml:12: inputs.soil: no such file \"soils.csv\""])
    }

    func testMissingRequiredInput() throws {
        try expectRefused(try spoiled("  boreholes: boreholes.csv", ""), mentions: ["bad.yaml:3: inputs.boreholes: required"])
    }

    // Checked before any output exists, and worded as the configuration's keys, not as the
    // step commands' flags that a `run` user never typed.
    func testTemperatureSeriesOfTheWrongLengthIsRefusedBeforeAnyOutput() throws {
        try expectRefused(
            try spoiled("temperature: [air_temperature.tif]", "temperature: [air_temperature.tif, air_temperature.tif]"),
            mentions: ["inputs.temperature: 2 rasters given; need 12 monthly (January first) or 365/366 daily ones"])
    }

    func testBandRoleBeyondTheLandsatBandsIsRefusedBeforeAnyOutput() throws {
        try expectRefused(
            try spoiled("  # band_roles: red=3,nir=4", "  band_roles: red=9,nir=4"),
            mentions: ["vegetation.band_roles: band 9 does not exist (the rasters have"])
    }

    func testIndexWithoutItsBandNamesTheConfigurationKey() throws {
        try expectRefused(
            try spoiled("  # band_roles: red=3,nir=4", "  band_roles: red=3"),
            mentions: ["NDVI needs the nir band", "give vegetation.band_roles (e.g. red=3,nir=4)"])
    }

    func testMiningPolygonsWithoutTheTypeFieldAreRefusedBeforeAnyOutput() throws {
        try expectRefused(try spoiled("  mining_field: type", "  mining_field: kind"), mentions: ["mining.gpkg", "kind"])
    }

    func testMissingConfigurationFile() throws {
        let workspace = try workspace
        try Refusal.expect(
            ["run", workspace.file("scene/nope.yaml"), "--out", workspace.file("atlas")],
            mentions: ["nope.yaml: no such file"], untouched: [workspace.path])
    }

    func testInvalidYAML() throws {
        try expectRefused(try spoiled("  min_leaf: 1", "  min_leaf: [1"), mentions: ["bad.yaml: not valid YAML"])
    }

    func testEmptyConfiguration() throws {
        try expectRefused("# nothing here\n", mentions: ["bad.yaml: empty configuration"])
    }

    func testListInsteadOfAConfiguration() throws {
        try expectRefused("- dem.tif\n- landsat.tif\n", mentions: ["bad.yaml:1: configuration: expected a mapping of keys to values"])
    }
}

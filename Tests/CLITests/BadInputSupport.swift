import Foundation
import GeoRaster
import XCTest

/// Everything in a folder (hidden files included), to prove a refused command left it as it was:
/// no output under its final name, no side-car, no temporary.
struct FolderSnapshot: Equatable {
    let entries: [String]

    init(_ folder: String) {
        let manager = FileManager.default
        var entries: [String] = []
        if let enumerator = manager.enumerator(atPath: folder) {
            while let entry = enumerator.nextObject() as? String { entries.append(entry) }
        }
        self.entries = entries.sorted()
    }
}

enum Refusal {
    /// Runs the real binary with `arguments`, which must fail with `exitCode` and exactly one
    /// stderr line containing every fragment, printing nothing on stdout, and leave every folder
    /// of `untouched` exactly as it was.
    @discardableResult
    static func expect(
        _ arguments: [String], exitCode: Int32 = 2, mentions fragments: [String], untouched folders: [String],
        file: StaticString = #filePath, line: UInt = #line
    ) throws -> CommandResult {
        let before = folders.map(FolderSnapshot.init)
        let result = try CLI.run(arguments)
        XCTAssertEqual(result.exitCode, exitCode, "\(arguments.first ?? ""): \(result.stderr)", file: file, line: line)
        XCTAssertEqual(result.errorLines.count, 1, "one line expected: \(result.stderr)", file: file, line: line)
        XCTAssertTrue(result.stderr.hasPrefix("permafrost-atlas: error: "), result.stderr, file: file, line: line)
        for fragment in fragments {
            XCTAssertTrue(result.stderr.contains(fragment), "\"\(fragment)\" not in: \(result.stderr)", file: file, line: line)
        }
        // Foundation's and Swift's fallback texts mean an error reached the user unexplained.
        for bare in ["could not be completed", "Error Domain=", "error 1.)", "Fatal error"] {
            XCTAssertFalse(result.stderr.contains(bare), "bare error text in: \(result.stderr)", file: file, line: line)
        }
        XCTAssertEqual(result.stdout, "", file: file, line: line)
        for (folder, snapshot) in zip(folders, before) {
            XCTAssertEqual(FolderSnapshot(folder), snapshot, "\(folder) changed", file: file, line: line)
        }
        return result
    }
}

/// Small valid inputs on one 8 x 6 grid of 30 m pixels (UTM 47N), written on demand; each
/// bad-input test spoils one of them.
extension Workspace {
    static let badInputGrid = (width: 8, height: 6)

    var smallGrid: RasterGrid {
        get throws { try Workspace.grid(width: Workspace.badInputGrid.width, height: Workspace.badInputGrid.height) }
    }

    var pixelCount: Int { Workspace.badInputGrid.width * Workspace.badInputGrid.height }

    /// MAGT from -6 to 2.6 C.
    @discardableResult
    func magtRaster(_ name: String = "magt.tif") throws -> String {
        try raster(name, [(0..<pixelCount).map { Float(-6 + 0.18 * Double($0)) }], grid: smallGrid, noData: -9999, unit: "degC")
    }

    /// A DEM rising 4 m per pixel eastwards and 2 m per pixel southwards.
    @discardableResult
    func demRaster(_ name: String = "dem.tif") throws -> String {
        let width = Workspace.badInputGrid.width
        return try raster(
            name, [(0..<pixelCount).map { Float(4000 + 4 * ($0 % width) + 2 * ($0 / width)) }], grid: smallGrid, noData: -9999, unit: "m")
    }

    @discardableResult
    func thawIndexRaster(_ name: String = "ddt.tif") throws -> String {
        try raster(name, [[Float](repeating: 1000, count: pixelCount)], grid: smallGrid, noData: -9999, unit: "degC day")
    }

    /// Vegetation classes: alpine meadow (1) in the west half, alpine steppe (2) in the east.
    @discardableResult
    func classRaster(_ name: String = "classes.tif") throws -> String {
        let width = Workspace.badInputGrid.width
        return try raster(
            name, [(0..<pixelCount).map { UInt8($0 % width < width / 2 ? 1 : 2) }], grid: smallGrid, noData: 0,
            categories: ["nodata", "alpine meadow", "alpine steppe"])
    }

    @discardableResult
    func zoneRaster(_ name: String = "zones.tif") throws -> String {
        try raster(name, [[UInt8](repeating: 1, count: pixelCount)], grid: smallGrid, noData: 0, categories: ["nodata", "alluvial plain"])
    }

    @discardableResult
    func altRaster(_ name: String = "alt.tif") throws -> String {
        try raster(name, [[Float](repeating: 2.5, count: pixelCount)], grid: smallGrid, noData: -9999, unit: "m")
    }

    /// Two reflectance-like bands that separate the west and east halves.
    @discardableResult
    func landsatRaster(_ name: String = "landsat.tif") throws -> String {
        let width = Workspace.badInputGrid.width
        let red = (0..<pixelCount).map { Float($0 % width < width / 2 ? 0.05 : 0.2) + Float($0 / width) * 0.001 }
        let nir = (0..<pixelCount).map { Float($0 % width < width / 2 ? 0.4 : 0.15) + Float($0 % width) * 0.001 }
        return try raster(name, [red, nir], grid: smallGrid, noData: -9999)
    }

    /// The inputs of `mining` on the bad-input grid (MAGT, thawing index, classes, zones, a
    /// disturbance raster with one pit pixel unless `disturbance` names another file, the soil
    /// and strata tables, and `table` as mining.csv); returns the command, output in `after/`.
    func miningCommand(table: String, disturbance: String? = nil) throws -> [String] {
        try magtRaster()
        try thawIndexRaster()
        try classRaster()
        try zoneRaster()
        try raster("disturbance.tif", [(0..<pixelCount).map { UInt8($0 == 20 ? 1 : 0) }], grid: try smallGrid, noData: 0)
        try text("soil.csv", Workspace.soilCSV)
        try text("strata.csv", Workspace.strataCSV)
        try text("mining.csv", table)
        return [
            "mining", "--disturbance", disturbance ?? file("disturbance.tif"), "--params", file("mining.csv"), "--magt", file("magt.tif"),
            "--thawing-index", file("ddt.tif"), "--classes", file("classes.tif"), "--soil", file("soil.csv"), "--zones", file("zones.tif"),
            "--strata", file("strata.csv"), "--out-dir", file("after"),
        ]
    }

    static let miningHeader =
        "type,magt_offset,lambda_thawed,dry_density,water_content,unfrozen_water_content,n_factor,excavation_depth,buffer_m"

    /// Pixel-centre coordinates of (column, row) on the bad-input grid.
    static func centre(_ column: Int, _ row: Int) -> String { "\(515_015 + 30 * column),\(4_221_985 - 30 * row)" }

    /// Three samples per half: meadow in the west, steppe in the east.
    static let samplesCSV =
        "x,y,class\n"
        + [
            (0, 0, "meadow"), (1, 2, "meadow"), (2, 4, "meadow"),
            (5, 1, "steppe"), (6, 3, "steppe"), (7, 5, "steppe"),
        ]
        .map { "\(centre($0.0, $0.1)),\($0.2)" }.joined(separator: "\n") + "\n"

    static let soilCSV = """
        class,lambda_thawed,dry_density,water_content,unfrozen_water_content,n_factor
        alpine meadow,0.93,756,0.15,0.06,1
        alpine steppe,1.2,1400,0.12,0.04,0.8

        """

    static let strataCSV = "zone,top,bottom,ice_content\nalluvial plain,0,3,0.2\nalluvial plain,3,12,0.4\n"

    static let boreholesCSV =
        "id,x,y,magt\n"
        + [(1, 1, -1.5), (3, 2, -1.2), (5, 3, -0.9), (6, 4, -0.4)]
        .enumerated().map { "BH\($0.offset + 1),\(centre($0.element.0, $0.element.1)),\($0.element.2)" }.joined(separator: "\n") + "\n"
}

/// A small synthetic scene (64 x 48 pixels) whose atlas.yaml asks for few trees and small
/// blocks, so a whole `run` takes about a second; shared by the crash and determinism tests.
enum SmallScene {
    static func make(in workspace: Workspace, seed: Int = 3) throws -> String {
        let scene = workspace.file("scene")
        let synth = try CLI.run(["synth", "--size", "64x48", "--seed", "\(seed)", "--out", scene, "-q"])
        XCTAssertEqual(synth.exitCode, 0, synth.stderr)
        let config = try String(contentsOfFile: scene + "/atlas.yaml", encoding: .utf8)
            .replacingOccurrences(of: "trees: 500", with: "trees: 20")
            .replacingOccurrences(of: "block_size: 512", with: "block_size: 32")
        try config.write(toFile: scene + "/atlas.yaml", atomically: true, encoding: .utf8)
        return scene + "/atlas.yaml"
    }

    /// Every file under `folder` (relative paths, hidden ones included).
    static func files(under folder: String) -> [String] {
        FolderSnapshot(folder).entries.filter { entry in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder + "/" + entry, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
    }
}

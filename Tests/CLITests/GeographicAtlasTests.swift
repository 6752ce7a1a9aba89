import Foundation
import GeoRaster
import XCTest

/// The bundled scene warped to EPSG:4326 (as Copernicus and SRTM DEMs come) runs to the end,
/// and its areas and volumes match the same scene run in UTM: pixel areas come from the
/// ellipsoid by row, buffers and distances are in metres.
final class GeographicAtlasTests: XCTestCase {
    /// Degrees per pixel: about 13 x 17 m at Muli, finer than the scene's 30 m, so that the
    /// nearest-neighbour Landsat holds the same reflectances and the classes the same areas.
    private static let step = "0.00015"

    func testTheBundledSceneInLongitudeLatitudeGivesTheUTMAreasAndVolumes() throws {
        let workspace = try Workspace()
        let utm = workspace.file("utm"), geographic = workspace.file("geographic")
        try FileManager.default.copyItem(atPath: CLI.testData("demo"), toPath: utm)
        try FileManager.default.createDirectory(atPath: geographic, withIntermediateDirectories: true)
        // Fewer trees keep the test fast; both runs use the same forest settings.
        let config = try String(contentsOfFile: utm + "/atlas.yaml", encoding: .utf8).replacingOccurrences(
            of: "trees: 500", with: "trees: 100")
        try config.write(toFile: utm + "/atlas.yaml", atomically: true, encoding: .utf8)
        try config.write(toFile: geographic + "/atlas.yaml", atomically: true, encoding: .utf8)
        try warpScene(from: utm, to: geographic)

        let utmReport = try runAtlas(utm)
        let geographicReport = try runAtlas(geographic)
        let dem = try RasterDataset(path: geographic + "/atlas/pre/magt.tif")
        XCTAssertEqual(dem.spatialReference?.epsgCode, 4326)

        func within(_ a: Double, _ b: Double, _ tolerance: Double, _ what: String) {
            XCTAssertEqual(b, a, accuracy: tolerance * abs(a), "\(what): UTM \(a), EPSG:4326 \(b)")
        }
        for state in ["pre", "post"] {
            within(try utmReport.iceVolume(state), try geographicReport.iceVolume(state), 0.01, "\(state) ice volume")
            for (name, area) in try utmReport.classAreas("\(state)/permafrost.tif") {
                within(area, try geographicReport.classAreas("\(state)/permafrost.tif")[name] ?? 0, 0.01, "\(state) \(name)")
            }
        }
        for product in ["pre/vegetation.tif", "pre/stability.tif", "pre/ice_class.tif", "post/stability.tif"] {
            for (name, area) in try utmReport.classAreas(product) where area >= 5 {
                within(area, try geographicReport.classAreas(product)[name] ?? 0, 0.01, "\(product) \(name)")
            }
        }
        // Pits and dumps themselves (their rings depend on the pixel size, not on the CRS).
        for type in ["open pit", "spoil (waste-rock) dump"] {
            within(try utmReport.disturbedArea(type), try geographicReport.disturbedArea(type), 0.01, "\(type) area")
        }
        // The transition table's unchanged diagonal (km^2) agrees; the UTM atlas has no nodata ring.
        let utmTransition = try utmReport.permafrostTransition(), geographicTransition = try geographicReport.permafrostTransition()
        XCTAssertEqual(utmTransition[0][0], 0)
        within(utmTransition[1][1], geographicTransition[1][1], 0.01, "permafrost kept")
        within(utmTransition[2][2], geographicTransition[2][2], 0.01, "no permafrost kept")
    }

    private func runAtlas(_ scene: String) throws -> [String: Any] {
        let run = try CLI.run(["run", scene + "/atlas.yaml", "--out", scene + "/atlas", "--json", "-q"])
        XCTAssertEqual(run.exitCode, 0, run.stderr)
        return try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any] ?? [:]
    }

    /// gdalwarp for the rasters (DEM bilinear, Landsat nearest), ogr2ogr for the polygons, and
    /// the tables' x,y put into longitude and latitude through PROJ.
    private func warpScene(from utm: String, to geographic: String) throws {
        let gdalwarp = ["-q", "-t_srs", "EPSG:4326", "-tr", Self.step, Self.step]
        try tool("gdalwarp", gdalwarp + ["-r", "bilinear", utm + "/dem.tif", geographic + "/dem.tif"])
        try tool("gdalwarp", gdalwarp + ["-r", "near", utm + "/landsat.tif", geographic + "/landsat.tif"])
        try FileManager.default.copyItem(atPath: utm + "/air_temperature.tif", toPath: geographic + "/air_temperature.tif")
        for vector in ["zones.gpkg", "mining.gpkg"] {
            try tool("ogr2ogr", ["-t_srs", "EPSG:4326", geographic + "/" + vector, utm + "/" + vector])
        }
        for table in ["soil.csv", "strata.csv", "mining.csv"] {
            try FileManager.default.copyItem(atPath: utm + "/" + table, toPath: geographic + "/" + table)
        }
        let toLonLat = try CoordinateTransformer(from: try SpatialReference(epsg: 32647), to: .wgs84())
        for table in ["vegetation_samples.csv", "boreholes.csv", "check_boreholes.csv"] {
            let lines = try String(contentsOfFile: utm + "/" + table, encoding: .utf8).split(separator: "\n").map(String.init)
            let header = lines[0].split(separator: ",").map(String.init)
            let x = try XCTUnwrap(header.firstIndex(of: "x")), y = try XCTUnwrap(header.firstIndex(of: "y"))
            let moved = try lines.dropFirst().map { line -> String in
                var cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                let lonLat = try XCTUnwrap(toLonLat.transform(x: Double(cells[x])!, y: Double(cells[y])!))
                cells[x] = String(lonLat.x)
                cells[y] = String(lonLat.y)
                return cells.joined(separator: ",")
            }
            try ([lines[0]] + moved).joined(separator: "\n").write(toFile: geographic + "/" + table, atomically: true, encoding: .utf8)
        }
    }

    private func tool(_ name: String, _ arguments: [String]) throws {
        let result = try CLI.runProcess(URL(fileURLWithPath: "/usr/bin/" + name), arguments)
        XCTAssertEqual(result.exitCode, 0, "\(name): \(result.stderr)")
    }
}

extension [String: Any] {
    fileprivate func iceVolume(_ state: String) throws -> Double {
        try XCTUnwrap((self["iceVolumeCubicKilometres"] as? [String: Double])?[state])
    }

    fileprivate func classAreas(_ product: String) throws -> [String: Double] {
        let products = try XCTUnwrap(self["products"] as? [String: [String: Any]])
        return try XCTUnwrap(products[product]?["classAreasSquareKilometres"] as? [String: Double], product)
    }

    fileprivate func disturbedArea(_ type: String) throws -> Double {
        let rows = try XCTUnwrap(self["disturbance"] as? [[String: Any]])
        let row = try XCTUnwrap(rows.first { $0["type"] as? String == type && $0["zone"] as? String == "interior" }, type)
        return try XCTUnwrap(row["areaSquareKilometres"] as? Double)
    }

    fileprivate func permafrostTransition() throws -> [[Double]] {
        let table = try XCTUnwrap(self["permafrostTransition"] as? [String: Any])
        return try XCTUnwrap(table["areaSquareKilometres"] as? [[Double]])
    }
}

import AtlasCore
import AtlasSynthesis
import AtlasTestSupport
import Foundation
import GeoRaster
import PermafrostAtlas
import XCTest

/// An atlas run from Swift, with a configuration built in code (no YAML on disk), gives the
/// same rasters as the same configuration read from its file.
final class LibraryEntryPointTests: XCTestCase {
    func testAConfigurationBuiltInSwiftRunsTheSameAtlasAsItsFile() throws {
        let folder = try TemporaryFolder(prefix: "library-run")
        let scene = folder.file("scene")
        _ = try SynthesisStage.run(.init(width: 64, height: 48, seed: 3, outDirectory: scene, options: OutputOptions()))

        var fromFile = try AtlasConfig.load(scene + "/atlas.yaml")
        fromFile.forest.treeCount = 20
        fromFile.output.blockSize = 32

        func input(_ name: String) -> String { scene + "/" + name }
        let inputs = AtlasConfig.Inputs(
            dem: input("dem.tif"), landsat: [input("landsat.tif")], vegetationSamples: input("vegetation_samples.csv"),
            boreholes: input("boreholes.csv"), temperature: [input("air_temperature.tif")], zones: input("zones.gpkg"),
            soil: input("soil.csv"), strata: input("strata.csv"), mining: input("mining.csv"), miningDisturbance: input("mining.gpkg"),
            checkBoreholes: input("check_boreholes.csv"))
        var forest = fromFile.forest
        forest.treeCount = 20
        var output = OutputOptions()
        output.blockSize = 32
        let inSwift = AtlasConfig(inputs: inputs, forest: forest, spectralIndices: [.ndvi, .ndwi], output: output)
        XCTAssertEqual(forest.seed, 3)

        let fileReport = try AtlasRun(configuration: fromFile, outDirectory: folder.file("file"), threads: 2).run()
        let swiftReport = try AtlasRun(configuration: inSwift, outDirectory: folder.file("swift"), threads: 2).run()
        XCTAssertEqual(fileReport.config, "../scene/atlas.yaml")
        XCTAssertNil(swiftReport.config)
        XCTAssertEqual(swiftReport.inputs.map(\.role).first, "dem")
        XCTAssertEqual(swiftReport.iceVolumeCubicKilometres, fileReport.iceVolumeCubicKilometres)

        // The same rasters but for the checksum of the configuration file, which only one has:
        // same pixels, same band, same metadata otherwise.
        let products = AtlasProduct.mapped.map(\.path) + ["disturbance.tif", "aligned/zones.tif"]
        let checksum = "PERMAFROST_ATLAS_CONFIG_SHA256"
        for path in products {
            let a = try RasterDataset(path: folder.file("file/" + path)), b = try RasterDataset(path: folder.file("swift/" + path))
            var metadata = a.metadata()
            XCTAssertEqual(metadata.removeValue(forKey: checksum), try SHA256.file(folder.file("scene/atlas.yaml")), path)
            XCTAssertEqual(metadata, b.metadata(), path)
            XCTAssertEqual(try a.band(1).metadata(), try b.band(1).metadata(), path)
            XCTAssertEqual(try a.band(1).read(a.extent, as: Double.self), try b.band(1).read(b.extent, as: Double.self), path)
        }
    }
}

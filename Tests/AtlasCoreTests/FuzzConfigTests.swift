import AtlasTestSupport
import Foundation
import GeoRaster
import XCTest

@testable import AtlasCore

/// Thousands of mutated run configurations through `AtlasConfig.load`: none may trap, each
/// broken one is refused with one line naming the file, and every accepted one holds only
/// values the stages can use.
final class FuzzConfigTests: XCTestCase {
    /// The documented template with every input present (empty files: load checks only that
    /// they exist), plus a variant using the keys the template leaves out.
    private func seeds(in folder: FuzzFolder) throws -> [[UInt8]] {
        for name in [
            "dem.tif", "landsat.tif", "vegetation_samples.csv", "boreholes.csv", "air_temperature.tif", "zones.gpkg", "soil.csv",
            "strata.csv", "mining.csv", "mining.gpkg", "check_boreholes.csv", "ddt.tif",
        ] {
            _ = try folder.write(name, [])
        }
        let template = ConfigTemplate.text(seed: 7)
        let variant =
            template
            .replacingOccurrences(of: "  temperature: [air_temperature.tif]", with: "  thawing_index: ddt.tif")
            .replacingOccurrences(of: "  mtry: ~", with: "  mtry: 2")
            .replacingOccurrences(of: "  max_depth: ~", with: "  max_depth: 12")
            .replacingOccurrences(of: "  year: ~", with: "  year: 2024")
            .replacingOccurrences(of: "  block_size: 512", with: "  block_size: 256\n  creation_options: [NUM_THREADS=2]")
        return [Array(template.utf8), Array(variant.utf8)]
    }

    func testSeedsLoad() throws {
        let folder = try FuzzFolder()
        for seed in try seeds(in: folder) {
            let config = try AtlasConfig.load(try folder.write("atlas.yaml", seed))
            XCTAssertEqual(config.forest.seed, 7)
        }
    }

    func testMutatedConfigurations() throws {
        let folder = try FuzzFolder()
        let seeds = try seeds(in: folder)
        var mutator = FuzzMutator(seed: 3)
        var accepted = 0
        for iteration in 0..<3000 {
            let input = mutator.mutate(seeds[iteration % seeds.count])
            let path = try folder.write("atlas.yaml", input)
            do {
                let config = try AtlasConfig.load(path)
                accepted += 1
                // What load accepts, the stages must be able to use.
                XCTAssertNoThrow(try config.forest.validate(featureCount: max(1, config.forest.mtry ?? 1)))
                XCTAssertTrue(config.iceDepth > 0 && config.iceDepth.isFinite)
                XCTAssertTrue(config.permafrostThreshold.isFinite)
                XCTAssertTrue((16...8192).contains(config.output.blockSize) && config.output.blockSize % 16 == 0)
                XCTAssertTrue(config.output.creationOptions.allSatisfy { config.output.format.rejection(ofCreationOption: $0) == nil })
                XCTAssertFalse(config.inputs.landsat.isEmpty)
                XCTAssertTrue(!config.inputs.temperature.isEmpty || config.inputs.thawingIndex != nil)
            } catch {
                assertNamedOneLineInputError(error, naming: path, input: input)
            }
        }
        XCTAssertGreaterThan(accepted, 300)
        XCTAssertLessThan(accepted, 2700)
    }
}

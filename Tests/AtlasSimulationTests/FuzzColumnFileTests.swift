import AtlasCore
import AtlasSimulation
import AtlasTestSupport
import Foundation
import XCTest

/// Thousands of mutated column and forcing files (YAML and CSV): each is read or refused with
/// one line naming the file; none traps, hangs or allocates without bound.
final class FuzzColumnFileTests: XCTestCase {
    static let column = """
        geothermal_flux: 0.06
        grid: {surface_spacing: 0.05, spacing_growth: 0.08, max_spacing: 1.0}
        layers:
          - name: peaty silt
            thickness: 0.8
            conductivity_thawed: 0.9
            conductivity_frozen: 1.4
            heat_capacity_thawed: 3.0e6
            heat_capacity_frozen: 2.1e6
            water_content: 0.45
            unfrozen_water_content: 0.06
            dry_density: 900
          - name: weathered mudstone
            thickness: 25
            conductivity_thawed: 1.8
            conductivity_frozen: 2.1
            heat_capacity_thawed: 2.2e6
            heat_capacity_frozen: 2.0e6
            water_content: 0.12
            unfrozen_water_content: 0.03
            dry_density: 2200
        spoil:
          name: waste rock
          conductivity_thawed: 1.9
          conductivity_frozen: 2.1
          heat_capacity_thawed: 1.9e6
          heat_capacity_frozen: 1.8e6
          water_content: 0.08
          unfrozen_water_content: 0.02
          dry_density: 1900

        """
    static let forcingYAML = """
        monthly: [-17.5, -14.2, -7.9, -1.2, 4.3, 8.0, 10.4, 9.6, 5.0, -2.1, -10.6, -15.8]
        n_thawing: 0.9
        n_freezing: 0.8

        """
    static let forcingCSV = "month,temperature\n" + (1...12).map { "\($0),\(Double($0 * 3 - 20))" }.joined(separator: "\n") + "\n"

    func testSeedsAreValid() throws {
        let folder = try FuzzFolder()
        XCTAssertEqual(try ColumnFile.load(folder.write("column.yaml", Array(Self.column.utf8))).column.layers.count, 2)
        _ = try ForcingFile.load(folder.write("forcing.yaml", Array(Self.forcingYAML.utf8)))
        _ = try ForcingFile.load(folder.write("forcing.csv", Array(Self.forcingCSV.utf8)))
    }

    func testMutatedColumnAndForcingFiles() throws {
        let folder = try FuzzFolder()
        var mutator = FuzzMutator(seed: 3)
        var refused = 0
        for iteration in 0..<3000 {
            let kind = iteration % 3
            let (name, seed) = [("column.yaml", Self.column), ("forcing.yaml", Self.forcingYAML), ("forcing.csv", Self.forcingCSV)][kind]
            let input = mutator.mutate(Array(seed.utf8))
            let path = try folder.write(name, input)
            do {
                if kind == 0 {
                    let file = try ColumnFile.load(path)
                    XCTAssertLessThanOrEqual(file.column.depth, 2000)
                } else {
                    _ = try ForcingFile.load(path)
                }
            } catch {
                refused += 1
                assertNamedOneLineInputError(error, naming: path, input: input)
            }
        }
        XCTAssertGreaterThan(refused, 1000, "the mutations must break most files")
    }
}

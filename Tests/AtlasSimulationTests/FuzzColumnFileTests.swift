import AtlasCore
import AtlasSimulation
import AtlasTestSupport
import Foundation
import XCTest

/// Thousands of mutated column and forcing files (YAML and CSV): each is read or refused with
/// one line naming the file; none traps, hangs or allocates without bound.
final class FuzzColumnFileTests: XCTestCase {
    static let column = SimulationFixtures.column
    static let forcingYAML = SimulationFixtures.forcing
    static let forcingCSV = "month,temperature\n" + (1...12).map { "\($0),\(Double($0 * 3 - 20))" }.joined(separator: "\n") + "\n"

    func testSeedsAreValid() throws {
        let folder = try FuzzFolder()
        XCTAssertEqual(try ColumnFile.load(folder.write("column.yaml", Array(Self.column.utf8))).column.layers.count, 3)
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

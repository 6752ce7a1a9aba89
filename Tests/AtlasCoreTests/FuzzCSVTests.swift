import AtlasTestSupport
import Foundation
import XCTest

@testable import AtlasCore

/// Thousands of mutated tables through every CSV reader: none may trap, and each broken one
/// must be refused with one line naming the file.
final class FuzzCSVTests: XCTestCase {
    static let samples = """
        x,y,class
        516515.0,4221865.0,sparse vegetation
        515255.0,4221535.0,alpine steppe
        516665.0,4221325.0,"alpine swamp meadow"
        516215.0,4220755.0,2

        """
    static let boreholes = """
        id,x,y,magt,alt
        BH01,516005.0,4221895.0,-1.56,2.33
        BH02,516365.0,4221865.0,-1.55,
        BH03,516815.0,4221865.0,-1.65,2.53

        """
    static let soil = """
        class,lambda_thawed,dry_density,water_content,unfrozen_water_content,n_factor,edaphic_factor
        alpine swamp meadow,1.05,800,0.45,0.10,0.60,0.0440
        2,0.93,756,0.15,0.06,0.80,0.0841
        alpine steppe,1.25,1500,0.10,0.04,0.90,

        """
    static let strata = """
        zone,top,bottom,ice_content
        alluvial plain,0.0,1.5,0.10
        alluvial plain,1.5,3.0,0.45
        2,0.0,2.5,0.05
        bedrock ridge,2.5,15,0.32

        """
    static let mining = """
        type,magt_offset,lambda_thawed,dry_density,water_content,unfrozen_water_content,n_factor,excavation_depth,buffer_m,dump_thickness
        pit,1.2,1.60,1800,0.08,0.03,1.20,8,150,0
        dump,0.8,1.40,1900,0.06,0.02,1.10,0,100,20
        other,0.5,1.50,2000,0.07,0.03,1.15,0,60,

        """
    static let vegetation = ClassCodeResolver(
        rasterPath: "vegetation.tif",
        categoryNames: ["nodata", "alpine swamp meadow", "alpine meadow", "alpine steppe", "sparse vegetation"])
    static let zones = ClassCodeResolver(rasterPath: "zones.tif", categoryNames: ["nodata", "alluvial plain", "bedrock ridge"])

    func testSeedsAreValid() throws {
        let folder = try FuzzFolder()
        XCTAssertEqual(try PointTable(path: folder.write("s.csv", Array(Self.samples.utf8))).texts(column: "class").count, 4)
        XCTAssertEqual(try PointTable(path: folder.write("b.csv", Array(Self.boreholes.utf8))).table.optionalNumber(row: 1, column: 4), nil)
        XCTAssertEqual(try ParameterTables.soil(folder.write("soil.csv", Array(Self.soil.utf8)), classes: Self.vegetation).classes.count, 3)
        XCTAssertEqual(try ParameterTables.strata(folder.write("strata.csv", Array(Self.strata.utf8)), zones: Self.zones).strata.count, 4)
        XCTAssertEqual(try ParameterTables.mining(folder.write("mining.csv", Array(Self.mining.utf8))).rows.count, 3)
    }

    func testMutatedTextsThroughCSVTable() {
        var mutator = FuzzMutator(seed: 1)
        let seeds = [Self.samples, Self.boreholes, Self.soil, Self.strata, Self.mining].map { Array($0.utf8) }
        var accepted = 0
        for iteration in 0..<4000 {
            let input = mutator.mutate(seeds[iteration % seeds.count])
            do {
                let table = try CSVTable(text: String(decoding: input, as: UTF8.self), path: "t.csv")
                accepted += 1
                // Every cell through every accessor: values or one-line errors, never a trap.
                for row in table.rows.indices {
                    XCTAssertGreaterThanOrEqual(table.line(ofRow: row), 2)
                    for column in table.header.indices {
                        for read in [
                            { _ = try table.text(row: row, column: column) }, { _ = try table.number(row: row, column: column) },
                            { _ = try table.optionalNumber(row: row, column: column) },
                        ] {
                            do { try read() } catch { assertNamedOneLineInputError(error, naming: "t.csv", input: input) }
                        }
                    }
                }
                do { _ = try table.requireColumn(mutator.pick(["x", "class", "magt", "é", ""])) } catch {
                    assertNamedOneLineInputError(error, naming: "t.csv", input: input)
                }
            } catch {
                assertNamedOneLineInputError(error, naming: "t.csv", input: input)
            }
        }
        // Both outcomes occur: the mutations neither all break the tables nor all miss.
        XCTAssertGreaterThan(accepted, 400)
        XCTAssertLessThan(accepted, 3600)
    }

    func testMutatedFilesThroughTheTableReaders() throws {
        let folder = try FuzzFolder()
        var mutator = FuzzMutator(seed: 2)
        var refused = 0
        for iteration in 0..<2500 {
            let kind = iteration % 5
            let seed = [Self.samples, Self.boreholes, Self.soil, Self.strata, Self.mining][kind]
            let input = mutator.mutate(Array(seed.utf8))
            let path = try folder.write("table\(kind).csv", input)
            do {
                switch kind {
                case 0:
                    let table = try PointTable(path: path)
                    let classes = try table.texts(column: "class")
                    XCTAssertEqual(classes.count, table.points.count)
                case 1:
                    let table = try PointTable(path: path)
                    let temperatures = try table.numbers(column: "magt")
                    XCTAssertEqual(temperatures.count, table.points.count)
                case 2:
                    let soil = try ParameterTables.soil(path, classes: Self.vegetation, requireEdaphicFactor: iteration % 2 == 0)
                    XCTAssertTrue(soil.classes.allSatisfy { $0.properties.waterContent > $0.properties.unfrozenWaterContent })
                case 3:
                    let strata = try ParameterTables.strata(path, zones: Self.zones)
                    XCTAssertTrue(strata.strata.allSatisfy { $0.bottom > $0.top && (0...1).contains($0.iceContent) })
                default:
                    _ = try ParameterTables.mining(path)
                }
            } catch {
                refused += 1
                assertNamedOneLineInputError(error, naming: path, input: input)
            }
        }
        XCTAssertGreaterThan(refused, 500)
        XCTAssertLessThan(refused, 2400)
    }
}

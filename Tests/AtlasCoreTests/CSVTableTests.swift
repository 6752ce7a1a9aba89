import XCTest

@testable import AtlasCore

final class CSVTableTests: XCTestCase {
    func testHeaderRowsAndNumbers() throws {
        let table = try CSVTable(text: "x, y ,class\n1.5,2,alpine meadow\n\n3,4e2,\"steppe, dry\"\n", path: "s.csv")
        XCTAssertEqual(table.header, ["x", "y", "class"])
        XCTAssertEqual(table.rows.count, 2, "blank lines are skipped")
        XCTAssertEqual(try table.number(row: 1, column: try table.requireColumn("Y")), 400)
        XCTAssertEqual(try table.text(row: 1, column: 2), "steppe, dry")
    }

    func testErrorsNameFileLineAndColumn() throws {
        let table = try CSVTable(text: "x,y,magt\n1,2,-0.5\n3,4,warm\n", path: "b.csv")
        XCTAssertThrowsError(try table.number(row: 1, column: 2)) { error in
            XCTAssertEqual("\(error)", "b.csv: line 3, column magt: \"warm\" is not a number")
        }
        XCTAssertThrowsError(try table.requireColumn("alt")) { error in
            XCTAssertEqual("\(error)", "b.csv: missing column \"alt\" (columns: x, y, magt)")
        }
        XCTAssertThrowsError(try CSVTable(text: "x,y\n1,2,3\n", path: "c.csv")) { error in
            XCTAssertEqual("\(error)", "c.csv: line 2 has 3 fields, the header has 2")
        }
        XCTAssertThrowsError(try CSVTable(text: "x,x\n1,2\n", path: "d.csv")) { error in
            XCTAssertEqual("\(error)", "d.csv: column \"x\" appears twice in the header")
        }
        XCTAssertThrowsError(try CSVTable(path: "/no/such.csv")) { error in
            XCTAssertEqual("\(error)", "/no/such.csv: no such file")
        }
        XCTAssertThrowsError(try CSVTable(text: "x,y\n1,inf\n", path: "e.csv").number(row: 0, column: 1))
    }

    func testClassLabelsResolveByCodeOrCategoryName() throws {
        let resolver = ClassCodeResolver(rasterPath: "veg.tif", categoryNames: ["nodata", "alpine meadow", "alpine steppe"])
        XCTAssertEqual(try resolver.code(for: "2", location: "t.csv: line 2"), 2)
        XCTAssertEqual(try resolver.code(for: "Alpine Steppe", location: "t.csv: line 2"), 2)
        XCTAssertThrowsError(try resolver.code(for: "water", location: "t.csv: line 4")) { error in
            XCTAssertEqual(
                "\(error)",
                "t.csv: line 4: class \"water\" is neither a code nor a category name of veg.tif (its categories: 1 alpine meadow, 2 alpine steppe)"
            )
        }
        XCTAssertThrowsError(try resolver.code(for: "0", location: "t.csv: line 5"))
        XCTAssertThrowsError(try resolver.code(for: "300", location: "t.csv: line 5"))
    }
}

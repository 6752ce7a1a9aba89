import Foundation

/// A CSV of located observations (vegetation samples, boreholes): x and y columns, an
/// optional id, and value columns read on demand.
public struct PointTable: Sendable {
    public let table: CSVTable
    public let points: [TablePoint]

    public var path: String { table.path }

    public init(path: String, xColumn: String = "x", yColumn: String = "y", idColumn: String = "id") throws {
        let table = try CSVTable(path: path)
        let x = try table.requireColumn(xColumn), y = try table.requireColumn(yColumn)
        let id = table.columnIndex(idColumn)
        guard !table.isEmpty else { throw AtlasError.badFile(path: path, reason: "no rows (only a header)") }
        points = try table.rows.indices.map { row in
            let line = table.line(ofRow: row)
            return TablePoint(
                x: try table.number(row: row, column: x), y: try table.number(row: row, column: y), line: line,
                id: id.map { table.rows[row][$0] }.flatMap { $0.isEmpty ? nil : $0 } ?? "line \(line)")
        }
        self.table = table
    }

    public func numbers(column name: String) throws -> [Double] {
        let column = try table.requireColumn(name)
        return try table.rows.indices.map { try table.number(row: $0, column: column) }
    }

    public func texts(column name: String) throws -> [String] {
        let column = try table.requireColumn(name)
        return try table.rows.indices.map { try table.text(row: $0, column: column) }
    }
}

import Foundation
import SwiftCSV

/// A CSV file with a header row, read whole (tables of samples, boreholes and parameters are
/// small). Every accessor's error names the file, the line and the column.
public struct CSVTable: Sendable {
    public let path: String
    public let header: [String]
    /// Data rows; row i sits on line i + 2 of the file (line 1 is the header).
    public let rows: [[String]]

    public init(path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else {
            throw AtlasError.badInput("\(path): no such file")
        }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw AtlasError.badInput("\(path): cannot read as UTF-8 text")
        }
        try self.init(text: text, path: path)
    }

    public init(text: String, path: String) throws {
        let parsed: CSV<Enumerated>
        do {
            parsed = try CSV<Enumerated>(string: text, delimiter: .comma, loadColumns: false)
        } catch {
            throw AtlasError.badInput("\(path): not valid CSV (\(error))")
        }
        let header = parsed.header.map { $0.trimmingCharacters(in: .whitespaces) }
        guard !header.isEmpty, header.contains(where: { !$0.isEmpty }) else {
            throw AtlasError.badInput("\(path): empty file, expected a header row")
        }
        if let duplicate = Dictionary(grouping: header, by: { $0.lowercased() }).first(where: { $0.value.count > 1 })?.key {
            throw AtlasError.badInput("\(path): column \"\(duplicate)\" appears twice in the header")
        }
        var rows: [[String]] = []
        for (index, row) in parsed.rows.enumerated() {
            let cells = row.map { $0.trimmingCharacters(in: .whitespaces) }
            if cells.allSatisfy(\.isEmpty) { continue }
            guard cells.count == header.count else {
                throw AtlasError.badInput("\(path): line \(index + 2) has \(cells.count) fields, the header has \(header.count)")
            }
            rows.append(cells)
        }
        self.path = path
        self.header = header
        self.rows = rows
    }

    public var isEmpty: Bool { rows.isEmpty }

    /// The line of the file a data row came from (blank lines are not counted).
    public func line(ofRow row: Int) -> Int { row + 2 }

    /// The index of a column (case-insensitive), or nil.
    public func columnIndex(_ name: String) -> Int? {
        header.firstIndex { $0.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// The index of a required column; the error lists the columns the file has.
    public func requireColumn(_ name: String) throws -> Int {
        guard let index = columnIndex(name) else {
            throw AtlasError.badInput("\(path): missing column \"\(name)\" (columns: \(header.joined(separator: ", ")))")
        }
        return index
    }

    public func text(row: Int, column: Int) throws -> String {
        let value = rows[row][column]
        guard !value.isEmpty else {
            throw AtlasError.badInput("\(path): line \(line(ofRow: row)), column \(header[column]): empty value")
        }
        return value
    }

    /// A finite number.
    public func number(row: Int, column: Int) throws -> Double {
        let value = try text(row: row, column: column)
        guard let number = Double(value), number.isFinite else {
            throw AtlasError.badInput("\(path): line \(line(ofRow: row)), column \(header[column]): \"\(value)\" is not a number")
        }
        return number
    }

    /// A finite number, or nil for an empty cell.
    public func optionalNumber(row: Int, column: Int) throws -> Double? {
        rows[row][column].isEmpty ? nil : try number(row: row, column: column)
    }
}

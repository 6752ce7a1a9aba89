import Foundation
import SwiftCSV

/// A CSV file with a header row, read whole (tables of samples, boreholes and parameters are
/// small). Every accessor's error names the file, the line and the column.
public struct CSVTable: Sendable {
    public let path: String
    public let header: [String]
    /// Data rows (blank lines left out).
    public let rows: [[String]]
    /// The line of the file each data row sits on (line 1 is the header).
    private let lines: [Int]

    public init(path: String) throws {
        try self.init(text: try UTF8File.text(path, limit: UTF8File.tableLimit, what: "table"), path: path)
    }

    public init(text: String, path: String) throws {
        // SwiftCSV drops the empty last field of a file ending in "," without a newline.
        let text = text.last?.isNewline == false ? text + "\n" : text
        let parsed: CSV<Enumerated>
        var cellsByLine: [(line: Int, cells: [String])] = []
        do {
            // rowLimit 0: only the header here. The data rows come unpadded from
            // enumerateAsArray (CSV<Enumerated>.rows pads short rows with empty cells).
            parsed = try CSV<Enumerated>(string: text, delimiter: .comma, loadColumns: false, rowLimit: 0)
            try parsed.enumerateAsArray(startAt: 1, rowLimit: nil) { fields in
                // No value may span lines (refused below), so data row i is line i + 2.
                cellsByLine.append((cellsByLine.count + 2, fields.map(Self.trimmed)))
            }
        } catch {
            throw AtlasError.badFile(
                path: path, reason: "not valid CSV (a closing quote must be followed by a comma or the end of the line)")
        }
        let header = parsed.header.map(Self.trimmed)
        guard !header.isEmpty, header.contains(where: { !$0.isEmpty }) else {
            throw AtlasError.badFile(path: path, reason: "empty file, expected a header row")
        }
        guard !header.contains(where: { $0.contains(where: \.isNewline) }) else {
            throw AtlasError.badFile(path: path, reason: "line 1: a column name spans several lines (an unclosed quote?)")
        }
        if let duplicate = Dictionary(grouping: header, by: { $0.lowercased() }).first(where: { $0.value.count > 1 })?.key {
            throw AtlasError.badFile(path: path, reason: "column \(quoted: duplicate) appears twice in the header")
        }
        let data = cellsByLine.filter { !$0.cells.allSatisfy(\.isEmpty) }
        for (line, cells) in data {
            if let field = cells.firstIndex(where: { $0.contains(where: \.isNewline) }) {
                throw AtlasError.badFile(
                    path: path, reason: "line \(line), field \(field + 1): a value spans several lines (an unclosed quote?)")
            }
            guard cells.count == header.count else {
                throw AtlasError.badFile(path: path, reason: "line \(line) has \(cells.count) fields, the header has \(header.count)")
            }
        }
        self.path = path
        self.header = header
        rows = data.map(\.cells)
        lines = data.map(\.line)
    }

    /// The cell without leading and trailing blanks. Most cells have none, and asking
    /// Foundation to trim each of them took a tenth of `classify train` on 4,435 samples.
    static func trimmed(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, let last = cell.unicodeScalars.last,
            CharacterSet.whitespaces.contains(first) || CharacterSet.whitespaces.contains(last)
        else { return cell }
        return cell.trimmingCharacters(in: .whitespaces)
    }

    public var isEmpty: Bool { rows.isEmpty }

    /// The line of the file a data row came from.
    public func line(ofRow row: Int) -> Int { lines[row] }

    /// The index of a column (case-insensitive), or nil.
    public func columnIndex(_ name: String) -> Int? {
        header.firstIndex { $0.caseInsensitiveCompare(name) == .orderedSame }
    }

    /// The index of a required column; the error lists the columns the file has.
    public func requireColumn(_ name: String) throws -> Int {
        guard let index = columnIndex(name) else {
            throw AtlasError.badFile(path: path, reason: "missing column \(quoted: name) (columns: \(header.joined(separator: ", ")))")
        }
        return index
    }

    public func text(row: Int, column: Int) throws -> String {
        let value = rows[row][column]
        guard !value.isEmpty else {
            throw AtlasError.badTable(path: path, line: line(ofRow: row), column: header[column], reason: "empty value")
        }
        return value
    }

    /// A finite number.
    public func number(row: Int, column: Int) throws -> Double {
        let value = try text(row: row, column: column)
        guard let number = Double(value), number.isFinite else {
            throw AtlasError.badTable(
                path: path, line: line(ofRow: row), column: header[column], reason: "\(quoted: value) is not a number")
        }
        return number
    }

    /// A finite number, or nil for an empty cell.
    public func optionalNumber(row: Int, column: Int) throws -> Double? {
        rows[row][column].isEmpty ? nil : try number(row: row, column: column)
    }
}

/// A whole text file the user gave (a table, a configuration, a model), read only when it is
/// a regular file of plausible size: a folder, a device such as /dev/zero or a pipe would
/// otherwise be read until memory runs out. Read through FileHandle: Foundation's
/// String(contentsOfFile:) and Data(contentsOf:) leak 4 KiB for every empty file (found by
/// AddressSanitizer on the empty-table cases).
public enum UTF8File {
    /// Tables (samples, boreholes, soil, strata, mining, forcing): a million rows fit.
    public static let tableLimit = 64 << 20
    /// Configurations and column files.
    public static let configurationLimit = 1 << 20
    /// Model files and reports (a deep 500-tree forest is tens of MB of JSON).
    public static let modelLimit = 1 << 30

    /// The text of `path`; every refusal names the file.
    public static func text(_ path: String, limit: Int, what: String) throws -> String {
        var status = stat()
        guard stat(path, &status) == 0 else { throw AtlasError.badFile(path: path, reason: "no such file") }
        switch status.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw AtlasError.badFile(path: path, reason: "is a folder, not a \(what) file")
        default: throw AtlasError.badFile(path: path, reason: "is not a regular file (a device or pipe); give a \(what) file")
        }
        guard Int(status.st_size) <= limit else {
            throw AtlasError.badFile(
                path: path, reason: "is \(Int(status.st_size) >> 20) MB; a \(what) file may have at most \(limit >> 20) MB")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw AtlasError.badFile(path: path, reason: "cannot be read") }
        defer { try? handle.close() }
        // At most one byte past the limit, whatever the size said (files under /proc say 0).
        let data = try handle.read(upToCount: limit + 1) ?? Data()
        guard data.count <= limit else {
            throw AtlasError.badFile(path: path, reason: "is over \(limit >> 20) MB; a \(what) file may have at most that")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw AtlasError.badFile(path: path, reason: "cannot read as UTF-8 text")
        }
        return text
    }
}

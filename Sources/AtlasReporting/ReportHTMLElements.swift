import AtlasCartography
import AtlasCore
import Foundation

/// The HTML pieces the report is made of. Every text that comes from data goes through
/// `escape`; only `Cell.markup` carries HTML built here.
enum HTML {
    static func escape(_ text: String) -> String { XMLText.escaped(text) }

    /// A table cell: escaped text, a right-aligned number, or markup made by the report.
    struct Cell {
        let html: String
        let className: String?

        static func text(_ text: String) -> Cell { Cell(html: escape(text), className: nil) }
        static func number(_ text: String) -> Cell { Cell(html: escape(text), className: "num") }
        static func markup(_ html: String, className: String? = nil) -> Cell { Cell(html: html, className: className) }

        /// The same cell with an extra class (e.g. the diagonal of a matrix).
        func marked(_ name: String) -> Cell {
            Cell(html: html, className: className.map { "\($0) \(name)" } ?? name)
        }

        func render(tag: String) -> String {
            "<\(tag)\(className.map { " class=\"\($0)\"" } ?? "")>\(html)</\(tag)>"
        }
    }

    /// A table with one header row; `rowHeaders` renders each row's first cell as a <th>.
    static func table(header: [Cell], rows: [[Cell]], caption: String? = nil, rowHeaders: Bool = false, className: String? = nil) -> String
    {
        // Each table scrolls inside its own box: on a phone a wide matrix never widens the page.
        var lines = ["<div class=\"table-wrap\"><table\(className.map { " class=\"\($0)\"" } ?? "")>"]
        if let caption { lines.append("<caption>\(escape(caption))</caption>") }
        lines.append("<thead><tr>" + header.map { $0.render(tag: "th") }.joined() + "</tr></thead>")
        lines.append("<tbody>")
        for row in rows {
            let cells = row.enumerated().map { $1.render(tag: rowHeaders && $0 == 0 ? "th" : "td") }
            lines.append("<tr>" + cells.joined() + "</tr>")
        }
        lines.append("</tbody></table></div>")
        return lines.joined(separator: "\n")
    }

    static func table(header: [String], rows: [[Cell]], caption: String? = nil) -> String {
        table(header: header.map(Cell.text), rows: rows, caption: caption)
    }

    /// A two-column table of names and values.
    static func facts(_ pairs: [(String, String)]) -> String {
        "<div class=\"table-wrap\"><table class=\"facts\"><tbody>\n"
            + pairs.map { "<tr><th>\(escape($0.0))</th><td>\(escape($0.1))</td></tr>" }.joined(separator: "\n")
            + "\n</tbody></table></div>"
    }

    static func section(_ title: ReportSection, _ content: [String]) -> String {
        (["<section id=\"\(title.anchor)\">", "<h2>\(escape(title.rawValue))</h2>"] + content + ["</section>"])
            .joined(separator: "\n")
    }

    static func heading(_ text: String) -> String { "<h3>\(escape(text))</h3>" }

    static func paragraph(_ text: String, className: String? = nil) -> String {
        "<p\(className.map { " class=\"\($0)\"" } ?? "")>\(escape(text))</p>"
    }

    static func list(_ items: [String]) -> String {
        "<ul>\n" + items.map { "<li>\(escape($0))</li>" }.joined(separator: "\n") + "\n</ul>"
    }

    /// "#rrggbb" of a colour.
    static func hex(_ red: UInt8, _ green: UInt8, _ blue: UInt8) -> String {
        String(format: "#%02x%02x%02x", red, green, blue)
    }
}

/// Numbers as the report prints them; a missing or NaN value is a dash.
enum NumberText {
    static let missing = "–"

    static func fixed(_ value: Double?, _ digits: Int) -> String {
        guard let value, value.isFinite else { return missing }
        let text = String(format: "%.\(digits)f", value)
        // "-0.000" reads as a sign where there is none.
        return Double(text) == 0 ? String(format: "%.\(digits)f", 0.0) : text
    }

    static func significant(_ value: Double?, _ digits: Int = 4) -> String {
        guard let value, value.isFinite else { return missing }
        return String(format: "%.\(digits)g", value)
    }

    static func percent(_ share: Double?, _ digits: Int = 1) -> String {
        guard let share, share.isFinite else { return missing }
        return fixed(share * 100, digits) + " %"
    }

    static func count(_ value: Int) -> String { String(value) }
}

/// Units as a reader writes them: degC as °C, m3/m2 as m³/m².

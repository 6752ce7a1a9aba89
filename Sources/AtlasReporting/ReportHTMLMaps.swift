import AtlasCartography
import AtlasCore
import Foundation

/// The maps of the report: each map page embedded as a PNG data URI, with a text legend.
enum ReportHTMLMaps {
    /// Long side of a map page in the report, CSS pixels (the page carries its own title,
    /// legend, scale bar and north arrow; the text legend beside it stays readable on a
    /// phone, where the page shrinks to the screen's width).
    static let displayLongSide = 680.0
    /// Class legends longer than this list only the classes present in the map.

    /// Products in report order (pre, post, diff as the catalogue lists them), others after.
    static func orderedKeys(_ keys: [String]) -> [String] {
        let known = AtlasProduct.mapped.map(\.path)
        return known.filter(keys.contains) + keys.filter { !known.contains($0) }.sorted()
    }

    static func section(report: AtlasReport, maps: [String: RenderedMap], baseDirectory: String) -> String {
        guard !maps.isEmpty else { return HTML.section(.maps, [HTML.paragraph("No maps were rendered.")]) }
        let groups: [(prefix: String, title: String)] = [
            ("pre/", "Before mining"), ("post/", "After mining"),
            ("diff/", "Change (post - pre)"),
        ]
        let keys = orderedKeys(Array(maps.keys))
        var content: [String] = []
        for group in groups {
            let members = keys.filter { $0.hasPrefix(group.prefix) }
            guard !members.isEmpty else { continue }
            content.append(HTML.heading(group.title))
            content += members.map { figure(key: $0, report: report, map: maps[$0]!, baseDirectory: baseDirectory) }
        }
        let others = keys.filter { key in !groups.contains { key.hasPrefix($0.prefix) } }
        if !others.isEmpty {
            content.append(HTML.heading("Other maps"))
            content += others.map { figure(key: $0, report: report, map: maps[$0]!, baseDirectory: baseDirectory) }
        }
        return HTML.section(.maps, content)
    }

    private static func figure(key: String, report: AtlasReport, map: RenderedMap, baseDirectory: String) -> String {
        let title = report.products[key]?.title ?? (map.legend.title.isEmpty ? key : map.legend.title)
        var details = ["\(key)"]
        if let metres = map.metresPerPixel { details.append("1 map pixel = \(NumberText.significant(metres, 4)) m") }
        return [
            "<figure class=\"map\">",
            "<figcaption><strong>\(HTML.escape(title))</strong> <span class=\"details\">\(HTML.escape(details.joined(separator: "; ")))</span></figcaption>",
            "<div class=\"map-body\">",
            "<div class=\"frame\" style=\"width: \(NumberText.fixed(displayWidth(map), 0))px\">",
            image(map, title: title, baseDirectory: baseDirectory),
            "</div>",
            legend(map.legend),
            "</div>",
            "</figure>",
        ].joined(separator: "\n")
    }

    private static func displayWidth(_ map: RenderedMap) -> Double {
        map.width >= map.height ? displayLongSide : displayLongSide * Double(map.width) / Double(map.height)
    }

    private static func image(_ map: RenderedMap, title: String, baseDirectory: String) -> String {
        let path = map.png.hasPrefix("/") ? map.png : URL(fileURLWithPath: baseDirectory).appendingPathComponent(map.png).path
        guard let data = FileManager.default.contents(atPath: path) else {
            return HTML.paragraph("Map picture not found: \(map.png)", className: "missing")
        }
        return
            "<img src=\"data:image/png;base64,\(data.base64EncodedString())\" width=\"\(map.width)\" height=\"\(map.height)\" alt=\"\(HTML.escape(title))\">"
    }

    private static func legend(_ legend: MapLegend) -> String {
        let unit = ReadableNumber.unit(legend.unit)
        let heading = legend.title.isEmpty ? unit : legend.title + (unit.isEmpty || legend.kind == .classes ? "" : " (\(unit))")
        let title = heading.isEmpty ? "" : "<div class=\"legend-title\">\(HTML.escape(heading))</div>"
        switch legend.kind {
        case .classes: return "<div class=\"legend\">\(title)\(classLegend(legend))</div>"
        case .ramp: return "<div class=\"legend\">\(title)\(rampLegend(legend))</div>"
        }
    }

    private static func classLegend(_ legend: MapLegend) -> String {
        let entries = legend.classes, shown = legend.listedClasses
        var items = shown.map { entry in
            "<li>\(swatch(entry.color.alpha == 0 ? nil : HTML.hex(entry.color.red, entry.color.green, entry.color.blue)))"
                + "\(HTML.escape(entry.name))\(entry.present ? "" : " <span class=\"absent\">(not in map)</span>")</li>"
        }
        items.append("<li>\(swatch(nil))no data</li>")
        var html = "<ul class=\"classes\">" + items.joined() + "</ul>"
        if shown.count < entries.count {
            html += HTML.paragraph("\(entries.count - shown.count) classes not present in the map are not listed.", className: "note")
        }
        return html
    }

    private static func rampLegend(_ legend: MapLegend) -> String {
        guard let minimum = legend.minimum, let maximum = legend.maximum, let first = legend.stops.first, let last = legend.stops.last
        else {
            return HTML.paragraph("No valid pixels.", className: "note")
        }
        let span = last.value - first.value
        let gradient = legend.stops.map { stop in
            let position = span > 0 ? (stop.value - first.value) / span * 100 : 0
            return "\(HTML.hex(stop.color.red, stop.color.green, stop.color.blue)) \(NumberText.fixed(position, 2))%"
        }.joined(separator: ", ")
        let middle = (minimum + maximum) / 2
        let ticks = [minimum, abs(middle) <= 1e-9 * max(abs(minimum), abs(maximum)) ? 0 : middle, maximum]
            .map { "<span>\(HTML.escape(NumberText.significant($0, 3)))</span>" }.joined()
        return "<div class=\"ramp\"><div class=\"gradient\" style=\"background: linear-gradient(to right, \(gradient))\"></div>"
            + "<div class=\"ticks\">\(ticks)</div></div>"
            + "<ul class=\"classes\"><li>\(swatch(nil))no data</li></ul>"
    }

    /// A colour square; nil draws the empty (transparent) square used for nodata.
    private static func swatch(_ color: String?) -> String {
        guard let color else { return "<span class=\"swatch empty\"></span>" }
        return "<span class=\"swatch\" style=\"background: \(color)\"></span>"
    }
}

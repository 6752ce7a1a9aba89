import AtlasCartography
import AtlasCore

/// The summary tables: class areas, transitions, ground ice, disturbance, check boreholes.
enum ReportHTMLTables {
    /// Class maps of pre/ and post/ side by side: area per class (km²) and its change.
    static func classAreaSection(_ report: AtlasReport, maps: [String: RenderedMap]) -> String {
        let stems = ReportHTMLMaps.orderedKeys(Array(report.products.keys)).compactMap { key -> String? in
            guard report.products[key]?.classAreasSquareKilometres != nil else { return nil }
            for prefix in ["pre/", "post/"] where key.hasPrefix(prefix) { return String(key.dropFirst(prefix.count)) }
            return nil
        }
        var seen = Set<String>()
        let content = stems.filter { seen.insert($0).inserted }.map { classAreaTable(stem: $0, report: report, maps: maps) }
        return HTML.section(.classAreas, content.isEmpty ? [HTML.paragraph("No class maps.")] : content)
    }

    private static func classAreaTable(stem: String, report: AtlasReport, maps: [String: RenderedMap]) -> String {
        let pre = report.products["pre/" + stem], post = report.products["post/" + stem]
        let preAreas = pre?.classAreasSquareKilometres ?? [:], postAreas = post?.classAreasSquareKilometres ?? [:]
        // Legend order (by class code) reads better than alphabetical; names no legend knows go last.
        var names: [String] = []
        for key in ["pre/" + stem, "post/" + stem] {
            for entry in maps[key]?.legend.classes ?? [] where !names.contains(entry.name) { names.append(entry.name) }
        }
        names = names.filter { preAreas[$0] != nil || postAreas[$0] != nil }
        names += Set(preAreas.keys).union(postAreas.keys).subtracting(names).sorted()
        let area = { (areas: [String: Double], name: String, known: Bool) in
            known ? NumberText.fixed(areas[name] ?? 0, 4) : NumberText.missing
        }
        var rows = names.map { name -> [HTML.Cell] in
            let change =
                pre != nil && post != nil ? NumberText.fixed((postAreas[name] ?? 0) - (preAreas[name] ?? 0), 4) : NumberText.missing
            return [.text(name), .number(area(preAreas, name, pre != nil)), .number(area(postAreas, name, post != nil)), .number(change)]
        }
        let preTotal = preAreas.values.reduce(0, +), postTotal = postAreas.values.reduce(0, +)
        rows.append([
            .text("total"), .number(pre != nil ? NumberText.fixed(preTotal, 4) : NumberText.missing),
            .number(post != nil ? NumberText.fixed(postTotal, 4) : NumberText.missing),
            .number(pre != nil && post != nil ? NumberText.fixed(postTotal - preTotal, 4) : NumberText.missing),
        ])
        let title =
            (pre ?? post).map {
                $0.title.replacingOccurrences(of: " (pre-mining)", with: "").replacingOccurrences(of: " (post-mining)", with: "")
            } ?? stem
        return HTML.heading(title) + "\n"
            + HTML.table(header: ["Class", "Before mining (km²)", "After mining (km²)", "Change (km²)"], rows: rows)
    }

    /// Rows before mining, columns after, km², with totals; the diagonal (unchanged) is marked.
    static func transitionSection(_ section: ReportSection, _ transition: AtlasReport.Transition) -> String {
        let matrix = transition.areaSquareKilometres
        guard !transition.classes.isEmpty, !matrix.isEmpty else { return HTML.section(section, [HTML.paragraph("Not computed.")]) }
        let classes = transition.classes
        let header = [HTML.Cell.text("before \\ after")] + classes.map { HTML.Cell.text($0) } + [.text("total")]
        var rows = matrix.enumerated().map { index, areas -> [HTML.Cell] in
            let cells = areas.enumerated().map { column, area -> HTML.Cell in
                let cell = HTML.Cell.number(NumberText.fixed(area, 4))
                return column == index ? cell.marked("diagonal") : cell
            }
            return [.text(index < classes.count ? classes[index] : "class \(index)")] + cells + [
                .number(NumberText.fixed(areas.reduce(0, +), 4))
            ]
        }
        let columns = matrix.map(\.count).max() ?? 0
        let totals = (0..<columns).map { column in matrix.reduce(0) { $0 + (column < $1.count ? $1[column] : 0) } }
        rows.append(
            [.text("total")] + totals.map { .number(NumberText.fixed($0, 4)) } + [.number(NumberText.fixed(totals.reduce(0, +), 4))])
        let table = HTML.table(
            header: header, rows: rows, caption: "Area (km²); rows: before mining, columns: after mining",
            rowHeaders: true, className: "matrix")
        return HTML.section(section, [table])
    }

    static func iceSection(_ volumes: [String: Double], budget: AtlasReport.IceBudget? = nil) -> String {
        guard !volumes.isEmpty else { return HTML.section(.groundIce, [HTML.paragraph("Not computed.")]) }
        var content = [iceVolumeTable(volumes)]
        if let budget {
            // The ground the strata describe, 0 to the depth limit below the original surface,
            // in the disturbed area: before = removed + thawed + kept, after = kept + newly
            // frozen + frozen spoil.
            let rows: [(String, Double)] = [
                ("Removed with pits", -budget.removed), ("Thawed in place", -budget.thawed),
                ("Newly frozen (former active layer)", budget.newlyFrozen), ("Frozen spoil", budget.spoil),
                ("Kept frozen", budget.kept), ("of which buried under dumps", budget.buried),
            ]
            content.append(HTML.heading("Where the ice of the disturbed area went"))
            content.append(
                HTML.table(
                    header: ["Disturbed area (polygons and buffers), original ground to the depth limit", "Volume (m³)"],
                    rows: rows.map { [.text($0.0), .number(NumberText.fixed($0.1, 0))] }
                        + [[.text("Change (after - before)"), .number(NumberText.fixed(budget.change, 0))]]))
        }
        return HTML.section(.groundIce, content)
    }

    private static func iceVolumeTable(_ volumes: [String: Double]) -> String {
        let labels = ["pre": "Before mining", "post": "After mining"]
        let order = ["pre", "post"].filter { volumes[$0] != nil } + volumes.keys.filter { labels[$0] == nil }.sorted()
        var rows = order.map { [HTML.Cell.text(labels[$0] ?? $0), .number(NumberText.fixed(volumes[$0], 6))] }
        if let pre = volumes["pre"], let post = volumes["post"] {
            rows.append([.text("Change (after - before)"), .number(NumberText.fixed(post - pre, 6))])
        }
        return HTML.table(header: ["Ground ice between the permafrost table and the depth limit", "Volume (km³)"], rows: rows)
    }

    static func disturbanceSection(_ rows: [AtlasReport.DisturbanceSummaryRow]) -> String {
        guard !rows.isEmpty else { return HTML.section(.disturbance, [HTML.paragraph("No disturbed pixels.")]) }
        let cells = rows.map { row -> [HTML.Cell] in
            [
                .text(row.type), .text(row.zone), .number(NumberText.fixed(row.areaSquareKilometres, 4)),
                .number(NumberText.fixed(row.meanMAGTChange, 3)), .number(NumberText.fixed(row.meanALTChange, 3)),
                .number(NumberText.fixed(row.iceVolumeChangeCubicMetres, 0)),
            ]
        }
        return HTML.section(
            .disturbance,
            [
                HTML.table(
                    header: ["Type", "Zone", "Area (km²)", "Mean MAGT change (°C)", "Mean ALT change (m)", "Ice volume change (m³)"],
                    rows: cells, caption: "Changes are post - pre, averaged over the pixels of each type and zone")
            ])
    }

    static func checkBoreholeSection(summaries: [AtlasReport.CheckSummary], boreholes: [AtlasReport.CheckBorehole]) -> String {
        guard !summaries.isEmpty || !boreholes.isEmpty else {
            return HTML.section(.checkBoreholes, [HTML.paragraph("No check boreholes were given.")])
        }
        let summaryRows = summaries.map { summary -> [HTML.Cell] in
            [
                .text(quantityName(summary.quantity)), .number(NumberText.count(summary.count)),
                .number(NumberText.significant(summary.meanAbsoluteError)),
                .number(NumberText.significant(summary.rmse)), .number(NumberText.significant(summary.bias)),
                .number(NumberText.percent(summary.shareWithin20Percent)),
                .text(
                    summary.absoluteTolerance.map {
                        "\(NumberText.percent(summary.shareWithinTolerance)) within ±\(NumberText.significant($0))"
                    }
                        ?? NumberText.missing),
            ]
        }
        let boreholeRows = boreholes.map { hole -> [HTML.Cell] in
            [
                .text(hole.id), .text(quantityName(hole.quantity)), .number(NumberText.significant(hole.observed)),
                .number(NumberText.significant(hole.predicted)),
                .number(NumberText.significant(hole.error)), .number(NumberText.percent(hole.relativeError)),
                .text(hole.within20Percent.map { $0 ? "yes" : "no" } ?? NumberText.missing),
            ]
        }
        return HTML.section(
            .checkBoreholes,
            [
                HTML.table(
                    header: [
                        "Quantity", "Boreholes", "Mean absolute error", "RMSE", "Bias (mapped - observed)", "Within 20 %",
                        "Within a tolerance",
                    ],
                    rows: summaryRows,
                    caption: "Independent boreholes against the mapped values"),
                HTML.table(
                    header: ["Borehole", "Quantity", "Observed", "Mapped", "Error (mapped - observed)", "Relative error", "Within 20 %"],
                    rows: boreholeRows),
            ])
    }

    /// "MAGT (°C)" for the check table's column names; other names as they are.
    private static func quantityName(_ quantity: String) -> String {
        let names = ["magt": "MAGT (°C)", "alt": "ALT (m)", "ice": "ground ice (m³/m²)"]
        return names[quantity.lowercased()] ?? quantity
    }
}

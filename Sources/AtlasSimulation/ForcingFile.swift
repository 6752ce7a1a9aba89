import AtlasCore
import Foundation
import PermafrostKernels

/// A forcing file of `simulate` (Docs/SIMULATION.md): YAML with one of `sinusoid`, `monthly` or
/// `series` and the n-factors, or directly a CSV series (12 monthly or 365 daily temperatures,
/// taken as ground-surface temperatures).
public enum ForcingFile {
    static let keys = ["sinusoid", "monthly", "series", "n_thawing", "n_freezing"]

    public static func load(_ path: String) throws -> SurfaceForcing {
        if path.lowercased().hasSuffix(".csv") {
            return SurfaceForcing(series: try csvSeries(path))
        }
        let top = try SimulationYAML.root(path, what: "forcing")
        try top.checkKeys(keys)
        let given = ["sinusoid", "monthly", "series"].filter { top.node($0) != nil }
        guard given.count == 1 else {
            throw top.error(
                given.count > 1 ? given[1] : "sinusoid",
                "give exactly one of sinusoid, monthly or series\(given.count > 1 ? " (found \(given.joined(separator: " and ")))" : "")")
        }
        let series: SurfaceForcing.Series
        var seriesSection = top
        if let sinusoid = try top.section("sinusoid") {
            try sinusoid.checkKeys(["mean", "amplitude", "coldest_day", "period_days"])
            series = .sinusoid(
                mean: try SimulationYAML.required(sinusoid, "mean"), amplitude: try SimulationYAML.required(sinusoid, "amplitude"),
                coldestDay: try sinusoid.double("coldest_day") ?? 15, periodDays: try sinusoid.double("period_days") ?? 365)
            seriesSection = sinusoid
        } else if let monthly = try top.doubles("monthly") {
            series = .monthlyMeans(monthly)
        } else {
            guard let csv = try top.existingPath("series", base: URL(fileURLWithPath: path).deletingLastPathComponent().path) else {
                throw top.error("series", "expected the path of a CSV file")
            }
            series = try csvSeries(csv)
        }
        let forcing = SurfaceForcing(
            series: series, thawingNFactor: try top.double("n_thawing") ?? 1,
            freezingNFactor: try top.double("n_freezing") ?? 1)
        try SimulationYAML.located(top, seriesSection) { () throws(SimulationError) in try forcing.validate() }
        return forcing
    }

    /// CSV with a `temperature` column (C): 12 rows of monthly means, January first, or 365 of
    /// daily means. A `month` or `day` column, when present, must count 1, 2, 3, ...
    static func csvSeries(_ path: String) throws -> SurfaceForcing.Series {
        let table = try CSVTable(path: path)
        let column = try table.requireColumn("temperature")
        let values = try table.rows.indices.map { try table.number(row: $0, column: column) }
        for name in ["month", "day"] {
            guard let order = table.columnIndex(name) else { continue }
            for row in table.rows.indices where try table.text(row: row, column: order) != "\(row + 1)" {
                throw AtlasError.badTable(
                    path: path, line: table.line(ofRow: row), column: name, reason: "expected \(row + 1), the rows must be in order")
            }
        }
        switch values.count {
        case 12: return .monthlyMeans(values)
        case 365: return .dailyMeans(values)
        default:
            throw AtlasError.badFile(path: path, reason: "\(values.count) temperatures, expected 12 (monthly means) or 365 (daily means)")
        }
    }
}

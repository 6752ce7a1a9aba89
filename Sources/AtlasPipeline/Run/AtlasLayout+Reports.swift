import Foundation
import GeoRaster
import PermafrostKernels

extension AtlasLayout {
    /// Draws every product into maps/ (pre and post of one quantity share a colour range so
    /// they compare) and records each map's path in the report. Maps are independent files,
    /// drawn `threads` at a time, each from its own dataset handle; the first failure in
    /// product order is the one reported, whatever the thread count.
    func renderMaps(_ report: inout AtlasReport, threads: Int) throws -> [String: RenderedMap] {
        let paths = AtlasLayout.productPaths.filter { report.products[$0] != nil }
        let names = paths.map { $0.replacingOccurrences(of: ".tif", with: "").replacingOccurrences(of: "/", with: "_") }
        let requests = zip(paths, names).map { path, name in
            MapRenderer.Request(raster: "\(root)/\(path)", out: map(name), range: sharedRange(of: path, in: report), overwrite: true)
        }
        let rendered = try WorkSharing.map(taskCount: requests.count, threads: threads) { try MapRenderer.render(requests[$0]) }
        var maps: [String: RenderedMap] = [:]
        for (index, path) in paths.enumerated() {
            maps[path] = rendered[index]
            report.products[path]?.map = "maps/\(names[index]).png"
        }
        return maps
    }

    /// The common value range of a continuous product before and after mining.
    private func sharedRange(of path: String, in report: AtlasReport) -> ClosedRange<Double>? {
        let parts = path.split(separator: "/")
        guard parts.count == 2, parts[0] == "pre" || parts[0] == "post", report.products[path]?.unit != "class" else { return nil }
        let pair = ["pre/\(parts[1])", "post/\(parts[1])"].compactMap { report.products[$0] }
        guard let low = pair.compactMap(\.minimum).min(), let high = pair.compactMap(\.maximum).max(), low < high else { return nil }
        if parts[1] == "magt.tif" {
            let magnitude = max(abs(low), abs(high))
            return -magnitude...magnitude
        }
        return low...high
    }

    /// Writes report.json and the self-contained report.html (atomically).
    func writeReports(_ report: AtlasReport, maps: [String: RenderedMap]) throws {
        try TextFileOutput.write(try JSONOutput.encode(report) + "\n", to: reportJSON, overwrite: true)
        try TextFileOutput.write(ReportHTML.render(report: report, maps: maps, baseDirectory: root), to: reportHTML, overwrite: true)
    }
}

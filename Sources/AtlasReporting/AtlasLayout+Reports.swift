import AtlasCartography
import AtlasCore
import AtlasFoundation
import Foundation
import GeoRaster

extension AtlasLayout {
    /// Draws every product into maps/ (pre and post of one quantity share a colour range so
    /// they compare), as map pages when `pages` is given, and records each map's path in the
    /// report. Maps are independent files, drawn `threads` at a time, each from its own dataset
    /// handle; the first failure in product order is the one reported, whatever the thread
    /// count. The SHA-256 of `files` are taken by the same
    /// workers before the maps: hashing a large input (seconds at 100 MP) then overlaps the
    /// maps instead of running alone. Digests come back in the order of `files`. `source`
    /// names the file to draw a product from (a working copy with the same pixels and bands;
    /// the product itself by default).
    public func renderMaps(
        _ products: inout [String: AtlasReport.Product], threads: Int, digesting files: [String],
        source: ((AtlasProduct) -> String)? = nil, pages: MapPageSettings? = nil
    ) throws -> (maps: [String: RenderedMap], digests: [String]) {
        let mapped = AtlasProduct.mapped.filter { products[$0.path] != nil }
        let file = { (product: AtlasProduct) in source?(product) ?? self.path(of: product) }
        let requests = mapped.map { product in
            MapRenderer.Request(
                raster: file(product), out: map(of: product), rampName: product.ramp?.rawValue,
                range: sharedRange(of: product, in: products), overwrite: true,
                page: pages.map { settings in
                    MapRenderer.PageOptions(
                        title: products[product.path]?.title ?? product.title, subtitle: settings.subtitle,
                        hillshadeDEM: settings.dem,
                        permafrostMask: Self.definedOnPermafrost.contains(product.name)
                            ? product.folder == .post ? file(.postPermafrost) : file(.prePermafrost) : nil,
                        zoomToChange: product.folder == .diff)
                })
        }
        enum Outcome {
            case digest(String)
            case map(RenderedMap)
        }
        let outcomes = try WorkSharing.map(taskCount: files.count + requests.count, threads: threads) { task -> Outcome in
            task < files.count ? .digest(try SHA256.file(files[task])) : .map(try MapRenderer.render(requests[task - files.count]))
        }
        var maps: [String: RenderedMap] = [:], digests: [String] = []
        for (task, outcome) in outcomes.enumerated() {
            switch outcome {
            case .digest(let digest): digests.append(digest)
            case .map(let rendered): maps[mapped[task - files.count].path] = rendered
            }
        }
        for product in mapped { products[product.path]?.map = "maps/\(product.mapName).png" }
        return (maps, digests)
    }

    /// Products mapped only where there is permafrost: their empty pixels are "no permafrost"
    /// or "no data".
    static let definedOnPermafrost: Set<String> = ["alt", "ice", "ice_class"]

    /// What the maps of a run show besides their rasters (`MapRenderer.PageOptions`).
    public struct MapPageSettings: Sendable {
        /// Under the title: tool, version and date.
        public var subtitle: String
        /// Shaded under continuous maps.
        public var dem: String?

        public init(subtitle: String, dem: String?) {
            self.subtitle = subtitle
            self.dem = dem
        }
    }

    /// The common value range of a continuous product before and after mining; MAGT's is
    /// centred on 0 C so the temperature ramp's middle colour is the thaw point.
    private func sharedRange(of product: AtlasProduct, in products: [String: AtlasReport.Product]) -> ClosedRange<Double>? {
        guard !product.isClassMap, let counterpart = product.counterpart else { return nil }
        let pair = [product, counterpart].compactMap { products[$0.path] }
        guard let low = pair.compactMap(\.minimum).min(), let high = pair.compactMap(\.maximum).max(), low < high else { return nil }
        if product.ramp == .temperature {
            let magnitude = max(abs(low), abs(high))
            return -magnitude...magnitude
        }
        return low...high
    }

    /// Writes report.json and the self-contained report.html (atomically).
    /// Both are written before either is moved into place: a disk that fills up on the
    /// second never leaves the first standing alone.
    /// With `gis`, the QGIS styles and project (`gisFiles`) are written in the same batch.
    public func writeReports(_ report: AtlasReport, maps: [String: RenderedMap], gis: GISInputs? = nil) throws {
        try TextFileOutput.write(
            [
                (try JSONOutput.encode(report) + "\n", reportJSON),
                (ReportHTML.render(report: report, maps: maps, baseDirectory: root), reportHTML),
            ] + (try gis.map { try gisFiles(report: report, maps: maps, inputs: $0) } ?? []))
    }
}

import AtlasCartography
import AtlasCore
import Foundation
import GeoRaster

/// The atlas as GIS users open it: a QGIS style (.qml) beside every raster, which QGIS loads by
/// itself, and atlas.qgs, a project with every product grouped (pre-mining, post-mining,
/// differences), styled, over a hillshade of the DEM and under the mining outlines.
extension AtlasLayout {
    public var qgisProject: String { "\(root)/atlas.qgs" }

    /// The style side-car QGIS looks for beside `raster` ("pre/magt.qml").
    public static func style(of raster: String) -> String {
        (raster.hasSuffix(".tif") ? String(raster.dropLast(4)) : raster) + ".qml"
    }

    /// The inputs the project shows under and over the products.
    public struct GISInputs: Sendable {
        public var dem: String
        /// The mining polygons; nil when the disturbance was given as a raster.
        public var miningPolygons: String?

        public init(dem: String, miningPolygons: String?) {
            self.dem = dem
            self.miningPolygons = miningPolygons
        }
    }

    /// The styles and the project, as files to write (text, path).
    public func gisFiles(report: AtlasReport, maps: [String: RenderedMap], inputs: GISInputs) throws -> [(text: String, path: String)] {
        let grid = try RasterDataset(path: path(of: .preMAGT)).grid()
        let productCRS = grid.spatialReference.wkt
        var files: [(text: String, path: String)] = []
        func layer(_ product: AtlasProduct, visible: Bool = false) -> QGISProject.Layer? {
            guard let map = maps[product.path], let style = Self.style(of: product, map: map, report: report) else { return nil }
            files.append((style.qml(), Self.style(of: path(of: product))))
            return QGISProject.Layer(
                id: product.mapName, name: product.title, source: "./\(product.path)", style: style, crsWKT: productCRS,
                visible: visible, opacity: product.isClassMap ? 1 : 0.8)
        }
        let pre = AtlasProduct.pre.compactMap { layer($0, visible: $0 == .preMAGT) }
        let post = AtlasProduct.post.compactMap { layer($0) }
        let differences = AtlasProduct.differences.compactMap { layer($0) }
        var base: [QGISProject.Layer] = []
        for product in [AtlasProduct.disturbance, .zones] where FileManager.default.fileExists(atPath: path(of: product)) {
            let style = try Self.classStyle(ofRaster: path(of: product))
            files.append((style.qml(), Self.style(of: path(of: product))))
            base.append(
                .init(
                    id: product.mapName, name: product.title, source: "./\(product.path)", style: style, crsWKT: productCRS, visible: false)
            )
        }
        let dem = try RasterDataset(path: inputs.dem).grid()
        // QGIS shades a longitude/latitude DEM with heights in metres only when told how many
        // metres a degree is (at the equator; the error grows with the cosine of latitude).
        base.append(
            .init(
                id: "hillshade", name: "Hillshade (DEM)", source: recorded(inputs.dem),
                style: .hillshade(zFactor: dem.spatialReference.isGeographic ? 1 / 111_320 : 1), crsWKT: dem.spatialReference.wkt,
                visible: true))
        var groups = [
            QGISProject.Group(name: "Pre-mining", layers: pre), .init(name: "Post-mining", layers: post),
            .init(name: "Difference (post - pre)", layers: differences), .init(name: "Base", layers: base),
        ]
        if let polygons = inputs.miningPolygons {
            let description = try VectorLayerDescription(path: polygons)
            let outline = QGISProject.Layer(
                id: "mining_outlines", name: "Mining disturbance (outlines)",
                source: "\(recorded(polygons))|layername=\(description.layerName)", style: .outline(RGBA(20, 20, 20)),
                crsWKT: description.spatialReferenceWKT ?? productCRS, visible: true)
            groups.insert(.init(name: "Mining", layers: [outline]), at: 0)
        }
        let west = grid.geoTransform.originX, north = grid.geoTransform.originY
        let east = west + grid.geoTransform.pixelWidth * Double(grid.width)
        let south = north + grid.geoTransform.pixelHeight * Double(grid.height)
        let project = QGISProject(
            title: "Permafrost atlas", groups: groups.filter { !$0.layers.isEmpty }, crsWKT: productCRS,
            extent: (min(west, east), min(south, north), max(west, east), max(south, north)))
        files.append((project.xml, qgisProject))
        return files
    }

    /// A path as the project records it: relative to the output folder ("./../scene/dem.tif").
    private func recorded(_ input: String) -> String {
        "./" + RecordedPath.relativePath(input, from: root)
    }

    /// The style of a mapped product: its classes (transitions only where they occur, so a
    /// legend does not list 36 pairs of which 8 happen) or its map's ramp and range.
    static func style(of product: AtlasProduct, map: RenderedMap, report: AtlasReport) -> QGISLayerStyle? {
        switch map.legend.kind {
        case .classes:
            var entries = map.legend.classes
            if product == .permafrostTransition || product == .stabilityTransition {
                let areas = report.products[product.path]?.classAreasSquareKilometres ?? [:]
                entries = entries.filter { (areas[$0.name] ?? 0) > 0 }
            }
            return .classes(entries)
        case .ramp:
            return map.legend.stops.isEmpty ? nil : .ramp(map.legend.stops, unit: map.legend.unit)
        }
    }

    /// The named classes of a class raster with their colours (nodata left out).
    static func classStyle(ofRaster raster: String) throws -> QGISLayerStyle {
        let band = try RasterDataset(path: raster).band(1)
        let names = band.categoryNames, colors = band.colorTable, noData = band.noDataValue
        let entries = names.indices.filter { !names[$0].isEmpty && Double($0) != noData }.map {
            MapLegend.ClassEntry(code: $0, name: names[$0], color: colors[$0] ?? RGBA(128, 128, 128), present: true)
        }
        return .classes(entries)
    }
}

import AtlasCore
import GeoRaster

/// A QGIS 3 project (.qgs) of the atlas: groups of layers, each a file with its style, all
/// paths relative to the project so the folder can be moved or shared. QGIS 3.22 (Debian 12)
/// opens it; later versions upgrade it.
public struct QGISProject: Sendable {
    /// The version written into styles and projects: the oldest QGIS the files are checked with.
    public static let qgisVersion = "3.22.16-Białowieża"

    public struct Layer: Sendable {
        /// Unique in the project and stable between runs ("pre_magt"); written with a prefix
        /// ("permafrost_atlas_pre_magt"), as QGIS replaces an id of 10 characters or fewer.
        public var id: String
        var projectID: String { "permafrost_atlas_\(id)" }
        public var name: String
        /// Relative to the project's folder; for GeoPackages `file.gpkg|layername=NAME`.
        public var source: String
        public var style: QGISLayerStyle
        /// The layer's CRS as WKT (QGIS would otherwise ask for one).
        public var crsWKT: String
        public var visible: Bool
        public var opacity: Double

        public init(id: String, name: String, source: String, style: QGISLayerStyle, crsWKT: String, visible: Bool, opacity: Double = 1) {
            self.id = id
            self.name = name
            self.source = source
            self.style = style
            self.crsWKT = crsWKT
            self.visible = visible
            self.opacity = opacity
        }
    }

    public struct Group: Sendable {
        public var name: String
        public var layers: [Layer]
        public init(name: String, layers: [Layer]) {
            self.name = name
            self.layers = layers
        }
    }

    public var title: String
    /// Top to bottom, as in QGIS's layers panel (the first is drawn on top).
    public var groups: [Group]
    public var crsWKT: String
    /// xmin, ymin, xmax, ymax of the view the project opens on.
    public var extent: (Double, Double, Double, Double)

    public init(title: String, groups: [Group], crsWKT: String, extent: (Double, Double, Double, Double)) {
        self.title = title
        self.groups = groups
        self.crsWKT = crsWKT
        self.extent = extent
    }

    public var xml: String {
        var lines = [
            "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>",
            "<qgis projectname=\"\(XMLText.escaped(title))\" version=\"\(Self.qgisVersion)\">",
            "  <homePath path=\"\"/>",
            "  <title>\(XMLText.escaped(title))</title>",
            "  <projectCrs>",
        ]
        lines += Self.spatialReference(crsWKT, indent: "    ")
        lines += ["  </projectCrs>", "  <layer-tree-group>"]
        for group in groups {
            lines.append("    <layer-tree-group name=\"\(XMLText.escaped(group.name))\" checked=\"Qt::Checked\" expanded=\"1\">")
            for layer in group.layers {
                lines.append(
                    "      <layer-tree-layer id=\"\(layer.projectID)\" name=\"\(XMLText.escaped(layer.name))\" source=\"\(XMLText.escaped(layer.source))\" "
                        + "providerKey=\"\(layer.provider)\" checked=\"\(layer.visible ? "Qt::Checked" : "Qt::Unchecked")\" expanded=\"0\"/>"
                )
            }
            lines.append("    </layer-tree-group>")
        }
        lines += ["  </layer-tree-group>", "  <projectlayers>"]
        for layer in groups.flatMap(\.layers) { lines += mapLayer(layer) }
        let (xmin, ymin, xmax, ymax) = extent
        lines += [
            "  </projectlayers>",
            "  <mapcanvas name=\"theMapCanvas\" annotationsVisible=\"1\">",
            "    <units>meters</units>",
            "    <extent><xmin>\(xmin)</xmin><ymin>\(ymin)</ymin><xmax>\(xmax)</xmax><ymax>\(ymax)</ymax></extent>",
            "    <rotation>0</rotation>",
            "    <destinationsrs>",
        ]
        lines += Self.spatialReference(crsWKT, indent: "      ")
        lines += [
            "    </destinationsrs>",
            "  </mapcanvas>",
            "  <properties>",
            "    <Paths><Absolute type=\"bool\">false</Absolute></Paths>",
            "  </properties>",
            "</qgis>",
            "",
        ]
        return lines.joined(separator: "\n")
    }

    private func mapLayer(_ layer: Layer) -> [String] {
        let type = layer.style.isRaster ? "raster" : "vector"
        let geometry = layer.style.isRaster ? "" : " geometry=\"Polygon\""
        var lines = [
            "    <maplayer type=\"\(type)\"\(geometry) hasScaleBasedVisibilityFlag=\"0\" styleCategories=\"AllStyleCategories\">",
            "      <id>\(layer.projectID)</id>",
            "      <datasource>\(XMLText.escaped(layer.source))</datasource>",
            "      <layername>\(XMLText.escaped(layer.name))</layername>",
            "      <srs>",
        ]
        lines += Self.spatialReference(layer.crsWKT, indent: "        ")
        lines += ["      </srs>", "      <provider>\(layer.provider)</provider>"]
        if !layer.style.isRaster { lines.append("      <layerOpacity>\(layer.opacity)</layerOpacity>") }
        lines.append(layer.style.body(opacity: layer.opacity, indent: "      "))
        lines.append("    </maplayer>")
        return lines
    }

    private static func spatialReference(_ wkt: String, indent: String) -> [String] {
        ["<spatialrefsys>", "  <wkt>\(XMLText.escaped(wkt))</wkt>", "</spatialrefsys>"].map { indent + $0 }
    }
}

extension QGISProject.Layer {
    var provider: String { style.isRaster ? "gdal" : "ogr" }
}

import AtlasCore
import GeoRaster

/// How QGIS draws a layer of the atlas, as the XML of a QGIS 3 style: class maps as a
/// paletted renderer listing only their classes (the GeoTIFF's colour table always has 256
/// entries, which QGIS would list as 256 legend rows), continuous maps as an interpolated
/// pseudocolour ramp with the report's colours and range, the DEM as hillshade and the mining
/// polygons as outlines.
public enum QGISLayerStyle: Sendable, Equatable {
    case classes([MapLegend.ClassEntry])
    /// Ramp stops (value, colour), in increasing value; QGIS interpolates between them as the
    /// atlas's own maps do.
    case ramp([MapLegend.Stop], unit: String)
    /// The DEM shaded from the north-west; `zFactor` turns its vertical unit into the CRS's
    /// horizontal one (1 for metres over metres).
    case hillshade(zFactor: Double)
    case outline(RGBA)

    var isRaster: Bool {
        if case .outline = self { return false }
        return true
    }

    /// A `.qml` file: QGIS loads `NAME.qml` beside `NAME.tif` by itself when the layer is added.
    public func qml(opacity: Double = 1) -> String {
        """
        <!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>
        <qgis version="\(QGISProject.qgisVersion)" styleCategories="AllStyleCategories">
        \(body(opacity: opacity, indent: "  "))
        </qgis>

        """
    }

    /// The elements a style and a project's map layer share: the pipe of a raster, the
    /// renderer of a vector layer.
    func body(opacity: Double, indent: String) -> String {
        let lines: [String]
        switch self {
        case .outline(let color):
            lines = vectorRenderer(color)
        default:
            lines =
                ["<pipe>"] + rasterRenderer(opacity: opacity).map { "  " + $0 } + [
                    "  <brightnesscontrast gamma=\"1\" contrast=\"0\" brightness=\"0\"/>",
                    "  <huesaturation saturation=\"0\" grayscaleMode=\"0\" colorizeOn=\"0\" colorizeRed=\"255\" colorizeGreen=\"128\" colorizeBlue=\"128\" colorizeStrength=\"100\" invertColors=\"0\"/>",
                    "  <rasterresampler maxOversampling=\"2\"/>",
                    "</pipe>",
                    "<blendMode>0</blendMode>",
                ]
        }
        return lines.map { indent + $0 }.joined(separator: "\n")
    }

    private func rasterRenderer(opacity: Double) -> [String] {
        let common = "band=\"1\" opacity=\"\(opacity)\" alphaBand=\"-1\" nodataColor=\"\""
        switch self {
        case .classes(let entries):
            return ["<rasterrenderer type=\"paletted\" \(common)>", "  <colorPalette>"]
                + entries.map {
                    "    <paletteEntry value=\"\($0.code)\" color=\"\(Self.hex($0.color))\" alpha=\"255\" label=\"\(XMLText.escaped($0.name))\"/>"
                } + ["  </colorPalette>", "</rasterrenderer>"]
        case .ramp(let stops, let unit):
            let low = stops.first?.value ?? 0, high = stops.last?.value ?? 1
            let suffix = unit.isEmpty || unit == "class" ? "" : " \(XMLText.escaped(ReadableNumber.unit(unit)))"
            return [
                "<rasterrenderer type=\"singlebandpseudocolor\" \(common) classificationMin=\"\(low)\" classificationMax=\"\(high)\">",
                "  <rastershader>",
                "    <colorrampshader colorRampType=\"INTERPOLATED\" classificationMode=\"1\" clip=\"0\" minimumValue=\"\(low)\" maximumValue=\"\(high)\">",
            ]
                + stops.map {
                    "      <item value=\"\($0.value)\" color=\"\(Self.hex($0.color))\" alpha=\"255\" label=\"\(ReadableNumber.format($0.value, spanning: high - low))\(suffix)\"/>"
                } + ["    </colorrampshader>", "  </rastershader>", "</rasterrenderer>"]
        case .hillshade(let zFactor):
            return [
                "<rasterrenderer type=\"hillshade\" \(common) azimuth=\"315\" angle=\"45\" zfactor=\"\(zFactor)\" multidirection=\"0\"/>"
            ]
        case .outline:
            return []
        }
    }

    private func vectorRenderer(_ color: RGBA) -> [String] {
        let outline = "\(color.red),\(color.green),\(color.blue),\(color.alpha)"
        let properties = [
            ("color", "0,0,0,0"), ("style", "no"), ("outline_color", outline), ("outline_style", "solid"), ("outline_width", "0.6"),
            ("outline_width_unit", "MM"), ("joinstyle", "bevel"),
        ]
        return [
            "<renderer-v2 type=\"singleSymbol\" symbollevels=\"0\" enableorderby=\"0\" forceraster=\"0\">",
            "  <symbols>",
            "    <symbol type=\"fill\" name=\"0\" alpha=\"1\" clip_to_extent=\"1\" force_rhr=\"0\">",
            "      <layer class=\"SimpleFill\" enabled=\"1\" locked=\"0\" pass=\"0\">",
            "        <Option type=\"Map\">",
        ] + properties.map { "          <Option type=\"QString\" name=\"\($0.0)\" value=\"\($0.1)\"/>" } + [
            "        </Option>",
            "      </layer>",
            "    </symbol>",
            "  </symbols>",
            "</renderer-v2>",
            "<blendMode>0</blendMode>",
        ]
    }

    static func hex(_ color: RGBA) -> String {
        "#" + [color.red, color.green, color.blue].map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
    }
}

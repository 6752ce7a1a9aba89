import AtlasCore
import FoundationXML
import GeoRaster
import XCTest

@testable import AtlasCartography

/// QGIS styles and projects: well-formed XML, only the given classes, ids QGIS keeps.
final class QGISStyleTests: XCTestCase {
    /// Element names with their attributes, in document order.
    final class Elements: NSObject, XMLParserDelegate {
        var found: [(name: String, attributes: [String: String])] = []
        var text = ""
        func parser(
            _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]
        ) {
            found.append((name, attributes))
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

        static func parse(_ xml: String) throws -> Elements {
            let elements = Elements()
            let parser = XMLParser(data: Data(xml.utf8))
            parser.delegate = elements
            XCTAssertTrue(parser.parse(), "not well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
            return elements
        }
    }

    func testAClassStyleListsExactlyItsClassesWithEscapedNames() throws {
        let style = QGISLayerStyle.classes([
            .init(code: 1, name: "stable", color: RGBA(33, 102, 172), present: true),
            .init(code: 12, name: "a -> b & <c>", color: RGBA(255, 0, 8), present: true),
        ])
        let entries = try Elements.parse(style.qml()).found.filter { $0.name == "paletteEntry" }.map(\.attributes)
        XCTAssertEqual(entries.map { $0["value"] }, ["1", "12"])
        XCTAssertEqual(entries.map { $0["label"] }, ["stable", "a -> b & <c>"])
        XCTAssertEqual(entries.map { $0["color"] }, ["#2166ac", "#ff0008"])
    }

    func testARampStyleKeepsItsStopsAndRoundsItsLabels() throws {
        let style = QGISLayerStyle.ramp(
            [
                .init(value: -3.5871737, color: RGBA(0, 0, 255)), .init(value: 0, color: RGBA(255, 255, 255)),
                .init(value: 3.5871737, color: RGBA(255, 0, 0)),
            ],
            unit: "degC")
        let elements = try Elements.parse(style.qml()).found
        let items = elements.filter { $0.name == "item" }.map(\.attributes)
        XCTAssertEqual(items.compactMap { $0["value"].flatMap(Double.init) }, [-3.5871737, 0, 3.5871737])
        XCTAssertEqual(items.map { $0["label"] }, ["-3.59 °C", "0 °C", "3.59 °C"])
        XCTAssertEqual(elements.first { $0.name == "rasterrenderer" }?.attributes["type"], "singlebandpseudocolor")
    }

    /// QGIS 3.22 replaces a layer id of 10 characters or fewer by a random one, which breaks
    /// the layer tree's references: every id written is longer, and tree and layers agree.
    func testProjectLayersAndTreeAgreeOnLongIDs() throws {
        let layer = QGISProject.Layer(
            id: "pre_alt", name: "ALT", source: "./pre/alt.tif", style: .hillshade(zFactor: 1), crsWKT: "LOCAL_CS[\"x\"]", visible: true)
        let project = QGISProject(
            title: "t", groups: [.init(name: "Pre", layers: [layer])], crsWKT: "LOCAL_CS[\"x\"]", extent: (0, 0, 1, 1))
        let elements = try Elements.parse(project.xml)
        let treeIDs = elements.found.filter { $0.name == "layer-tree-layer" }.compactMap { $0.attributes["id"] }
        XCTAssertEqual(treeIDs, ["permafrost_atlas_pre_alt"])
        XCTAssertTrue(elements.text.contains("permafrost_atlas_pre_alt"))
        XCTAssertTrue(treeIDs.allSatisfy { $0.count > 10 })
        XCTAssertEqual(elements.found.first { $0.name == "rasterrenderer" }?.attributes["type"], "hillshade")
    }
}

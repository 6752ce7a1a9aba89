import AtlasTestSupport
import Foundation
import XCTest

@testable import AtlasCartography
@testable import AtlasCore
@testable import AtlasReporting

final class ReportHTMLTests: XCTestCase {
    private func page() throws -> (html: String, workspace: RenderingWorkspace) {
        let workspace = try RenderingWorkspace()
        let maps = try ReportHTMLFixture.maps(in: workspace)
        let html = ReportHTML.render(report: ReportHTMLFixture.report(), maps: maps, baseDirectory: workspace.path)
        return (html, workspace)
    }

    func testEscapeReplacesEveryCharacterWithMeaningInHTML() {
        XCTAssertEqual(
            HTML.escape(ReportHTMLFixture.hostileText),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;")
        XCTAssertEqual(HTML.escape("alpine meadow -> spoil dump, 5 °C"), "alpine meadow -&gt; spoil dump, 5 °C")
    }

    func testTextFromTheReportIsEscaped() throws {
        let html = try page().html
        XCTAssertFalse(html.contains("<script"), "no scripts, and none smuggled in through data")
        XCTAssertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"))
        XCTAssertTrue(html.contains("scene/dem &amp; hillshade.tif"))
    }

    func testEverySectionIsThereWithItsTitle() throws {
        let html = try page().html
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        for section in ReportSection.allCases {
            XCTAssertTrue(html.contains("<h2>\(HTML.escape(section.rawValue))</h2>"), section.rawValue)
            XCTAssertTrue(html.contains("href=\"#\(section.anchor)\""), section.rawValue)
        }
        for table in ["Out-of-bag confusion matrix", "Accuracy per class", "Feature importance", "Coefficients", "Parameters"] {
            XCTAssertTrue(html.contains("<h3>\(table)</h3>"), table)
        }
    }

    /// The map pages carry their own scale bar; the report adds a text legend beside them.
    func testMapsAreEmbeddedPNGsWithLegends() throws {
        let (html, workspace) = try page()
        let prefix = "<img src=\"data:image/png;base64,"
        XCTAssertEqual(html.components(separatedBy: prefix).count - 1, 2)
        let vegetation = try Data(contentsOf: URL(fileURLWithPath: workspace.file("maps/pre_vegetation.png")))
        XCTAssertTrue(html.contains(prefix + vegetation.base64EncodedString() + "\""))
        XCTAssertTrue(html.contains("1 map pixel = 30 m"))
        XCTAssertTrue(html.contains("<span class=\"swatch\" style=\"background: #28785a\"></span>alpine swamp meadow</li>"))
        XCTAssertTrue(html.contains("background: linear-gradient(to right, #2166ac 0.00%,"))
        XCTAssertTrue(html.contains("mean annual ground temperature (°C)"))
        XCTAssertTrue(html.contains("Mean annual ground temperature (pre-mining)"))
    }

    /// At 390 px (a phone) the page itself must not scroll sideways: every table scrolls in
    /// its own box, checksums show 12 digits (the 64 in their title), and the page's head says
    /// where, when and whether the inputs are real.
    func testThePageFitsAPhoneAndSaysWhatItIs() throws {
        let html = try page().html
        XCTAssertEqual(html.components(separatedBy: "<table").count, html.components(separatedBy: "<div class=\"table-wrap\"><table").count)
        XCTAssertTrue(html.contains(".table-wrap { max-width: 100%; overflow-x: auto; }"))
        XCTAssertTrue(html.contains("@media (max-width: 600px)"))
        let digest = try XCTUnwrap(ReportHTMLFixture.report().inputs.first?.sha256)
        XCTAssertTrue(html.contains("<code title=\"\(digest)\">\(digest.prefix(12))…</code>"))
        XCTAssertFalse(html.contains(">\(digest)<"))
        XCTAssertTrue(html.contains("<h1>Permafrost atlas: Muli &lt;coalfield&gt;</h1>"))
        XCTAssertTrue(html.contains("Made 2026-12-04 by permafrost-atlas 0.1.0"))
        XCTAssertTrue(html.contains("<p class=\"notice\"><strong>Synthetic inputs.</strong>"))
        var real = try ReportHTMLFixture.report()
        real.synthetic = false
        XCTAssertFalse(ReportHTML.render(report: real, maps: [:], baseDirectory: "/").contains("class=\"notice\""))
    }

    func testTablesCarryTheModelAndAreaFigures() throws {
        let html = try page().html
        for fragment in [
            "84.8 %", "0.771", "<td class=\"num diagonal\">60</td>", "-3.21 °C per km of elevation", "0.410 °C",
            "<td>mine pit</td><td class=\"num\">0.0000</td><td class=\"num\">3.0000</td><td class=\"num\">3.0000</td>",
            "<td class=\"num diagonal\">80.1000</td>", "-0.011400", "-1200000", "MAGT (°C)", "100.0 %",
            "<td>vegetation=3 (alpine steppe)</td>",
        ] {
            XCTAssertTrue(html.contains(fragment), fragment)
        }
        let features = ["NDVI", "B5", "B2"].map { try? XCTUnwrap(html.range(of: "<td>\($0)</td>")).lowerBound }
        XCTAssertEqual(features, features.sorted { $0! < $1! }, "features by decreasing importance")
    }

    func testAMissingPictureIsNotedAndTheRestRenders() throws {
        let workspace = try RenderingWorkspace()
        var maps = try ReportHTMLFixture.maps(in: workspace)
        maps["pre/magt.tif"]?.png = "maps/gone.png"
        let html = ReportHTML.render(report: ReportHTMLFixture.report(), maps: maps, baseDirectory: workspace.path)
        XCTAssertTrue(html.contains("Map picture not found: maps/gone.png"))
        XCTAssertEqual(html.components(separatedBy: "data:image/png;base64,").count - 1, 1)
        XCTAssertTrue(html.contains("<h2>Warnings</h2>"))
    }
}

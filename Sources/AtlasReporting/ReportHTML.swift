import AtlasCartography
import AtlasCore
import Foundation

/// The sections of the HTML report, in page order; the titles are what the reader sees.
public enum ReportSection: String, CaseIterable, Sendable {
    case run = "Run and grid"
    case inputs = "Inputs"
    case maps = "Maps"
    case products = "Products"
    case vegetation = "Vegetation model"
    case magt = "MAGT model"
    case activeLayer = "Active-layer thickness at the boreholes"
    case classAreas = "Area per class"
    case permafrostTransition = "Permafrost transitions"
    case stabilityTransition = "Thermal stability transitions"
    case groundIce = "Ground-ice volume"
    case disturbance = "Mining disturbance"
    case checkBoreholes = "Check boreholes"
    case warnings = "Warnings"

    var anchor: String { String(describing: self) }
}

/// The run report as one self-contained HTML page: maps embedded as PNG data URIs, inline
/// CSS, no scripts, laid out to print on A4.
public enum ReportHTML {
    /// `maps` are keyed like `report.products` ("pre/magt.tif"); their PNG paths are relative
    /// to `baseDirectory` unless absolute. A missing PNG is noted in the page, not an error.
    public static func render(report: AtlasReport, maps: [String: RenderedMap], baseDirectory: String) -> String {
        let title = report.site.map { "Permafrost atlas: \($0)" } ?? "Permafrost atlas report"
        let body = [
            "<header>",
            "<h1>\(HTML.escape(title))</h1>",
            HTML.paragraph(
                "Made \(report.date ?? "on an unrecorded date") by \(report.tool.name) \(report.tool.version), GDAL \(report.tool.gdalVersion); "
                    + "configuration \(report.config ?? "built in Swift")",
                className: "subtitle"),
            report.synthetic == true
                ? "<p class=\"notice\"><strong>Synthetic inputs.</strong> This atlas was made from the generated demonstration scene, not from "
                    + "observations: its maps and numbers describe no real place.</p>" : "",
            contents(),
            "</header>",
            runSection(report),
            inputsSection(report.inputs),
            ReportHTMLMaps.section(report: report, maps: maps, baseDirectory: baseDirectory),
            productsSection(report),
            ReportHTMLModels.vegetationSection(report.vegetationModel),
            ReportHTMLModels.magtSection(report.magtModel, vegetationLabels: report.vegetationModel.classLabels),
            ReportHTMLModels.activeLayerSection(report.altCheck),
            ReportHTMLTables.classAreaSection(report, maps: maps),
            ReportHTMLTables.transitionSection(.permafrostTransition, report.permafrostTransition),
            ReportHTMLTables.transitionSection(.stabilityTransition, report.stabilityTransition),
            ReportHTMLTables.iceSection(report.iceVolumeCubicKilometres, budget: report.iceBudgetCubicMetres),
            ReportHTMLTables.disturbanceSection(report.disturbance),
            ReportHTMLTables.checkBoreholeSection(summaries: report.checkSummary, boreholes: report.checkBoreholes),
            warningsSection(report.warnings),
        ]
        return """
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTML.escape(title))</title>
            <style>
            \(ReportHTMLStyle.css)
            </style>
            </head>
            <body>
            \(body.joined(separator: "\n"))
            </body>
            </html>

            """
    }

    private static func contents() -> String {
        "<nav><ol>" + ReportSection.allCases.map { "<li><a href=\"#\($0.anchor)\">\(HTML.escape($0.rawValue))</a></li>" }.joined()
            + "</ol></nav>"
    }

    private static func runSection(_ report: AtlasReport) -> String {
        let grid = report.grid
        let transform = grid.geotransform
        var facts: [(String, String)] = [
            ("Grid", "\(grid.width) x \(grid.height) pixels"),
            ("CRS", grid.crsName + (grid.epsg.map { " (EPSG:\($0))" } ?? "")),
            ("Pixel area", "\(NumberText.significant(grid.pixelAreaSquareMetres, 6)) m²"),
        ]
        if transform.count == 6 {
            facts.append(("Pixel size", "\(NumberText.significant(transform[1], 6)) x \(NumberText.significant(abs(transform[5]), 6))"))
            facts.append(
                ("Origin (upper left)", "\(NumberText.significant(transform[0], 10)), \(NumberText.significant(transform[3], 10))"))
        }
        var content = [HTML.facts(facts), HTML.heading("Parameters")]
        content.append(
            report.parameters.isEmpty
                ? HTML.paragraph("None recorded.")
                : HTML.table(
                    header: ["Parameter", "Value"],
                    rows: report.parameters.sorted { $0.key < $1.key }.map { [.text($0.key), .text($0.value)] }))
        if !report.stageSeconds.isEmpty {
            content.append(HTML.heading("Time per stage"))
            let rows = report.stageSeconds.sorted { $0.key < $1.key }.map {
                [HTML.Cell.text($0.key), .number(NumberText.fixed($0.value, 2))]
            }
            let total = [HTML.Cell.text("total"), .number(NumberText.fixed(report.stageSeconds.values.reduce(0, +), 2))]
            content.append(HTML.table(header: ["Stage", "Seconds"], rows: rows + [total]))
        }
        return HTML.section(.run, content)
    }

    private static func inputsSection(_ inputs: [AtlasReport.Input]) -> String {
        guard !inputs.isEmpty else { return HTML.section(.inputs, [HTML.paragraph("None recorded.")]) }
        let rows = inputs.map { input -> [HTML.Cell] in
            [
                .text(input.role), .text(input.path),
                // The first 12 digits tell files apart at a glance; the whole digest is in the
                // cell's title and in report.json (64 digits squeezed a phone's rows to 270 px).
                .markup(
                    "<code title=\"\(HTML.escape(input.sha256))\">\(HTML.escape(String(input.sha256.prefix(12))))…</code>",
                    className: "checksum"),
                .text(input.warped ? "yes" : "no"),
            ]
        }
        return HTML.section(.inputs, [HTML.table(header: ["Role", "File", "SHA-256", "Warped onto the grid"], rows: rows)])
    }

    private static func productsSection(_ report: AtlasReport) -> String {
        let rows = ReportHTMLMaps.orderedKeys(Array(report.products.keys)).compactMap { key -> [HTML.Cell]? in
            guard let product = report.products[key] else { return nil }
            return [
                .text(product.path), .text(product.title), .text(ReadableNumber.unit(product.unit)),
                .number(NumberText.count(product.validPixels)),
                .number(NumberText.significant(product.minimum)), .number(NumberText.significant(product.maximum)),
                .number(NumberText.significant(product.mean)),
            ]
        }
        guard !rows.isEmpty else { return HTML.section(.products, [HTML.paragraph("No products.")]) }
        return HTML.section(
            .products, [HTML.table(header: ["File", "Product", "Unit", "Valid pixels", "Minimum", "Maximum", "Mean"], rows: rows)])
    }

    private static func warningsSection(_ warnings: [String]) -> String {
        HTML.section(.warnings, [warnings.isEmpty ? HTML.paragraph("None.") : HTML.list(warnings)])
    }
}

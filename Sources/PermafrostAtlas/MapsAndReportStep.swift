import AtlasCore
import AtlasReporting
import Foundation
import GeoRaster

/// The last step of a full run: check boreholes against the products, a map per product
/// (the inputs' checksums taken by the same workers), report.json and report.html. Maps read
/// the COGs' overviews, or the working files the store keeps when they read full resolution.
struct MapsAndReportStep: AtlasStep {
    let name = "check boreholes, maps and report"
    let reads: [AtlasProduct] = []
    let writes: [AtlasProduct] = []

    func run(_ context: AtlasRunContext) throws {
        let layout = context.layout
        if let check = context.config.inputs.checkBoreholes {
            let (rows, summaries) = try CheckBoreholeEvaluation.evaluate(check, layout: layout, grid: context.grid)
            context.report.checkBoreholes = rows
            context.report.checkSummary = summaries
        }
        let (maps, digests) = try layout.renderMaps(
            &context.report.products, threads: context.threads,
            digesting: context.report.inputFiles().map(\.path),
            source: { context.store.source(of: $0) },
            pages: .init(
                subtitle: "\(AtlasTool.name) \(AtlasTool.version), \(context.options(writing: []).provenance.date)",
                dem: context.config.inputs.dem))
        context.report.stageSeconds = context.clock.seconds
        let atlas = try context.report.finish(digests: digests)
        let inputs = context.config.inputs
        try layout.writeReports(
            atlas, maps: maps,
            gis: .init(
                dem: inputs.dem, miningPolygons: PolygonRasterizer.isVector(inputs.miningDisturbance) ? inputs.miningDisturbance : nil))
        context.finishedReport = atlas
    }
}

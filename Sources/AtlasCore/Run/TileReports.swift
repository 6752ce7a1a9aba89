import Foundation
import GeoRaster

/// Adds the reports of a tiled run's tiles up into the report of the whole atlas.
public enum TileReports {
    public static func merge(_ reports: [AtlasReport], products: [String: AtlasReport.Product], grid: RasterGrid) -> AtlasReport {
        var merged = reports[0]
        merged.products = products
        merged.grid = AtlasReport.Grid(
            width: grid.width, height: grid.height, epsg: grid.spatialReference.epsgCode,
            crsName: grid.spatialReference.name, geotransform: grid.geoTransform.coefficients,
            pixelAreaSquareMetres: grid.pixelAreas.mean)
        let budgets = reports.compactMap(\.iceBudgetCubicMetres)
        merged.iceBudgetCubicMetres = budgets.dropFirst().reduce(budgets.first) { total, budget in total.map { $0 + budget } }
        merged.iceVolumeCubicKilometres = reports.reduce(into: [:]) { total, report in
            total.merge(report.iceVolumeCubicKilometres, uniquingKeysWith: +)
        }
        merged.permafrostTransition = sum(reports.map(\.permafrostTransition))
        merged.stabilityTransition = sum(reports.map(\.stabilityTransition))
        merged.disturbance = disturbance(reports.flatMap(\.disturbance))
        merged.checkBoreholes = []
        merged.checkSummary = []
        merged.warnings = reports.flatMap(\.warnings).uniqued()
        merged.stageSeconds = reports.reduce(into: [:]) { total, report in total.merge(report.stageSeconds, uniquingKeysWith: +) }
        return merged
    }

    public static func sum(_ tables: [AtlasReport.Transition]) -> AtlasReport.Transition {
        var total = tables[0]
        for table in tables.dropFirst() {
            for row in total.areaSquareKilometres.indices {
                for column in total.areaSquareKilometres[row].indices {
                    total.areaSquareKilometres[row][column] += table.areaSquareKilometres[row][column]
                }
            }
        }
        return total
    }

    /// Rows of one type and zone added up; mean changes weighted by area (NaN means no pixel).
    public static func disturbance(_ rows: [AtlasReport.DisturbanceSummaryRow]) -> [AtlasReport.DisturbanceSummaryRow] {
        var merged: [AtlasReport.DisturbanceSummaryRow] = []
        for row in rows {
            guard let index = merged.firstIndex(where: { $0.type == row.type && $0.zone == row.zone }) else {
                merged.append(row)
                continue
            }
            let current = merged[index]
            let area = current.areaSquareKilometres + row.areaSquareKilometres
            func weighted(_ a: Double, _ b: Double) -> Double {
                if a.isNaN { return b }
                if b.isNaN { return a }
                return (a * current.areaSquareKilometres + b * row.areaSquareKilometres) / area
            }
            merged[index] = .init(
                type: row.type, zone: row.zone, areaSquareKilometres: area,
                meanMAGTChange: weighted(current.meanMAGTChange, row.meanMAGTChange),
                meanALTChange: weighted(current.meanALTChange, row.meanALTChange),
                iceVolumeChangeCubicMetres: current.iceVolumeChangeCubicMetres + row.iceVolumeChangeCubicMetres)
        }
        return merged
    }
}

import Foundation
import GeoRaster

/// Independent check boreholes against the mapped products (METHOD section 8): error per
/// borehole; bias, MAE, RMSE, the share within 20 % of the observed value and within an
/// absolute tolerance.
public enum CheckBoreholeEvaluation {
    /// Observed columns of the check table and the products they are compared with.
    public static let quantities: [(column: String, product: String)] = [
        ("magt", "pre/magt.tif"), ("alt", "pre/alt.tif"), ("ice", "pre/ice.tif"),
    ]
    /// Absolute tolerances (in the quantity's unit) reported next to "within 20 %": the
    /// +/-0.5 C of MAGT maps on the plateau, and 0.2 m of ALT (a probing's resolution).
    public static let tolerances: [String: Double] = ["magt": 0.5, "alt": 0.2]

    public static func evaluate(_ path: String, layout: AtlasLayout, grid: RasterGrid) throws -> (
        [AtlasReport.CheckBorehole], [AtlasReport.CheckSummary]
    ) {
        let table = try PointTable(path: path)
        let pixels = PointSampler.pixels(of: table.points, on: grid)
        var rows: [AtlasReport.CheckBorehole] = []
        var summaries: [AtlasReport.CheckSummary] = []
        for (column, product) in quantities {
            guard let index = table.table.columnIndex(column) else { continue }
            let reader = try InputLayer.aligned(column, path: "\(layout.root)/\(product)", onto: grid, resampling: .nearest).open()
            var errors: [Double] = []
            var within = 0
            for (row, point) in table.points.enumerated() {
                guard let observed = try table.table.optionalNumber(row: row, column: index) else { continue }
                let predicted = try pixels[row].map { try PointSampler.values(of: reader, at: [$0])[0] }.flatMap {
                    $0.isFinite ? Double($0) : nil
                }
                let error = predicted.map { $0 - observed }
                let relative = error.flatMap { observed != 0 ? abs($0 / observed) : nil }
                if let error {
                    errors.append(error)
                    if let relative, relative <= 0.2 { within += 1 }
                }
                rows.append(
                    .init(
                        id: point.id, quantity: column, observed: observed, predicted: predicted, error: error,
                        relativeError: relative, within20Percent: relative.map { $0 <= 0.2 }))
            }
            let count = Double(errors.count), tolerance = tolerances[column]
            summaries.append(
                .init(
                    quantity: column, count: errors.count,
                    meanAbsoluteError: errors.isEmpty ? nil : errors.map(abs).reduce(0, +) / count,
                    rmse: errors.isEmpty ? nil : (errors.map { $0 * $0 }.reduce(0, +) / count).squareRoot(),
                    shareWithin20Percent: errors.isEmpty ? nil : Double(within) / count,
                    bias: errors.isEmpty ? nil : errors.reduce(0, +) / count, absoluteTolerance: tolerance,
                    shareWithinTolerance: tolerance.flatMap { limit in
                        errors.isEmpty ? nil : Double(errors.filter { abs($0) <= limit }.count) / count
                    }))
        }
        return (rows, summaries)
    }
}

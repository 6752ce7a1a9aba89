import AtlasFoundation
import Foundation
import GeoRaster
import PermafrostKernels

/// Edaphic factor per class from boreholes with an observed active-layer thickness, written
/// back as a soil table for the empirical Stefan form (METHOD section 5).
public struct EdaphicCalibrationStage {
    public struct Request: Sendable {
        /// The grid the boreholes are sampled on; default: the finest input's.
        public var grid: RasterGrid?
        public var boreholes: String
        public var thawingIndex: String
        public var classes: String
        public var soilTable: String
        public var out: String
        public var overwrite: Bool

        public init(boreholes: String, thawingIndex: String, classes: String, soilTable: String, out: String, overwrite: Bool) {
            self.boreholes = boreholes
            self.thawingIndex = thawingIndex
            self.classes = classes
            self.soilTable = soilTable
            self.out = out
            self.overwrite = overwrite
        }
    }

    public struct ClassFactor: Encodable, Sendable {
        public let classCode: Int
        public let className: String
        public let edaphicFactor: Double
        public let boreholes: Int
        public let rmseMetres: Double
    }

    public struct BoreholeFactor: Encodable, Sendable {
        public let id: String
        public let classCode: Int
        public let thawingIndex: Double
        public let observedALT: Double
        public let edaphicFactor: Double
    }

    public struct Result: Encodable, Sendable {
        public let soilTable: String
        public let classes: [ClassFactor]
        public let boreholes: [BoreholeFactor]
        public let skipped: [SkippedPoint]
    }

    public static func run(_ request: Request) throws -> Result {
        let output = try AtomicOutput(finalPath: request.out, overwrite: request.overwrite)
        let grid = try request.grid ?? OutputGrid.finest([request.thawingIndex, request.classes])
        let resolver = try ClassCodeResolver(rasterPath: request.classes)
        let soil = try ParameterTables.soil(request.soilTable, classes: resolver)
        let (observations, skipped) = try Self.observations(
            boreholes: try PointTable(path: request.boreholes), thawingIndex: request.thawingIndex, classes: request.classes, grid: grid)
        guard !observations.isEmpty else {
            throw AtlasError.badFile(
                path: request.boreholes, reason: "no borehole lies on valid pixels of \(request.thawingIndex) and \(request.classes)")
        }
        let fit = try EdaphicFactorCalibration.calibrate(observations: observations, soilTable: soil)
        let calibrated = try soil.replacingEdaphicFactors(fit.factorsByCode)
        try writeSoilTable(calibrated, to: output)
        return Result(
            soilTable: output.finalPath,
            classes: fit.classes.map {
                ClassFactor(
                    classCode: Int($0.classCode), className: $0.className, edaphicFactor: $0.edaphicFactor,
                    boreholes: $0.boreholeCount, rmseMetres: $0.rootMeanSquareError)
            },
            boreholes: zip(observations, fit.boreholes).map { observation, factor in
                BoreholeFactor(
                    id: observation.boreholeID, classCode: Int(observation.classCode), thawingIndex: observation.thawingIndex,
                    observedALT: observation.observedThickness, edaphicFactor: factor.edaphicFactor)
            },
            skipped: skipped)
    }

    /// The boreholes with an observed ALT (column `alt`), with the thawing index and class at
    /// their pixels; the others with the reason they were skipped.
    public static func observations(
        boreholes: PointTable, thawingIndex: String, classes classRaster: String, grid: RasterGrid
    ) throws -> (observations: [EdaphicFactorCalibration.Observation], skipped: [SkippedPoint]) {
        let path = boreholes.path
        // A borehole without an observed ALT (the run's boreholes.csv has the column for some) is skipped.
        let altColumn = try boreholes.table.requireColumn("alt")
        let observed = try boreholes.table.rows.indices.map { try boreholes.table.optionalNumber(row: $0, column: altColumn) }
        let thaw = try InputLayer.aligned("thawing index", path: thawingIndex, onto: grid, resampling: .bilinear).open()
        let classes = try InputLayer.aligned("classes", path: classRaster, onto: grid, resampling: .nearest).open()
        var observations: [EdaphicFactorCalibration.Observation] = []
        var skipped: [SkippedPoint] = []
        for (index, pixel) in PointSampler.pixels(of: boreholes.points, on: grid).enumerated() {
            let point = boreholes.points[index]
            guard let pixel else {
                skipped.append(SkippedPoint(line: point.line, id: point.id, reason: "outside \(thawingIndex)"))
                continue
            }
            guard let thickness = observed[index] else {
                skipped.append(SkippedPoint(line: point.line, id: point.id, reason: "no observed ALT"))
                continue
            }
            let ddt = try PointSampler.values(of: thaw, at: [pixel])[0]
            let code = try PointSampler.classes(of: classes, at: [pixel])[0]
            guard ddt.isFinite, code != 0 else {
                skipped.append(SkippedPoint(line: point.line, id: point.id, reason: "on nodata (thawing index or class)"))
                continue
            }
            observations.append(
                .init(
                    boreholeID: "\(path) line \(point.line) (\(point.id))", classCode: code,
                    observedThickness: thickness, thawingIndex: Double(ddt)))
        }
        return (observations, skipped)
    }

    /// The soil table in the input's column layout plus `edaphic_factor` (empty where no borehole calibrated it).
    static func writeSoilTable(_ soil: SoilParameterTable, to output: AtomicOutput) throws {
        var lines = [(ParameterTables.soilColumns + ["edaphic_factor"]).joined(separator: ",")]
        for entry in soil.classes {
            let p = entry.properties
            let label = entry.name.contains(",") ? "\"\(entry.name)\"" : entry.name
            lines.append(
                [
                    label, "\(p.lambdaThawed)", "\(p.dryDensity)", "\(p.waterContent)", "\(p.unfrozenWaterContent)",
                    "\(p.nFactor)", p.edaphicFactor.map { "\($0)" } ?? "",
                ].joined(separator: ","))
        }
        try TextFileOutput.write(lines.joined(separator: "\n") + "\n", to: output)
    }
}

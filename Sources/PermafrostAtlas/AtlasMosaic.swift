import AtlasCartography
import AtlasCore
import AtlasFoundation
import AtlasReporting
import Foundation
import GeoRaster

/// Assembles the tiles of a tiled run (`run --tile I/N`) into one atlas: every product raster
/// on the union of the tiles' grids, pixel for pixel what a single run writes; the models;
/// a report whose areas, transitions and volumes add the tiles up; maps and report.html.
public enum AtlasMosaic {
    public struct Request: Sendable {
        public var tiles: [String]
        public var outDirectory: String
        public var overwrite: Bool
        public var options: OutputOptions

        public init(tiles: [String], outDirectory: String, overwrite: Bool, options: OutputOptions) {
            self.tiles = tiles
            self.outDirectory = outDirectory
            self.overwrite = overwrite
            self.options = options
        }
    }

    public static func run(_ request: Request) throws -> AtlasReport {
        guard let first = request.tiles.first else { throw AtlasError.badParameter(.tileFolders, reason: "give the tile folders") }
        let layout = AtlasLayout(root: request.outDirectory)
        let reports = try request.tiles.map { try readReport("\($0)/report.json") }
        let grid = try unionGrid(request.tiles)
        let lock = try layout.prepare(overwrite: request.overwrite)
        defer { lock.release() }
        var options = request.options
        options.overwrite = true
        for name in ["vegetation_rf", "magt"] {
            try FileCopy.atomically("\(first)/models/\(name).json", to: layout.model(name))
        }
        var products: [String: AtlasReport.Product] = [:]
        for path in AtlasProduct.mapped.map(\.path) where reports[0].products[path] != nil {
            let summary = try mosaic(path, tiles: request.tiles, grid: grid, out: "\(layout.root)/\(path)", options: options)
            var product = reports[0].products[path]!
            product.validPixels = summary.validPixels
            product.minimum = summary.minimum
            product.maximum = summary.maximum
            product.mean = summary.mean
            product.classAreasSquareKilometres = summary.classAreasSquareKilometres
            product.map = nil
            products[path] = product
        }
        var report = TileReports.merge(reports, products: products, grid: grid)
        report.date = options.provenance.date
        // The tiles' configuration, when it can still be read, names the check boreholes, the
        // DEM shaded under the maps and the mining polygons of the QGIS project.
        let config = report.config.flatMap { try? AtlasConfig.load(RecordedPath.resolve($0, from: first)) }
        if let check = config?.inputs.checkBoreholes {
            (report.checkBoreholes, report.checkSummary) = try CheckBoreholeEvaluation.evaluate(check, layout: layout, grid: grid)
        }
        let (maps, _) = try layout.renderMaps(
            &report.products, threads: options.threads, digesting: [],
            pages: .init(subtitle: "\(AtlasTool.name) \(AtlasTool.version), \(options.provenance.date)", dem: config?.inputs.dem))
        try layout.writeReports(
            report, maps: maps,
            gis: config.map { config in
                let polygons = config.inputs.miningDisturbance
                return .init(dem: config.inputs.dem, miningPolygons: PolygonRasterizer.isVector(polygons) ? polygons : nil)
            })
        return report
    }

    static func readReport(_ path: String) throws -> AtlasReport {
        guard FileManager.default.fileExists(atPath: path) else {
            throw AtlasError.badFile(path: path, reason: "no such file; is this the output folder of a `run \(.tile)`?")
        }
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let text = try UTF8File.text(path, limit: UTF8File.modelLimit, what: "report")
        do {
            return try decoder.decode(AtlasReport.self, from: Data(text.utf8))
        } catch {
            throw AtlasError.badFile(path: path, reason: "not an atlas report (\(ModelFileIO.describe(error)))")
        }
    }

    /// The grid covering every tile; tiles must share one pixel lattice.
    static func unionGrid(_ tiles: [String]) throws -> RasterGrid {
        let grids = try tiles.map { try RasterDataset(path: "\($0)/pre/magt.tif").grid() }
        var union = grids[0].extent
        for (index, grid) in grids.enumerated() {
            guard let offset = grids[0].latticeOffset(of: grid) else {
                throw AtlasError.badFile(path: tiles[index], reason: "its grid is not on the pixel lattice of \(tiles[0])")
            }
            let window = RasterWindow(column: offset.column, row: offset.row, width: grid.width, height: grid.height)
            let c0 = min(union.column, window.column), r0 = min(union.row, window.row)
            union = RasterWindow(
                column: c0, row: r0, width: max(union.endColumn, window.endColumn) - c0,
                height: max(union.endRow, window.endRow) - r0)
        }
        return grids[0].subgrid(union)
    }

    /// Copies one product of every tile into its place on the union grid.
    static func mosaic(_ path: String, tiles: [String], grid: RasterGrid, out: String, options: OutputOptions) throws -> ProductSummary {
        let template = try RasterDataset(path: "\(tiles[0])/\(path)")
        let band = try template.band(1)
        let legend = band.colorTable.isEmpty ? nil : ClassLegend(copying: band)
        let sink =
            try legend.map {
                try ProductSink(
                    path: out, grid: grid, description: band.bandDescription, legend: $0, metadata: template.metadata(), options: options)
            }
            ?? ProductSink(
                path: out, grid: grid, description: band.bandDescription, unit: band.unit, metadata: template.metadata(), options: options)
        for tile in tiles {
            let layer = try InputLayer.aligned(path, path: "\(tile)/\(path)", onto: grid, resampling: .nearest)
            let reader = try layer.open()
            let area = reader.extentOnGrid
            try BlockRunner(grid: grid.subgrid(area), blockSize: options.blockSize, threads: 1).run(
                makeWorker: { () },
                compute: { _, block in
                    RasterWindow(
                        column: block.core.column + area.column, row: block.core.row + area.row,
                        width: block.core.width, height: block.core.height)
                },
                consume: { _, window in
                    if legend != nil {
                        try sink.write(try reader.readClasses(window), window: window)
                    } else {
                        try sink.write(try reader.readValues(window), window: window)
                    }
                })
        }
        try sink.commit()
        return sink.summary()
    }
}

extension ClassLegend {
    /// The legend a class raster carries (its colour table and category names).
    init(copying band: RasterBand) {
        let names = band.categoryNames
        let entries = band.colorTable.keys.sorted().filter { $0 > 0 && $0 < 256 }.map {
            code -> (code: UInt8, name: String, color: (red: UInt8, green: UInt8, blue: UInt8)) in
            let color = band.colorTable[code]!
            return (UInt8(code), code < names.count && !names[code].isEmpty ? names[code] : "\(code)", (color.red, color.green, color.blue))
        }
        self.init(entries.filter { $0.code < names.count && !names[Int($0.code)].isEmpty })
    }
}

import Foundation
import GeoRaster
import PermafrostKernels

/// Thawing (and freezing) index from monthly or daily temperature grids (METHOD section 5).
public struct ThawIndexStage {
    public struct Request: Sendable {
        /// One raster with 12 or 365/366 bands, or that many single-band rasters (January first).
        public var temperatures: [String]
        public var thawingIndexPath: String
        public var freezingIndexPath: String?
        /// Kelvin input forced on; otherwise taken from the bands' unit metadata.
        public var kelvin: Bool
        /// The calendar year of the series: February has 29 days in leap years.
        public var year: Int?
        /// The output grid; default: the first temperature raster's.
        public var grid: RasterGrid?
        public var options: OutputOptions
        /// Lapse-rate downscaling of coarse temperature grids (nil: none).
        public var downscaling: LapseRateDownscaling?

        public init(
            temperatures: [String], thawingIndexPath: String, freezingIndexPath: String? = nil,
            kelvin: Bool = false, year: Int? = nil, options: OutputOptions
        ) {
            self.temperatures = temperatures
            self.thawingIndexPath = thawingIndexPath
            self.freezingIndexPath = freezingIndexPath
            self.kelvin = kelvin
            self.year = year
            self.options = options
        }
    }

    public struct Result: Encodable, Sendable {
        public let bands: Int
        public let series: String
        public let temperatureUnit: String
        public let unitSource: String
        public let warped: [String]
        public let thawingIndex: ProductSummary
        public let freezingIndex: ProductSummary?
    }

    public static func run(_ request: Request) throws -> Result {
        try checkSeries(request.temperatures)
        let grid = try request.grid ?? RasterDataset(path: request.temperatures[0]).grid()
        let layers = try temperatureLayers(request.temperatures, grid: grid)
        try InputLayer.requireValidPixels(layers)
        let (unit, unitSource) = try temperatureUnit(layers, forcedKelvin: request.kelvin)
        let steps = try ThawingIndex.stepLengths(bandCount: layers.count, year: request.year)
        let series = steps.count == 12 ? "monthly" : "daily"

        var metadata = [
            "PERMAFROST_ATLAS_STEP": "thaw-index",
            "TEMPERATURE_SERIES": "\(series), \(layers.count) steps",
            "TEMPERATURE_UNIT": unit == .kelvin ? "K (converted with T - 273.15)" : "degC",
            "DAYS_PER_STEP": steps.count == 12 ? steps.map { String(Int($0)) }.joined(separator: ",") : "1",
        ]
        if let year = request.year { metadata["YEAR"] = String(year) }
        let elevations = try request.downscaling.map { try $0.layers(onto: grid) }
        if let downscaling = request.downscaling {
            metadata["LAPSE_RATE_C_PER_KM"] = String(downscaling.lapseRate)
            metadata["DOWNSCALING"] = "T + lapse_rate / 1000 x (DEM - temperature grid elevation, bilinear)"
        }
        let thawSink = try ProductSink(
            .preThawIndex, path: request.thawingIndexPath, grid: grid,
            metadata: metadata.merging(["FORMULA": "sum of max(T, 0) x days"]) { $1 },
            options: request.options)
        let freezeSink = try request.freezingIndexPath.map {
            try ProductSink(
                .freezingIndex, path: $0, grid: grid,
                metadata: metadata.merging(["FORMULA": "sum of -min(T, 0) x days"]) { $1 }, options: request.options)
        }
        let runner = BlockRunner(grid: grid, blockSize: request.options.blockSize, threads: request.options.threads)
        try runner.run(
            makeWorker: { (try InputLayer.open(layers), try elevations.map { (try $0.fine.open(), try $0.coarse.open()) }) },
            compute: { workers, block in
                let (readers, elevation) = workers
                var accumulator = try ThawingIndex.Accumulator(
                    pixelCount: block.core.pixelCount, bandCount: readers.count,
                    unit: unit, year: request.year)
                // The same correction for every time step: the lapse rate times the height of the
                // pixel above the temperature grid's smoothed surface.
                let perMetre = (request.downscaling?.lapseRate ?? 0) / 1000
                let correction = try elevation.map { fine, coarse in
                    zip(try fine.readValues(block.core), try coarse.readValues(block.core)).map { z, zc in
                        Float(perMetre * (Double(z) - Double(zc)))
                    }
                }
                var values = [Float](repeating: 0, count: block.core.pixelCount)
                for (step, reader) in readers.enumerated() {
                    try values.withUnsafeMutableBufferPointer { try reader.readValues(block.core, into: $0) }
                    try checkPlausible(values, unit: unit, step: step, layer: layers[step], window: block.core)
                    if let correction { for index in values.indices { values[index] += correction[index] } }
                    try accumulator.add(band: values)
                }
                return try accumulator.result()
            },
            consume: { block, degreeDays in
                try thawSink.write(degreeDays.thawingIndex, window: block.core)
                try freezeSink?.write(degreeDays.freezingIndex, window: block.core)
            })
        try thawSink.commit()
        try freezeSink?.commit()
        return Result(
            bands: layers.count, series: series, temperatureUnit: unit == .kelvin ? "kelvin" : "celsius",
            unitSource: unitSource, warped: layers.filter(\.raster.wasWarped).map(\.sourcePath).uniqued(),
            thawingIndex: thawSink.summary(),
            freezingIndex: freezeSink?.summary())
    }

    /// Checks the shape of a temperature series without reading pixels: one raster of 12 or
    /// 365/366 bands, or that many single-band rasters. Returns the number of time steps.
    @discardableResult
    public static func checkSeries(_ paths: [String]) throws -> Int {
        guard let first = paths.first else {
            throw AtlasError.badParameter(.temperature, reason: "give one multi-band raster or 12 (or 365/366) single-band rasters")
        }
        if paths.count == 1 {
            let bandCount = try RasterDataset(path: first).bandCount
            guard [12, 365, 366].contains(bandCount) else {
                throw AtlasError.badFile(
                    path: first, reason: "has \(bandCount) bands; a temperature stack needs 12 (monthly) or 365/366 (daily)")
            }
            return bandCount
        }
        guard [12, 365, 366].contains(paths.count) else {
            throw AtlasError.badParameter(
                .temperature, reason: "\(paths.count) rasters given; need 12 monthly (January first) or 365/366 daily ones, or one stack")
        }
        for path in paths {
            let bands = try RasterDataset(path: path).bandCount
            guard bands == 1 else {
                throw AtlasError.badFile(
                    path: path, reason: "has \(bands) bands; with several \(.temperature) rasters each must have one band")
            }
        }
        return paths.count
    }

    /// One layer per time step: every band of a single raster, or band 1 of each raster.
    static func temperatureLayers(_ paths: [String], grid: RasterGrid) throws -> [InputLayer] {
        let steps = try checkSeries(paths)
        if paths.count == 1 {
            let raster = try AlignedRaster.align(paths[0], onto: grid, resampling: .bilinear)
            return (1...steps).map { InputLayer(role: "temperature band \($0)", raster: raster, band: $0) }
        }
        return try paths.enumerated().map { index, path in
            try InputLayer.aligned("temperature step \(index + 1)", path: path, onto: grid, resampling: .bilinear)
        }
    }

    /// Air temperatures outside -90...60 C (183...333 K) are not air temperatures: kelvin
    /// read as Celsius (a thawing index of 98,749 C day), Celsius read as kelvin (no thaw at
    /// all), or a scaled product; refused with the place and the likely cause.
    static let plausibleCelsius: ClosedRange<Float> = -90...60

    static func checkPlausible(_ values: [Float], unit: ThawingIndex.TemperatureUnit, step: Int, layer: InputLayer, window: RasterWindow)
        throws
    {
        let range = unit == .kelvin ? (plausibleCelsius.lowerBound + 273.15)...(plausibleCelsius.upperBound + 273.15) : plausibleCelsius
        guard let index = values.firstIndex(where: { !$0.isNaN && !range.contains($0) }) else { return }
        let column = window.column + index % window.width, row = window.row + index / window.width
        let place =
            "time step \(step + 1), pixel (\(column), \(row)) holds \(values[index]) \(unit == .kelvin ? "K" : "C"), not an air temperature"
        let reason: AtlasMessage =
            unit == .kelvin
            ? "\(place); are the grids in Celsius? leave out \(.kelvin)"
            : values[index] > 150
                ? "\(place); are the grids in kelvin? give \(.kelvin)" : "\(place) (-90...60 C); convert the grids to degrees first"
        throw AtlasError.badFile(path: layer.sourcePath, reason: reason)
    }

    /// Kelvin is never guessed from values: it comes from `--kelvin` or the bands' unit.
    static func temperatureUnit(_ layers: [InputLayer], forcedKelvin: Bool) throws -> (ThawingIndex.TemperatureUnit, String) {
        let kelvinUnits: Set<String> = ["k", "kelvin", "kelvins", "degk"]
        var units: [String] = []
        for layer in layers {
            units.append(try layer.open().band.unit.trimmingCharacters(in: .whitespaces))
        }
        let kelvinBands = units.filter { kelvinUnits.contains($0.lowercased()) }.count
        if forcedKelvin {
            if let other = units.first(where: { !$0.isEmpty && !kelvinUnits.contains($0.lowercased()) }) {
                throw AtlasError.badParameter(.kelvin, reason: "given, but \(layers[0].sourcePath) declares unit \(quoted: other)")
            }
            return (.kelvin, "kelvin asked for")
        }
        if kelvinBands == units.count { return (.kelvin, "band unit metadata") }
        if kelvinBands > 0 {
            throw AtlasError.badFile(path: layers[0].sourcePath, reason: "some temperature bands are in kelvin and some are not")
        }
        return (.celsius, units.contains { !$0.isEmpty } ? "band unit metadata" : "default (no unit metadata)")
    }
}

extension Array where Element: Hashable {
    /// The elements in first-seen order without repeats.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}

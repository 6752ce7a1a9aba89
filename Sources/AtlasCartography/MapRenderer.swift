import AtlasCore
import Foundation
import GeoRaster

/// Draws band 1 of a raster as a PNG picture at most `maxSize` pixels on its long side.
/// Class maps (a colour table) take their colours from the table; continuous bands a colour
/// ramp chosen from what the band holds (`DefaultRamp`) or named. Nodata is transparent.
/// Memory stays bounded whatever the raster's size: only the picture's pixels are read
/// (nearest neighbour, from overviews when the file has them).
public enum MapRenderer {
    /// Longest side of a picture unless told otherwise (pixels).
    public static let defaultMaxSize = 1600
    /// Longest side a picture may have.
    public static let maximumSize = 8192

    public struct Request: Sendable {
        public var raster: String
        public var out: String
        /// Longest side of the picture, pixels; smaller rasters keep their size.
        public var maxSize: Int
        /// A `ColorRamp` name; also draws a class map's codes with the ramp.
        public var rampName: String?
        /// Values of the ramp's first and last colours; by default the smallest and largest
        /// valid value drawn (see `ColorScale.fitting` for diverging ramps).
        public var range: ClosedRange<Double>?
        public var overwrite: Bool

        public init(
            raster: String, out: String, maxSize: Int = MapRenderer.defaultMaxSize, rampName: String? = nil,
            range: ClosedRange<Double>? = nil, overwrite: Bool = false
        ) {
            self.raster = raster
            self.out = out
            self.maxSize = maxSize
            self.rampName = rampName
            self.range = range
            self.overwrite = overwrite
        }
    }

    public static func render(_ request: Request) throws -> RenderedMap {
        // A picture is held whole (4 bytes a pixel): 8192 on a side is 256 MB.
        guard (1...maximumSize).contains(request.maxSize) else {
            throw AtlasError.badParameter(.maxSize, reason: "must be between 1 and \(maximumSize) pixels, got \(request.maxSize)")
        }
        let ramp = try request.rampName.map(namedRamp)
        let dataset = try RasterDataset(path: request.raster)
        let band = try dataset.band(1)
        let colorTable = band.colorTable
        let drawsClasses = !colorTable.isEmpty && ramp == nil
        if drawsClasses && request.range != nil {
            throw AtlasError.badFile(
                path: request.raster, reason: "band 1 has a colour table and is drawn by class; \(.range) needs \(.ramp)")
        }
        let writer = try PNGWriter(path: request.out, overwrite: request.overwrite)
        let size = pictureSize(width: dataset.width, height: dataset.height, maxSize: request.maxSize)
        let values = try band.read(dataset.extent, bufferWidth: size.width, bufferHeight: size.height, as: Double.self)
        let picture =
            drawsClasses
            ? classPicture(values, size: size, band: band, colorTable: colorTable)
            : rampPicture(
                values, size: size, band: band, metadata: dataset.metadata().merging(band.metadata()) { $1 },
                ramp: ramp, range: request.range)
        try writer.write(picture.image)
        let sourceMetres = dataset.geoTransform.flatMap {
            PixelGroundSize.metres(
                geoTransform: $0, spatialReference: dataset.spatialReference, width: dataset.width, height: dataset.height)
        }
        return RenderedMap(
            png: request.out, width: size.width, height: size.height, legend: picture.legend,
            metresPerPixel: sourceMetres.map { $0 * Double(dataset.width) / Double(size.width) })
    }

    /// The raster's size scaled so its long side is at most `maxSize`, aspect kept (rounded,
    /// at least one pixel).
    public static func pictureSize(width: Int, height: Int, maxSize: Int) -> (width: Int, height: Int) {
        let scale = min(1, Double(maxSize) / Double(max(width, height)))
        return (max(1, Int((Double(width) * scale).rounded())), max(1, Int((Double(height) * scale).rounded())))
    }

    private static func namedRamp(_ name: String) throws -> ColorRamp {
        guard let ramp = ColorRamp.named(name) else {
            throw AtlasError.badParameter(
                .ramp, reason: "unknown colour ramp \(quoted: name); one of \(ColorRamp.all.map(\.name).joined(separator: ", "))")
        }
        return ramp
    }

    private static func classPicture(
        _ values: [Double], size: (width: Int, height: Int), band: RasterBand,
        colorTable: [Int: RGBA]
    ) -> (image: RGBAImage, legend: MapLegend) {
        let noData = band.noDataValue
        let painted = MapPainter.paintClasses(values, width: size.width, height: size.height, noData: noData, colors: colorTable)
        let names = band.categoryNames
        let named = names.indices.filter { !names[$0].isEmpty && Double($0) != noData }
        let entries = Set(named).union(painted.codes).sorted().map { code in
            MapLegend.ClassEntry(
                code: code, name: code < names.count && !names[code].isEmpty ? names[code] : "class \(code)",
                color: colorTable[code] ?? MapPainter.transparent, present: painted.codes.contains(code))
        }
        return (painted.image, .classes(title: band.bandDescription, unit: band.unit, entries))
    }

    private static func rampPicture(
        _ values: [Double], size: (width: Int, height: Int), band: RasterBand, metadata: [String: String],
        ramp: ColorRamp?, range: ClosedRange<Double>?
    ) -> (image: RGBAImage, legend: MapLegend) {
        let noData = band.noDataValue
        let ramp = ramp ?? DefaultRamp.choose(description: band.bandDescription, unit: band.unit, metadata: metadata)
        let scale =
            range.map { ColorScale(ramp: ramp, minimum: $0.lowerBound, maximum: $0.upperBound) }
            ?? MapPainter.valueRange(values, noData: noData).map {
                ColorScale.fitting(ramp, minimum: $0.lowerBound, maximum: $0.upperBound)
            }
        let image =
            scale.map { MapPainter.paintRamp(values, width: size.width, height: size.height, noData: noData, scale: $0) }
            ?? RGBAImage(width: size.width, height: size.height)
        return (image, .ramp(title: band.bandDescription, unit: band.unit, ramp: ramp, scale: scale))
    }
}

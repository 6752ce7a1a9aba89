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
        /// A standalone map page (title, legend, scale bar, north arrow, coordinates) rather
        /// than the bare picture; its options follow.
        public var page: PageOptions?

        public init(
            raster: String, out: String, maxSize: Int = MapRenderer.defaultMaxSize, rampName: String? = nil,
            range: ClosedRange<Double>? = nil, overwrite: Bool = false, page: PageOptions? = nil
        ) {
            self.raster = raster
            self.out = out
            self.maxSize = maxSize
            self.rampName = rampName
            self.range = range
            self.overwrite = overwrite
            self.page = page
        }
    }

    /// What a map page shows besides the raster.
    public struct PageOptions: Sendable {
        /// By default the band's description.
        public var title: String?
        /// A line under the title (tool, date, source).
        public var subtitle: String
        /// A DEM on the raster's CRS whose hillshade is drawn under a continuous map.
        public var hillshadeDEM: String?
        /// A permafrost map (class 2: no permafrost) telling apart, among a map's empty
        /// pixels, ground without permafrost from missing data.
        public var permafrostMask: String?
        /// Zoom to the pixels that changed (a value other than 0, or a transition code whose
        /// two digits differ), with an inset of the whole scene.
        public var zoomToChange: Bool

        public init(
            title: String? = nil, subtitle: String = "", hillshadeDEM: String? = nil, permafrostMask: String? = nil,
            zoomToChange: Bool = false
        ) {
            self.title = title
            self.subtitle = subtitle
            self.hillshadeDEM = hillshadeDEM
            self.permafrostMask = permafrostMask
            self.zoomToChange = zoomToChange
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
        var window = dataset.extent
        var inset: MapPage.Inset?
        if let page = request.page, page.zoomToChange, let zoom = try changedWindow(band, dataset: dataset, maxSize: request.maxSize) {
            window = zoom.window
            inset = zoom.inset
        }
        let size = pictureSize(width: window.width, height: window.height, maxSize: request.maxSize)
        let values = try band.read(window, bufferWidth: size.width, bufferHeight: size.height, as: Double.self)
        var picture =
            drawsClasses
            ? classPicture(values, size: size, band: band, colorTable: colorTable)
            : rampPicture(
                values, size: size, band: band, metadata: dataset.metadata().merging(band.metadata()) { $1 },
                ramp: ramp, range: request.range)
        let sourceMetres = dataset.geoTransform.flatMap {
            PixelGroundSize.metres(
                geoTransform: $0, spatialReference: dataset.spatialReference, width: dataset.width, height: dataset.height)
        }
        let metresPerPixel = sourceMetres.map { $0 * Double(window.width) / Double(size.width) }
        guard let page = request.page else {
            try writer.write(picture.image)
            return RenderedMap(
                png: request.out, width: size.width, height: size.height, legend: picture.legend, metresPerPixel: metresPerPixel)
        }
        let parts = MapPageParts(dataset: dataset, window: window, size: size)
        var empty = [MapLegend.ClassEntry]()
        if let mask = page.permafrostMask {
            picture.image = try parts.markingNoPermafrost(picture.image, mask: mask)
            empty.append(.init(code: -1, name: "no permafrost", color: MapPageParts.noPermafrostColor, present: true))
        }
        if !drawsClasses, let dem = page.hillshadeDEM { picture.image = try parts.shaded(picture.image, dem: dem) }
        empty.append(.init(code: -1, name: "no data", color: RGBA(255, 255, 255), present: true))
        var legend = picture.legend
        legend.classes = legend.listedClasses
        let composed = MapPage(
            title: page.title ?? band.bandDescription, subtitle: page.subtitle, picture: picture.image, legend: legend, emptyEntries: empty,
            georeference: parts.georeference, metresPerPixel: metresPerPixel, inset: inset
        ).render()
        try writer.write(composed)
        return RenderedMap(
            png: request.out, width: composed.width, height: composed.height, legend: picture.legend, metresPerPixel: metresPerPixel)
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

    static func classPicture(
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

    static func rampPicture(
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

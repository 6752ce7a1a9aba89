import Foundation
import GeoRaster

/// What `permafrost-atlas info` tells about a raster: gdalinfo's essentials plus exact
/// per-band statistics.
public struct RasterSummary: Encodable {
    public struct Band: Encodable {
        public let number: Int
        public let dataType: String
        public let noData: Double?
        public let description: String
        public let unit: String
        public let blockSize: [Int]
        public let categoryNames: [String]
        public let colorTableEntries: Int
        public let metadata: [String: String]
        public let statistics: BandStatistics?

        enum CodingKeys: String, CodingKey {
            case number, dataType
            case noData = "nodata"
            case description, unit, blockSize, categoryNames, colorTableEntries, metadata
            case validPixels, nodataPixels, minimum, maximum, mean, standardDeviation
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(number, forKey: .number)
            try container.encode(dataType, forKey: .dataType)
            try container.encode(JSONNumber(noData), forKey: .noData)
            try container.encode(description, forKey: .description)
            try container.encode(unit, forKey: .unit)
            try container.encode(blockSize, forKey: .blockSize)
            try container.encode(categoryNames, forKey: .categoryNames)
            try container.encode(colorTableEntries, forKey: .colorTableEntries)
            try container.encode(metadata, forKey: .metadata)
            if let statistics {
                let valid = statistics.validCount > 0
                try container.encode(statistics.validCount, forKey: .validPixels)
                try container.encode(statistics.nodataCount, forKey: .nodataPixels)
                try container.encode(JSONNumber(valid ? statistics.minimum : nil), forKey: .minimum)
                try container.encode(JSONNumber(valid ? statistics.maximum : nil), forKey: .maximum)
                try container.encode(JSONNumber(valid ? statistics.mean : nil), forKey: .mean)
                try container.encode(JSONNumber(valid ? statistics.standardDeviation : nil), forKey: .standardDeviation)
            }
        }
    }

    public let path: String
    public let driver: String
    public let width: Int
    public let height: Int
    public let bandCount: Int
    public let geoTransform: [Double]?
    public let epsg: Int?
    public let crsName: String?
    public let crsWKT: String?
    public let metadata: [String: String]
    public let bandSummaries: [Band]

    /// The most pixels whose statistics `info` computes (a 100,000 x 100,000 raster).
    public static let largestForStatistics = 10_000_000_000

    /// Reads the description of `path`; with `statistics`, every pixel is read once.
    public init(path: String, statistics: Bool) throws {
        let dataset = try RasterDataset(path: path)
        // Exact statistics read every pixel: past ten billion that is hours, not a description.
        if statistics,
            dataset.width.multipliedReportingOverflow(by: dataset.height).partialValue > Self.largestForStatistics
                || dataset.width.multipliedReportingOverflow(by: dataset.height).overflow
        {
            throw AtlasError.badFile(
                path: path,
                reason: "has \(dataset.width) x \(dataset.height) pixels; exact statistics would read them all: pass --no-stats")
        }
        let srs = dataset.spatialReference
        self.path = path
        driver = dataset.driverName
        width = dataset.width
        height = dataset.height
        bandCount = dataset.bandCount
        geoTransform = dataset.geoTransform?.coefficients
        epsg = srs?.epsgCode
        crsName = srs?.name
        crsWKT = srs?.wkt
        metadata = dataset.metadata()
        bandSummaries = try dataset.bands.map { band in
            Band(
                number: band.number, dataType: band.dataTypeName, noData: band.noDataValue,
                description: band.bandDescription, unit: band.unit,
                blockSize: [band.blockSize.width, band.blockSize.height], categoryNames: band.categoryNames,
                colorTableEntries: band.colorTable.count, metadata: band.metadata(),
                statistics: statistics ? try band.statistics() : nil)
        }
    }

    enum CodingKeys: String, CodingKey {
        case path, driver, width, height, bands, epsg, crsName
        case crsWKT = "crsWkt"
        case geotransform, nodata, dataType
        case metadata, bandDetails
    }

    /// The `--json` form: the fields scripts rely on (`width`, `height`, `bands`, `epsg`,
    /// `geotransform`, `nodata` and `dataType` per band) at the top level, nulls kept.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(path, forKey: .path)
        try container.encode(driver, forKey: .driver)
        try container.encode(width, forKey: .width)
        try container.encode(height, forKey: .height)
        try container.encode(bandCount, forKey: .bands)
        try container.encode(epsg, forKey: .epsg)
        try container.encode(crsName, forKey: .crsName)
        try container.encode(crsWKT, forKey: .crsWKT)
        try container.encode(geoTransform, forKey: .geotransform)
        try container.encode(bandSummaries.map { JSONNumber($0.noData) }, forKey: .nodata)
        try container.encode(bandSummaries.map(\.dataType), forKey: .dataType)
        try container.encode(metadata, forKey: .metadata)
        try container.encode(bandSummaries, forKey: .bandDetails)
    }

    /// gdalinfo-like text for people.
    public var text: String {
        var lines = ["\(path) (\(driver))", "Size: \(width) x \(height) pixels, \(bandCount) band\(bandCount == 1 ? "" : "s")"]
        if let crsName {
            lines.append("CRS: \(crsName)" + (epsg.map { " (EPSG:\($0))" } ?? ""))
        } else {
            lines.append("CRS: none")
        }
        if let transform = geoTransform.map(GeoTransform.init) {
            lines.append("Origin: (\(transform.originX), \(transform.originY))")
            lines.append(
                "Pixel size: (\(transform.pixelWidth), \(transform.pixelHeight))"
                    + (transform.isNorthUp ? "" : ", rotation (\(transform.rotationX), \(transform.rotationY))"))
        } else {
            lines.append("Geotransform: none")
        }
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) { lines.append("  \(key)=\(value)") }
        for band in bandSummaries {
            var header = "Band \(band.number): \(band.dataType), block \(band.blockSize[0]) x \(band.blockSize[1])"
            if let noData = band.noData { header += ", nodata \(noData)" }
            if !band.description.isEmpty { header += ", \"\(band.description)\"" }
            if !band.unit.isEmpty { header += ", unit \(band.unit)" }
            lines.append(header)
            if let s = band.statistics {
                if s.validCount > 0 {
                    lines.append(
                        "  min \(s.minimum), max \(s.maximum), mean \(s.mean), std \(s.standardDeviation); \(s.validCount) valid, \(s.nodataCount) nodata pixels"
                    )
                } else {
                    lines.append("  no valid pixels (\(s.nodataCount) nodata)")
                }
            }
            if !band.categoryNames.isEmpty { lines.append("  categories: " + band.categoryNames.joined(separator: ", ")) }
            if band.colorTableEntries > 0 { lines.append("  colour table: \(band.colorTableEntries) entries") }
            for (key, value) in band.metadata.sorted(by: { $0.key < $1.key }) { lines.append("  \(key)=\(value)") }
        }
        return lines.joined(separator: "\n")
    }
}

/// A number for JSON that keeps nodata values JSON cannot hold: NaN and infinities become
/// the strings "nan", "inf", "-inf" (as gdalinfo -json writes them); nil becomes null.
struct JSONNumber: Encodable {
    let value: Double?

    init(_ value: Double?) {
        self.value = value
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        switch value {
        case nil: try container.encodeNil()
        case let v? where v.isNaN: try container.encode("nan")
        case let v? where v.isInfinite: try container.encode(v > 0 ? "inf" : "-inf")
        case let v?: try container.encode(v)
        }
    }
}

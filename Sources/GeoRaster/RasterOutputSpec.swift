/// What a band of an output carries besides its pixels.
public struct BandSpec: Sendable {
    public var description: String
    public var unit: String
    public var noData: Double?
    /// Colour per class code (class maps).
    public var colorTable: [Int: RGBA]
    /// Category name per code, index = code (class maps); GDAL keeps them in the ".aux.xml" side-car.
    public var categoryNames: [String]
    public var metadata: [String: String]

    public init(
        description: String = "", unit: String = "", noData: Double? = nil,
        colorTable: [Int: RGBA] = [:], categoryNames: [String] = [], metadata: [String: String] = [:]
    ) {
        self.description = description
        self.unit = unit
        self.noData = noData
        self.colorTable = colorTable
        self.categoryNames = categoryNames
        self.metadata = metadata
    }
}

public enum RasterFormat: String, Sendable, CaseIterable {
    /// Cloud-optimised GeoTIFF: tiled, with internal overviews, written through GDAL's COG driver.
    case cog = "COG"
    /// Tiled GeoTIFF.
    case gtiff = "GTiff"
}

public enum RasterCompression: String, Sendable, CaseIterable {
    case deflate = "DEFLATE"
    case zstd = "ZSTD"
    case none = "NONE"
}

/// Everything needed to create an output raster.
public struct RasterOutputSpec: Sendable {
    public var grid: RasterGrid
    public var dataType: RasterDataType
    public var bands: [BandSpec]
    public var metadata: [String: String]
    public var format: RasterFormat
    public var compression: RasterCompression
    public var blockSize: Int
    /// Internal overviews for plain GeoTIFF (COG always gets them).
    public var overviews: Bool
    /// Extra GDAL creation options, "KEY=VALUE" (the CLI's --co); they override ours.
    public var creationOptions: [String]
    /// Threads GDAL may use to compress tiles (its NUM_THREADS); the bytes do not depend on it.
    public var compressionThreads: Int = 1
    /// For COG: where to keep the working GeoTIFF once the COG is in place (same pixels, ZSTD
    /// without predictor, several times cheaper to read back than the COG); nil deletes it.
    public var keptWorkingCopy: String?

    public init(
        grid: RasterGrid, dataType: RasterDataType, bands: [BandSpec], metadata: [String: String] = [:],
        format: RasterFormat = .cog, compression: RasterCompression = .deflate, blockSize: Int = 512,
        overviews: Bool = false, creationOptions: [String] = []
    ) {
        self.grid = grid
        self.dataType = dataType
        self.bands = bands
        self.metadata = metadata
        self.format = format
        self.compression = compression
        self.blockSize = blockSize
        self.overviews = overviews
        self.creationOptions = creationOptions
    }

    /// Tile side on disk: the block size, or for a raster smaller than one block its longer
    /// side rounded up to TIFF's multiple of 16. Padded to a whole block, a 20 x 15 grid of
    /// 12 monthly temperatures inflated 12.6 MB on every read of its single tile.
    var tileSize: Int { min(blockSize, max(16, (max(grid.width, grid.height) + 15) / 16 * 16)) }

    /// Class maps (with a colour table) are resampled by nearest neighbour in overviews.
    var isCategorical: Bool { bands.contains { !$0.colorTable.isEmpty || !$0.categoryNames.isEmpty } }

    /// Horizontal differencing for integers, floating-point prediction for floats.
    var predictor: String {
        guard compression != .none else { return "1" }
        return dataType.isFloatingPoint ? "3" : "2"
    }

    /// Options of the working GeoTIFF. For COG it is an intermediate file, compressed fast.
    var workingGeoTIFFOptions: [String] {
        var options = [
            "TILED=YES", "BLOCKXSIZE=\(tileSize)", "BLOCKYSIZE=\(tileSize)", "BIGTIFF=IF_SAFER",
            "NUM_THREADS=\(compressionThreads)",
        ]
        if format == .cog {
            // No predictor: undoing it when the COG driver reads the file back cost more
            // than the bytes it saved (alt on 100 MP: 17.4 -> 15.4 CPU-seconds).
            options += ["COMPRESS=ZSTD", "ZSTD_LEVEL=1"]
        } else {
            options = Self.merging(options + ["COMPRESS=\(compression.rawValue)", "PREDICTOR=\(predictor)"], with: creationOptions)
        }
        return options
    }

    var cogOptions: [String] {
        let cogPredictor = compression == .none ? "NO" : (dataType.isFloatingPoint ? "FLOATING_POINT" : "STANDARD")
        return Self.merging(
            [
                "COMPRESS=\(compression.rawValue)", "PREDICTOR=\(cogPredictor)", "BLOCKSIZE=\(tileSize)",
                "BIGTIFF=IF_SAFER", "RESAMPLING=\(overviewResampling)", "NUM_THREADS=\(compressionThreads)",
            ], with: creationOptions)
    }

    /// `defaults` with every key the user's `options` also set replaced by the user's value
    /// (keys compared without case): GDAL takes the first of two equal keys, so appending
    /// them would silently keep ours.
    static func merging(_ defaults: [String], with options: [String]) -> [String] {
        func key(_ option: String) -> String { option.split(separator: "=", maxSplits: 1).first.map { $0.uppercased() } ?? "" }
        let given = Set(options.map(key))
        return defaults.filter { !given.contains(key($0)) } + options
    }

    var overviewResampling: String { isCategorical ? "NEAREST" : "AVERAGE" }
}

import Foundation
import GeoRaster

/// How products are written: format, compression, tiling, overwrite policy, extra GDAL options.
public struct OutputOptions: Sendable {
    public var format: RasterFormat
    public var compression: RasterCompression
    public var blockSize: Int
    public var overwrite: Bool
    public var creationOptions: [String]
    public var threads: Int

    public init(format: RasterFormat = .cog, compression: RasterCompression = .deflate, blockSize: Int = 512,
                overwrite: Bool = false, creationOptions: [String] = [],
                threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.format = format
        self.compression = compression
        self.blockSize = blockSize
        self.overwrite = overwrite
        self.creationOptions = creationOptions
        self.threads = threads
    }

    /// A writer for a one-band product on `grid`.
    public func writer(path: String, grid: RasterGrid, dataType: RasterDataType, band: BandSpec,
                       metadata: [String: String]) throws -> RasterWriter {
        try writer(path: path, grid: grid, dataType: dataType, bands: [band], metadata: metadata)
    }

    public func writer(path: String, grid: RasterGrid, dataType: RasterDataType, bands: [BandSpec],
                       metadata: [String: String]) throws -> RasterWriter {
        let spec = RasterOutputSpec(grid: grid, dataType: dataType, bands: bands, metadata: metadata, format: format,
                                    compression: compression, blockSize: blockSize, creationOptions: creationOptions)
        return try RasterWriter(path: path, spec: spec, overwrite: overwrite)
    }
}

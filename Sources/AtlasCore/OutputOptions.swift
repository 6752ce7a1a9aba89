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
    /// When set, file paths under this folder are recorded relative to it in output metadata,
    /// so an atlas is byte-identical wherever its folder lies.
    public var metadataPathBase: String?
    /// When set (COG only), each product's working GeoTIFF is kept in this folder after its
    /// COG is written, at `workingCopy(of:)`, for later steps to read cheaply.
    public var workingCopyFolder: String?
    /// Written into every raster's metadata (`AtlasProvenance`).
    public var provenance = AtlasProvenance()

    public init(
        format: RasterFormat = .cog, compression: RasterCompression = .deflate, blockSize: Int = 512,
        overwrite: Bool = false, creationOptions: [String] = [],
        threads: Int = ProcessInfo.processInfo.activeProcessorCount
    ) {
        self.format = format
        self.compression = compression
        self.blockSize = blockSize
        self.overwrite = overwrite
        self.creationOptions = creationOptions
        self.threads = threads
    }

    /// A writer for a one-band product on `grid`.
    public func writer(
        path: String, grid: RasterGrid, dataType: RasterDataType, band: BandSpec,
        metadata: [String: String]
    ) throws -> RasterWriter {
        try writer(path: path, grid: grid, dataType: dataType, bands: [band], metadata: metadata)
    }

    public func writer(
        path: String, grid: RasterGrid, dataType: RasterDataType, bands: [BandSpec],
        metadata: [String: String]
    ) throws -> RasterWriter {
        var spec = RasterOutputSpec(
            grid: grid, dataType: dataType, bands: bands, metadata: relativePaths(metadata).merging(provenance.metadata) { own, _ in own },
            format: format,
            compression: compression, blockSize: blockSize, creationOptions: creationOptions)
        spec.compressionThreads = threads
        spec.keptWorkingCopy = workingCopy(of: path)
        return try RasterWriter(path: path, spec: spec, overwrite: overwrite)
    }

    /// Where the working copy of the product at `path` is kept: its path under
    /// `metadataPathBase` with "/" as "_" ("pre/magt.tif" -> "pre_magt.tif").
    public func workingCopy(of path: String) -> String? {
        guard let workingCopyFolder, format == .cog else { return nil }
        return workingCopyFolder + "/" + RecordedPath.relative(path, to: metadataPathBase).replacingOccurrences(of: "/", with: "_")
    }

    func relativePaths(_ metadata: [String: String]) -> [String: String] {
        metadata.mapValues { RecordedPath.relative($0, to: metadataPathBase) }
    }
}

/// Paths as recorded in metadata, model files and reports: relative to the output folder, so
/// an atlas is byte-identical wherever its folder lies and shows no local folders when shared.
public enum RecordedPath {
    /// `text` with every occurrence of `base/` removed (paths under base become relative).
    static func relative(_ text: String, to base: String?) -> String {
        guard let base else { return text }
        return text.replacingOccurrences(of: base.hasSuffix("/") ? base : base + "/", with: "")
    }

    /// `path` as seen from the folder `base` ("../scene/dem.tif"); both made absolute first.
    public static func relativePath(_ path: String, from base: String) -> String {
        let target = URL(fileURLWithPath: path).standardized.pathComponents
        let origin = URL(fileURLWithPath: base).standardized.pathComponents
        var common = 0
        while common < min(target.count, origin.count), target[common] == origin[common] { common += 1 }
        let steps = Array(repeating: "..", count: origin.count - common) + target[common...]
        return steps.isEmpty ? "." : steps.joined(separator: "/")
    }

    /// A recorded path back to a file: relative paths are from `base`.
    public static func resolve(_ recorded: String, from base: String) -> String {
        recorded.hasPrefix("/") ? recorded : URL(fileURLWithPath: base).appendingPathComponent(recorded).standardized.path
    }
}

import AtlasFoundation
import Foundation
import GeoRaster

/// Where a run's products are written and read back. Every product is written as a working
/// GeoTIFF (ZSTD, no predictor) and then copied into its COG; the store decides which working
/// files stay until the run ends, in `OUT/.working-PID/`:
/// - those of float products a later step reads, because decoding a COG's DEFLATE with
///   floating-point prediction costs several times more than the working file;
/// - every product's, when the maps read products at full resolution (grids under twice the
///   maps' size); larger grids draw their maps from the COGs' overviews.
/// A step reads a product from its working file when one is kept (same pixels and bands).
public final class ProductStore: Sendable {
    public let layout: AtlasLayout
    /// The run's working folder, emptied when the run starts and removed when it ends.
    public let folder: String
    private let options: OutputOptions
    private let kept: Set<AtlasProduct>

    /// `options` are the run's output options (metadata paths relative to the layout's root).
    public init(layout: AtlasLayout, options: OutputOptions, keeping kept: Set<AtlasProduct>) {
        self.layout = layout
        // Per run: a folder another process left can never stand in for this run's files.
        self.folder = layout.root + "/.working-\(ProcessInfo.processInfo.processIdentifier)"
        self.options = options
        self.kept = kept
    }

    /// What the store keeps for `steps`: float products some step reads, or every product
    /// when `mapsReadFullResolution`.
    public static func keptProducts(reads: [AtlasProduct], mapsReadFullResolution: Bool) -> Set<AtlasProduct> {
        mapsReadFullResolution ? Set(AtlasProduct.mapped) : Set(reads.filter { !$0.isClassMap })
    }

    /// Output options for a stage writing `products`: with the working folder when the store
    /// keeps any of them.
    public func options(writing products: [AtlasProduct]) -> OutputOptions {
        var options = options
        if products.contains(where: kept.contains) { options.workingCopyFolder = folder }
        return options
    }

    /// The file to read `product` from: its working copy when kept, else the product itself.
    public func source(of product: AtlasProduct) -> String {
        let path = layout.path(of: product)
        var keeping = options
        keeping.workingCopyFolder = folder
        guard kept.contains(product), let copy = keeping.workingCopy(of: path), FileManager.default.fileExists(atPath: copy) else {
            return path
        }
        return copy
    }

    /// Creates the working folder after removing those of killed runs (the caller holds the
    /// output folder's lock, so no other run is using them).
    public func open() throws {
        let manager = FileManager.default
        for name in (try? manager.contentsOfDirectory(atPath: layout.root)) ?? [] where name.hasPrefix(".working") {
            try? manager.removeItem(atPath: layout.root + "/" + name)
        }
        try OutputFolder.create(folder)
    }

    public func close() {
        try? FileManager.default.removeItem(atPath: folder)
    }
}

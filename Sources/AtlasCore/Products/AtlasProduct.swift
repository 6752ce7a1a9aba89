import GeoRaster

/// One raster the atlas writes: where it lies in the output folder, what it is called in the
/// report and in GIS, its unit, type and nodata, how it is drawn and which step makes it.
/// Every stage, the writer, the maps, the report and the mosaic read these entries
/// (`AtlasProduct+Catalogue.swift`) instead of spelling names and titles themselves.
public struct AtlasProduct: Sendable, Hashable, CustomStringConvertible {
    /// The folder of the output layout a product lies in.
    public enum Folder: String, Sendable, CaseIterable {
        case pre, post, diff, aligned
        /// The top of the output folder (disturbance.tif), and the step commands' own
        /// products, which the user names (`--freezing-index`, `--content`).
        case root = ""
    }

    /// A colour ramp of the map style, by the name `render --ramp` takes.
    public enum Ramp: String, Sendable {
        case temperature, difference
        case thawDepth = "thaw-depth"
        case ice
        case thawingIndex = "thawing-index"
        case terrain, viridis
    }

    /// How the values read: a continuous quantity drawn with a ramp, or class codes with a
    /// legend (nil when the classes are named at run time: vegetation labels, zone names).
    public enum Values: Sendable {
        case continuous(Ramp)
        case classes(ClassLegend?)
    }

    /// The atlas step that writes a product (the PERMAFROST_ATLAS_STEP metadata item).
    public enum Step: String, Sendable {
        case vegetation = "classify"
        case magt, stability
        case thawIndex = "thaw-index"
        case alt, ice, mining
        case postMiningVegetation = "post-mining vegetation"
        case zones = "zones"
    }

    /// File name without `.tif` ("ice_class").
    public let name: String
    public let folder: Folder
    /// Title in the report and map legends ("Ground-ice class (pre-mining)").
    public let title: String
    /// The band description written into the GeoTIFF ("ground-ice class").
    public let bandDescription: String
    public let unit: String
    public let values: Values
    public let step: Step

    /// Float32 with -9999 for quantities, Byte with 0 for classes.
    public var dataType: RasterDataType { isClassMap ? .byte : .float32 }
    public var noData: Double { isClassMap ? 0 : Double(ProductSink.floatNoData) }

    public var isClassMap: Bool {
        if case .classes = values { return true }
        return false
    }

    public var ramp: Ramp? {
        if case .continuous(let ramp) = values { return ramp }
        return nil
    }

    /// The legend of a class map whose classes are fixed (nil for continuous products and for
    /// classes named at run time).
    public var legend: ClassLegend? {
        if case .classes(let legend) = values { return legend }
        return nil
    }

    /// Path in the output folder ("pre/ice_class.tif").
    public var path: String { folder == .root ? "\(name).tif" : "\(folder.rawValue)/\(name).tif" }
    /// Name of its map picture in maps/ ("pre_ice_class").
    public var mapName: String { folder == .root ? name : "\(folder.rawValue)_\(name)" }

    public var description: String { path }

    public static func == (a: AtlasProduct, b: AtlasProduct) -> Bool { a.path == b.path }
    public func hash(into hasher: inout Hasher) { hasher.combine(path) }
}

import Foundation
import GeoRaster
import PermafrostKernels

/// The classification features: every band of every input raster, on the first raster's
/// grid, named after file and band ("landsat.tif:SR_B5" or "landsat.tif:band 5"), followed by
/// any spectral indices computed from them ("NDVI").
public struct FeatureStack: Sendable {
    public let grid: RasterGrid
    public let layers: [InputLayer]
    /// Names of the bands, then of the indices.
    public let names: [String]
    /// Each band's GDAL data type ("UInt16") and nodata value, in feature order.
    public let bandDataTypes: [String]
    public let bandNoData: [Double?]
    public let indices: [SpectralIndex]
    /// Column (0-based, among the bands) of each spectral band the indices use.
    public let bandColumns: [SpectralIndex.Band: Int]
    /// How each spectral band the indices use becomes surface reflectance.
    public let reflectance: [SpectralIndex.Band: SpectralIndex.ReflectanceScaling]
    /// Where `reflectance` came from, for reports ("Landsat Collection 2 defaults (bands SR_B*)").
    public let reflectanceSource: String

    /// - Parameters:
    ///   - grid: the grid to classify on; default: the first raster's.
    ///   - indices: spectral indices to add as features.
    ///   - bandRoles: 1-based band positions of the spectral bands; default: recognised
    ///     from Landsat 8/9 band names (B2 blue ... B7 SWIR2).
    ///   - reflectance: how every band's values become reflectance for the indices (the
    ///     configuration's `landsat_scale`/`landsat_offset`), or each band's as a model stored
    ///     it; by default the band's own scale/offset, else Landsat Collection 2's for bands
    ///     named SR_B*, else the values as they are.
    public init(
        paths: [String], grid: RasterGrid? = nil, indices: [SpectralIndex] = [],
        bandRoles: [SpectralIndex.Band: Int]? = nil, reflectance choice: ReflectanceChoice = .automatic
    ) throws {
        guard let first = paths.first else { throw AtlasError.badParameter(.bands, reason: "give at least one raster") }
        self.grid = try grid ?? RasterDataset(path: first).grid()
        var layers: [InputLayer] = []
        var names: [String] = []
        var declared: [(scale: Double, offset: Double)?] = []
        var dataTypes: [String] = [], noData: [Double?] = []
        for path in paths {
            let dataset = try RasterDataset(path: path)
            let raster = try AlignedRaster.align(path, onto: self.grid, resampling: .bilinear)
            let file = URL(fileURLWithPath: path).lastPathComponent
            for band in dataset.bands {
                layers.append(InputLayer(role: "feature", raster: raster, band: band.number))
                let description = band.bandDescription.trimmingCharacters(in: .whitespaces)
                names.append("\(file):\(description.isEmpty ? "band \(band.number)" : description)")
                declared.append(band.valueScaling)
                dataTypes.append(band.dataTypeName)
                noData.append(band.noDataValue)
            }
        }
        try InputLayer.requireValidPixels(layers)
        self.layers = layers
        bandDataTypes = dataTypes
        bandNoData = noData
        self.indices = indices
        bandColumns =
            try bandRoles.map { roles in
                try roles.mapValues { position in
                    guard (1...layers.count).contains(position) else {
                        throw AtlasError.badParameter(
                            .bandRoles, reason: "band \(position) does not exist (the rasters have \(layers.count) bands)")
                    }
                    return position - 1
                }
            } ?? Self.landsatColumns(names)
        for index in indices {
            for band in [index.bands.a, index.bands.b] where bandColumns[band] == nil {
                throw AtlasError.badInput(
                    "\(index.name) needs the \(band.rawValue) band, which is not recognised among \(names.joined(separator: ", ")); give \(.bandRoles) (e.g. red=3,nir=4)"
                )
            }
        }
        self.names = names + indices.map(\.name)
        (reflectance, reflectanceSource) = Self.reflectance(
            choice, bands: Set(indices.flatMap { [$0.bands.a, $0.bands.b] }), columns: bandColumns, names: names, declared: declared)
    }

    /// How a feature stack takes its bands' values to reflectance.
    public enum ReflectanceChoice: Sendable {
        /// Each band's own declaration, else Collection 2 for SR_B* bands, else as they are.
        case automatic
        /// One scale and offset for every band (the user's).
        case given(SpectralIndex.ReflectanceScaling)
        /// Per band, as a model recorded them at training.
        case recorded([SpectralIndex.Band: SpectralIndex.ReflectanceScaling])
    }

    private static func reflectance(
        _ choice: ReflectanceChoice, bands: Set<SpectralIndex.Band>, columns: [SpectralIndex.Band: Int], names: [String],
        declared: [(scale: Double, offset: Double)?]
    ) -> ([SpectralIndex.Band: SpectralIndex.ReflectanceScaling], String) {
        switch choice {
        case .given(let scaling):
            return (
                Dictionary(uniqueKeysWithValues: bands.map { ($0, scaling) }), "given: scale \(scaling.scale), offset \(scaling.offset)"
            )
        case .recorded(let scaling):
            return (scaling, "as at training")
        case .automatic:
            var result: [SpectralIndex.Band: SpectralIndex.ReflectanceScaling] = [:]
            var sources = Set<String>()
            for band in bands {
                guard let column = columns[band] else { continue }
                if let own = declared[column] {
                    result[band] = .init(scale: own.scale, offset: own.offset)
                    sources.insert("the bands' scale and offset")
                } else if names[column].split(separator: ":").last?.uppercased().hasPrefix("SR_B") == true {
                    result[band] = .landsatCollection2
                    sources.insert("Landsat Collection 2 Level-2 defaults for bands named SR_B* (scale 2.75e-05, offset -0.2)")
                } else {
                    result[band] = .identity
                    sources.insert("values taken as reflectance")
                }
            }
            return (result, sources.isEmpty ? "no spectral index" : sources.sorted().joined(separator: "; "))
        }
    }

    /// Landsat 8/9 OLI surface-reflectance bands by name: B2 blue, B3 green, B4 red, B5 NIR,
    /// B6 SWIR1, B7 SWIR2 ("SR_B5", "B5", "sr_b5").
    static func landsatColumns(_ names: [String]) -> [SpectralIndex.Band: Int] {
        let bands: [String: SpectralIndex.Band] = ["B2": .blue, "B3": .green, "B4": .red, "B5": .nir, "B6": .swir1, "B7": .swir2]
        var columns: [SpectralIndex.Band: Int] = [:]
        for (column, name) in names.enumerated() {
            let band = name.split(separator: ":").last.map(String.init)?.uppercased() ?? ""
            let token = band.hasPrefix("SR_") ? String(band.dropFirst(3)) : band
            if let role = bands[token], columns[role] == nil { columns[role] = column }
        }
        return columns
    }

    public var warped: [String] { layers.filter(\.raster.wasWarped).map(\.sourcePath).uniqued() }

    public func open() throws -> [LayerReader] { try InputLayer.open(layers) }

    /// Row-major features of `window` (pixel * featureCount + feature): the bands, then the
    /// indices; NaN marks nodata.
    public func read(_ readers: [LayerReader], window: RasterWindow) throws -> [Float] {
        try SpectralIndex.appending(
            indices, to: Self.read(readers, window: window), featureCount: readers.count, columns: bandColumns, scaling: reflectance)
    }

    public static func read(_ readers: [LayerReader], window: RasterWindow) throws -> [Float] {
        let count = window.pixelCount, p = readers.count
        var rows = [Float](repeating: 0, count: count * p)
        var band = [Float](repeating: 0, count: count)
        for (feature, reader) in readers.enumerated() {
            try band.withUnsafeMutableBufferPointer { try reader.readValues(window, into: $0) }
            for pixel in 0..<count { rows[pixel * p + feature] = band[pixel] }
        }
        return rows
    }
}

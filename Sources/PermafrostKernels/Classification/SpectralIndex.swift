/// Normalised-difference indices of surface reflectance, the usual extra features of a land
/// cover classification (METHOD section 2). Each is (a - b) / (a + b) of two bands.
public enum SpectralIndex: String, CaseIterable, Codable, Sendable {
    /// Vegetation: (NIR - red) / (NIR + red).
    case ndvi
    /// Open water (McFeeters 1996): (green - NIR) / (green + NIR).
    case ndwi
    /// Vegetation water content: (NIR - SWIR1) / (NIR + SWIR1).
    case ndmi
    /// Snow and ice: (green - SWIR1) / (green + SWIR1).
    case ndsi
    /// Bare soil and built surfaces: (SWIR1 - NIR) / (SWIR1 + NIR).
    case ndbi

    /// The spectral bands an index is computed from.
    public enum Band: String, CaseIterable, Codable, Sendable {
        case blue, green, red, nir, swir1, swir2
    }

    /// The bands of the numerator's first and second term: (a - b) / (a + b).
    public var bands: (a: Band, b: Band) {
        switch self {
        case .ndvi: return (.nir, .red)
        case .ndwi: return (.green, .nir)
        case .ndmi: return (.nir, .swir1)
        case .ndsi: return (.green, .swir1)
        case .ndbi: return (.swir1, .nir)
        }
    }

    public var name: String { rawValue.uppercased() }

    /// The index of one pixel; NaN where a band is NaN or both are zero.
    @inline(__always)
    public static func normalisedDifference(_ a: Float, _ b: Float) -> Float {
        let sum = a + b
        return sum == 0 ? .nan : (a - b) / sum
    }

    /// How stored values become surface reflectance: reflectance = value x scale + offset.
    /// Landsat Collection 2 Level-2 stores digital numbers with scale 2.75e-5 and offset -0.2;
    /// an index of the raw numbers is not the index of the reflectances (the offset does not
    /// cancel), so thresholds and importances would not compare across scenes.
    public struct ReflectanceScaling: Codable, Sendable, Equatable {
        public var scale: Double
        public var offset: Double

        public init(scale: Double, offset: Double) {
            self.scale = scale
            self.offset = offset
        }

        public static let identity = ReflectanceScaling(scale: 1, offset: 0)
        /// Landsat 8/9 Collection 2 Level-2 surface reflectance (USGS).
        public static let landsatCollection2 = ReflectanceScaling(scale: 2.75e-5, offset: -0.2)

        @inline(__always)
        func reflectance(_ value: Float) -> Float { Float(Double(value) * scale + offset) }
    }

    /// Appends `indices` to row-major feature rows (`featureCount` values per row), taking each
    /// band from the feature column `columns[band]`, as reflectance by `scaling[band]` (the
    /// values as they are when a band has none). Returns rows of featureCount + indices.count.
    public static func appending(
        _ indices: [SpectralIndex], to rows: [Float], featureCount: Int,
        columns: [Band: Int], scaling: [Band: ReflectanceScaling] = [:]
    ) throws -> [Float] {
        guard !indices.isEmpty else { return rows }
        // The bands' feature columns, looked up once rather than per pixel.
        let bandColumns = try indices.map { index in
            try [index.bands.a, index.bands.b].map { band in
                guard let column = columns[band], (0..<featureCount).contains(column) else {
                    throw RandomForestError.invalidParameter(
                        "\(index.name) needs the \(band.rawValue) band: give its position among the features")
                }
                return column
            }
        }
        let bandScaling = indices.map { index in [index.bands.a, index.bands.b].map { scaling[$0] ?? .identity } }
        let rowCount = rows.count / featureCount, width = featureCount + indices.count
        var result = [Float](repeating: 0, count: rowCount * width)
        for row in 0..<rowCount {
            for feature in 0..<featureCount { result[row * width + feature] = rows[row * featureCount + feature] }
            for (k, pair) in bandColumns.enumerated() {
                let a = bandScaling[k][0].reflectance(rows[row * featureCount + pair[0]])
                let b = bandScaling[k][1].reflectance(rows[row * featureCount + pair[1]])
                result[row * width + featureCount + k] = normalisedDifference(a, b)
            }
        }
        return result
    }
}

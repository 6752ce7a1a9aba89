import CGDAL
import Foundation

/// Burns polygons of any OGR vector (GeoPackage, Shapefile, GeoJSON) onto a reference grid
/// by attribute, with GDAL's rasterizer; features are reprojected to the grid's CRS.
public enum PolygonRasterizer {
    /// Rasterizes `attribute` of the polygons in `vectorPath` (layer `layer`, or the first one)
    /// into a new UInt8 raster at `outputPath` on `grid`: 0 where no polygon lies.
    /// Numeric attributes are burnt as they are (they must be 1...255); text attributes are
    /// translated through `codes`, and a value missing from `codes` is an input error.
    public static func rasterize(
        _ vectorPath: String, layer: String? = nil, attribute: String,
        codes: [String: Int]? = nil, onto grid: RasterGrid,
        outputPath: String, bandSpec: BandSpec, format: RasterFormat = .gtiff, metadata: [String: String] = [:], overwrite: Bool
    ) throws {
        let vector = try VectorSource(path: vectorPath, layer: layer)
        let values = try vector.distinctValues(of: attribute)
        let burns = try burnPlan(values: values, attribute: attribute, codes: codes, path: vectorPath)
        // Numeric attributes burn in one pass; text ones one value at a time through a filter.
        let passes: [[String]] =
            codes == nil
            ? [["-l", vector.layerName, "-a", attribute]]
            : burns.map { value, code in
                let quoted = value.replacingOccurrences(of: "'", with: "''")
                return ["-l", vector.layerName, "-where", "\"\(attribute)\" = '\(quoted)'", "-burn", "\(code)"]
            }

        var spec = RasterOutputSpec(grid: grid, dataType: .byte, bands: [bandSpec], metadata: metadata, format: format)
        spec.bands[0].noData = spec.bands[0].noData ?? 0
        let writer = try RasterWriter(path: outputPath, spec: spec, overwrite: overwrite)
        let target = try writer.band(1)
        // GDAL's rasterizer holds as many rows as its block cache allows (a whole 100 MP grid),
        // so memory would grow with the grid: burn strips of rows into a small in-memory
        // raster instead. Pixel centres are the same as on the whole grid.
        let stripRows = max(1, min(grid.height, (16 << 20) / max(1, grid.width)))
        for top in stride(from: 0, to: grid.height, by: stripRows) {
            let window = RasterWindow(column: 0, row: top, width: grid.width, height: min(stripRows, grid.height - top))
            let strip = try burnStrip(grid.subgrid(window), vector: vector, passes: passes, vectorPath: vectorPath, attribute: attribute)
            try target.write(window, values: strip)
        }
        try writer.commit()
    }

    /// The burnt codes of one strip of the grid, row-major, 0 where no polygon lies.
    private static func burnStrip(
        _ strip: RasterGrid, vector: VectorSource, passes: [[String]], vectorPath: String,
        attribute: String
    ) throws -> [UInt8] {
        guard let memory = GDALGetDriverByName("MEM") else { throw GeoRasterError(.runtime, path: vectorPath, "GDAL has no MEM driver") }
        GDALErrorState.reset()
        guard let handle = GDALCreate(memory, "", Int32(strip.width), Int32(strip.height), 1, GDT_Byte, nil) else {
            throw GeoRasterError(
                .runtime, path: vectorPath, "cannot hold a \(strip.width) x \(strip.height) strip in memory",
                gdalMessage: GDALErrorState.lastMessage())
        }
        let dataset = RasterDataset(handle: handle, path: vectorPath)
        defer { dataset.close() }
        var transform = strip.geoTransform.coefficients
        GDALSetGeoTransform(handle, &transform)
        GDALSetSpatialRef(handle, strip.spatialReference.handle)
        for pass in passes {
            let options = CStringArray(pass)
            GDALErrorState.reset()
            guard let parsed = GDALRasterizeOptionsNew(options.pointer, nil) else {
                throw GeoRasterError(.runtime, path: vectorPath, "invalid rasterize options", gdalMessage: GDALErrorState.lastMessage())
            }
            defer { GDALRasterizeOptionsFree(parsed) }
            var usageError: Int32 = 0
            guard GDALRasterize(nil, handle, vector.handle, parsed, &usageError) != nil else {
                throw GeoRasterError(
                    .badInput, path: vectorPath, "cannot rasterize attribute \(attribute)", gdalMessage: GDALErrorState.lastMessage())
            }
        }
        return try dataset.band(1).read(strip.extent, as: UInt8.self)
    }

    /// The distinct values of an attribute over a layer's features, in first-seen order.
    public static func distinctValues(_ vectorPath: String, layer: String? = nil, attribute: String) throws -> [String] {
        try VectorSource(path: vectorPath, layer: layer).distinctValues(of: attribute)
    }

    /// Checks, without writing anything, that `rasterize` with these arguments would find a
    /// code for every value of the attribute (the same errors it would throw).
    public static func checkCodes(_ vectorPath: String, layer: String? = nil, attribute: String, codes: [String: Int]? = nil) throws {
        let values = try VectorSource(path: vectorPath, layer: layer).distinctValues(of: attribute)
        _ = try burnPlan(values: values, attribute: attribute, codes: codes, path: vectorPath)
    }

    /// Whether GDAL opens `path` as a vector dataset (polygons) rather than a raster.
    public static func isVector(_ path: String) -> Bool {
        (try? VectorSource(path: path, layer: nil)) != nil && (try? RasterDataset(path: path)) == nil
    }

    private static func burnPlan(values: [String], attribute: String, codes: [String: Int]?, path: String) throws -> [(String, Int)] {
        try values.map { value in
            let code: Int?
            if let codes {
                code = codes[value] ?? codes.first { $0.key.caseInsensitiveCompare(value) == .orderedSame }?.value
                guard code != nil else {
                    let known = codes.keys.sorted().joined(separator: ", ")
                    throw GeoRasterError(
                        .badInput, path: path, "attribute \(attribute) has the unknown value \"\(value)\" (expected one of: \(known))")
                }
            } else {
                code = Int(value) ?? Double(value).flatMap { $0.rounded() == $0 ? Int($0) : nil }
                guard code != nil else {
                    throw GeoRasterError(
                        .badInput, path: path, "attribute \(attribute) value \"\(value)\" is not a whole-number class code")
                }
            }
            guard let code, (1...255).contains(code) else {
                throw GeoRasterError(
                    .badInput, path: path, "attribute \(attribute) value \"\(value)\" maps to code \(code ?? 0), outside 1...255")
            }
            return (value, code)
        }
    }
}

extension RasterBand {
    /// Sets every pixel of the band to `value`.
    func fill(_ value: Double) throws {
        GDALErrorState.reset()
        if GDALFillRaster(handle, value, 0) != CE_None {
            throw GeoRasterError(.runtime, path: path, "cannot initialise band \(number)", gdalMessage: GDALErrorState.lastMessage())
        }
    }
}

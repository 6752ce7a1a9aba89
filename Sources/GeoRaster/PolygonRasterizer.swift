import CGDAL
import Foundation

/// Burns polygons of any OGR vector (GeoPackage, Shapefile, GeoJSON) onto a reference grid
/// by attribute, with GDAL's rasterizer; features are reprojected to the grid's CRS.
public enum PolygonRasterizer {
    /// Rasterizes `attribute` of the polygons in `vectorPath` (layer `layer`, or the first one)
    /// into a new UInt8 raster at `outputPath` on `grid`: 0 where no polygon lies.
    /// Numeric attributes are burnt as they are (they must be 1...255); text attributes are
    /// translated through `codes`, and a value missing from `codes` is an input error.
    public static func rasterize(_ vectorPath: String, layer: String? = nil, attribute: String,
                                 codes: [String: Int]? = nil, onto grid: RasterGrid,
                                 outputPath: String, bandSpec: BandSpec, overwrite: Bool) throws {
        let vector = try VectorSource(path: vectorPath, layer: layer)
        let values = try vector.distinctValues(of: attribute)
        let burns = try burnPlan(values: values, attribute: attribute, codes: codes, path: vectorPath)
        // Numeric attributes burn in one pass; text ones one value at a time through a filter.
        let passes: [[String]] = codes == nil
            ? [["-l", vector.layerName, "-a", attribute]]
            : burns.map { value, code in
                let quoted = value.replacingOccurrences(of: "'", with: "''")
                return ["-l", vector.layerName, "-where", "\"\(attribute)\" = '\(quoted)'", "-burn", "\(code)"]
            }

        var spec = RasterOutputSpec(grid: grid, dataType: .byte, bands: [bandSpec], format: .gtiff)
        spec.bands[0].noData = spec.bands[0].noData ?? 0
        let writer = try RasterWriter(path: outputPath, spec: spec, overwrite: overwrite)
        let target = try writer.band(1)
        try target.fill(0)
        for pass in passes {
            let options = CStringArray(pass)
            GDALErrorState.reset()
            guard let parsed = GDALRasterizeOptionsNew(options.pointer, nil) else {
                throw GeoRasterError(.runtime, path: vectorPath, "invalid rasterize options", gdalMessage: GDALErrorState.lastMessage())
            }
            defer { GDALRasterizeOptionsFree(parsed) }
            var usageError: Int32 = 0
            guard GDALRasterize(nil, target.dataset.handle, vector.handle, parsed, &usageError) != nil else {
                throw GeoRasterError(.badInput, path: vectorPath, "cannot rasterize attribute \(attribute)", gdalMessage: GDALErrorState.lastMessage())
            }
        }
        try writer.commit()
    }

    /// The distinct values of an attribute over a layer's features, in first-seen order.
    public static func distinctValues(_ vectorPath: String, layer: String? = nil, attribute: String) throws -> [String] {
        try VectorSource(path: vectorPath, layer: layer).distinctValues(of: attribute)
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
                    throw GeoRasterError(.badInput, path: path, "attribute \(attribute) has the unknown value \"\(value)\" (expected one of: \(known))")
                }
            } else {
                code = Int(value) ?? Double(value).flatMap { $0.rounded() == $0 ? Int($0) : nil }
                guard code != nil else {
                    throw GeoRasterError(.badInput, path: path, "attribute \(attribute) value \"\(value)\" is not a whole-number class code")
                }
            }
            guard let code, (1...255).contains(code) else {
                throw GeoRasterError(.badInput, path: path, "attribute \(attribute) value \"\(value)\" maps to code \(code ?? 0), outside 1...255")
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

import CGDAL
import Foundation

/// A layer of an OGR vector file, read-only.
final class VectorSource {
    let handle: GDALDatasetH
    let layerHandle: OGRLayerH
    let path: String
    let layerName: String

    init(path: String, layer: String?) throws {
        GDALRuntime.ensureRegistered()
        guard FileManager.default.fileExists(atPath: path) else {
            throw GeoRasterError(.badInput, path: path, "no such file")
        }
        GDALErrorState.reset()
        guard let handle = GDALOpenEx(path, UInt32(GDAL_OF_VECTOR) | UInt32(GDAL_OF_READONLY), nil, nil, nil) else {
            throw GeoRasterError(.badInput, path: path, "not a vector file GDAL can read", gdalMessage: GDALErrorState.lastMessage())
        }
        self.handle = handle
        self.path = path
        let found = layer.map { GDALDatasetGetLayerByName(handle, $0) } ?? GDALDatasetGetLayer(handle, 0)
        guard let found else {
            GDALClose(handle)
            throw GeoRasterError(.badInput, path: path, layer.map { "has no layer \"\($0)\"" } ?? "has no layers")
        }
        layerHandle = found
        layerName = String(cString: OGR_L_GetName(found))
    }

    deinit {
        GDALClose(handle)
    }

    /// The distinct values of a field over all features, as text, in first-seen order.
    func distinctValues(of field: String) throws -> [String] {
        let definition = OGR_L_GetLayerDefn(layerHandle)
        let index = OGR_FD_GetFieldIndex(definition, field)
        guard index >= 0 else {
            let names = (0..<OGR_FD_GetFieldCount(definition)).map {
                String(cString: OGR_Fld_GetNameRef(OGR_FD_GetFieldDefn(definition, $0)))
            }
            throw GeoRasterError(
                .badInput, path: path, "layer \(layerName) has no attribute \"\(field)\" (it has: \(names.joined(separator: ", ")))")
        }
        var seen = Set<String>()
        var values: [String] = []
        OGR_L_ResetReading(layerHandle)
        while let feature = OGR_L_GetNextFeature(layerHandle) {
            defer { OGR_F_Destroy(feature) }
            guard OGR_F_IsFieldSetAndNotNull(feature, index) != 0 else {
                throw GeoRasterError(
                    .badInput, path: path, "feature \(OGR_F_GetFID(feature)) of layer \(layerName) has no value for \"\(field)\"")
            }
            let value = String(cString: OGR_F_GetFieldAsString(feature, index))
            if seen.insert(value).inserted { values.append(value) }
        }
        return values
    }
}

/// What a GIS needs to show a vector file's first layer: its name and CRS (nil without one).
public struct VectorLayerDescription: Sendable {
    public let layerName: String
    public let spatialReferenceWKT: String?

    public init(path: String) throws {
        let source = try VectorSource(path: path, layer: nil)
        layerName = source.layerName
        spatialReferenceWKT = OGR_L_GetSpatialRef(source.layerHandle).map { handle in
            var text: UnsafeMutablePointer<CChar>?
            let options = CStringArray(["FORMAT=WKT2_2019"])
            _ = OSRExportToWktEx(handle, &text, options.constPointer)
            defer { VSIFree(text) }
            return text.map { String(cString: $0) } ?? ""
        }
    }
}

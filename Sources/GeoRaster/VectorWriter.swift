import AtlasFoundation
import CGDAL
import Foundation

/// A polygon and its text attributes, for `VectorWriter`.
public struct VectorPolygon: Sendable {
    /// The exterior ring first, then any holes; (x, y) in the layer's CRS. A ring whose last
    /// point differs from its first is closed automatically.
    public var rings: [[(x: Double, y: Double)]]
    /// Attribute values by field name.
    public var attributes: [String: String]

    public init(rings: [[(x: Double, y: Double)]], attributes: [String: String]) {
        self.rings = rings
        self.attributes = attributes
    }
}

/// Writes polygons with text attributes as one layer of an OGR vector file (GeoPackage by
/// default, or any single-file OGR driver by name), atomically like `RasterWriter`: under a
/// hidden temporary name in the target folder, renamed into place only when complete.
public enum VectorWriter {
    /// - Parameters:
    ///   - fields: the text attributes, in column order; every polygon needs a value for each.
    ///   - driver: GDAL's short name, e.g. "GPKG", "GeoJSON", "FlatGeobuf".
    ///   - timestamp: a fixed time ("2000-01-01T00:00:00.000Z") for formats that record when
    ///     they were written (GeoPackage's last_change), so equal input gives byte-identical
    ///     files; nil records the current time.
    public static func writePolygons(
        _ polygons: [VectorPolygon], to path: String, layer: String, fields: [String],
        spatialReference: SpatialReference, driver driverName: String = "GPKG",
        overwrite: Bool, timestamp: String? = nil
    ) throws {
        GDALRuntime.ensureRegistered()
        let output = try AtomicOutput(finalPath: path, overwrite: overwrite)
        guard let driver = GDALGetDriverByName(driverName),
            GDALGetMetadataItem(driver, GDAL_DCAP_VECTOR, nil) != nil,
            GDALGetMetadataItem(driver, GDAL_DCAP_CREATE, nil) != nil
        else {
            throw GeoRasterError(.badInput, path: path, "GDAL has no vector driver \"\(driverName)\" that can create files")
        }
        try validate(polygons, fields: fields, path: path)
        let temporary = output.temporaryPath()
        AtomicOutput.remove(temporary)
        do {
            try withConfigOption("OGR_CURRENT_DATE", timestamp) {
                try write(
                    polygons, driver: driver, to: temporary, layer: layer, fields: fields,
                    spatialReference: spatialReference, reportedPath: path)
            }
            try requireSingleFile(temporary, driver: driverName, reportedPath: path)
            try output.commit(from: temporary)
        } catch {
            AtomicOutput.remove(temporary)
            throw error
        }
    }

    private static func write(
        _ polygons: [VectorPolygon], driver: GDALDriverH, to temporary: String, layer: String,
        fields: [String], spatialReference: SpatialReference, reportedPath: String
    ) throws {
        GDALErrorState.reset()
        guard let dataset = GDALCreate(driver, temporary, 0, 0, 0, GDT_Unknown, nil) else {
            throw GeoRasterError(.runtime, path: reportedPath, "cannot create the vector file", gdalMessage: GDALErrorState.lastMessage())
        }
        var closed = false
        defer { if !closed { GDALClose(dataset) } }
        GDALErrorState.reset()
        guard let layerHandle = GDALDatasetCreateLayer(dataset, layer, spatialReference.handle, wkbPolygon, nil) else {
            throw GeoRasterError(.runtime, path: reportedPath, "cannot create layer \(layer)", gdalMessage: GDALErrorState.lastMessage())
        }
        for field in fields {
            let definition = OGR_Fld_Create(field, OFTString)
            defer { OGR_Fld_Destroy(definition) }
            GDALErrorState.reset()
            guard OGR_L_CreateField(layerHandle, definition, 1) == OGRERR_NONE else {
                throw GeoRasterError(
                    .runtime, path: reportedPath, "cannot create field \(field)", gdalMessage: GDALErrorState.lastMessage())
            }
        }
        // One transaction: GeoPackage would otherwise commit (and sync) every feature.
        let transaction = GDALDatasetStartTransaction(dataset, 0) == OGRERR_NONE
        for (number, polygon) in polygons.enumerated() {
            try addFeature(polygon, number: number + 1, to: layerHandle, fields: fields, reportedPath: reportedPath)
        }
        GDALErrorState.reset()
        if transaction && GDALDatasetCommitTransaction(dataset) != OGRERR_NONE {
            throw GeoRasterError(.runtime, path: reportedPath, "cannot write the features", gdalMessage: GDALErrorState.lastMessage())
        }
        closed = true
        GDALErrorState.reset()
        GDALClose(dataset)
        if CPLGetLastErrorType() == CE_Failure {
            throw GeoRasterError(.runtime, path: reportedPath, "cannot write the vector file", gdalMessage: GDALErrorState.lastMessage())
        }
    }

    private static func addFeature(
        _ polygon: VectorPolygon, number: Int, to layer: OGRLayerH, fields: [String],
        reportedPath: String
    ) throws {
        let feature = OGR_F_Create(OGR_L_GetLayerDefn(layer))
        defer { OGR_F_Destroy(feature) }
        for (index, field) in fields.enumerated() {
            OGR_F_SetFieldString(feature, Int32(index), polygon.attributes[field] ?? "")
        }
        let geometry = OGR_G_CreateGeometry(wkbPolygon)
        for points in polygon.rings {
            let ring = OGR_G_CreateGeometry(wkbLinearRing)
            for point in points { OGR_G_AddPoint_2D(ring, point.x, point.y) }
            if let first = points.first, let last = points.last, first != last {
                OGR_G_AddPoint_2D(ring, first.x, first.y)
            }
            OGR_G_AddGeometryDirectly(geometry, ring)
        }
        OGR_F_SetGeometryDirectly(feature, geometry)
        GDALErrorState.reset()
        guard OGR_L_CreateFeature(layer, feature) == OGRERR_NONE else {
            throw GeoRasterError(.runtime, path: reportedPath, "cannot write polygon \(number)", gdalMessage: GDALErrorState.lastMessage())
        }
    }

    /// Bad geometry or missing attributes are the caller's input: refused before any file exists.
    private static func validate(_ polygons: [VectorPolygon], fields: [String], path: String) throws {
        for (index, polygon) in polygons.enumerated() {
            let number = index + 1
            if let missing = fields.first(where: { polygon.attributes[$0] == nil }) {
                throw GeoRasterError(.badInput, path: path, "polygon \(number) has no value for field \"\(missing)\"")
            }
            guard !polygon.rings.isEmpty else {
                throw GeoRasterError(.badInput, path: path, "polygon \(number) has no rings")
            }
            for (ringIndex, ring) in polygon.rings.enumerated() {
                guard ring.allSatisfy({ $0.x.isFinite && $0.y.isFinite }) else {
                    throw GeoRasterError(.badInput, path: path, "polygon \(number), ring \(ringIndex + 1) has a non-finite coordinate")
                }
                let distinct = Set(ring.map { "\($0.x) \($0.y)" }).count
                guard distinct >= 3 else {
                    throw GeoRasterError(
                        .badInput, path: path, "polygon \(number), ring \(ringIndex + 1) has \(distinct) distinct points; a ring needs 3")
                }
            }
        }
    }

    /// Formats such as Shapefile write side files next to the named one; those cannot be
    /// renamed into place together, so they are refused rather than left half-moved.
    private static func requireSingleFile(_ temporary: String, driver: String, reportedPath: String) throws {
        let url = URL(fileURLWithPath: temporary)
        let folder = url.deletingLastPathComponent().path
        let stem = url.deletingPathExtension().lastPathComponent + "."
        let siblings = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix(stem) && $0 != url.lastPathComponent }
        guard siblings.isEmpty else {
            for sibling in siblings { try? FileManager.default.removeItem(atPath: folder + "/" + sibling) }
            throw GeoRasterError(
                .badInput, path: reportedPath, "driver \(driver) writes several files; use a single-file format such as GPKG")
        }
    }

    /// Runs `body` with a GDAL configuration option set on this thread only (nil: unchanged).
    private static func withConfigOption<T>(_ key: String, _ value: String?, _ body: () throws -> T) rethrows -> T {
        guard let value else { return try body() }
        let previous = CPLGetThreadLocalConfigOption(key, nil).map { String(cString: $0) }
        CPLSetThreadLocalConfigOption(key, value)
        defer { CPLSetThreadLocalConfigOption(key, previous) }
        return try body()
    }
}

import CGDAL

/// A coordinate reference system (OSR). Axis order is always the traditional GIS order
/// (x = easting or longitude, y = northing or latitude), whatever the EPSG definition says.
public final class SpatialReference: @unchecked Sendable {
    // @unchecked: the handle is never mutated after init; OSR reads are thread-safe.
    let handle: OGRSpatialReferenceH

    init(owning handle: OGRSpatialReferenceH) {
        OSRSetAxisMappingStrategy(handle, OAMS_TRADITIONAL_GIS_ORDER)
        self.handle = handle
    }

    /// From anything GDAL understands: "EPSG:32647", WKT, PROJJSON, a PROJ string.
    public convenience init(definition: String) throws {
        GDALRuntime.ensureRegistered()
        guard let srs = OSRNewSpatialReference(nil) else {
            throw GeoRasterError(.runtime, path: nil, "could not allocate a spatial reference")
        }
        GDALErrorState.reset()
        if OSRSetFromUserInput(srs, definition) != OGRERR_NONE {
            let gdal = GDALErrorState.lastMessage()
            OSRDestroySpatialReference(srs)
            throw GeoRasterError(
                .badInput, path: nil, "not a coordinate reference system: \"\(definition.prefix(80))\"",
                gdalMessage: gdal)
        }
        self.init(owning: srs)
    }

    public convenience init(epsg: Int) throws {
        try self.init(definition: "EPSG:\(epsg)")
    }

    /// WGS84 longitude/latitude in degrees.
    public static func wgs84() -> SpatialReference {
        // EPSG:4326 is always in PROJ's database; failure here would be a broken install.
        try! SpatialReference(epsg: 4326)
    }

    deinit {
        OSRDestroySpatialReference(handle)
    }

    /// WKT2 (2019) text.
    public var wkt: String {
        var text: UnsafeMutablePointer<CChar>?
        let options = CStringArray(["FORMAT=WKT2_2019"])
        _ = OSRExportToWktEx(handle, &text, options.constPointer)
        defer { VSIFree(text) }
        return text.map { String(cString: $0) } ?? ""
    }

    /// The EPSG code, when the definition is (or is identified as) an EPSG one.
    public var epsgCode: Int? {
        if let name = OSRGetAuthorityName(handle, nil), String(cString: name) == "EPSG",
            let code = OSRGetAuthorityCode(handle, nil)
        {
            return Int(String(cString: code))
        }
        // Identify without changing this (shared, immutable) object.
        guard let copy = OSRClone(handle) else { return nil }
        defer { OSRDestroySpatialReference(copy) }
        guard OSRAutoIdentifyEPSG(copy) == OGRERR_NONE,
            let name = OSRGetAuthorityName(copy, nil), String(cString: name) == "EPSG",
            let code = OSRGetAuthorityCode(copy, nil)
        else { return nil }
        return Int(String(cString: code))
    }

    public var name: String {
        OSRGetName(handle).map { String(cString: $0) } ?? "unnamed"
    }

    public var isGeographic: Bool { OSRIsGeographic(handle) != 0 }
    public var isProjected: Bool { OSRIsProjected(handle) != 0 }

    /// Metres per unit of a projected CRS's axes (1 for metres, 0.3048 for feet).
    public var metresPerLinearUnit: Double { OSRGetLinearUnits(handle, nil) }

    /// The ellipsoid's semi-major axis (m) and flattening; WGS84's when OSR has none.
    public var ellipsoid: (semiMajorAxis: Double, flattening: Double) {
        var error: OGRErr = OGRERR_NONE
        let axis = OSRGetSemiMajor(handle, &error)
        let inverse = OSRGetInvFlattening(handle, &error)
        guard error == OGRERR_NONE, axis > 0 else { return (6_378_137, 1 / 298.257223563) }
        return (axis, inverse > 0 ? 1 / inverse : 0)
    }

    /// The same CRS, ignoring names and axis-order metadata.
    public func isSame(as other: SpatialReference) -> Bool {
        let options = CStringArray(["IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES", "CRITERION=EQUIVALENT_EXCEPT_AXIS_ORDER_GEOGCRS"])
        return OSRIsSameEx(handle, other.handle, options.constPointer) != 0
    }
}

/// Transforms points between two CRSs with PROJ. Not thread-safe: one per thread.
public final class CoordinateTransformer {
    private let handle: OGRCoordinateTransformationH

    public init(from source: SpatialReference, to target: SpatialReference) throws {
        GDALRuntime.ensureRegistered()
        GDALErrorState.reset()
        guard let handle = OCTNewCoordinateTransformation(source.handle, target.handle) else {
            throw GeoRasterError(
                .badInput, path: nil,
                "no transformation from \(source.name) to \(target.name)",
                gdalMessage: GDALErrorState.lastMessage())
        }
        self.handle = handle
    }

    deinit {
        OCTDestroyCoordinateTransformation(handle)
    }

    /// Transforms the points in place; returns false for any point PROJ could not transform
    /// (those are set to NaN).
    @discardableResult
    public func transform(x: inout [Double], y: inout [Double]) -> Bool {
        precondition(x.count == y.count, "x and y must have the same length")
        guard !x.isEmpty else { return true }
        var success = [Int32](repeating: 0, count: x.count)
        var z = [Double](repeating: 0, count: x.count)
        _ = OCTTransformEx(handle, Int32(x.count), &x, &y, &z, &success)
        var all = true
        for i in success.indices where success[i] == 0 {
            x[i] = .nan
            y[i] = .nan
            all = false
        }
        return all
    }

    public func transform(x: Double, y: Double) -> (x: Double, y: Double)? {
        var xs = [x], ys = [y]
        return transform(x: &xs, y: &ys) ? (xs[0], ys[0]) : nil
    }
}

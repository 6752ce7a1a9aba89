/// Class names as band metadata items `CLASS_<code>=<name>`. GDAL 3.6 keeps category names and
/// raster attribute tables of a GeoTIFF only in its .aux.xml side-car, which is lost when the
/// .tif alone is copied or uploaded; band metadata goes into the file's GDAL_METADATA tag, which
/// every GDAL reads back (`gdalinfo` lists it).
public enum ClassNameMetadata {
    static let prefix = "CLASS_"

    /// The items for `names` indexed by code; empty names get no item.
    public static func items(_ names: [String]) -> [String: String] {
        var items: [String: String] = [:]
        for (code, name) in names.enumerated() where !name.isEmpty { items["\(prefix)\(code)"] = name }
        return items
    }

    /// Names indexed by code from `metadata`'s items, empty where a code has none; [] when
    /// there is no item.
    public static func names(in metadata: [String: String]) -> [String] {
        var byCode: [Int: String] = [:]
        for (key, name) in metadata where key.hasPrefix(prefix) {
            guard let code = Int(key.dropFirst(prefix.count)), (0...255).contains(code) else { continue }
            byCode[code] = name
        }
        guard let highest = byCode.keys.max() else { return [] }
        return (0...highest).map { byCode[$0] ?? "" }
    }
}

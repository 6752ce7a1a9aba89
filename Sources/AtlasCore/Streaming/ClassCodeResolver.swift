import GeoRaster

/// Matches a table's class column (a code such as "3", or a name such as "alpine meadow")
/// to the codes of a class raster, through the raster's GDAL category names.
public struct ClassCodeResolver: Sendable {
    public let rasterPath: String
    /// Category name per code (index = code), as the class raster declares them.
    public let categoryNames: [String]

    public init(rasterPath: String) throws {
        self.rasterPath = rasterPath
        categoryNames = try RasterDataset(path: rasterPath).band(1).categoryNames
    }

    public init(rasterPath: String, categoryNames: [String]) {
        self.rasterPath = rasterPath
        self.categoryNames = categoryNames
    }

    /// The code for `label`; `location` (e.g. "soil.csv: line 4") prefixes the error.
    public func code(for label: String, location: String) throws -> UInt8 {
        if let number = Int(label) {
            guard let code = UInt8(exactly: number), code > 0 else {
                throw AtlasError.badFile(path: location, reason: "class code \(number) is outside 1...255")
            }
            return code
        }
        if let index = categoryNames.firstIndex(where: { $0.caseInsensitiveCompare(label) == .orderedSame }), index > 0, index < 256 {
            return UInt8(index)
        }
        let known = categoryNames.enumerated().filter { $0.offset > 0 && !$0.element.isEmpty }.map { "\($0.offset) \($0.element)" }
        let hint = known.isEmpty ? "it has no category names, so use codes" : "its categories: " + known.joined(separator: ", ")
        throw AtlasError.badFile(
            path: location, reason: "class \(quoted: label) is neither a code nor a category name of \(rasterPath) (\(hint))")
    }

    /// The display name of a code: the raster's category name, or the code itself.
    public func name(of code: UInt8) -> String {
        Int(code) < categoryNames.count && !categoryNames[Int(code)].isEmpty ? categoryNames[Int(code)] : "\(code)"
    }
}

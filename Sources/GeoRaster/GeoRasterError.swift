import AtlasFoundation
import Foundation

/// A raster-layer failure: which file, what went wrong, and GDAL's own words when it had any.
public struct GeoRasterError: AtlasFailure {
    public let kind: FailureKind
    public let path: String?
    public let message: String
    public let gdalMessage: String?

    public init(_ kind: FailureKind, path: String?, _ message: String, gdalMessage: String? = nil) {
        self.kind = kind
        self.path = path
        self.message = message
        self.gdalMessage = gdalMessage
    }

    public var reason: String { message }

    /// The same error naming `path` when it named no file yet.
    public func naming(_ path: String) -> GeoRasterError {
        self.path == nil ? GeoRasterError(kind, path: path, message, gdalMessage: gdalMessage) : self
    }

    /// One line: `path: message (GDAL: ...)`.
    public var description: String {
        var line = ""
        if let path { line += "\(path): " }
        line += message
        if let gdalMessage, !message.contains(gdalMessage) {
            line += " (GDAL: \(gdalMessage.replacingOccurrences(of: "\n", with: " ")))"
        }
        return line
    }
}

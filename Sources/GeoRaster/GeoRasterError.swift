import Foundation

/// Whether a failure is the user's input (exit code 2) or something that went wrong while
/// running (exit code 1). The CLI maps this to its exit status.
public enum FailureKind: Sendable {
    case badInput
    case runtime

    public var exitCode: Int32 {
        switch self {
        case .badInput: return 2
        case .runtime: return 1
        }
    }
}

/// A raster-layer failure: which file, what went wrong, and GDAL's own words when it had any.
public struct GeoRasterError: Error, CustomStringConvertible, Sendable {
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

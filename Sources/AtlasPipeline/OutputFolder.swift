import Foundation
import GeoRaster

/// Output folders are created with their parents; failing that is the user's to fix (exit 2).
enum OutputFolder {
    static func create(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw AtlasError.badInput("\(path): cannot create the output folder (\(SystemError.reason(of: error)))")
        }
    }
}

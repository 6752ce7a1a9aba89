import Foundation
import GeoRaster

/// Text outputs (tables, models, reports) go through a temporary name and a rename, like
/// the rasters: a crash never leaves half a file under the final name.
enum TextFileOutput {
    static func write(_ text: String, to path: String, overwrite: Bool) throws {
        try write(text, to: try AtomicOutput(finalPath: path, overwrite: overwrite))
    }

    static func write(_ text: String, to output: AtomicOutput) throws {
        let temporary = output.temporaryPath()
        do {
            try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
        } catch {
            AtomicOutput.remove(temporary)
            throw AtlasError.runtime("\(output.finalPath): cannot write (\(SystemError.reason(of: error)))\(output.fullDiskNote)")
        }
        try output.commit(from: temporary)
    }
}

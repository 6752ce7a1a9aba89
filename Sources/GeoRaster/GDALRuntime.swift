import CGDAL
import Foundation

/// Process-wide GDAL set-up, done exactly once before the first GDAL call.
enum GDALRuntime {
    private static let registration: Void = {
        GDALAllRegister()
        // GDAL's default handler prints bare "ERROR 1: ..." lines; GeoRaster turns every
        // failure into a GeoRasterError that names the file instead.
        CPLSetErrorHandler(CPLQuietErrorHandler)
        // GDAL's block cache defaults to 5 % of RAM; a bounded cache keeps memory independent
        // of the machine and of raster size. GDAL_CACHEMAX in the environment still wins.
        if ProcessInfo.processInfo.environment["GDAL_CACHEMAX"] == nil {
            CPLSetConfigOption("GDAL_CACHEMAX", "256")
        }
    }()

    static func ensureRegistered() {
        _ = registration
    }
}

/// GDAL's error state is per thread: reset it right before a call and read it right after,
/// on the same thread, with nothing in between.
enum GDALErrorState {
    static func reset() {
        CPLErrorReset()
    }

    /// The message of the last GDAL error on this thread, or nil when there was none.
    static func lastMessage() -> String? {
        guard CPLGetLastErrorType() != CE_None, let message = CPLGetLastErrorMsg() else { return nil }
        let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? nil : text
    }
}

public enum GDALInfo {
    /// GDAL's release name, e.g. "3.6.2".
    public static var version: String {
        GDALRuntime.ensureRegistered()
        return String(cString: GDALVersionInfo("RELEASE_NAME"))
    }
}

import Foundation

/// The operating system's own words for a failed file operation ("No space left on device",
/// "Permission denied"), rather than Foundation's generic "The operation could not be completed".
public enum SystemError {
    public static func reason(of error: Error) -> String {
        if let failure = error as? any AtlasFailure { return failure.reason }
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(nsError.code))) }
        return nsError.localizedDescription
    }
}

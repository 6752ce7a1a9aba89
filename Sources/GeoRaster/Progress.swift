import CGDAL

/// Receives GDAL's progress (0...1). Return false to ask GDAL to stop.
public typealias ProgressHandler = @Sendable (Double) -> Bool

/// Holds a Swift closure behind the `void *` GDAL hands back to the trampoline.
final class ProgressBox {
    let handler: ProgressHandler

    init(_ handler: @escaping ProgressHandler) {
        self.handler = handler
    }

    /// Runs `body` with the C function and argument GDAL's progress parameters expect.
    static func withCallback<R>(
        _ handler: ProgressHandler?,
        _ body: (GDALProgressFunc?, UnsafeMutableRawPointer?) throws -> R
    ) rethrows -> R {
        guard let handler else { return try body(nil, nil) }
        let box = ProgressBox(handler)
        return try withExtendedLifetime(box) {
            try body(gdalProgressTrampoline, Unmanaged.passUnretained(box).toOpaque())
        }
    }
}

/// A free function, not a closure: GDAL may call it from a worker thread, where a closure
/// literal isolated to the main actor would trap.
private func gdalProgressTrampoline(
    _ complete: Double, _ message: UnsafePointer<CChar>?,
    _ argument: UnsafeMutableRawPointer?
) -> Int32 {
    guard let argument else { return 1 }
    let box = Unmanaged<ProgressBox>.fromOpaque(argument).takeUnretainedValue()
    return box.handler(complete) ? 1 : 0
}

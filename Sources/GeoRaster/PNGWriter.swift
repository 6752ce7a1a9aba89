import CGDAL
import Foundation

/// A picture in memory: row-major pixels, four bytes (red, green, blue, alpha) each.
public struct RGBAImage: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var bytes: [UInt8]

    /// A width x height picture filled with one colour.
    public init(width: Int, height: Int, filledWith color: RGBA = RGBA(0, 0, 0, 0)) {
        precondition(width > 0 && height > 0, "a picture needs at least one pixel")
        self.width = width
        self.height = height
        bytes = [UInt8](repeating: 0, count: 4 * width * height)
        if color != RGBA(0, 0, 0, 0) {
            for index in 0..<(width * height) { self[index] = color }
        }
    }

    /// The colour of pixel `index`, counted row-major from the top-left corner.
    public subscript(index: Int) -> RGBA {
        get { RGBA(bytes[4 * index], bytes[4 * index + 1], bytes[4 * index + 2], bytes[4 * index + 3]) }
        set {
            bytes[4 * index] = newValue.red
            bytes[4 * index + 1] = newValue.green
            bytes[4 * index + 2] = newValue.blue
            bytes[4 * index + 3] = newValue.alpha
        }
    }

    public subscript(column column: Int, row row: Int) -> RGBA {
        get { self[row * width + column] }
        set { self[row * width + column] = newValue }
    }
}

/// Writes RGBA pictures as PNG through GDAL's PNG driver (from an in-memory dataset, since
/// the driver only has CreateCopy), under a temporary name renamed into place when complete.
/// The same picture always gives the same bytes: the driver writes no time stamp.
public struct PNGWriter: Sendable {
    public let output: AtomicOutput

    public var path: String { output.finalPath }

    /// Checks the target before any work is done: folder exists and is writable, an existing
    /// file is only replaced with `overwrite`.
    public init(path: String, overwrite: Bool) throws {
        output = try AtomicOutput(finalPath: path, overwrite: overwrite)
    }

    public func write(_ image: RGBAImage) throws {
        GDALRuntime.ensureRegistered()
        guard let memory = GDALGetDriverByName("MEM"), let png = GDALGetDriverByName("PNG") else {
            throw GeoRasterError(.runtime, path: path, "GDAL has no MEM or PNG driver")
        }
        GDALErrorState.reset()
        guard let source = GDALCreate(memory, "", Int32(image.width), Int32(image.height), 4, GDT_Byte, nil) else {
            throw GeoRasterError(.runtime, path: path, "cannot hold a \(image.width) x \(image.height) picture in memory",
                                 gdalMessage: GDALErrorState.lastMessage())
        }
        defer { GDALClose(source) }
        try fill(source, with: image)
        let temporary = output.temporaryPath()
        // zlib level 2 instead of the driver's 6: half the encoding time of a report's maps
        // for files about 1 % larger (continuous ramps barely compress either way).
        let options = CStringArray(["ZLEVEL=2"])
        GDALErrorState.reset()
        guard let copy = GDALCreateCopy(png, temporary, source, 1, options.pointer, nil, nil) else {
            AtomicOutput.remove(temporary)
            throw GeoRasterError(.runtime, path: path, "cannot write the PNG", gdalMessage: GDALErrorState.lastMessage())
        }
        GDALClose(copy)
        if CPLGetLastErrorType() == CE_Failure {
            AtomicOutput.remove(temporary)
            throw GeoRasterError(.runtime, path: path, "cannot write the PNG", gdalMessage: GDALErrorState.lastMessage())
        }
        // GDAL may keep what PNG cannot hold in an .aux.xml side-car; a picture needs none.
        try? FileManager.default.removeItem(atPath: temporary + ".aux.xml")
        try output.commit(from: temporary)
    }

    /// Copies the interleaved bytes into the four bands, marked red, green, blue and alpha.
    private func fill(_ dataset: GDALDatasetH, with image: RGBAImage) throws {
        for (band, interpretation) in [GCI_RedBand, GCI_GreenBand, GCI_BlueBand, GCI_AlphaBand].enumerated() {
            GDALSetRasterColorInterpretation(GDALGetRasterBand(dataset, Int32(band + 1)), interpretation)
        }
        var pixels = image.bytes
        GDALErrorState.reset()
        let status = GDALDatasetRasterIOEx(dataset, GF_Write, 0, 0, Int32(image.width), Int32(image.height), &pixels,
                                           Int32(image.width), Int32(image.height), GDT_Byte, 4, nil,
                                           4, GSpacing(4 * image.width), 1, nil)
        if status != CE_None {
            throw GeoRasterError(.runtime, path: path, "cannot fill the in-memory picture", gdalMessage: GDALErrorState.lastMessage())
        }
    }
}

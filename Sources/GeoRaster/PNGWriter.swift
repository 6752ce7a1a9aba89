import AtlasFoundation
import CGDAL
import Foundation

/// Writes RGBA pictures as PNG through GDAL's PNG driver (from an in-memory dataset, since
/// the driver only has CreateCopy), under a temporary name renamed into place when complete.
/// A picture of at most 256 colours is written paletted (the colours' alpha in the PNG's
/// transparency chunk), others as RGBA; either decodes to the same pixels. The same picture
/// always gives the same bytes: the driver writes no time stamp.
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
        let paletted = image.paletted()
        // An opaque picture of many colours (a map page) needs no alpha: a quarter less to encode.
        let bands: Int32 = paletted != nil ? 1 : image.isOpaque ? 3 : 4
        GDALErrorState.reset()
        guard let source = GDALCreate(memory, "", Int32(image.width), Int32(image.height), bands, GDT_Byte, nil) else {
            throw GeoRasterError(
                .runtime, path: path, "cannot hold a \(image.width) x \(image.height) picture in memory",
                gdalMessage: GDALErrorState.lastMessage())
        }
        defer { GDALClose(source) }
        if let paletted {
            try fill(source, width: image.width, height: image.height, palette: paletted.palette, indices: paletted.indices)
        } else {
            try fill(source, with: image, bands: Int(bands))
        }
        let temporary = output.temporaryPath()
        // zlib level 2 instead of the driver's 6: half the encoding time of a report's maps
        // for files about 1 % larger.
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

    /// Copies the interleaved bytes into the first `bands` bands (red, green, blue and alpha).
    private func fill(_ dataset: GDALDatasetH, with image: RGBAImage, bands: Int) throws {
        for (band, interpretation) in [GCI_RedBand, GCI_GreenBand, GCI_BlueBand, GCI_AlphaBand].prefix(bands).enumerated() {
            GDALSetRasterColorInterpretation(GDALGetRasterBand(dataset, Int32(band + 1)), interpretation)
        }
        var pixels = image.bytes
        GDALErrorState.reset()
        let status = GDALDatasetRasterIOEx(
            dataset, GF_Write, 0, 0, Int32(image.width), Int32(image.height), &pixels,
            Int32(image.width), Int32(image.height), GDT_Byte, Int32(bands), nil,
            4, GSpacing(4 * image.width), 1, nil)
        if status != CE_None {
            throw GeoRasterError(.runtime, path: path, "cannot fill the in-memory picture", gdalMessage: GDALErrorState.lastMessage())
        }
    }

    /// Writes the palette indices into the one band and the palette as its colour table.
    private func fill(_ dataset: GDALDatasetH, width: Int, height: Int, palette: [RGBA], indices: [UInt8]) throws {
        let band = GDALGetRasterBand(dataset, 1)
        let table = GDALCreateColorTable(GPI_RGB)
        defer { GDALDestroyColorTable(table) }
        for (index, color) in palette.enumerated() {
            var entry = GDALColorEntry(c1: Int16(color.red), c2: Int16(color.green), c3: Int16(color.blue), c4: Int16(color.alpha))
            GDALSetColorEntry(table, Int32(index), &entry)
        }
        GDALSetRasterColorTable(band, table)
        GDALSetRasterColorInterpretation(band, GCI_PaletteIndex)
        var pixels = indices
        GDALErrorState.reset()
        let status = GDALRasterIO(band, GF_Write, 0, 0, Int32(width), Int32(height), &pixels, Int32(width), Int32(height), GDT_Byte, 0, 0)
        if status != CE_None {
            throw GeoRasterError(.runtime, path: path, "cannot fill the in-memory picture", gdalMessage: GDALErrorState.lastMessage())
        }
    }
}

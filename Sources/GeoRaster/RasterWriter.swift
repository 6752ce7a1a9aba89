import AtlasFoundation
import CGDAL
import Foundation

/// Creates an output raster under a hidden temporary name; `commit()` finishes it (COG
/// conversion, overviews) and renames it into place. Dropped without commit, it deletes its
/// temporary files, so a failed run never leaves a half-written file under the final name.
public final class RasterWriter {
    public let spec: RasterOutputSpec
    public let output: AtomicOutput
    private let workingPath: String
    private var dataset: RasterDataset?
    private var finished = false

    public var path: String { output.finalPath }

    public init(path: String, spec: RasterOutputSpec, overwrite: Bool) throws {
        GDALRuntime.ensureRegistered()
        self.spec = spec
        for option in spec.creationOptions {
            if let reason = spec.format.rejection(ofCreationOption: option) {
                throw GeoRasterError(
                    .badInput, path: path, "creation option \"\(option)\" (--co) is not valid for \(spec.format.rawValue): \(reason)")
            }
        }
        output = try AtomicOutput(finalPath: path, overwrite: overwrite)
        workingPath = output.temporaryPath()
        guard let driver = GDALGetDriverByName("GTiff") else {
            throw GeoRasterError(.runtime, path: path, "GDAL has no GTiff driver")
        }
        let options = CStringArray(spec.workingGeoTIFFOptions)
        GDALErrorState.reset()
        guard
            let handle = GDALCreate(
                driver, workingPath, Int32(spec.grid.width), Int32(spec.grid.height),
                Int32(spec.bands.count), spec.dataType.gdal, options.pointer)
        else {
            throw GeoRasterError(
                .runtime, path: path, "cannot create the output\(output.fullDiskNote)", gdalMessage: GDALErrorState.lastMessage())
        }
        let dataset = RasterDataset(handle: handle, path: path)
        self.dataset = dataset
        do {
            try describe(dataset)
        } catch {
            abort()
            throw error
        }
    }

    deinit {
        if !finished { abort() }
    }

    /// Band `number` (from 1) for writing pixels.
    public func band(_ number: Int) throws -> RasterBand {
        guard let dataset else { throw GeoRasterError(.runtime, path: path, "output already finished") }
        return try dataset.band(number)
    }

    /// Writes one band's window.
    public func write<T: RasterElement>(band number: Int, window: RasterWindow, values: UnsafeBufferPointer<T>) throws {
        try band(number).write(window, from: values)
    }

    /// Flushes, converts to COG or builds overviews, and renames the file into place.
    public func commit(progress: ProgressHandler? = nil) throws {
        guard let dataset else { throw GeoRasterError(.runtime, path: path, "output already finished") }
        defer { finished = true }
        do {
            if spec.format == .gtiff && spec.overviews {
                try buildOverviews(dataset, progress: progress)
            }
            self.dataset = nil
            try close(dataset)
            if spec.format == .cog {
                let cogPath = output.temporaryPath("cog")
                do {
                    try copyAsCOG(to: cogPath, progress: progress)
                    try output.commit(from: cogPath)
                } catch {
                    AtomicOutput.remove(cogPath)
                    throw error
                }
                keepOrRemoveWorkingFile()
            } else {
                try output.commit(from: workingPath)
            }
        } catch {
            AtomicOutput.remove(workingPath)
            throw error
        }
    }

    /// Moves the working GeoTIFF (and its side-car) to `spec.keptWorkingCopy`, or deletes it. A
    /// copy that cannot be kept is deleted: readers fall back to the COG.
    private func keepOrRemoveWorkingFile() {
        guard let copy = spec.keptWorkingCopy else { return AtomicOutput.remove(workingPath) }
        do {
            try AtomicOutput(finalPath: copy, overwrite: true).commit(from: workingPath)
        } catch {
            AtomicOutput.remove(workingPath)
            AtomicOutput.remove(copy)
        }
    }

    /// Closes and deletes the temporary output.
    public func abort() {
        dataset?.close()
        dataset = nil
        finished = true
        AtomicOutput.remove(workingPath)
    }

    private func describe(_ dataset: RasterDataset) throws {
        var transform = spec.grid.geoTransform.coefficients
        GDALErrorState.reset()
        guard GDALSetGeoTransform(dataset.handle, &transform) == CE_None,
            GDALSetSpatialRef(dataset.handle, spec.grid.spatialReference.handle) == CE_None
        else {
            throw GeoRasterError(.runtime, path: path, "cannot georeference the output", gdalMessage: GDALErrorState.lastMessage())
        }
        try setMetadata(spec.metadata, on: dataset.handle)
        for (index, bandSpec) in spec.bands.enumerated() {
            let band = try dataset.band(index + 1)
            if let noData = bandSpec.noData { GDALSetRasterNoDataValue(band.handle, noData) }
            GDALSetDescription(band.handle, bandSpec.description)
            GDALSetRasterUnitType(band.handle, bandSpec.unit)
            try setMetadata(bandSpec.metadata.merging(ClassNameMetadata.items(bandSpec.categoryNames)) { own, _ in own }, on: band.handle)
            if !bandSpec.colorTable.isEmpty {
                let table = GDALCreateColorTable(GPI_RGB)
                defer { GDALDestroyColorTable(table) }
                for (code, color) in bandSpec.colorTable.sorted(by: { $0.key < $1.key }) {
                    var entry = GDALColorEntry(c1: Int16(color.red), c2: Int16(color.green), c3: Int16(color.blue), c4: Int16(color.alpha))
                    GDALSetColorEntry(table, Int32(code), &entry)
                }
                GDALSetRasterColorTable(band.handle, table)
                GDALSetRasterColorInterpretation(band.handle, GCI_PaletteIndex)
            }
            if !bandSpec.categoryNames.isEmpty {
                let names = CStringArray(bandSpec.categoryNames)
                GDALSetRasterCategoryNames(band.handle, names.pointer)
            }
        }
    }

    private func setMetadata(_ metadata: [String: String], on object: GDALMajorObjectH) throws {
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            GDALSetMetadataItem(object, key, value, nil)
        }
    }

    private func buildOverviews(_ dataset: RasterDataset, progress: ProgressHandler?) throws {
        var factors: [Int32] = []
        var factor: Int32 = 2
        while spec.grid.width / Int(factor) >= spec.blockSize / 2 || spec.grid.height / Int(factor) >= spec.blockSize / 2 {
            factors.append(factor)
            factor *= 2
        }
        guard !factors.isEmpty else { return }
        GDALErrorState.reset()
        let status = ProgressBox.withCallback(progress) { function, argument in
            GDALBuildOverviews(dataset.handle, spec.overviewResampling, Int32(factors.count), &factors, 0, nil, function, argument)
        }
        if status != CE_None {
            throw GeoRasterError(.runtime, path: path, "cannot build overviews", gdalMessage: GDALErrorState.lastMessage())
        }
    }

    /// GDAL reports write failures that surface when caches are flushed (a full disk) only
    /// through its error state: read it after closing.
    private func close(_ dataset: RasterDataset) throws {
        GDALErrorState.reset()
        dataset.close()
        if CPLGetLastErrorType() == CE_Failure {
            throw GeoRasterError(
                .runtime, path: path, "cannot write the output\(output.fullDiskNote)",
                gdalMessage: GDALErrorState.lastMessage() ?? "write failed")
        }
    }

    private func copyAsCOG(to cogPath: String, progress: ProgressHandler?) throws {
        let source = try RasterDataset(path: workingPath)
        guard let driver = GDALGetDriverByName("COG") else {
            throw GeoRasterError(.runtime, path: path, "GDAL has no COG driver")
        }
        let options = CStringArray(spec.cogOptions)
        // The COG driver computes the overviews into a temporary file, ZSTD-compressed by
        // default, and reads them back at once. Uncompressed (a third of the raster's raw size,
        // on the output's disk, for a moment) the copy takes 0.8 of 14.6 CPU-seconds less at
        // Muli. Full-resolution pixels and averaged overviews are unchanged; nearest-neighbour
        // overviews (class maps) below the first level then come from the level above instead
        // of the full resolution (GDAL's other path), an equally valid pick. A value the user
        // set is kept.
        let setsTemporaryCompression = CPLGetConfigOption("COG_TMP_COMPRESSION", nil) == nil
        if setsTemporaryCompression { CPLSetThreadLocalConfigOption("COG_TMP_COMPRESSION", "NONE") }
        defer { if setsTemporaryCompression { CPLSetThreadLocalConfigOption("COG_TMP_COMPRESSION", nil) } }
        GDALErrorState.reset()
        let copy = ProgressBox.withCallback(progress) { function, argument in
            GDALCreateCopy(driver, cogPath, source.handle, 0, options.pointer, function, argument)
        }
        guard let copy else {
            throw GeoRasterError(
                .runtime, path: path, "cannot write the cloud-optimised GeoTIFF\(output.fullDiskNote)",
                gdalMessage: GDALErrorState.lastMessage())
        }
        GDALClose(copy)
        if CPLGetLastErrorType() == CE_Failure {
            throw GeoRasterError(
                .runtime, path: path, "cannot write the cloud-optimised GeoTIFF\(output.fullDiskNote)",
                gdalMessage: GDALErrorState.lastMessage())
        }
    }
}

extension RasterFormat {
    /// Why GDAL's driver for this format refuses a creation option "KEY=VALUE", or nil when it
    /// accepts it. GDAL itself only warns and writes another file than the one asked for.
    public func rejection(ofCreationOption option: String) -> String? {
        GDALRuntime.ensureRegistered()
        guard let driver = GDALGetDriverByName(rawValue) else { return "GDAL has no \(rawValue) driver" }
        let list = CStringArray([option])
        GDALErrorState.reset()
        guard GDALValidateCreationOptions(driver, list.pointer) == 0 else { return nil }
        return GDALErrorState.lastMessage() ?? "GDAL does not accept it"
    }
}

import Foundation
import GeoRaster

/// An input band on the reference grid, read block by block: continuous values as Float32
/// with NaN for nodata, class codes as UInt8 with 0 for nodata.
public struct InputLayer: Sendable {
    /// What the layer is, for messages ("DEM", "vegetation").
    public let role: String
    public let raster: AlignedRaster
    public let band: Int

    public init(role: String, raster: AlignedRaster, band: Int = 1) {
        self.role = role
        self.raster = raster
        self.band = band
    }

    /// Aligns `path` onto `grid` (warping only when needed).
    public static func aligned(
        _ role: String, path: String, band: Int = 1, onto grid: RasterGrid,
        resampling: Resampling
    ) throws -> InputLayer {
        let raster = try AlignedRaster.align(path, onto: grid, resampling: resampling)
        let layer = InputLayer(role: role, raster: raster, band: band)
        _ = try layer.open()
        return layer
    }

    public var sourcePath: String { raster.sourcePath }

    /// Refuses a band without one valid pixel in its whole file (not only on this grid, so a
    /// tile over a nodata area still runs): every product made from it would be nodata.
    /// Products that may rightly be empty (ALT where there is no permafrost) are not checked.
    public func requireValidPixels() throws {
        try Self.requireValidPixels([self])
    }

    /// The same check for several layers, opening each source file once: bands of one
    /// pixel-interleaved file then share its decompressed blocks instead of each
    /// decompressing them again.
    public static func requireValidPixels(_ layers: [InputLayer]) throws {
        var datasets: [String: RasterDataset] = [:]
        for layer in layers {
            let dataset = try datasets[layer.sourcePath] ?? RasterDataset(path: layer.sourcePath)
            datasets[layer.sourcePath] = dataset
            guard try dataset.band(layer.band).containsValidPixel() else {
                throw AtlasError.badFile(
                    path: layer.sourcePath, reason: "band \(layer.band) has no valid pixel (every pixel is nodata or NaN)")
            }
        }
    }

    /// A reader for one thread.
    public func open() throws -> LayerReader {
        try open(dataset: raster.open(), sampler: raster.sampler())
    }

    private func open(dataset: RasterDataset, sampler: BilinearSampler?) throws -> LayerReader {
        LayerReader(role: role, raster: raster, band: try dataset.band(band), sampler: sampler)
    }

    /// Readers for one thread, one dataset handle (and bilinear sampler) per raster: bands of
    /// one warped raster then share its warper, block cache and pixel mapping instead of each
    /// warping every band again.
    public static func open(_ layers: [InputLayer]) throws -> [LayerReader] {
        var handles: [ObjectIdentifier: (RasterDataset, BilinearSampler?)] = [:]
        return try layers.map { layer in
            let key = ObjectIdentifier(layer.raster)
            let handle = try handles[key] ?? (layer.raster.open(), layer.raster.sampler())
            handles[key] = handle
            return try layer.open(dataset: handle.0, sampler: handle.1)
        }
    }
}

/// One thread's handle on an input layer.
public final class LayerReader {
    public let role: String
    public let sourcePath: String
    let band: RasterBand
    private let raster: AlignedRaster
    private let noData: Double?
    /// Set when the values are interpolated from `band` (a coarser source) onto the grid.
    private let sampler: BilinearSampler?

    init(role: String, raster: AlignedRaster, band: RasterBand, sampler: BilinearSampler?) {
        self.role = role
        self.raster = raster
        sourcePath = raster.sourcePath
        self.band = band
        self.sampler = sampler
        noData = band.noDataValue
    }

    /// The pixels of the reference grid this layer has data for (it may be larger than the
    /// grid, e.g. a whole DEM behind one tile).
    public var extentOnGrid: RasterWindow { raster.extentOnGrid(band) }

    /// Values of `window` (which may reach past the raster: outside is NaN), nodata as NaN.
    /// A value within two float ulps of the nodata value counts as nodata, as in gdaldem.
    public func readValues(_ window: RasterWindow, into buffer: UnsafeMutableBufferPointer<Float>) throws {
        try raster.readValues(band, sampler: sampler, window: window, into: buffer)
    }

    public func readValues(_ window: RasterWindow) throws -> [Float] {
        var values = [Float](repeating: 0, count: window.pixelCount)
        try values.withUnsafeMutableBufferPointer { try readValues(window, into: $0) }
        return values
    }

    /// Class codes of `window`: nodata and outside pixels are 0. Codes must fit 1...255.
    public func readClasses(_ window: RasterWindow) throws -> [UInt8] {
        guard sampler == nil else {
            throw AtlasError.failed(path: sourcePath, reason: "class codes cannot be read from a bilinear resampling of it")
        }
        var raw = [Int32](repeating: 0, count: window.pixelCount)
        if band.dataType?.isFloatingPoint == true {
            // GDAL would round 1.2 to class 1: a float class raster must hold whole numbers.
            var values = [Double](repeating: 0, count: window.pixelCount)
            try values.withUnsafeMutableBufferPointer { try band.read(raster.local(window), fillingOutsideWith: 0, into: $0) }
            for (index, value) in values.enumerated() {
                if value.isNaN || value == noData { continue }
                guard value.rounded() == value, let code = Int32(exactly: value) else {
                    let column = window.column + index % window.width, row = window.row + index / window.width
                    throw AtlasError.badFile(
                        path: sourcePath,
                        reason: "band \(band.number), pixel (\(column), \(row)) holds \(value); class codes must be whole numbers 1...255")
                }
                raw[index] = code
            }
        } else {
            try raw.withUnsafeMutableBufferPointer { try band.read(raster.local(window), fillingOutsideWith: 0, into: $0) }
        }
        let noDataCode = noData.flatMap { $0.isFinite ? Int32(exactly: $0) : nil }
        var codes = [UInt8](repeating: 0, count: raw.count)
        for index in raw.indices where raw[index] != noDataCode && raw[index] != 0 {
            guard let code = UInt8(exactly: raw[index]) else {
                let column = window.column + index % window.width, row = window.row + index / window.width
                throw AtlasError.badFile(
                    path: sourcePath,
                    reason: "band \(band.number), pixel (\(column), \(row)) holds class code \(raw[index]); codes must be 1...255")
            }
            codes[index] = code
        }
        return codes
    }
}

import AtlasFoundation
import Foundation
import GeoRaster
import PermafrostKernels

/// Writes one product block by block and keeps what its summary needs: statistics of a
/// continuous product (NaN in memory, -9999 on disk) and its area-weighted sum, or pixel
/// counts and ground areas per class. Areas come from the grid's `PixelAreas`, so a
/// geographic grid's rows count with their own ground area.
public final class ProductSink {
    /// The nodata value of every Float32 product on disk (what gdaldem uses too).
    public static let floatNoData: Float = -9999

    public let writer: RasterWriter
    public let legend: ClassLegend?
    public private(set) var statistics = BandStatistics()
    public private(set) var classCounts = [Int](repeating: 0, count: 256)
    private let pixelAreas: PixelAreas
    /// Sum over valid pixels of value x pixel area, kept only when pixel areas differ by row.
    private var rowWeightedSum = 0.0
    /// Ground area (m^2) per class code; kept only when pixel areas differ by row.
    private var classAreaSums: [Double]

    public var path: String { writer.path }

    /// A Float32 product.
    public init(
        path: String, grid: RasterGrid, description: String, unit: String,
        metadata: [String: String], options: OutputOptions
    ) throws {
        writer = try options.writer(
            path: path, grid: grid, dataType: .float32,
            band: BandSpec(description: description, unit: unit, noData: Double(Self.floatNoData)),
            metadata: metadata)
        legend = nil
        pixelAreas = grid.pixelAreas
        classAreaSums = []
    }

    /// A UInt8 class map with category names and a colour table.
    public init(
        path: String, grid: RasterGrid, description: String, legend: ClassLegend,
        metadata: [String: String], options: OutputOptions
    ) throws {
        writer = try options.writer(
            path: path, grid: grid, dataType: .byte,
            band: legend.bandSpec(description: description), metadata: metadata)
        self.legend = legend
        pixelAreas = grid.pixelAreas
        classAreaSums = pixelAreas.uniform == nil ? [Double](repeating: 0, count: 256) : []
    }

    /// A product of the catalogue at `path`: Float32 or a class map, with the catalogue's band
    /// description (`detail` appended), unit and legend (`legend` names classes known only at
    /// run time, such as vegetation labels).
    public convenience init(
        _ product: AtlasProduct, path: String, grid: RasterGrid, legend: ClassLegend? = nil, detail: String = "",
        metadata: [String: String], options: OutputOptions
    ) throws {
        let description = product.bandDescription + detail
        if product.isClassMap {
            guard let legend = legend ?? product.legend else { preconditionFailure("\(product): classes named at run time need a legend") }
            try self.init(path: path, grid: grid, description: description, legend: legend, metadata: metadata, options: options)
        } else {
            try self.init(path: path, grid: grid, description: description, unit: product.unit, metadata: metadata, options: options)
        }
    }

    public func write(_ values: [Float], window: RasterWindow) throws {
        var onDisk = values
        for index in onDisk.indices where onDisk[index].isNaN { onDisk[index] = Self.floatNoData }
        values.withUnsafeBufferPointer { statistics.add($0, noData: nil) }
        if pixelAreas.uniform == nil {
            for row in 0..<window.height {
                var sum = 0.0
                for value in values[(row * window.width)..<((row + 1) * window.width)] where !value.isNaN { sum += Double(value) }
                rowWeightedSum += sum * pixelAreas.ofRow(window.row + row)
            }
        }
        try writer.band(1).write(window, values: onDisk)
    }

    public func write(_ codes: [UInt8], window: RasterWindow) throws {
        for code in codes { classCounts[Int(code)] += 1 }
        if pixelAreas.uniform == nil {
            for row in 0..<window.height {
                let area = pixelAreas.ofRow(window.row + row)
                for code in codes[(row * window.width)..<((row + 1) * window.width)] { classAreaSums[Int(code)] += area }
            }
        }
        try writer.band(1).write(window, values: codes)
    }

    /// Sum over valid pixels of value x pixel area (m^2): the volume (m^3) of a quantity per
    /// unit area, such as ground ice.
    public var areaWeightedSum: Double {
        guard let area = pixelAreas.uniform else { return rowWeightedSum }
        return statistics.validCount > 0 ? statistics.mean * Double(statistics.validCount) * area : 0
    }

    /// Ground area (m^2) of the pixels of class `code`.
    public func area(ofClass code: UInt8) -> Double {
        guard let area = pixelAreas.uniform else { return classAreaSums[Int(code)] }
        return Double(classCounts[Int(code)]) * area
    }

    public func commit() throws {
        try writer.commit()
    }

    /// Commits several products side by side. The COG copy in a commit reads the working
    /// file and builds overviews on one thread (only compression uses more), so one product
    /// per thread keeps the cores busy. The first failure in the given order is thrown.
    public static func commitAll(_ sinks: [ProductSink?], threads: Int) throws {
        let sinks = sinks.compactMap { $0 }
        _ = try WorkSharing.map(taskCount: sinks.count, threads: threads) { try sinks[$0].commit() }
    }

    /// Area (km^2) per class name, for class maps.
    public func classAreas() -> [String: Double] {
        guard let legend else { return [:] }
        var areas: [String: Double] = [:]
        for entry in legend.entries { areas[entry.name] = area(ofClass: entry.code) / 1e6 }
        return areas
    }

    /// The summary a `--json` result carries for this product.
    public func summary() -> ProductSummary {
        if legend != nil {
            return ProductSummary(
                path: path, validPixels: classCounts.dropFirst().reduce(0, +), nodataPixels: classCounts[0],
                minimum: nil, maximum: nil, mean: nil, classAreasSquareKilometres: classAreas())
        }
        let valid = statistics.validCount > 0
        return ProductSummary(
            path: path, validPixels: statistics.validCount, nodataPixels: statistics.nodataCount,
            minimum: valid ? statistics.minimum : nil, maximum: valid ? statistics.maximum : nil,
            mean: valid ? statistics.mean : nil, classAreasSquareKilometres: nil)
    }
}

/// What a command reports about each raster it wrote.
public struct ProductSummary: Encodable, Sendable {
    public let path: String
    public let validPixels: Int
    public let nodataPixels: Int
    public let minimum: Double?
    public let maximum: Double?
    public let mean: Double?
    public let classAreasSquareKilometres: [String: Double]?
}

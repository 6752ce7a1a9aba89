import AtlasTestSupport
import Foundation
import GeoRaster
import XCTest

/// Small rasters and tables made in the tests, in a folder deleted afterwards.
final class Workspace: TemporaryFolder {
    init() throws { try super.init(prefix: "cli-tests") }

    static func grid(width: Int, height: Int, cell: Double = 30) throws -> RasterGrid {
        RasterGrid(
            width: width, height: height,
            geoTransform: GeoTransform(originX: 515_000, pixelWidth: cell, originY: 4_222_000, pixelHeight: -cell),
            spatialReference: try SpatialReference(epsg: 32647))
    }

    /// Writes a raster with one band per array.
    @discardableResult
    func raster<T: RasterElement>(
        _ name: String, _ bands: [[T]], grid: RasterGrid, noData: Double? = nil, unit: String = "",
        categories: [String] = []
    ) throws -> String {
        let spec = RasterOutputSpec(
            grid: grid, dataType: T.rasterDataType,
            bands: bands.map { _ in BandSpec(unit: unit, noData: noData, categoryNames: categories) }, format: .gtiff, blockSize: 16)
        let writer = try RasterWriter(path: file(name), spec: spec, overwrite: true)
        for (index, values) in bands.enumerated() { try writer.band(index + 1).write(grid.extent, values: values) }
        try writer.commit()
        return file(name)
    }

    @discardableResult
    func text(_ name: String, _ content: String) throws -> String {
        try content.write(toFile: file(name), atomically: true, encoding: .utf8)
        return file(name)
    }

    func values(_ name: String, band: Int = 1) throws -> [Float] {
        let dataset = try RasterDataset(path: file(name))
        return try dataset.band(band).read(dataset.extent, as: Float.self)
    }

    func codes(_ name: String) throws -> [UInt8] {
        let dataset = try RasterDataset(path: file(name))
        return try dataset.band(1).read(dataset.extent, as: UInt8.self)
    }
}

extension CommandResult {
    /// The --json result as a dictionary.
    func json(file: StaticString = #filePath, line: UInt = #line) throws -> [String: Any] {
        XCTAssertEqual(exitCode, 0, stderr, file: file, line: line)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any], file: file, line: line)
    }

    /// Asserts exit code 2 and one stderr line containing every fragment.
    func assertBadInput(_ fragments: String..., file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(exitCode, 2, "stderr: \(stderr)", file: file, line: line)
        XCTAssertEqual(errorLines.count, 1, "one line expected: \(stderr)", file: file, line: line)
        for fragment in fragments {
            XCTAssertTrue(stderr.contains(fragment), "\"\(fragment)\" not in: \(stderr)", file: file, line: line)
        }
    }
}

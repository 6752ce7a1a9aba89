import AtlasTestSupport
import Foundation
import GeoRaster
import XCTest

final class RasterizeTests: XCTestCase {
    /// Two squares in UTM 47N: a pit over pixels (1...2, 1...2) and a dump over (4, 0...3).
    private func writeGeoJSON(_ folder: TemporaryFolder, typeField: String = "type") throws -> String {
        func square(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> String {
            "[[[\(x0),\(y0)],[\(x1),\(y0)],[\(x1),\(y1)],[\(x0),\(y1)],[\(x0),\(y0)]]]"
        }
        let ox = 486_000.0, oy = 4_205_000.0
        let text = """
            {"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::32647"}},
            "features":[
            {"type":"Feature","properties":{"\(typeField)":"pit","code":1},"geometry":{"type":"Polygon","coordinates":\(square(ox + 30, oy - 90, ox + 90, oy - 30))}},
            {"type":"Feature","properties":{"\(typeField)":"dump","code":2},"geometry":{"type":"Polygon","coordinates":\(square(ox + 120, oy - 120, ox + 150, oy))}}
            ]}
            """
        let path = folder.file("mining.geojson")
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private let expected: [UInt8] = [
        0, 0, 0, 0, 2, 0,
        0, 1, 1, 0, 2, 0,
        0, 1, 1, 0, 2, 0,
        0, 0, 0, 0, 2, 0,
        0, 0, 0, 0, 0, 0,
    ]

    func testTextAttributeThroughCodesPixelByPixel() throws {
        let folder = try TemporaryFolder()
        let vector = try writeGeoJSON(folder)
        let grid = try Fixtures.utmGrid(width: 6, height: 5)
        let out = folder.file("mining.tif")
        try PolygonRasterizer.rasterize(
            vector, attribute: "type", codes: ["pit": 1, "dump": 2, "other": 3], onto: grid,
            outputPath: out, bandSpec: BandSpec(description: "disturbance"), overwrite: false)
        let dataset = try RasterDataset(path: out)
        XCTAssertEqual(try dataset.band(1).read(dataset.extent, as: UInt8.self), expected)
        XCTAssertEqual(try dataset.band(1).noDataValue, 0)
    }

    func testNumericAttributeBurnsItsValue() throws {
        let folder = try TemporaryFolder()
        let vector = try writeGeoJSON(folder)
        let grid = try Fixtures.utmGrid(width: 6, height: 5)
        let out = folder.file("codes.tif")
        try PolygonRasterizer.rasterize(vector, attribute: "code", onto: grid, outputPath: out, bandSpec: BandSpec(), overwrite: false)
        let dataset = try RasterDataset(path: out)
        XCTAssertEqual(try dataset.band(1).read(dataset.extent, as: UInt8.self), expected)
    }

    func testUnknownValueAndMissingAttributeAreNamed() throws {
        let folder = try TemporaryFolder()
        let vector = try writeGeoJSON(folder)
        let grid = try Fixtures.utmGrid(width: 6, height: 5)
        XCTAssertThrowsError(
            try PolygonRasterizer.rasterize(
                vector, attribute: "type", codes: ["pit": 1], onto: grid,
                outputPath: folder.file("x.tif"), bandSpec: BandSpec(), overwrite: false)
        ) { error in
            XCTAssertTrue("\(error)".contains("attribute type has the unknown value \"dump\""), "\(error)")
        }
        XCTAssertThrowsError(
            try PolygonRasterizer.rasterize(
                vector, attribute: "kind", onto: grid,
                outputPath: folder.file("x.tif"), bandSpec: BandSpec(), overwrite: false)
        ) { error in
            XCTAssertTrue("\(error)".contains("has no attribute \"kind\""), "\(error)")
        }
        XCTAssertFalse(folder.contents.contains("x.tif"))
    }
}

import AtlasFoundation
import GeoRaster
import XCTest

/// Files written by other software (rasterio's test suite), read or refused correctly.
final class RealDataTests: XCTestCase {
    func testLandsatRGBReadsWithExactStatisticsExcludingNoData() throws {
        let dataset = try RasterDataset(path: Fixtures.realData("RGB.byte.tif"))
        XCTAssertEqual(dataset.width, 791)
        XCTAssertEqual(dataset.height, 718)
        XCTAssertEqual(dataset.bandCount, 3)
        XCTAssertEqual(dataset.spatialReference?.epsgCode, 32618)
        XCTAssertEqual(dataset.geoTransform!.pixelWidth, 300.0379266750948, accuracy: 1e-12)
        let band = try dataset.band(1)
        XCTAssertEqual(band.dataType, .byte)
        XCTAssertEqual(band.noDataValue, 0)
        XCTAssertEqual(band.blockSize.width, 791)
        XCTAssertEqual(band.blockSize.height, 3)
        // Expected values computed once with numpy over the pixels != 0.
        let statistics = try band.statistics(blockSize: 100)
        XCTAssertEqual(statistics.validCount, 382_776)
        XCTAssertEqual(statistics.nodataCount, 185_162)
        XCTAssertEqual(statistics.minimum, 1)
        XCTAssertEqual(statistics.maximum, 255)
        XCTAssertEqual(statistics.mean, 44.434478650699106, accuracy: 1e-9)
        XCTAssertEqual(statistics.standardDeviation, 58.49005592956493, accuracy: 1e-9)
        let third = try dataset.band(3).statistics()
        XCTAssertEqual(third.validCount, 382_743)
        XCTAssertEqual(third.mean, 71.39316199120559, accuracy: 1e-9)
    }

    func testFloatNaNValuesAreNotCountedAsData() throws {
        let dataset = try RasterDataset(path: Fixtures.realData("float_nan.tif"))
        let values = try dataset.band(1).read(dataset.extent, as: Float.self)
        XCTAssertEqual(values.count, 6)
        XCTAssertEqual(values[0], 1.41, accuracy: 1e-6)
        XCTAssertTrue(values[2].isNaN)
        XCTAssertEqual(values[5], -1.88, accuracy: 1e-6)
        let statistics = try dataset.band(1).statistics()
        XCTAssertEqual(statistics.validCount, 5)
        XCTAssertEqual(statistics.nodataCount, 1)
        XCTAssertNil(dataset.spatialReference)
        XCTAssertThrowsError(try dataset.requireSpatialReference()) { error in
            XCTAssertEqual((error as! any AtlasFailure).kind, .badInput)
            XCTAssertTrue("\(error)".contains("float_nan.tif: raster has no coordinate reference system"), "\(error)")
        }
    }

    func testFloatWithNoDataValue() throws {
        let dataset = try RasterDataset(path: Fixtures.realData("float_raster_with_nodata.tif"))
        let band = try dataset.band(1)
        XCTAssertEqual(band.noDataValue!, -3.4e38, accuracy: 1e31)
        let statistics = try band.statistics()
        XCTAssertEqual(statistics.validCount, 98)
        XCTAssertEqual(statistics.nodataCount, 58)
        XCTAssertEqual(statistics.maximum, 0.25)
        XCTAssertEqual(statistics.mean, 0.0076530612244898, accuracy: 1e-12)
    }

    func testAllNoDataHasNoValidPixels() throws {
        let dataset = try RasterDataset(path: Fixtures.realData("all-nodata.tif"))
        XCTAssertEqual(dataset.bandCount, 4)
        for band in dataset.bands {
            XCTAssertEqual(try band.statistics().validCount, 0)
        }
    }

    func testRotatedGeoTransformIsReadAndRefusedWhereNorthUpIsNeeded() throws {
        let dataset = try RasterDataset(path: Fixtures.realData("rotated.tif"))
        let transform = try XCTUnwrap(dataset.geoTransform)
        XCTAssertFalse(transform.isNorthUp)
        XCTAssertEqual(transform.rotationX, 5, accuracy: 1e-9)
        XCTAssertThrowsError(try dataset.requireNorthUpGeoTransform()) { error in
            XCTAssertTrue("\(error)".contains("rotated.tif: raster is rotated"), "\(error)")
        }
    }

    func testCorruptFileOpensButFailsMidReadAsBadInput() throws {
        let dataset = try RasterDataset(path: Fixtures.realData("corrupt.tif"))
        XCTAssertEqual(dataset.width, 1024)
        XCTAssertThrowsError(try dataset.band(1).statistics()) { error in
            let failure = error as! GeoRasterError
            XCTAssertEqual(failure.kind, .badInput)
            XCTAssertTrue(
                failure.description.hasPrefix(Fixtures.realData("corrupt.tif") + ": cannot read band 1, rows"), failure.description)
            XCTAssertNotNil(failure.gdalMessage)
            XCTAssertFalse(failure.description.contains("\n"))
        }
    }

    func testMissingFileAndNonRasterAreBadInput() {
        XCTAssertThrowsError(try RasterDataset(path: "/no/such/dem.tif")) { error in
            XCTAssertEqual("\(error)", "/no/such/dem.tif: no such file")
        }
        XCTAssertThrowsError(try RasterDataset(path: Fixtures.realData("README.md"))) { error in
            XCTAssertEqual((error as! any AtlasFailure).kind, .badInput)
            XCTAssertTrue("\(error)".contains("README.md: not a raster GDAL can read"), "\(error)")
        }
    }

    func testNoSidecarIsWrittenNextToInputs() throws {
        _ = try RasterDataset(path: Fixtures.realData("RGB.byte.tif")).band(1).statistics()
        XCTAssertFalse(FileManager.default.fileExists(atPath: Fixtures.realData("RGB.byte.tif.aux.xml")))
    }
}

import AtlasFoundation
import AtlasTestSupport
import GeoRaster
import XCTest

final class RoundTripTests: XCTestCase {
    private func roundTrip<T: RasterElement & Comparable>(
        _ values: [T], noData: Double, format: RasterFormat,
        file: StaticString = #filePath, line: UInt = #line
    ) throws {
        let folder = try TemporaryFolder()
        let grid = try Fixtures.utmGrid(width: 19, height: 13)
        let path = try Fixtures.write(values, grid: grid, to: folder.file("out.tif"), noData: noData, format: format)
        let dataset = try RasterDataset(path: path)
        let band = try dataset.band(1)
        XCTAssertEqual(band.dataType, T.rasterDataType, file: file, line: line)
        XCTAssertEqual(band.noDataValue, noData, file: file, line: line)
        XCTAssertEqual(try band.read(dataset.extent, as: T.self), values, file: file, line: line)
        XCTAssertEqual(dataset.geoTransform, grid.geoTransform, file: file, line: line)
        XCTAssertEqual(dataset.spatialReference?.epsgCode, 32647, file: file, line: line)
        XCTAssertEqual(folder.contents, ["out.tif"], "no temporary files left", file: file, line: line)
    }

    func testEveryPixelTypeRoundTripsWithNoData() throws {
        let count = 19 * 13
        for format in RasterFormat.allCases {
            try roundTrip((0..<count).map { UInt8($0 % 251) }, noData: 255, format: format)
            try roundTrip((0..<count).map { Int16($0 * 97 - 12_000) }, noData: -32768, format: format)
            try roundTrip((0..<count).map { UInt16($0 * 211) }, noData: 65535, format: format)
            try roundTrip((0..<count).map { Int32($0 * 1_000_003 - 100_000_000) }, noData: -2_147_483_648, format: format)
            try roundTrip((0..<count).map { Float($0) * 0.37 - 20 }, noData: -9999, format: format)
            try roundTrip((0..<count).map { Double($0) * 1e-3 + 4_000.123456789 }, noData: -9999, format: format)
        }
    }

    func testRastersSmallerThanABlockAreNotPaddedToAWholeBlock() throws {
        let folder = try TemporaryFolder()
        // (width, height, block size) -> tile side: the longer side rounded up to 16, at most the block.
        for (width, height, blockSize, tile) in [(20, 15, 512, 32), (400, 300, 512, 400), (600, 40, 512, 512), (1000, 8, 256, 256)] {
            for format in RasterFormat.allCases {
                let grid = try Fixtures.utmGrid(width: width, height: height)
                let values = (0..<(width * height)).map { Float($0 % 997) }
                let path = try Fixtures.write(values, grid: grid, to: folder.file("small.tif"), format: format, blockSize: blockSize)
                let band = try RasterDataset(path: path).band(1)
                XCTAssertEqual(band.blockSize.width, tile, "\(width) x \(height), \(format)")
                XCTAssertEqual(band.blockSize.height, tile, "\(width) x \(height), \(format)")
                XCTAssertEqual(try band.read(grid.extent, as: Float.self), values)
            }
        }
    }

    func testReadingConvertsTypesThroughGDAL() throws {
        let folder = try TemporaryFolder()
        let path = try Fixtures.write(
            [Int16(-5), 0, 300, 4_321], grid: try Fixtures.utmGrid(width: 2, height: 2), to: folder.file("i.tif"))
        let dataset = try RasterDataset(path: path)
        XCTAssertEqual(try dataset.band(1).read(dataset.extent, as: Float.self), [-5, 0, 300, 4_321])
        XCTAssertEqual(try dataset.band(1).read(dataset.extent, as: UInt8.self), [0, 0, 255, 255], "GDAL clamps to the target type")
    }

    func testClassMapKeepsColorTableCategoriesDescriptionUnitAndMetadata() throws {
        let folder = try TemporaryFolder()
        let grid = try Fixtures.utmGrid(width: 600, height: 520)
        let band = BandSpec(
            description: "vegetation", unit: "class", noData: 0,
            colorTable: [1: RGBA(0, 128, 0), 2: RGBA(200, 180, 60)],
            categoryNames: ["nodata", "alpine meadow", "alpine steppe"], metadata: ["CLASSES": "2"])
        let spec = RasterOutputSpec(
            grid: grid, dataType: .byte, bands: [band], metadata: ["METHOD": "random forest"], format: .cog, blockSize: 256)
        let writer = try RasterWriter(path: folder.file("veg.tif"), spec: spec, overwrite: false)
        try writer.band(1).write(grid.extent, values: (0..<grid.width * grid.height).map { UInt8($0 % 3) })
        try writer.commit()

        let dataset = try RasterDataset(path: folder.file("veg.tif"))
        let read = try dataset.band(1)
        XCTAssertEqual(read.bandDescription, "vegetation")
        XCTAssertEqual(read.unit, "class")
        XCTAssertEqual(read.categoryNames, ["nodata", "alpine meadow", "alpine steppe"])
        XCTAssertEqual(read.colorTable[1], RGBA(0, 128, 0))
        XCTAssertEqual(read.colorTable[2], RGBA(200, 180, 60))
        XCTAssertEqual(read.metadata()["CLASSES"], "2")
        XCTAssertEqual(dataset.metadata()["METHOD"], "random forest")
        XCTAssertEqual(dataset.metadata(domain: "IMAGE_STRUCTURE")["LAYOUT"], "COG")
        XCTAssertEqual(read.blockSize.width, 256)
        XCTAssertEqual(folder.contents, ["veg.tif", "veg.tif.aux.xml"])

        // Copied alone (as when a COG is uploaded), the .tif still names its classes: the names
        // are also band metadata inside the file, and the colour table is the file's own.
        let alone = try TemporaryFolder()
        try FileManager.default.copyItem(atPath: folder.file("veg.tif"), toPath: alone.file("veg.tif"))
        let copied = try RasterDataset(path: alone.file("veg.tif")).band(1)
        XCTAssertEqual(copied.categoryNames, ["nodata", "alpine meadow", "alpine steppe"])
        XCTAssertEqual(copied.metadata()["CLASS_2"], "alpine steppe")
        XCTAssertEqual(copied.colorTable[2], RGBA(200, 180, 60))
        XCTAssertEqual(copied.bandDescription, "vegetation")
    }

    func testClassNamesFromMetadataKeepTheirCodes() {
        XCTAssertEqual(ClassNameMetadata.items(["nodata", "", "b"]), ["CLASS_0": "nodata", "CLASS_2": "b"])
        XCTAssertEqual(
            ClassNameMetadata.names(in: ["CLASS_0": "nodata", "CLASS_3": "c", "CLASS_x": "?", "OTHER": "o"]), ["nodata", "", "", "c"])
        XCTAssertEqual(ClassNameMetadata.names(in: ["CLASS_300": "too large"]), [])
    }

    func testGeoTIFFWithOverviewsAndZstd() throws {
        let folder = try TemporaryFolder()
        let grid = try Fixtures.utmGrid(width: 300, height: 200)
        let spec = RasterOutputSpec(
            grid: grid, dataType: .float32, bands: [BandSpec(noData: -9999)], format: .gtiff,
            compression: .zstd, blockSize: 64, overviews: true)
        let writer = try RasterWriter(path: folder.file("z.tif"), spec: spec, overwrite: false)
        try writer.band(1).write(grid.extent, values: [Float](repeating: 3.5, count: 300 * 200))
        try writer.commit()
        let dataset = try RasterDataset(path: folder.file("z.tif"))
        XCTAssertEqual(dataset.metadata(domain: "IMAGE_STRUCTURE")["COMPRESSION"], "ZSTD")
        XCTAssertEqual(dataset.metadata(domain: "IMAGE_STRUCTURE")["PREDICTOR"], "3")
        XCTAssertGreaterThan(try dataset.band(1).overviewCount, 0)
    }

    func testACOGCanKeepItsWorkingGeoTIFFWithTheSamePixels() throws {
        let folder = try TemporaryFolder()
        let grid = try Fixtures.utmGrid(width: 70, height: 50)
        let values = (0..<(70 * 50)).map { Float($0) * 0.25 - 100 }
        for kept in [true, false] {
            var spec = RasterOutputSpec(grid: grid, dataType: .float32, bands: [BandSpec(noData: -9999)], format: .cog, blockSize: 32)
            spec.keptWorkingCopy = kept ? folder.file("kept.tif") : nil
            let writer = try RasterWriter(path: folder.file("product.tif"), spec: spec, overwrite: true)
            try writer.band(1).write(grid.extent, values: values)
            try writer.commit()
            let product = try RasterDataset(path: folder.file("product.tif"))
            XCTAssertEqual(product.metadata(domain: "IMAGE_STRUCTURE")["LAYOUT"], "COG")
            XCTAssertEqual(try product.band(1).read(grid.extent, as: Float.self), values)
            if kept {
                let copy = try RasterDataset(path: folder.file("kept.tif"))
                XCTAssertEqual(copy.metadata(domain: "IMAGE_STRUCTURE")["COMPRESSION"], "ZSTD")
                XCTAssertEqual(try copy.band(1).read(grid.extent, as: Float.self), values)
                XCTAssertEqual(copy.geoTransform, grid.geoTransform)
                XCTAssertEqual(try copy.band(1).noDataValue, -9999)
                try FileManager.default.removeItem(atPath: folder.file("kept.tif"))
            }
            XCTAssertEqual(folder.contents, ["product.tif"], "kept \(kept): no other file left")
        }
    }

    func testExistingOutputIsRefusedWithoutOverwrite() throws {
        let folder = try TemporaryFolder()
        let grid = try Fixtures.utmGrid(width: 2, height: 2)
        try Fixtures.write([Float](repeating: 1, count: 4), grid: grid, to: folder.file("o.tif"))
        let spec = RasterOutputSpec(grid: grid, dataType: .float32, bands: [BandSpec()])
        XCTAssertThrowsError(try RasterWriter(path: folder.file("o.tif"), spec: spec, overwrite: false)) { error in
            let failure = error as! any AtlasFailure
            XCTAssertEqual(failure.kind, .badInput)
            XCTAssertTrue(failure.description.contains("o.tif: output exists; pass --overwrite"), failure.description)
        }
    }

    func testUnwritableOrMissingFolderIsBadInput() throws {
        let grid = try Fixtures.utmGrid(width: 2, height: 2)
        let spec = RasterOutputSpec(grid: grid, dataType: .float32, bands: [BandSpec()])
        XCTAssertThrowsError(try RasterWriter(path: "/sys/out.tif", spec: spec, overwrite: false)) { error in
            XCTAssertEqual((error as! any AtlasFailure).kind, .badInput)
            XCTAssertTrue("\(error)".contains("output folder /sys is not writable"), "\(error)")
        }
        XCTAssertThrowsError(try RasterWriter(path: "/nonexistent-folder/out.tif", spec: spec, overwrite: false)) { error in
            XCTAssertTrue("\(error)".contains("output folder /nonexistent-folder does not exist"), "\(error)")
        }
    }

    func testAbandonedWriterLeavesNothingBehind() throws {
        let folder = try TemporaryFolder()
        let grid = try Fixtures.utmGrid(width: 50, height: 50)
        do {
            let writer = try RasterWriter(
                path: folder.file("never.tif"), spec: RasterOutputSpec(grid: grid, dataType: .float32, bands: [BandSpec()]),
                overwrite: false)
            try writer.band(1).write(RasterWindow(column: 0, row: 0, width: 50, height: 10), values: [Float](repeating: 2, count: 500))
        }
        XCTAssertEqual(folder.contents, [])
    }
}

final class CategoryNameTests: XCTestCase {
    /// GDAL 3.6 GeoTIFF loads the side-car lazily; category names must be there on a fresh open.
    func testCategoryNamesOfAPlainGeoTIFFWithoutColorTable() throws {
        let folder = try TemporaryFolder()
        let spec = RasterOutputSpec(
            grid: try Fixtures.utmGrid(width: 2, height: 1), dataType: .byte,
            bands: [BandSpec(noData: 0, categoryNames: ["nodata", "alpine meadow"])], format: .gtiff)
        let writer = try RasterWriter(path: folder.file("c.tif"), spec: spec, overwrite: false)
        try writer.band(1).write(RasterWindow(column: 0, row: 0, width: 2, height: 1), values: [UInt8(1), 1])
        try writer.commit()
        XCTAssertEqual(try RasterDataset(path: folder.file("c.tif")).band(1).categoryNames, ["nodata", "alpine meadow"])
    }
}

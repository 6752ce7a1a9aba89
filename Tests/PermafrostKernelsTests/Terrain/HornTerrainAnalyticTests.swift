import Foundation
import PermafrostKernels
import XCTest

final class HornTerrainAnalyticTests: XCTestCase {
    /// z = 4000 + a*easting + b*northing on a 30 m north-up grid; every value is exact in Float32.
    private func plane(a: Double, b: Double, width: Int, height: Int) -> [Float] {
        (0..<width * height).map { index in
            let easting = Double(index % width) * 30, northing = -Double(index / width) * 30
            return Float(4000 + a * easting + b * northing)
        }
    }

    private func degrees(_ radians: Double) -> Double { radians * 180 / .pi }

    func testTiltedPlaneSlopeAndAspect() throws {
        let (a, b) = (0.5, -0.25)
        let (width, height) = (6, 5)
        let result = try HornTerrain.derivatives(
            elevation: TerrainTestSupport.padded(plane(a: a, b: b, width: width, height: height), width: width, height: height),
            width: width, height: height, rasterEdges: .all, cellSizes: [TerrainCellSize(eastWest: 30, northSouth: -30)])
        // Downhill is -grad = (-a, -b) = (east -0.5, north +0.25): azimuth atan2(-0.5, 0.25) + 360.
        let expectedSlope = degrees(atan(hypot(a, b)))
        let expectedAspect = degrees(atan2(-a, -b)) + 360
        XCTAssertEqual(expectedSlope, 29.2059, accuracy: 1e-4)
        XCTAssertEqual(expectedAspect, 296.5651, accuracy: 1e-4)
        for row in 0..<height {
            for column in 0..<width {
                let index = row * width + column
                if row == 0 || column == 0 || row == height - 1 || column == width - 1 {
                    XCTAssertTrue(result.slope[index].isNaN && result.aspect[index].isNaN, "border (\(row), \(column))")
                    continue
                }
                XCTAssertEqual(Double(result.slope[index]), expectedSlope, accuracy: 1e-5)
                XCTAssertEqual(Double(result.aspect[index]), expectedAspect, accuracy: 1e-4)
                XCTAssertEqual(Double(result.northness[index]), -b / hypot(a, b), accuracy: 1e-6)
                XCTAssertEqual(Double(result.eastness[index]), -a / hypot(a, b), accuracy: 1e-6)
            }
        }
    }

    /// With -compute_edges a plane is extrapolated exactly, except at the four corners where
    /// gdaldem repeats the centre column and so sees half the east-west gradient.
    func testComputeEdgesOnPlaneIncludingGdaldemCorners() throws {
        let (a, b) = (0.5, -0.25)
        let (width, height) = (5, 4)
        let result = try HornTerrain.derivatives(
            elevation: TerrainTestSupport.padded(plane(a: a, b: b, width: width, height: height), width: width, height: height),
            width: width, height: height, rasterEdges: .all, cellSizes: [TerrainCellSize(eastWest: 30, northSouth: -30)],
            options: HornTerrainOptions(computeEdges: true))
        for row in 0..<height {
            for column in 0..<width {
                let corner = (row == 0 || row == height - 1) && (column == 0 || column == width - 1)
                let eastGradient = corner ? a / 2 : a
                let index = row * width + column
                XCTAssertEqual(Double(result.slope[index]), degrees(atan(hypot(eastGradient, b))), accuracy: 1e-5, "(\(row), \(column))")
                XCTAssertEqual(Double(result.aspect[index]), degrees(atan2(-eastGradient, -b)) + 360, accuracy: 1e-4, "(\(row), \(column))")
            }
        }
    }

    func testFlatDEMHasZeroSlopeAndUndefinedAspect() throws {
        let result = try HornTerrain.derivatives(
            elevation: [Float](repeating: 4321.5, count: 36), width: 4, height: 4, rasterEdges: [],
            cellSizes: [TerrainCellSize(eastWest: 30, northSouth: -30)])
        XCTAssertEqual(result.slope, [Float](repeating: 0, count: 16))
        XCTAssertTrue(result.aspect.allSatisfy(\.isNaN))
        XCTAssertEqual(result.northness, [Float](repeating: 0, count: 16))
        XCTAssertEqual(result.eastness, [Float](repeating: 0, count: 16))
    }

    func testNodataInWindowGivesNodataOrCentreSubstitution() throws {
        // A 3 x 3 block inside a larger raster (no raster edges): a plane with block cell (0, 0) missing.
        var window = plane(a: 0.5, b: -0.25, width: 5, height: 5)
        window[1 * 5 + 1] = .nan
        let cell = [TerrainCellSize(eastWest: 30, northSouth: -30)]
        let strict = try HornTerrain.derivatives(elevation: window, width: 3, height: 3, rasterEdges: [], cellSizes: cell)
        XCTAssertEqual(strict.slope.map(\.isNaN), [true, true, false, true, true, false, false, false, false])
        let edges = try HornTerrain.derivatives(
            elevation: window, width: 3, height: 3, rasterEdges: [], cellSizes: cell,
            options: HornTerrainOptions(computeEdges: true))
        XCTAssertTrue(edges.slope[0].isNaN)
        XCTAssertEqual(edges.slope[8], strict.slope[8])
        // Block cell (1, 1): its north-west neighbour is missing and takes the centre value.
        let z = { (row: Int, column: Int) in Double(window[row * 5 + column]) }
        let c = z(2, 2)
        let dx = ((c + z(2, 1) + z(2, 1) + z(3, 1)) - (z(1, 3) + z(2, 3) + z(2, 3) + z(3, 3))) / 30
        let dy = ((z(3, 1) + z(3, 2) + z(3, 2) + z(3, 3)) - (c + z(1, 2) + z(1, 2) + z(1, 3))) / -30
        XCTAssertEqual(Double(edges.slope[4]), degrees(atan(hypot(dx, dy) / 8)), accuracy: 1e-5)
        XCTAssertNotEqual(Double(edges.slope[4]), Double(edges.slope[8]), accuracy: 0.1)
    }

    func testNodataCentreStaysNodataWithComputeEdges() throws {
        var window = [Float](repeating: 4000, count: 25)
        window[12] = .nan
        let result = try HornTerrain.derivatives(
            elevation: window, width: 3, height: 3, rasterEdges: [],
            cellSizes: [TerrainCellSize(eastWest: 30, northSouth: -30)],
            options: HornTerrainOptions(computeEdges: true))
        XCTAssertTrue(result.slope[4].isNaN && result.aspect[4].isNaN && result.northness[4].isNaN)
        XCTAssertEqual(result.slope[0], 0)
    }

    func testSingleRowRasterHasNoValues() throws {
        let result = try HornTerrain.derivatives(
            elevation: TerrainTestSupport.padded([4000, 4010, 4020], width: 3, height: 1), width: 3, height: 1,
            rasterEdges: .all, cellSizes: [TerrainCellSize(eastWest: 30, northSouth: -30)],
            options: HornTerrainOptions(computeEdges: true))
        XCTAssertTrue(result.slope.allSatisfy(\.isNaN))
    }

    func testVerticalScaleDividesGradient() throws {
        let window = plane(a: 0.5, b: -0.25, width: 3, height: 3)
        let result = try HornTerrain.derivatives(
            elevation: window, width: 1, height: 1, rasterEdges: [],
            cellSizes: [TerrainCellSize(eastWest: 30, northSouth: -30)],
            options: HornTerrainOptions(verticalScale: 2))
        XCTAssertEqual(Double(result.slope[0]), degrees(atan(hypot(0.5, 0.25) / 2)), accuracy: 1e-5)
    }

    func testGeographicCellSizesAt38North() {
        // Reference values: the same WGS84 radii evaluated with 40-digit arithmetic (mpmath).
        let oneDegree = TerrainCellSize.geographic(longitudeStep: 1, latitudeStep: -1, latitude: 38)
        XCTAssertEqual(oneDegree.eastWest, 87_832.461034581972, accuracy: 1e-7)
        XCTAssertEqual(oneDegree.northSouth, -110_996.47663707471, accuracy: 1e-7)
        let oneArcSecond = TerrainCellSize.geographic(longitudeStep: 1.0 / 3600, latitudeStep: -1.0 / 3600, latitude: 38)
        XCTAssertEqual(oneArcSecond.eastWest, 24.397905842939437, accuracy: 1e-11)
        XCTAssertEqual(oneArcSecond.northSouth, -30.832354621409640, accuracy: 1e-11)
    }

    func testGeographicRowsUseRowCentreLatitude() throws {
        let step = 1.0 / 3600
        let rows = try TerrainCellSize.geographicRows(
            geoTransform: [99, step, 0, 38 + 10.5 * step, 0, -step],
            firstRow: 10, rowCount: 3)
        XCTAssertEqual(rows[0], TerrainCellSize.geographic(longitudeStep: step, latitudeStep: -step, latitude: 38))
        XCTAssertEqual(
            rows[2].eastWest,
            TerrainCellSize.geographic(
                longitudeStep: step, latitudeStep: -step,
                latitude: 38 - 2 * step
            ).eastWest, accuracy: 1e-12)
        XCTAssertLessThan(rows[0].eastWest, rows[2].eastWest)
    }

    /// A DEM rising 1 m per row northward on a 1-arc-second grid at 38 N: slope is atan(1 / ns)
    /// and the aspect is due south, which needs the metric (not degree) cell sizes.
    func testGeographicDEMUsesMetres() throws {
        let step = 1.0 / 3600
        let sizes = try TerrainCellSize.geographicRows(
            geoTransform: [99, step, 0, 38 + 2 * step, 0, -step],
            firstRow: 1, rowCount: 2)
        let window: [Float] = (0..<16).map { Float(5000 - $0 / 4) }
        let result = try HornTerrain.derivatives(elevation: window, width: 2, height: 2, rasterEdges: [], cellSizes: sizes)
        XCTAssertEqual(Double(result.slope[0]), degrees(atan(1 / abs(sizes[0].northSouth))), accuracy: 1e-5)
        XCTAssertEqual(result.aspect[0], 180)
        // A diagonal plane: aspect follows the metric gradient, not the pixel diagonal.
        let diagonal: [Float] = (0..<16).map { Float(5000 + $0 % 4 - $0 / 4) }
        let tilted = try HornTerrain.derivatives(elevation: diagonal, width: 2, height: 2, rasterEdges: [], cellSizes: sizes)
        let east = 1 / sizes[0].eastWest, north = 1 / abs(sizes[0].northSouth)
        XCTAssertEqual(Double(tilted.aspect[0]), degrees(atan2(-east, -north)) + 360, accuracy: 1e-4)
    }

    func testProjectedCellSizeKeepsGdaldemSigns() throws {
        XCTAssertEqual(
            try TerrainCellSize.projected(geoTransform: [440_000, 30, 0, 4_200_000, 0, -30]),
            TerrainCellSize(eastWest: 30, northSouth: -30))
        XCTAssertThrowsError(try TerrainCellSize.projected(geoTransform: [0, 30, 0.5, 0, 0, -30])) { error in
            XCTAssertTrue("\(error)".contains("rotated"), "\(error)")
        }
        XCTAssertThrowsError(try TerrainCellSize.projected(geoTransform: [0, 0, 0, 0, 0, -30])) { error in
            XCTAssertEqual("\(error)", "geotransform[1] = 0.0 is not a usable pixel size (must be finite and non-zero)")
        }
    }

    func testBadBuffersAreReported() {
        XCTAssertThrowsError(
            try HornTerrain.derivatives(
                elevation: [Float](repeating: 0, count: 10), width: 2, height: 2,
                rasterEdges: [], cellSizes: [TerrainCellSize(eastWest: 30, northSouth: -30)])
        ) {
            XCTAssertEqual($0 as? TerrainError, .elevationWindowSize(expected: 16, actual: 10))
        }
        XCTAssertThrowsError(
            try HornTerrain.derivatives(
                elevation: [Float](repeating: 0, count: 16), width: 2, height: 2,
                rasterEdges: [], cellSizes: [])
        ) {
            XCTAssertEqual($0 as? TerrainError, .cellSizeCount(height: 2, actual: 0))
        }
    }
}

import Foundation
import GeoRaster
import PermafrostKernels
import XCTest

final class PixelAreasTests: XCTestCase {
    private func geographicGrid(width: Int, height: Int, originX: Double, originY: Double, step: Double) throws -> RasterGrid {
        RasterGrid(
            width: width, height: height,
            geoTransform: GeoTransform(originX: originX, pixelWidth: step, originY: originY, pixelHeight: -step),
            spatialReference: try SpatialReference(epsg: 4326))
    }

    /// One-degree pixels over the whole globe add up to the WGS84 ellipsoid's surface,
    /// 510,065,621.724 km^2 (4 pi R_q^2 with the authalic radius 6,371,007.181 m).
    func testTheGlobeAddsUpToTheEllipsoidsArea() throws {
        let grid = try geographicGrid(width: 360, height: 180, originX: -180, originY: 90, step: 1)
        let areas = grid.pixelAreas
        XCTAssertNil(areas.uniform)
        let total = (0..<180).reduce(0.0) { $0 + areas.ofRow($1) * 360 }
        XCTAssertEqual(total / 1e6, 510_065_621.724, accuracy: 0.01)
        // Symmetric about the equator, smallest at the poles.
        XCTAssertEqual(areas.ofRow(0), areas.ofRow(179), accuracy: 1e-9 * areas.ofRow(0))
        XCTAssertLessThan(areas.ofRow(0), areas.ofRow(89) / 50)
    }

    /// A cell near Muli (38 N) against its size from the radii of curvature: east-west N cos(phi)
    /// dLambda times north-south M dPhi, which holds to the square of the cell's height.
    func testACellIsItsGroundWidthTimesHeight() throws {
        let grid = try geographicGrid(width: 1, height: 1, originX: 99.25, originY: 38.15, step: 0.0003)
        let size = grid.groundPixelSize(atRow: 0)
        XCTAssertEqual(grid.pixelAreas.ofRow(0), size.width * size.height, accuracy: 1e-6 * size.width * size.height)
        let kernel = TerrainCellSize.geographic(longitudeStep: 0.0003, latitudeStep: -0.0003, latitude: 38.15 - 0.00015)
        XCTAssertEqual(size.width, kernel.eastWest, accuracy: 1e-9)
        XCTAssertEqual(size.height, -kernel.northSouth, accuracy: 1e-9)
        XCTAssertEqual(size.width, 26.296, accuracy: 0.001)
        XCTAssertEqual(size.height, 33.299, accuracy: 0.001)
    }

    func testProjectedPixelsHaveOneAreaInSquareMetres() throws {
        let utm = RasterGrid(
            width: 4, height: 3, geoTransform: GeoTransform(originX: 500_000, pixelWidth: 30, originY: 4_200_000, pixelHeight: -30),
            spatialReference: try SpatialReference(epsg: 32647))
        XCTAssertEqual(utm.pixelAreas.uniform, 900)
        XCTAssertEqual(utm.smallestGroundPixelSide, 30)
        // A CRS in US survey feet: areas still in square metres.
        let feet = RasterGrid(
            width: 1, height: 1, geoTransform: GeoTransform(originX: 0, pixelWidth: 100, originY: 0, pixelHeight: -100),
            spatialReference: try SpatialReference(epsg: 2227))
        XCTAssertEqual(try XCTUnwrap(feet.pixelAreas.uniform), 929.0341, accuracy: 1e-3)
    }

    func testTheSmallestSideIsTheEastWestSizeFarthestFromTheEquator() throws {
        let grid = try geographicGrid(width: 10, height: 200, originX: 99, originY: 40, step: 0.01)
        XCTAssertEqual(grid.smallestGroundPixelSide, grid.groundPixelSize(atRow: 0).width)
        XCTAssertLessThan(grid.groundPixelSize(atRow: 0).width, grid.groundPixelSize(atRow: 199).width)
    }
}

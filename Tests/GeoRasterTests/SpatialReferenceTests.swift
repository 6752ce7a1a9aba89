import AtlasFoundation
import Foundation
import GeoRaster
import XCTest

final class SpatialReferenceTests: XCTestCase {
    /// Length of the WGS84 meridian arc from the equator to latitude phi (Helmert's series),
    /// an independent check of PROJ's transverse Mercator on the central meridian.
    private func meridianArc(latitude degrees: Double) -> Double {
        let a = 6_378_137.0, f = 1 / 298.257223563
        let n = f / (2 - f)
        let phi = degrees * .pi / 180
        let a0 = a / (1 + n) * (1 + n * n / 4 + n * n * n * n / 64)
        let c2 = 3 * n / 2 - 9 * n * n * n / 16
        let c4 = 15 * n * n / 16 - 15 * n * n * n * n / 32
        let c6 = 35 * n * n * n / 48
        let c8 = 315 * n * n * n * n / 512
        return a0 * (phi - c2 * sin(2 * phi) + c4 * sin(4 * phi) - c6 * sin(6 * phi) + c8 * sin(8 * phi))
    }

    func testUTM47CentralMeridianPointMatchesTheMeridianArc() throws {
        let transformer = try CoordinateTransformer(from: .wgs84(), to: try SpatialReference(epsg: 32647))
        let projected = try XCTUnwrap(transformer.transform(x: 99.0, y: 38.0))
        XCTAssertEqual(projected.x, 500_000, accuracy: 1e-6, "99 E is zone 47's central meridian")
        XCTAssertEqual(projected.y, 0.9996 * meridianArc(latitude: 38.0), accuracy: 1e-3)
    }

    func testUTM47PointBackToLonLatInTraditionalAxisOrder() throws {
        // Known point near Muli: 99.5 E, 38.1 N is (543839.12034, 4217028.35329) in UTM 47N.
        let transformer = try CoordinateTransformer(from: try SpatialReference(epsg: 32647), to: .wgs84())
        let lonLat = try XCTUnwrap(transformer.transform(x: 543_839.12034387, y: 4_217_028.35329162))
        XCTAssertEqual(lonLat.x, 99.5, accuracy: 1e-9, "x is longitude")
        XCTAssertEqual(lonLat.y, 38.1, accuracy: 1e-9, "y is latitude")
    }

    func testEPSGCodeNameAndKind() throws {
        let utm = try SpatialReference(epsg: 32647)
        XCTAssertEqual(utm.epsgCode, 32647)
        XCTAssertEqual(utm.name, "WGS 84 / UTM zone 47N")
        XCTAssertTrue(utm.isProjected)
        XCTAssertTrue(SpatialReference.wgs84().isGeographic)
        let fromWKT = try SpatialReference(definition: utm.wkt)
        XCTAssertTrue(fromWKT.isSame(as: utm))
        XCTAssertEqual(fromWKT.epsgCode, 32647)
        XCTAssertFalse(utm.isSame(as: .wgs84()))
    }

    func testUnknownDefinitionIsBadInput() {
        XCTAssertThrowsError(try SpatialReference(definition: "EPSG:999999")) { error in
            XCTAssertEqual((error as! any AtlasFailure).kind, .badInput)
        }
    }
}

import PermafrostKernels
import XCTest

final class SpectralIndexTests: XCTestCase {
    func testNormalisedDifferencesOfKnownReflectances() throws {
        // A meadow pixel: green 0.08, red 0.05, NIR 0.35, SWIR1 0.20.
        let columns: [SpectralIndex.Band: Int] = [.green: 0, .red: 1, .nir: 2, .swir1: 3]
        let rows: [Float] = [0.08, 0.05, 0.35, 0.20]
        let extended = try SpectralIndex.appending([.ndvi, .ndwi, .ndmi, .ndsi, .ndbi], to: rows, featureCount: 4, columns: columns)
        XCTAssertEqual(extended.count, 9)
        XCTAssertEqual(Array(extended[0..<4]), rows, "the bands themselves are kept")
        XCTAssertEqual(extended[4], 0.30 / 0.40, accuracy: 1e-6)  // NDVI
        XCTAssertEqual(extended[5], -0.27 / 0.43, accuracy: 1e-6)  // NDWI
        XCTAssertEqual(extended[6], 0.15 / 0.55, accuracy: 1e-6)  // NDMI
        XCTAssertEqual(extended[7], -0.12 / 0.28, accuracy: 1e-6)  // NDSI
        XCTAssertEqual(extended[8], -0.15 / 0.55, accuracy: 1e-6)  // NDBI
    }

    /// Collection 2 Level-2 numbers: NIR 20000 and red 10000 are reflectances 0.35 and 0.075,
    /// so NDVI = 0.275 / 0.425 = 0.6471, not the 0.3333 of the raw numbers.
    func testIndicesAreOfReflectanceNotOfDigitalNumbers() throws {
        let rows: [Float] = [10000, 20000]
        let raw = try SpectralIndex.appending([.ndvi], to: rows, featureCount: 2, columns: [.red: 0, .nir: 1])
        XCTAssertEqual(raw[2], 1 / 3, accuracy: 1e-6)
        let scaled = try SpectralIndex.appending(
            [.ndvi], to: rows, featureCount: 2, columns: [.red: 0, .nir: 1],
            scaling: [.red: .landsatCollection2, .nir: .landsatCollection2])
        XCTAssertEqual(scaled[2], 0.275 / 0.425, accuracy: 1e-6)
        XCTAssertEqual(Array(scaled[0..<2]), rows)  // the bands themselves stay as stored
    }

    func testZeroSumAndNaNGiveNaN() {
        XCTAssertTrue(SpectralIndex.normalisedDifference(0, 0).isNaN)
        XCTAssertTrue(SpectralIndex.normalisedDifference(.nan, 0.2).isNaN)
    }

    func testAMissingBandIsNamed() {
        XCTAssertThrowsError(try SpectralIndex.appending([.ndvi], to: [0.1, 0.2], featureCount: 2, columns: [.red: 0])) { error in
            XCTAssertEqual("\(error)", "NDVI needs the nir band: give its position among the features")
        }
    }
}

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

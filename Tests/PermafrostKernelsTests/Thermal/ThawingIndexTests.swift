import PermafrostKernels
import XCTest

final class ThawingIndexTests: XCTestCase {
    // Monthly means Jan...Dec. DDT = 4*31 + 8*30 + 11*31 + 10*31 + 5*30 = 1165;
    // DDF = 15*31 + 12*28 + 6*31 + 1*30 + 2*31 + 9*30 + 14*31 = 1783.
    private let monthly: [Float] = [-15, -12, -6, -1, 4, 8, 11, 10, 5, -2, -9, -14]

    /// Band-major buffer of several pixels' series: pixel p's band b at b * pixels + p.
    private func bandMajor(_ series: [[Float]]) -> [Float] {
        let bands = series[0].count
        return (0..<bands).flatMap { band in series.map { $0[band] } }
    }

    func testMonthlyIndicesByHand() throws {
        let allOnes = [Float](repeating: 1, count: 12)
        let result = try ThawingIndex.degreeDays(bandMajorTemperatures: bandMajor([monthly, allOnes]), pixelCount: 2)
        XCTAssertEqual(result.thawingIndex, [1165, 365])
        XCTAssertEqual(result.freezingIndex, [1783, 0])
    }

    func testLeapYearGivesFebruary29Days() throws {
        let allOnes = [Float](repeating: 1, count: 12)
        let leap = try ThawingIndex.degreeDays(bandMajorTemperatures: bandMajor([monthly, allOnes]), pixelCount: 2, year: 2020)
        XCTAssertEqual(leap.thawingIndex, [1165, 366])
        XCTAssertEqual(leap.freezingIndex, [1783 + 12, 0])
        let common = try ThawingIndex.degreeDays(bandMajorTemperatures: bandMajor([monthly, allOnes]), pixelCount: 2, year: 1900)
        XCTAssertEqual(common.thawingIndex, [1165, 365], "1900 is not a leap year")
        XCTAssertEqual(ThawingIndex.monthLengths(year: 2000)[1], 29)
        XCTAssertEqual(ThawingIndex.monthLengths().reduce(0, +), 365)
    }

    func testKelvinInput() throws {
        let kelvin = monthly.map { $0 + 273.15 }
        let result = try ThawingIndex.degreeDays(bandMajorTemperatures: kelvin, pixelCount: 1, unit: .kelvin)
        // Float storage of ~277 K carries ~1.5e-5 K per month.
        XCTAssertEqual(result.thawingIndex[0], 1165, accuracy: 0.01)
        XCTAssertEqual(result.freezingIndex[0], 1783, accuracy: 0.01)
    }

    func testDailySeries() throws {
        // 100 days at +2 C then 265 days at -3 C: DDT 200, DDF 795.
        let daily = [Float](repeating: 2, count: 100) + [Float](repeating: -3, count: 265)
        let result = try ThawingIndex.degreeDays(bandMajorTemperatures: daily, pixelCount: 1)
        XCTAssertEqual(result.thawingIndex, [200])
        XCTAssertEqual(result.freezingIndex, [795])
        let leapDaily = daily + [4]
        XCTAssertEqual(try ThawingIndex.degreeDays(bandMajorTemperatures: leapDaily, pixelCount: 1, year: 2024).thawingIndex, [204])
    }

    func testNaNInAnyBandGivesNaN() throws {
        var gappy = monthly
        gappy[6] = .nan
        let result = try ThawingIndex.degreeDays(bandMajorTemperatures: bandMajor([gappy, monthly]), pixelCount: 2)
        XCTAssertTrue(result.thawingIndex[0].isNaN)
        XCTAssertTrue(result.freezingIndex[0].isNaN)
        XCTAssertEqual(result.thawingIndex[1], 1165)
    }

    func testBandCountErrorsNameTheCount() {
        XCTAssertThrowsError(try ThawingIndex.degreeDays(bandMajorTemperatures: [Float](repeating: 0, count: 26), pixelCount: 2)) {
            XCTAssertEqual("\($0)", "temperature series has 13 bands; expected 12 monthly means or 365/366 daily means")
        }
        XCTAssertThrowsError(
            try ThawingIndex.degreeDays(bandMajorTemperatures: [Float](repeating: 0, count: 366), pixelCount: 1, year: 2019)
        ) {
            XCTAssertEqual("\($0)", "temperature series has 366 daily bands but year 2019 has 365 days")
        }
        XCTAssertThrowsError(try ThawingIndex.degreeDays(bandMajorTemperatures: [Float](repeating: 0, count: 25), pixelCount: 2)) {
            XCTAssertTrue("\($0)".contains("25 values"))
        }
    }

    func testAccumulatorOneBandAtATimeMatchesBandMajor() throws {
        let second = monthly.map { $0 + 3.5 }
        let whole = try ThawingIndex.degreeDays(bandMajorTemperatures: bandMajor([monthly, second]), pixelCount: 2)
        var accumulator = try ThawingIndex.Accumulator(pixelCount: 2, bandCount: 12)
        XCTAssertThrowsError(try accumulator.result()) { XCTAssertEqual("\($0)", "only 0 of 12 temperature bands were added") }
        for band in 0..<12 {
            try accumulator.add(band: [monthly[band], second[band]])
        }
        XCTAssertEqual(try accumulator.result(), whole)
        XCTAssertThrowsError(try accumulator.add(band: [0, 0])) { XCTAssertTrue("\($0)".contains("12 declared")) }
        var fresh = try ThawingIndex.Accumulator(pixelCount: 2, bandCount: 12)
        XCTAssertThrowsError(try fresh.add(band: [1])) {
            XCTAssertEqual("\($0)", "temperature band 1 has 1 values but the block has 2 pixels")
        }
    }
}

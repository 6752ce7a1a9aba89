import PermafrostKernels
import XCTest

final class DisturbanceDistanceTransformTests: XCTestCase {
    /// Brute force: squared distance (m^2) from every pixel to every disturbed pixel.
    private func bruteForce(_ types: [UInt8], width: Int, height: Int, dx: Double, dy: Double) -> [Double] {
        let features = types.indices.filter { types[$0] != 0 }
        return types.indices.map { index in
            features.map { feature -> Double in
                let horizontal = Double(index % width - feature % width) * dx
                let vertical = Double(index / width - feature / width) * dy
                return horizontal * horizontal + vertical * vertical
            }.min() ?? .infinity
        }
    }

    func testMatchesBruteForceOnRandomMasks() throws {
        var generator = SplitMix64(seed: 20_240_617)  // the same random masks on every run
        for (width, height, density, dx, dy) in [(41, 29, 0.04, 30.0, 30.0), (23, 37, 0.15, 30.0, 20.0), (64, 9, 0.01, 10.0, 25.0)] {
            let types: [UInt8] = (0..<(width * height)).map { _ in
                Double.random(in: 0..<1, using: &generator) < density ? UInt8.random(in: 1...3, using: &generator) : 0
            }
            XCTAssertTrue(types.contains { $0 != 0 })
            let proximity = try DisturbanceDistanceTransform.nearestDisturbance(
                types: types, width: width, height: height,
                pixelWidth: dx, pixelHeight: dy)
            let expected = bruteForce(types, width: width, height: height, dx: dx, dy: dy)
            for index in types.indices {
                XCTAssertEqual(
                    Double(proximity.distanceMetres[index]), expected[index].squareRoot(),
                    accuracy: 1e-4, "pixel \(index) of \(width)x\(height)")
                // The reported type belongs to some disturbed pixel at exactly that distance.
                let type = proximity.nearestType[index]
                let matches = types.indices.contains { feature in
                    guard types[feature] == type else { return false }
                    let horizontal = Double(index % width - feature % width) * dx
                    let vertical = Double(index / width - feature / width) * dy
                    return abs((horizontal * horizontal + vertical * vertical).squareRoot() - expected[index].squareRoot()) < 1e-6
                }
                XCTAssertTrue(matches, "pixel \(index): type \(type) is not at the nearest distance")
            }
        }
    }

    func testHandCases() throws {
        // One pit pixel in a 3x3 grid of 30 x 20 m pixels.
        let single = try DisturbanceDistanceTransform.nearestDisturbance(
            types: [0, 0, 0, 0, 1, 0, 0, 0, 0], width: 3, height: 3,
            pixelWidth: 30, pixelHeight: 20)
        let diagonal = Float((900.0 + 400.0).squareRoot())
        XCTAssertEqual(single.distanceMetres, [diagonal, 20, diagonal, 30, 0, 30, diagonal, 20, diagonal])
        XCTAssertEqual(single.nearestType, [1, 1, 1, 1, 1, 1, 1, 1, 1])

        let empty = try DisturbanceDistanceTransform.nearestDisturbance(
            types: [0, 0, 0, 0], width: 2, height: 2,
            pixelWidth: 30, pixelHeight: 30)
        XCTAssertEqual(empty.distanceMetres, [.infinity, .infinity, .infinity, .infinity])
        XCTAssertEqual(empty.nearestType, [0, 0, 0, 0])
    }

    func testHaloAndErrors() {
        XCTAssertEqual(DisturbanceDistanceTransform.haloPixels(bufferMetres: 100, pixelSize: 30), 4)
        XCTAssertEqual(DisturbanceDistanceTransform.haloPixels(bufferMetres: 90, pixelSize: 30), 3)
        XCTAssertEqual(DisturbanceDistanceTransform.haloPixels(bufferMetres: 0, pixelSize: 30), 0)
        XCTAssertThrowsError(
            try DisturbanceDistanceTransform.nearestDisturbance(
                types: [0, 1, 0], width: 2, height: 2,
                pixelWidth: 30, pixelHeight: 30)
        ) {
            XCTAssertEqual("\($0)", "disturbance grid 2 x 2 does not match its 3 values")
        }
        XCTAssertThrowsError(
            try DisturbanceDistanceTransform.nearestDisturbance(
                types: [0, 1], width: 2, height: 1,
                pixelWidth: 0, pixelHeight: 30)
        ) {
            XCTAssertEqual("\($0)", "pixel size 0.0 x 30.0 m must be positive")
        }
    }
}

import AtlasFoundation
import Foundation
import GeoRaster
import PermafrostKernels
import XCTest

@testable import AtlasCore
@testable import AtlasSynthesis

/// The scene's data must carry the models that generated them, recoverable the way the
/// pipeline will recover them.
final class SynthesisModelTests: XCTestCase {
    private let width = SynthesisFixture.width, height = SynthesisFixture.height

    private func scene() throws -> SyntheticScene {
        try SyntheticScene(width: width, height: height, seed: SynthesisFixture.seed)
    }

    func testVegetationSamplesAreStratifiedAndTrue() throws {
        let samples = try SynthesisFixture.table("vegetation_samples.csv")
        let truth = try SynthesisFixture.values("vegetation_truth.tif", as: UInt8.self)
        var perClass: [String: Int] = [:]
        for row in samples.rows {
            let x = try XCTUnwrap(Double(row[0])), y = try XCTUnwrap(Double(row[1]))
            let pixel = SynthesisFixture.pixel(x: x, y: y)
            XCTAssertEqual(x, SyntheticScene.originX + (Double(pixel.column) + 0.5) * 30, "x is a pixel centre")
            XCTAssertTrue((1..<(width - 1)).contains(pixel.column) && (1..<(height - 1)).contains(pixel.row), "off the outer ring")
            let code = truth[pixel.row * width + pixel.column]
            XCTAssertEqual(SyntheticVegetationClass(rawValue: code)?.name, row[2], "label matches the truth at \(row)")
            perClass[row[2], default: 0] += 1
        }
        XCTAssertEqual(Set(perClass.keys), Set(SyntheticVegetationClass.allCases.map(\.name)))
        XCTAssertGreaterThanOrEqual(perClass.values.min()!, 8, "\(perClass)")
        XCTAssertEqual(Set(samples.rows.map { $0[0] + $0[1] }).count, 184, "no point twice")
    }

    func testReflectancesArePlausiblePerClass() throws {
        let truth = try SynthesisFixture.values("vegetation_truth.tif", as: UInt8.self)
        let bands = try (1...6).map { try SynthesisFixture.values("landsat.tif", band: $0, as: UInt16.self) }
        var sums = [[Double]](repeating: [Double](repeating: 0, count: 6), count: 6), counts = [Double](repeating: 0, count: 6)
        for pixel in truth.indices {
            counts[Int(truth[pixel])] += 1
            for band in 0..<6 {
                let reflectance = Double(bands[band][pixel]) * 0.0000275 - 0.2
                XCTAssertTrue((-0.02...0.7).contains(reflectance), "reflectance \(reflectance)")
                sums[Int(truth[pixel])][band] += reflectance
            }
        }
        XCTAssertEqual(counts[0], 0, "every pixel has a class")
        let mean = (0..<6).map { code in sums[code].map { $0 / max(1, counts[code]) } }
        func ndvi(_ code: SyntheticVegetationClass) -> Double {
            let m = mean[Int(code.rawValue)]
            return (m[3] - m[2]) / (m[3] + m[2])
        }
        let order: [SyntheticVegetationClass] = [.alpineSwampMeadow, .alpineMeadow, .alpineSteppe, .sparseVegetation, .water]
        XCTAssertEqual(order.map(ndvi), order.map(ndvi).sorted(by: >), "greenness falls from swamp meadow to water")
        XCTAssertLessThan(mean[5][3], 0.06, "water is dark in NIR")
        XCTAssertLessThan(mean[5][4], 0.04, "water is dark in SWIR")
        XCTAssertGreaterThan(mean[3][4], mean[2][4], "steppe is brighter than meadow in SWIR")
        XCTAssertEqual((1...5).max { mean[$0][2] < mean[$1][2] }, 4, "sparse vegetation is the brightest red")
        XCTAssertGreaterThan(mean[1][3], 0.3, "swamp meadow is bright in NIR")
    }

    func testBoreholesFollowTheMAGTModel() throws {
        let elevation = try SynthesisFixture.values("dem.tif", as: Float.self)
        let classes = try SynthesisFixture.values("vegetation_truth.tif", as: UInt8.self)
        let model = SyntheticMAGTModel()
        var elevations: [Double] = [], adjusted: [Double] = [], residuals: [Double] = []
        for row in try SynthesisFixture.table("boreholes.csv").rows + SynthesisFixture.table("check_boreholes.csv").rows {
            let pixel = SynthesisFixture.pixel(x: Double(row[1])!, y: Double(row[2])!)
            let window = (-1...1).flatMap { dy in (-1...1).map { dx in elevation[(pixel.row + dy) * width + pixel.column + dx] } }
            let northness = try HornTerrain.derivatives(
                elevation: window, width: 1, height: 1, rasterEdges: [],
                cellSizes: [TerrainCellSize(eastWest: 30, northSouth: -30)]
            ).northness[0]
            let vegetation = try XCTUnwrap(SyntheticVegetationClass(rawValue: classes[pixel.row * width + pixel.column]))
            let z = Double(elevation[pixel.row * width + pixel.column])
            let magt = Double(row[3])!
            let known = model.vegetation[vegetation.name]! + model.northness * Double(northness)
            residuals.append(magt - (model.intercept + model.elevation * z + known))
            elevations.append(z)
            adjusted.append(magt - known)
        }
        let mean = residuals.reduce(0, +) / Double(residuals.count)
        let deviation = (residuals.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(residuals.count - 1)).squareRoot()
        XCTAssertEqual(mean, 0, accuracy: 0.08, "the noise has zero mean")
        XCTAssertEqual(deviation, 0.15, accuracy: 0.06, "the noise is N(0, 0.15)")
        // Least squares of MAGT (less the known class and aspect effects) on elevation.
        let zMean = elevations.reduce(0, +) / Double(elevations.count), yMean = adjusted.reduce(0, +) / Double(adjusted.count)
        let covariance = zip(elevations, adjusted).reduce(0) { $0 + ($1.0 - zMean) * ($1.1 - yMean) }
        let variance = elevations.reduce(0) { $0 + ($1 - zMean) * ($1 - zMean) }
        XCTAssertEqual(covariance / variance, -0.0032, accuracy: 0.0006)
        XCTAssertEqual(yMean - covariance / variance * zMean, 11.73, accuracy: 2.5)
    }

    func testBoreholeALTFollowsStefanWithTheSceneThawingIndex() throws {
        let scene = try scene()
        let classes = try SynthesisFixture.values("vegetation_truth.tif", as: UInt8.self)
        var checked = 0
        for row in try SynthesisFixture.table("boreholes.csv").rows where !row[4].isEmpty {
            let x = Double(row[1])!, y = Double(row[2])!
            let pixel = SynthesisFixture.pixel(x: x, y: y)
            let vegetation = SyntheticVegetationClass(rawValue: classes[pixel.row * width + pixel.column])!
            let thawingIndex = try scene.climate.thawingIndex(x: x, y: y)
            XCTAssertTrue((400...2000).contains(thawingIndex), "DDT \(thawingIndex)")
            let stefan = ActiveLayerModel.stefanThickness(thawingIndex: thawingIndex, properties: SyntheticTables.soil(vegetation))
            XCTAssertEqual(Double(row[4])! / stefan, 1, accuracy: 0.2, "5 % noise around Stefan at \(row[0])")
            checked += 1
        }
        XCTAssertGreaterThan(checked, 10, "most boreholes lie in permafrost")
    }

    func testThawingIndexInterpolatesTheTemperatureGrid() throws {
        let scene = try scene()
        let dataset = try RasterDataset(path: try SynthesisFixture.file("air_temperature.tif"))
        let transform = try XCTUnwrap(dataset.geoTransform)
        // At a cell centre bilinear interpolation returns the cell itself.
        let column = dataset.width / 2, row = dataset.height / 2
        let centre = transform.pixelCentre(column: column, row: row)
        let point = try XCTUnwrap(
            try CoordinateTransformer(from: .wgs84(), to: scene.grid.spatialReference).transform(x: centre.x, y: centre.y))
        let days = ThawingIndex.monthLengths()
        var expected = 0.0
        for month in 0..<12 {
            let value = try dataset.band(month + 1).read(RasterWindow(column: column, row: row, width: 1, height: 1), as: Float.self)[0]
            expected += max(0, Double(value)) * Double(days[month])
        }
        XCTAssertEqual(try scene.climate.thawingIndex(x: point.x, y: point.y), expected, accuracy: 1e-6 * expected)
    }

    func testBoreholesSpreadOverElevationsAndClassesAwayFromEdges() throws {
        let elevation = try SynthesisFixture.values("dem.tif", as: Float.self)
        let classes = try SynthesisFixture.values("vegetation_truth.tif", as: UInt8.self)
        var heights: [Float] = [], perClass: [UInt8: Int] = [:]
        for row in try SynthesisFixture.table("boreholes.csv").rows {
            let pixel = SynthesisFixture.pixel(x: Double(row[1])!, y: Double(row[2])!)
            XCTAssertTrue((3..<(width - 3)).contains(pixel.column) && (3..<(height - 3)).contains(pixel.row), "away from the edges: \(row)")
            heights.append(elevation[pixel.row * width + pixel.column])
            perClass[classes[pixel.row * width + pixel.column], default: 0] += 1
        }
        XCTAssertGreaterThan(heights.max()! - heights.min()!, 0.7 * (elevation.max()! - elevation.min()!))
        XCTAssertEqual(Set(perClass.keys), [1, 2, 3, 4, 5], "every class has boreholes: \(perClass)")
        XCTAssertGreaterThanOrEqual(perClass.values.min()!, 2)
    }

    func testZonePolygonsTileTheScene() throws {
        let folder = try SynthesisFixture.folder()
        let out = NSTemporaryDirectory() + "synthesis-zones-" + UUID().uuidString + ".tif"
        defer { AtomicOutput.remove(out) }
        let codes = Dictionary(uniqueKeysWithValues: SyntheticZone.allCases.map { ($0.name, Int($0.rawValue)) })
        try PolygonRasterizer.rasterize(
            folder + "/zones.gpkg", layer: "zones", attribute: "zone", codes: codes, onto: try scene().grid,
            outputPath: out, bandSpec: BandSpec(), overwrite: true)
        let dataset = try RasterDataset(path: out)
        let zones = try dataset.band(1).read(dataset.extent, as: UInt8.self)
        XCTAssertFalse(zones.contains(0), "no gap")
        XCTAssertEqual(Set(zones), [1, 2, 3])
        let classes = try SynthesisFixture.values("vegetation_truth.tif", as: UInt8.self)
        let river = classes.indices.filter { classes[$0] == SyntheticVegetationClass.water.rawValue }
        let onPlain = river.filter { zones[$0] == SyntheticZone.alluvialPlain.rawValue }.count
        XCTAssertGreaterThan(Double(onPlain), 0.9 * Double(river.count), "the river runs on the alluvial plain")
    }

    func testMiningPolygonsLieInsideTheSceneAtMidElevations() throws {
        let folder = try SynthesisFixture.folder()
        let out = NSTemporaryDirectory() + "synthesis-mining-" + UUID().uuidString + ".tif"
        defer { AtomicOutput.remove(out) }
        try PolygonRasterizer.rasterize(
            folder + "/mining.gpkg", layer: "mining", attribute: "type", codes: ["pit": 1, "dump": 2, "other": 3],
            onto: try scene().grid, outputPath: out, bandSpec: BandSpec(), overwrite: true)
        let dataset = try RasterDataset(path: out)
        let types = try dataset.band(1).read(dataset.extent, as: UInt8.self)
        let elevation = try SynthesisFixture.values("dem.tif", as: Float.self)
        XCTAssertEqual(Set(types), [0, 1, 2, 3])
        for index in types.indices where types[index] != 0 {
            let column = index % width, row = index / width
            XCTAssertTrue(column > 0 && row > 0 && column < width - 1 && row < height - 1, "inside the scene")
        }
        let pits = types.indices.filter { types[$0] == 1 }.map { Double(elevation[$0]) }
        let pitMean = pits.reduce(0, +) / Double(pits.count)
        XCTAssertTrue((3750...4350).contains(pitMean), "pits at mid elevation: \(pitMean) m")
        XCTAssertGreaterThan(Double(pits.count) * 900, 20_000, "a pit covers a few hundred metres")
    }
}

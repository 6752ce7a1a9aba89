import AtlasCartography
import AtlasFoundation
import AtlasTestSupport
import Foundation
import GeoRaster
import XCTest

final class RenderingRampTests: XCTestCase {
    func testEveryRampStartsAndEndsOnItsEndColors() {
        for ramp in ColorRamp.all {
            XCTAssertEqual(ramp.color(at: 0), ramp.colors.first, ramp.name)
            XCTAssertEqual(ramp.color(at: 1), ramp.colors.last, ramp.name)
            XCTAssertEqual(ramp.color(at: -3), ramp.colors.first, "clamped below: \(ramp.name)")
            XCTAssertEqual(ramp.color(at: 7), ramp.colors.last, "clamped above: \(ramp.name)")
            XCTAssertEqual(ColorRamp.named(ramp.name.uppercased()), ramp)
        }
        XCTAssertNil(ColorRamp.named("rainbow"))
    }

    func testColorsAreInterpolatedLinearlyBetweenNeighbours() {
        let grey = ColorRamp(name: "grey", colors: [RGBA(0, 0, 0), RGBA(255, 255, 255)])
        XCTAssertEqual(grey.color(at: 0.5), RGBA(128, 128, 128))
        XCTAssertEqual(grey.color(at: 0.25), RGBA(64, 64, 64))
        let three = ColorRamp(name: "three", colors: [RGBA(0, 0, 0), RGBA(200, 100, 0), RGBA(200, 200, 200, 55)])
        XCTAssertEqual(three.color(at: 0.5), RGBA(200, 100, 0))
        XCTAssertEqual(three.color(at: 0.75), RGBA(200, 150, 100, 155))
        XCTAssertEqual(three.color(at: 0.25), RGBA(100, 50, 0))
    }

    func testDivergingScalesAreSymmetricSoZeroIsTheMiddleColor() {
        let scale = ColorScale.fitting(.temperature, minimum: -1, maximum: 3)
        XCTAssertEqual(scale.minimum, -3)
        XCTAssertEqual(scale.maximum, 3)
        XCTAssertEqual(scale.color(of: 0), ColorRamp.temperature.colors[3])
        XCTAssertEqual(scale.color(of: 3), ColorRamp.temperature.colors.last)
        let sequential = ColorScale.fitting(.thawDepth, minimum: 0.5, maximum: 4)
        XCTAssertEqual(sequential.minimum, 0.5)
        XCTAssertEqual(sequential.color(of: 0.5), ColorRamp.thawDepth.colors.first)
        XCTAssertEqual(ColorScale(ramp: .viridis, minimum: 2, maximum: 2).color(of: 2), ColorRamp.viridis.color(at: 0.5))
    }

    func testDefaultRampFollowsWhatTheBandHolds() {
        let cases: [(description: String, unit: String, metadata: [String: String], ramp: ColorRamp)] = [
            ("mean annual ground temperature", "degC", [:], .temperature),
            ("MAGT change, post - pre", "degC", [:], .difference),
            ("ALT change, post - pre", "m", [:], .difference),
            ("active-layer thickness", "m", [:], .thawDepth),
            ("", "m", ["PERMAFROST_ATLAS_STEP": "alt"], .thawDepth),
            ("ground-ice volume per unit area, ALT to 10.0 m", "m3/m2", [:], .ice),
            ("thawing index (DDT, air)", "degC day", [:], .thawingIndex),
            ("freezing index (DDF, air)", "degC day", [:], .ice),
            ("elevation", "", [:], .terrain),
            ("", "m", [:], .terrain),
            ("altitude above sea level", "", [:], .terrain),
            ("slope", "degree", [:], .viridis),
            ("", "", [:], .viridis),
        ]
        for entry in cases {
            XCTAssertEqual(
                DefaultRamp.choose(description: entry.description, unit: entry.unit, metadata: entry.metadata).name,
                entry.ramp.name, "\(entry.description) [\(entry.unit)]")
        }
    }

    func testScaleBarsHaveRoundLengths() throws {
        let bar = try XCTUnwrap(ScaleBar(metresPerPixel: 30, mapWidth: 400))
        XCTAssertEqual(bar.lengthMetres, 2000)
        XCTAssertEqual(bar.label, "2 km")
        XCTAssertEqual(bar.fractionOfWidth, 2000.0 / 12000, accuracy: 1e-12)
        XCTAssertEqual(ScaleBar(metresPerPixel: 0.5, mapWidth: 100)?.label, "10 m")
        XCTAssertEqual(ScaleBar(metresPerPixel: 93.75, mapWidth: 160)?.label, "2 km")
        XCTAssertEqual(ScaleBar(metresPerPixel: 1000, mapWidth: 1600)?.label, "200 km")
        XCTAssertEqual(ScaleBar(metresPerPixel: 0.01, mapWidth: 100)?.label, "0.2 m")
        XCTAssertNil(ScaleBar(metresPerPixel: 0, mapWidth: 100))
    }

    func testPictureSizeKeepsTheAspectWithinTheLimit() {
        XCTAssertTrue(MapRenderer.pictureSize(width: 500, height: 300, maxSize: 160) == (160, 96))
        XCTAssertTrue(MapRenderer.pictureSize(width: 300, height: 500, maxSize: 160) == (96, 160))
        XCTAssertTrue(MapRenderer.pictureSize(width: 100, height: 50, maxSize: 1600) == (100, 50))
        XCTAssertTrue(MapRenderer.pictureSize(width: 3, height: 1000, maxSize: 100) == (1, 100))
    }
}

final class MapRendererTests: XCTestCase {
    private let meadow = RGBA(60, 160, 60), steppe = RGBA(220, 200, 90), bare = RGBA(150, 120, 100), water = RGBA(40, 90, 200)

    private func classRaster(_ workspace: RenderingWorkspace) throws -> String {
        let codes: [UInt8] = [
            1, 1, 2, 0,
            2, 3, 0, 1,
            3, 3, 2, 1,
        ]
        let band = BandSpec(
            description: "vegetation class", unit: "class", noData: 0,
            colorTable: [0: RGBA(0, 0, 0, 0), 1: meadow, 2: steppe, 3: bare, 4: water],
            categoryNames: ["nodata", "alpine meadow", "alpine steppe", "bare ground", "water"])
        return try workspace.raster("classes.tif", codes, width: 4, height: 3, band: band)
    }

    func testClassMapTakesTheColorTableAndLeavesNodataTransparent() throws {
        let workspace = try RenderingWorkspace()
        let raster = try classRaster(workspace)
        let map = try MapRenderer.render(.init(raster: raster, out: workspace.file("classes.png")))
        XCTAssertEqual(map.width, 4)
        XCTAssertEqual(map.height, 3)
        XCTAssertEqual(try XCTUnwrap(map.metresPerPixel), 30, accuracy: 1e-9)
        let picture = try workspace.picture("classes.png")
        let expected = [meadow, meadow, steppe, nil, steppe, bare, nil, meadow, bare, bare, steppe, meadow]
        for (index, color) in expected.enumerated() {
            XCTAssertEqual(picture[index], color ?? RGBA(0, 0, 0, 0), "pixel \(index)")
        }
        XCTAssertEqual(map.legend.kind, .classes)
        XCTAssertEqual(map.legend.title, "vegetation class")
        XCTAssertEqual(
            map.legend.classes,
            [
                .init(code: 1, name: "alpine meadow", color: meadow, present: true),
                .init(code: 2, name: "alpine steppe", color: steppe, present: true),
                .init(code: 3, name: "bare ground", color: bare, present: true),
                .init(code: 4, name: "water", color: water, present: false),
            ])
        XCTAssertEqual(workspace.contents, ["classes.png", "classes.tif", "classes.tif.aux.xml"])
    }

    func testContinuousMapSpansTheRampFromMinimumToMaximum() throws {
        let workspace = try RenderingWorkspace()
        var values: [Float] = (0..<10).map { Float($0) * 0.5 - 1 }
        values[3] = -9999
        values[6] = .nan
        let raster = try workspace.raster(
            "ddt.tif", values, width: 5, height: 2,
            band: BandSpec(description: "thawing index (DDT, air)", unit: "degC day", noData: -9999))
        let map = try MapRenderer.render(.init(raster: raster, out: workspace.file("ddt.png")))
        let picture = try workspace.picture("ddt.png")
        XCTAssertEqual(picture[0], ColorRamp.thawingIndex.colors.first)
        XCTAssertEqual(picture[9], ColorRamp.thawingIndex.colors.last)
        XCTAssertEqual(picture[3], RGBA(0, 0, 0, 0))
        XCTAssertEqual(picture[6], RGBA(0, 0, 0, 0))
        // 1.5 sits at 2.5 / 4.5 of the range, drawn with the nearest of 255 steps: 141 / 254.
        XCTAssertEqual(picture[5], ColorRamp.thawingIndex.color(at: 141.0 / 254))
        XCTAssertNotEqual(ColorRamp.thawingIndex.color(at: 141.0 / 254), ColorRamp.thawingIndex.color(at: 142.0 / 254))
        XCTAssertEqual(try RasterDataset(path: workspace.file("ddt.png")).bandCount, 1, "a stepped ramp fits a palette")
        XCTAssertEqual(map.legend.kind, .ramp)
        XCTAssertEqual(map.legend.ramp, "thawing-index")
        XCTAssertEqual(map.legend.minimum, -1)
        XCTAssertEqual(map.legend.maximum, 3.5)
        XCTAssertEqual(map.legend.unit, "degC day")
        XCTAssertEqual(map.legend.stops.count, ColorRamp.thawingIndex.colors.count)
        XCTAssertEqual(map.legend.stops.first, MapLegend.Stop(value: -1, color: ColorRamp.thawingIndex.colors.first!))
        XCTAssertEqual(map.legend.stops.last, MapLegend.Stop(value: 3.5, color: ColorRamp.thawingIndex.colors.last!))
    }

    func testNamedRampAndRangeClampOutsideValues() throws {
        let workspace = try RenderingWorkspace()
        let raster = try workspace.raster("values.tif", [Float(-5), 0, 0.5, 1, 9, 2], width: 3, height: 2, band: BandSpec())
        let map = try MapRenderer.render(.init(raster: raster, out: workspace.file("values.png"), rampName: "ice", range: 0...1))
        let picture = try workspace.picture("values.png")
        XCTAssertEqual(map.legend.ramp, "ice")
        XCTAssertEqual(
            [picture[0], picture[1], picture[3], picture[4]],
            [ColorRamp.ice.colors.first, ColorRamp.ice.colors.first, ColorRamp.ice.colors.last, ColorRamp.ice.colors.last])
        XCTAssertEqual(picture[2], ColorRamp.ice.color(at: 0.5))
    }

    func testMaxSizeDecimatesTheRaster() throws {
        let workspace = try RenderingWorkspace()
        let values = (0..<(500 * 300)).map { Float($0 % 500) }
        let raster = try workspace.raster("wide.tif", values, width: 500, height: 300, band: BandSpec(description: "elevation", unit: "m"))
        let map = try MapRenderer.render(.init(raster: raster, out: workspace.file("wide.png"), maxSize: 160))
        XCTAssertEqual(map.width, 160)
        XCTAssertEqual(map.height, 96)
        XCTAssertEqual(try XCTUnwrap(map.metresPerPixel), 30 * 500 / 160, accuracy: 1e-9)
        let dataset = try RasterDataset(path: workspace.file("wide.png"))
        XCTAssertEqual(dataset.width, 160)
        XCTAssertEqual(dataset.height, 96)
        XCTAssertEqual(map.legend.ramp, "terrain")
    }

    func testSameInputGivesTheSameBytes() throws {
        let workspace = try RenderingWorkspace()
        let raster = try classRaster(workspace)
        let values = (0..<(64 * 40)).map { Float(sin(Double($0) / 37)) }
        let continuous = try workspace.raster(
            "magt.tif", values, width: 64, height: 40,
            band: BandSpec(description: "mean annual ground temperature", unit: "degC"))
        for source in [raster, continuous] {
            _ = try MapRenderer.render(.init(raster: source, out: workspace.file("a.png"), overwrite: true))
            _ = try MapRenderer.render(.init(raster: source, out: workspace.file("b.png"), overwrite: true))
            XCTAssertEqual(
                try Data(contentsOf: URL(fileURLWithPath: workspace.file("a.png"))),
                try Data(contentsOf: URL(fileURLWithPath: workspace.file("b.png"))), source)
        }
    }

    func testBadRequestsAreBadInputNamingTheProblem() throws {
        let workspace = try RenderingWorkspace()
        let raster = try classRaster(workspace)
        let cases: [(MapRenderer.Request, String)] = [
            (.init(raster: raster, out: workspace.file("x.png"), rampName: "rainbow"), "unknown colour ramp \"rainbow\""),
            (.init(raster: raster, out: workspace.file("x.png"), range: 0...1), "classes.tif: band 1 has a colour table"),
            (.init(raster: workspace.file("none.tif"), out: workspace.file("x.png")), "none.tif: no such file"),
            (.init(raster: raster, out: workspace.file("x.png"), maxSize: 0), "maximum size: must be between 1 and 8192 pixels"),
        ]
        for (request, message) in cases {
            XCTAssertThrowsError(try MapRenderer.render(request)) { error in
                XCTAssertTrue("\(error)".contains(message), "\(error)")
                XCTAssertEqual((error as? any AtlasFailure)?.kind, .badInput)
            }
        }
        XCTAssertFalse(workspace.contents.contains("x.png"))
    }
}

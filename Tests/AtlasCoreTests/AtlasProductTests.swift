import GeoRaster
import PermafrostKernels
import XCTest

@testable import AtlasCore

final class AtlasProductTests: XCTestCase {
    /// The output layout is an interface users' scripts rely on: these paths, in this order.
    func testMappedProductsAreTheDocumentedLayout() {
        let states = ["vegetation", "magt", "permafrost", "stability", "thaw_index", "alt", "ice", "ice_class"]
        let expected =
            states.map { "pre/\($0).tif" } + states.map { "post/\($0).tif" }
            + ["magt", "alt", "ice", "permafrost_transition", "stability_transition"].map { "diff/\($0).tif" }
        XCTAssertEqual(AtlasProduct.mapped.map(\.path), expected)
        XCTAssertEqual(Set(AtlasProduct.mapped.map(\.mapName)).count, 21)
        XCTAssertEqual(AtlasProduct.preIceClass.mapName, "pre_ice_class")
        XCTAssertEqual(AtlasProduct.disturbance.path, "disturbance.tif")
        XCTAssertEqual(AtlasProduct.zones.path, "aligned/zones.tif")
        XCTAssertEqual(AtlasLayout(root: "/x/atlas").path(of: .postALT), "/x/atlas/post/alt.tif")
    }

    func testTypesNodataAndCounterparts() {
        XCTAssertEqual(AtlasProduct.preMAGT.dataType, .float32)
        XCTAssertEqual(AtlasProduct.preMAGT.noData, -9999)
        XCTAssertEqual(AtlasProduct.postStability.dataType, .byte)
        XCTAssertEqual(AtlasProduct.postStability.noData, 0)
        XCTAssertEqual(AtlasProduct.preALT.counterpart, .postALT)
        XCTAssertEqual(AtlasProduct.postThawIndex.counterpart, .preThawIndex)
        XCTAssertNil(AtlasProduct.diffMAGT.counterpart)
        // Every state product has its twin, with the same unit.
        for product in AtlasProduct.pre + AtlasProduct.post {
            XCTAssertEqual(product.counterpart?.unit, product.unit, product.path)
        }
    }

    func testTransitionLegendsNameEveryPairAndGreyTheUnchanged() throws {
        let legend = try XCTUnwrap(AtlasProduct.permafrostTransition.legend)
        XCTAssertEqual(legend.entries.map(\.code), [11, 12, 21, 22])
        XCTAssertEqual(legend.name(of: 12), "permafrost -> seasonally frozen ground (no permafrost)")
        XCTAssertEqual(legend.entries.first { $0.code == 22 }?.color, RGBA(200, 200, 200))
        XCTAssertEqual(AtlasProduct.stabilityTransition.legend?.entries.count, 36)
    }

    func testStabilityColorsRunFromColdBlueToWarmRed() {
        for entry in ClassLegend.thermalStability.entries {
            if entry.code <= 3 {
                XCTAssertGreaterThan(entry.color.blue, entry.color.red, entry.name)
            } else {
                XCTAssertGreaterThan(entry.color.red, entry.color.blue, entry.name)
            }
        }
    }

    func testPostMiningVegetationAddsDisturbanceClassesAfterTheLabels() {
        let legend = ClassLegend.postMiningVegetation(labels: ["alpine meadow", "water"])
        XCTAssertEqual(legend.entries.map(\.code), [1, 2, 3, 4, 5])
        XCTAssertEqual(
            legend.entries.map(\.name), ["alpine meadow", "water", "open pit", "spoil (waste-rock) dump", "other (road, plant)"])
        XCTAssertEqual(legend.entries[0].color, RGBA(112, 168, 0))
    }
}

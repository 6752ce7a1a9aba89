import AtlasCartography
import AtlasCore
import XCTest

/// The catalogue names each continuous product's ramp; a raster drawn by `render` without
/// `--ramp` gets the same one from what its band says, so an atlas map and a user's own
/// rendering of the same file agree.
final class ProductRampTests: XCTestCase {
    func testCatalogueRampsAreTheRampsTheBandsChoose() throws {
        let continuous = AtlasProduct.mapped.filter { !$0.isClassMap } + [.freezingIndex, .iceContent]
        XCTAssertEqual(continuous.count, 13)
        for product in continuous {
            let ramp = try XCTUnwrap(product.ramp.flatMap { ColorRamp.named($0.rawValue) }, product.path)
            let chosen = DefaultRamp.choose(
                description: product.bandDescription, unit: product.unit,
                metadata: ["PERMAFROST_ATLAS_STEP": product.step.rawValue])
            XCTAssertEqual(ramp.name, chosen.name, product.path)
        }
    }
}

import Foundation
import PermafrostAtlas
import XCTest

@testable import AtlasCore

final class AtlasRunStepsTests: XCTestCase {
    /// Every product a step reads was written by an earlier step of the same run.
    func testEveryStepReadsOnlyWhatEarlierStepsWrote() {
        for mode in [AtlasRun.Mode.full, .fitOnly, .tile(try! TileLayout.Tile(parsing: "1/2"), models: "m")] {
            var written = Set<AtlasProduct>()
            for step in AtlasRun.steps(for: mode) {
                for product in step.reads { XCTAssertTrue(written.contains(product), "\(step.name) reads \(product) before it exists") }
                written.formUnion(step.writes)
            }
        }
    }

    /// A full run writes every mapped product of the layout (the maps and report show them all).
    func testAFullRunWritesEveryMappedProduct() {
        let steps = AtlasRun.steps(for: .full)
        let written = Set(steps.flatMap(\.writes))
        XCTAssertTrue(Set(AtlasProduct.mapped).isSubset(of: written), "\(Set(AtlasProduct.mapped).subtracting(written))")
        XCTAssertEqual(
            steps.map(\.name),
            [
                "vegetation model (random forest)", "vegetation map", "MAGT model (regression)", "MAGT map",
                "permafrost and thermal stability", "thawing index", "active-layer thickness at the boreholes", "active-layer thickness",
                "ground ice",
                "post-mining atlas and differences", "check boreholes, maps and report",
            ])
        XCTAssertEqual(AtlasRun.steps(for: .fitOnly).count, 2)
        XCTAssertEqual(AtlasRun.steps(for: .tile(try! TileLayout.Tile(parsing: "2/3"), models: "m")).count, 8)
    }

    /// On large grids the store keeps the working files of exactly the float products later
    /// steps read (MAGT, thawing index, ALT); when maps read full resolution, every product's.
    func testTheStoreKeepsWhatLaterStepsReadAgain() {
        let reads = AtlasRun.steps(for: .full).flatMap(\.reads)
        XCTAssertEqual(ProductStore.keptProducts(reads: reads, mapsReadFullResolution: false), [.preMAGT, .preThawIndex, .preALT])
        XCTAssertEqual(ProductStore.keptProducts(reads: reads, mapsReadFullResolution: true), Set(AtlasProduct.mapped))

        let layout = AtlasLayout(root: "/data/atlas")
        let store = ProductStore(layout: layout, options: OutputOptions(), keeping: [.preMAGT])
        XCTAssertEqual(
            store.options(writing: [.preMAGT]).workingCopyFolder, "/data/atlas/.working-\(ProcessInfo.processInfo.processIdentifier)")
        XCTAssertNil(store.options(writing: [.preStability, .prePermafrost]).workingCopyFolder)
        // No working file on disk: the product itself is read.
        XCTAssertEqual(store.source(of: .preMAGT), "/data/atlas/pre/magt.tif")
    }
}

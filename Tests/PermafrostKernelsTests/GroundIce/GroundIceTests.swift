import PermafrostKernels
import XCTest

final class GroundIceTests: XCTestCase {
    /// Zone 1: 0-3 m @ 0.2, 3-6 m @ 0.4, 6-12 m @ 0.3 (volumetric).
    static let lacustrine = [
        GroundIceStratum(zoneCode: 1, zoneName: "lacustrine plain", top: 0, bottom: 3, iceContent: 0.2),
        GroundIceStratum(zoneCode: 1, zoneName: "lacustrine plain", top: 3, bottom: 6, iceContent: 0.4),
        GroundIceStratum(zoneCode: 1, zoneName: "lacustrine plain", top: 6, bottom: 12, iceContent: 0.3),
    ]

    private func model(_ strata: [GroundIceStratum] = lacustrine, depthLimit: Double = 10) throws -> GroundIceModel {
        try GroundIceModel(strata: GroundIceStrataTable(strata: strata), depthLimit: depthLimit)
    }

    func testOverlapIntegralByHand() throws {
        // ALT 2.5: 0.5*0.2 + 3*0.4 + 4*0.3 = 2.5 m^3/m^2 over 7.5 m: mean 1/3 -> ice-saturated.
        let ice = try model().groundIce(zone: 1, activeLayerThickness: 2.5)
        XCTAssertEqual(ice.iceVolume, 2.5, accuracy: 1e-12)
        XCTAssertEqual(ice.meanIceContent, 2.5 / 7.5, accuracy: 1e-12)
        let block = try model().groundIce(activeLayerThickness: [2.5, 0, 4], zones: [1, 1, 1])
        XCTAssertEqual(block.iceVolume[0], 2.5, accuracy: 1e-6)
        XCTAssertEqual(block.meanIceContent[0], 1.0 / 3.0, accuracy: 1e-6)
        XCTAssertEqual(block.iceClass[0], IceContentClass.iceSaturated.rawValue)
        // ALT 0: 3*0.2 + 3*0.4 + 4*0.3 = 3.0; ALT 4: 2*0.4 + 4*0.3 = 2.0 over 6 m.
        XCTAssertEqual(block.iceVolume[1], 3.0, accuracy: 1e-6)
        XCTAssertEqual(block.iceVolume[2], 2.0, accuracy: 1e-6)
        XCTAssertEqual(block.meanIceContent[2], 2.0 / 6.0, accuracy: 1e-6)
    }

    func testDepthLimitIsConfigurable() throws {
        // D = 12: ALT 2.5 adds 2 m more @ 0.3: 3.1 over 9.5 m.
        let ice = try model(depthLimit: 12).groundIce(zone: 1, activeLayerThickness: 2.5)
        XCTAssertEqual(ice.iceVolume, 3.1, accuracy: 1e-12)
        XCTAssertEqual(ice.meanIceContent, 3.1 / 9.5, accuracy: 1e-12)
    }

    /// Depths stay those of the original ground: a pit of depth d thaws to ALT below its
    /// floor, so the frozen window is [d + ALT, D].
    func testAPitKeepsTheOriginalGroundsWindow() throws {
        // 2 m removed, ALT 2.5: [4.5, 10] = 1.5*0.4 + 4*0.3 = 1.8 over 5.5 m.
        let ice = try model().groundIce(zone: 1, activeLayerThickness: 2.5, surfaceLowering: 2)
        XCTAssertEqual(ice.iceVolume, 1.8, accuracy: 1e-12)
        XCTAssertEqual(ice.meanIceContent, 1.8 / 5.5, accuracy: 1e-12)
        // 8 m removed: the window [10.5, 10] is empty; ice below 10 m never counts.
        let deep = try model().groundIce(zone: 1, activeLayerThickness: 2.5, surfaceLowering: 8)
        XCTAssertEqual(deep.iceVolume, 0)
        XCTAssertTrue(deep.meanIceContent.isNaN)

        let uniform = try model().groundIce(activeLayerThickness: [2.5, 2.5], zones: [1, 1], surfaceLowering: .uniform(2))
        let perPixel = try model().groundIce(activeLayerThickness: [2.5, 2.5], zones: [1, 1], surfaceLowering: .perPixel([2, 0]))
        XCTAssertEqual(uniform.iceVolume[1], 1.8, accuracy: 1e-6)
        XCTAssertEqual(perPixel.iceVolume[0], uniform.iceVolume[0])
        XCTAssertEqual(perPixel.iceVolume[1], 2.5, accuracy: 1e-6)
    }

    /// Ground buried under a dump stays frozen below ALT - H: its ice is not lost.
    func testADumpBuriesItsIceInsteadOfLosingIt() throws {
        // 1 m of spoil, ALT 2.5 from the dump top: original ground frozen from 1.5 m:
        // 1.5*0.2 + 3*0.4 + 4*0.3 = 2.7 (more than the 2.5 before: the old active layer froze).
        XCTAssertEqual(try model().groundIce(zone: 1, activeLayerThickness: 2.5, surfaceLowering: -1).iceVolume, 2.7, accuracy: 1e-12)
        // 20 m of spoil holding 0.05 ice where frozen: the whole original 10 m (3.0) and
        // 17.5 m of frozen spoil (0.875); the mean content is the original ground's.
        let block = try model().groundIce(
            activeLayerThickness: [2.5], zones: [1], surfaceLowering: .perPixel([-20]), spoilIceContent: [0.05])
        XCTAssertEqual(block.iceVolume[0], 3.875, accuracy: 1e-6)
        XCTAssertEqual(block.meanIceContent[0], 0.3, accuracy: 1e-6)
    }

    /// Before = removed + thawed + kept; after = kept + newly frozen + spoil; by hand for a
    /// pit, a dump and a dump that lost its permafrost (pre-mining ALT 2.5: 2.5 m^3/m^2).
    func testTheIceBudgetBalances() throws {
        let model = try model()
        let pit = try model.budget(zone: 1, activeLayerBefore: 2.5, activeLayerAfter: 1, surfaceLowering: 8)
        // Removed [2.5, 8]: 0.5*0.2 + 3*0.4 + 2*0.3 = 1.9; left [8, 10] = 0.6 of which [9, 10] stays frozen.
        XCTAssertEqual(pit.removed, 1.9, accuracy: 1e-12)
        XCTAssertEqual(pit.kept, 0.3, accuracy: 1e-12)
        XCTAssertEqual(pit.thawed, 0.3, accuracy: 1e-12)
        XCTAssertEqual(pit.removed + pit.thawed + pit.kept, 2.5, accuracy: 1e-12)
        XCTAssertEqual(pit.buried, 0)

        let dump = try model.budget(zone: 1, activeLayerBefore: 2.5, activeLayerAfter: 2.5, surfaceLowering: -20, spoilIceContent: 0.05)
        XCTAssertEqual(dump.kept, 2.5, accuracy: 1e-12)
        XCTAssertEqual(dump.buried, 2.5, accuracy: 1e-12)
        XCTAssertEqual(dump.thawed, 0, accuracy: 1e-12)
        XCTAssertEqual(dump.newlyFrozen, 0.5, accuracy: 1e-12)
        XCTAssertEqual(dump.spoil, 0.875, accuracy: 1e-12)
        let after = try model.groundIce(zone: 1, activeLayerThickness: 2.5, surfaceLowering: -20, spoilIceContent: 0.05).iceVolume
        XCTAssertEqual(dump.kept + dump.newlyFrozen + dump.spoil, after, accuracy: 1e-12)

        let thawedDump = try model.budget(zone: 1, activeLayerBefore: 2.5, activeLayerAfter: .nan, surfaceLowering: -2)
        XCTAssertEqual(thawedDump.thawed, 2.5, accuracy: 1e-12)
        XCTAssertEqual(thawedDump.kept + thawedDump.buried + thawedDump.newlyFrozen, 0)
        XCTAssertEqual(try model.budget(zone: 0, activeLayerBefore: 2.5, activeLayerAfter: 1, surfaceLowering: 8), GroundIceBudget())
    }

    func testNoPermafrostNoDataAndDeepTable() throws {
        let block = try model().groundIce(activeLayerThickness: [.nan, 2.5, 10, 11], zones: [1, 0, 1, 1])
        XCTAssertTrue(block.iceVolume[0].isNaN, "NaN ALT (no permafrost) gives NaN ice")
        XCTAssertTrue(block.iceVolume[1].isNaN, "zone 0 is nodata")
        XCTAssertEqual(block.iceVolume[2], 0, "ALT at D leaves no permafrost above D")
        XCTAssertTrue(block.meanIceContent[2].isNaN)
        XCTAssertEqual(block.iceVolume[3], 0)
        XCTAssertTrue(block.meanIceContent[3].isNaN)
        XCTAssertEqual(block.iceClass, [0, 0, 0, 0])
    }

    func testUnknownZoneNamesTheZone() throws {
        XCTAssertThrowsError(try model().groundIce(activeLayerThickness: [.nan, 2], zones: [4, 1])) {
            XCTAssertEqual("\($0)", "zone code 4 occurs in the zone raster but not in the strata table")
        }
    }

    func testGapsAreReportedAndCountAsIceFree() throws {
        let strata = [
            GroundIceStratum(zoneCode: 2, zoneName: "alluvial fan", top: 5, bottom: 8, iceContent: 0.4),
            GroundIceStratum(zoneCode: 2, zoneName: "alluvial fan", top: 0, bottom: 3, iceContent: 0.2),
            GroundIceStratum(zoneCode: 3, zoneName: "moraine", top: 1, bottom: 12, iceContent: 0.1),
        ]
        let ice = try model(strata)
        XCTAssertEqual(
            ice.gaps.map(\.description),
            [
                "strata table zone 2 \"alluvial fan\": no layer between 3.0 m and 5.0 m (counted as ice-free)",
                "strata table zone 2 \"alluvial fan\": no layer between 8.0 m and 10.0 m (counted as ice-free)",
                "strata table zone 3 \"moraine\": no layer between 0.0 m and 1.0 m (counted as ice-free)",
            ])
        XCTAssertEqual(
            ice.strata.gaps(toDepth: 14).last?.description,
            "strata table zone 3 \"moraine\": no layer between 12.0 m and 14.0 m (counted as ice-free)")
        // ALT 2: 1*0.2 + 3*0.4 = 1.4 (gaps add nothing).
        XCTAssertEqual(try ice.groundIce(zone: 2, activeLayerThickness: 2).iceVolume, 1.4, accuracy: 1e-12)
        XCTAssertEqual(try model().gaps, [])
    }

    func testOverlappingLayersNameBothRows() {
        var strata = Self.lacustrine
        strata.append(GroundIceStratum(zoneCode: 1, zoneName: "lacustrine plain", top: 5, bottom: 7, iceContent: 0.5))
        XCTAssertThrowsError(try GroundIceStrataTable(strata: strata)) {
            XCTAssertEqual(
                "\($0)",
                "strata table row 4 (zone 1 \"lacustrine plain\") overlaps strata table row 2 "
                    + "(zone 1 \"lacustrine plain\"); layers of one zone must not overlap")
        }
        // The same depths in another zone do not overlap.
        strata[3].zoneCode = 2
        XCTAssertNoThrow(try GroundIceStrataTable(strata: strata))
    }

    func testRowValidationNamesTheRow() {
        func message(_ stratum: GroundIceStratum) -> String {
            do {
                _ = try GroundIceStrataTable(strata: Self.lacustrine + [stratum])
                return "accepted"
            } catch {
                return error.description
            }
        }
        XCTAssertEqual(
            message(GroundIceStratum(zoneCode: 5, zoneName: "moraine", top: 4, bottom: 4, iceContent: 0.1)),
            "strata table row 4 (zone 5 \"moraine\"): bottom 4.0 m must be greater than top 4.0")
        XCTAssertEqual(
            message(GroundIceStratum(zoneCode: 5, zoneName: "moraine", top: -1, bottom: 4, iceContent: 0.1)),
            "strata table row 4 (zone 5 \"moraine\"): top -1.0 m must be zero or positive")
        XCTAssertEqual(
            message(GroundIceStratum(zoneCode: 5, zoneName: "moraine", top: 0, bottom: 4, iceContent: 1.2, sourceRow: 17)),
            "strata table row 17 (zone 5 \"moraine\"): ice_content 1.2 must be a volumetric fraction between 0 and 1")
        XCTAssertEqual(
            message(GroundIceStratum(zoneCode: 0, zoneName: "water", top: 0, bottom: 4, iceContent: 0.1)),
            "strata table row 4 (zone 0 \"water\"): zone code 0 is reserved for nodata")
        XCTAssertEqual(message(GroundIceStratum(zoneCode: 5, zoneName: "moraine", top: 0, bottom: 4, iceContent: 1)), "accepted")
        XCTAssertThrowsError(try model(depthLimit: 0)) {
            XCTAssertEqual("\($0)", "ground-ice depth limit 0.0 m must be a positive number")
        }
    }

    func testTotalIceVolume() {
        XCTAssertEqual(GroundIceModel.totalIceVolume(iceVolume: [1, .nan, 2.5], pixelAreaSquareMetres: 900), 3150)
    }
}

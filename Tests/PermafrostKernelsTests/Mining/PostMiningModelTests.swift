import PermafrostKernels
import XCTest

final class PostMiningModelTests: XCTestCase {
    // Pre-mining pixel everywhere: MAGT -1 C, DDT 1000, Yeniugou soil (ALT 2.659242588 m),
    // lacustrine strata: ice 0.2*(3 - ALT) + 0.4*3 + 0.3*4.
    static let preALT = 2.659242588299802
    static let preIce = 0.2 * (3 - preALT) + 0.4 * 3 + 0.3 * 4
    // Disturbed ground of MiningParameterTableTests.coarseSoil: ALT = sqrt(0.012 * 1000) = sqrt(12).
    static let disturbedALT = 12.0.squareRoot()

    private func model() throws -> PostMiningModel {
        let soil = try SoilParameterTable(classes: [
            SoilClassParameters(code: 1, name: "alpine meadow", properties: ActiveLayerTests.yeniugou)
        ])
        let coarse = MiningParameterTableTests.coarseSoil
        return PostMiningModel(
            disturbances: try MiningParameterTable(rows: [
                MiningDisturbanceParameters(type: .pit, magtOffset: 0.5, soil: coarse, excavationDepth: 2, bufferMetres: 120),
                MiningDisturbanceParameters(type: .dump, magtOffset: 0.2, soil: coarse, dumpThickness: 1),
                MiningDisturbanceParameters(type: .other, magtOffset: 1.5, soil: coarse),
            ]),
            activeLayer: try ActiveLayerModel(soilTable: soil),
            groundIce: try GroundIceModel(strata: GroundIceStrataTable(strata: GroundIceTests.lacustrine)))
    }

    /// Inputs for one row of 30 m pixels with the given disturbance codes.
    private func inputs(types: [UInt8]) throws -> PostMiningModel.Inputs {
        let proximity = try DisturbanceDistanceTransform.nearestDisturbance(
            types: types, width: types.count, height: 1,
            pixelWidth: 30, pixelHeight: 30)
        let count = types.count
        return PostMiningModel.Inputs(
            magt: Array(repeating: -1, count: count), thawingIndex: Array(repeating: 1000, count: count),
            soilClasses: Array(repeating: 1, count: count), zones: Array(repeating: 1, count: count),
            distanceMetres: proximity.distanceMetres, nearestType: proximity.nearestType)
    }

    func testPitWithInfluenceBuffer() throws {
        let post = try model().postMining(inputs(types: [1, 1, 0, 0, 0, 0, 0, 0]))
        // Offset 0.5 C, buffer 120 m: weights 1, 1, 0.75, 0.5 (at half the buffer: half the offset), 0.25, 0...
        XCTAssertEqual(post.influenceWeight, [1, 1, 0.75, 0.5, 0.25, 0, 0, 0])
        XCTAssertEqual(post.magt, [-0.5, -0.5, -0.625, -0.75, -0.875, -1, -1, -1])
        XCTAssertEqual(post.disturbanceType, [1, 1, 1, 1, 1, 0, 0, 0])
        XCTAssertEqual(post.stability, [5, 5, 4, 4, 4, 4, 4, 4])
        XCTAssertEqual(post.permafrost, [1, 1, 1, 1, 1, 1, 1, 1])

        // Pit floor: coarse-soil ALT sqrt(12) below 2 m excavated: the original ground is frozen
        // from 2 + sqrt(12) to 10 m: 0.4*(6 - 2 - sqrt(12)) + 0.3*4 over 8 - sqrt(12).
        let pitIce = 0.4 * (4 - Self.disturbedALT) + 0.3 * 4
        for pixel in 0...1 {
            XCTAssertEqual(Double(post.activeLayerThickness[pixel]), Self.disturbedALT, accuracy: 1e-6)
            XCTAssertEqual(Double(post.iceVolume[pixel]), pitIce, accuracy: 1e-6)
            XCTAssertEqual(Double(post.meanIceContent[pixel]), pitIce / (8 - Self.disturbedALT), accuracy: 1e-6)
            XCTAssertEqual(post.iceClass[pixel], IceContentClass.iceSaturated.rawValue)
        }
        for pixel in 2...7 {
            XCTAssertEqual(Double(post.activeLayerThickness[pixel]), Self.preALT, accuracy: 1e-6)
            XCTAssertEqual(Double(post.iceVolume[pixel]), Self.preIce, accuracy: 1e-6)
        }
    }

    func testUndisturbedPixelsReproducePreMiningProducts() throws {
        let model = try model()
        var inputs = try inputs(types: [0, 0, 0, 3])
        inputs.magt = [-2.2, 0.3, .nan, -1]
        inputs.thawingIndex = [1300, 900, 1000, 1000]
        let post = try model.postMining(inputs)
        let preALT = try model.activeLayer.activeLayerThickness(
            thawingIndex: inputs.thawingIndex, classCodes: inputs.soilClasses,
            magt: inputs.magt)
        let preIce = try model.groundIce.groundIce(activeLayerThickness: preALT, zones: inputs.zones)
        for pixel in 0...2 {
            XCTAssertEqual(post.magt[pixel].bitPattern, inputs.magt[pixel].bitPattern)
            XCTAssertEqual(post.activeLayerThickness[pixel].bitPattern, preALT[pixel].bitPattern)
            XCTAssertEqual(post.iceVolume[pixel].bitPattern, preIce.iceVolume[pixel].bitPattern)
        }
        // 0.3 C is above the permafrost threshold: class 6 (no permafrost), as in the presence map.
        XCTAssertEqual(Array(post.stability[0...2]), [3, 6, 0])
        XCTAssertEqual(Array(post.permafrost[0...2]), [1, 2, 0])
    }

    func testDumpAndPermafrostLoss() throws {
        // Dump (+0.2 C, 1 m spoil on top) on the left; road (+1.5 C) on the right thaws the permafrost.
        let types: [UInt8] = [2, 2, 0, 0, 0, 0, 0, 0, 0, 0, 3, 3]
        let model = try model()
        let inputs = try inputs(types: types)
        let post = try model.postMining(inputs)
        XCTAssertEqual(post.magt[0], -0.8, accuracy: 1e-6)
        XCTAssertEqual(Double(post.activeLayerThickness[0]), Self.disturbedALT, accuracy: 1e-6)
        // Under 1 m of spoil the original ground is frozen from sqrt(12) - 1 m: 0.2*(4 - sqrt(12))
        // + 0.4*3 + 0.3*4, ice that stays, buried.
        XCTAssertEqual(Double(post.iceVolume[0]), 0.2 * (4 - Self.disturbedALT) + 0.4 * 3 + 0.3 * 4, accuracy: 1e-6)
        XCTAssertEqual(post.magt[11], 0.5)
        XCTAssertTrue(post.activeLayerThickness[11].isNaN)
        XCTAssertTrue(post.iceVolume[11].isNaN)
        XCTAssertEqual(post.permafrost[11], PermafrostPresence.seasonallyFrozenGround.rawValue)
        XCTAssertEqual(post.stability[11], ThermalStabilityClass.extremelyUnstable.rawValue)

        // Diffs: the thawed road pixels lose all their ice, and have no ALT change.
        let preALT = try model.activeLayer.activeLayerThickness(
            thawingIndex: inputs.thawingIndex, classCodes: inputs.soilClasses,
            magt: inputs.magt)
        let preIce = try model.groundIce.groundIce(activeLayerThickness: preALT, zones: inputs.zones).iceVolume
        let prePermafrost = PermafrostPresence.classCodes(magt: inputs.magt)
        let iceChange = try PostMiningDifference.iceVolumeChange(
            pre: preIce, post: post.iceVolume,
            prePermafrost: prePermafrost, postPermafrost: post.permafrost)
        XCTAssertEqual(Double(iceChange[11]), -Self.preIce, accuracy: 1e-6)
        XCTAssertEqual(iceChange[5], 0)
        let altChange = try PostMiningDifference.change(pre: preALT, post: post.activeLayerThickness)
        XCTAssertTrue(altChange[11].isNaN)
        XCTAssertEqual(Double(altChange[0]), Self.disturbedALT - Self.preALT, accuracy: 1e-6)

        var permafrost = try ClassTransitionMatrix(classCount: 2)
        try permafrost.accumulate(before: prePermafrost, after: post.permafrost)
        XCTAssertEqual(permafrost.count(from: 1, to: 1), 10)
        XCTAssertEqual(permafrost.count(from: 1, to: 2), 2)
        XCTAssertEqual(permafrost.areaSquareKilometres(from: 1, to: 2, pixelAreaSquareMetres: 900), 0.0018, accuracy: 1e-15)
    }

    func testMissingTableEntriesAreNamed() throws {
        let soil = try SoilParameterTable(classes: [
            SoilClassParameters(code: 1, name: "alpine meadow", properties: ActiveLayerTests.yeniugou)
        ])
        let pitOnly = PostMiningModel(
            disturbances: try MiningParameterTable(rows: [
                MiningDisturbanceParameters(type: .pit, magtOffset: 0.5, soil: MiningParameterTableTests.coarseSoil)
            ]),
            activeLayer: try ActiveLayerModel(soilTable: soil),
            groundIce: try GroundIceModel(strata: GroundIceStrataTable(strata: GroundIceTests.lacustrine)))
        XCTAssertThrowsError(try pitOnly.postMining(inputs(types: [0, 2]))) {
            XCTAssertEqual(
                "\($0)", "disturbance type 2 \"spoil (waste-rock) dump\" occurs in the mining raster but not in the mining table")
        }
        var unknownClass = try inputs(types: [0, 1])
        unknownClass.soilClasses = [6, 6]
        XCTAssertThrowsError(try pitOnly.postMining(unknownClass)) {
            XCTAssertEqual("\($0)", "class code 6 occurs in the class raster but not in the soil table")
        }
        var unknownZone = try inputs(types: [0, 1])
        unknownZone.zones = [1, 9]
        XCTAssertThrowsError(try pitOnly.postMining(unknownZone)) {
            XCTAssertEqual("\($0)", "zone code 9 occurs in the zone raster but not in the strata table")
        }
        var badCode = try inputs(types: [0, 1])
        badCode.nearestType = [0, 7]
        XCTAssertThrowsError(try pitOnly.postMining(badCode)) {
            XCTAssertEqual("\($0)", "disturbance code 7 is not a disturbance type (1 pit, 2 dump, 3 other)")
        }
    }

    func testSummaryPerTypeAndZone() throws {
        let model = try model()
        let inputs = try inputs(types: [1, 1, 0, 0, 0, 0, 0, 0])
        let post = try model.postMining(inputs)
        let preALT = try model.activeLayer.activeLayerThickness(
            thawingIndex: inputs.thawingIndex, classCodes: inputs.soilClasses,
            magt: inputs.magt)
        let preIce = try model.groundIce.groundIce(activeLayerThickness: preALT, zones: inputs.zones).iceVolume
        let iceChange = try PostMiningDifference.iceVolumeChange(
            pre: preIce, post: post.iceVolume, prePermafrost: PermafrostPresence.classCodes(magt: inputs.magt),
            postPermafrost: post.permafrost)

        var summary = try DisturbanceSummary(pixelAreaSquareMetres: 900)
        try summary.accumulate(
            disturbanceType: post.disturbanceType, influenceWeight: post.influenceWeight,
            magtChange: PostMiningDifference.change(pre: inputs.magt, post: post.magt),
            altChange: PostMiningDifference.change(pre: preALT, post: post.activeLayerThickness),
            iceVolumeChange: iceChange)
        let pit = summary.entry(type: .pit, zone: .interior)
        XCTAssertEqual(pit.pixelCount, 2)
        XCTAssertEqual(pit.areaSquareKilometres, 0.0018, accuracy: 1e-15)
        XCTAssertEqual(pit.meanMAGTChange, 0.5, accuracy: 1e-6)
        XCTAssertEqual(pit.meanALTChange, Self.disturbedALT - Self.preALT, accuracy: 1e-6)
        let pitIce = 0.4 * (4 - Self.disturbedALT) + 0.3 * 4
        XCTAssertEqual(pit.iceVolumeChangeCubicMetres, 2 * (pitIce - Self.preIce) * 900, accuracy: 1e-2)

        let halo = summary.entry(type: .pit, zone: .influence)
        XCTAssertEqual(halo.pixelCount, 3)
        XCTAssertEqual(halo.meanMAGTChange, 0.25, accuracy: 1e-6, "mean of 0.375, 0.25, 0.125")
        XCTAssertEqual(halo.meanALTChange, 0)
        XCTAssertEqual(halo.iceVolumeChangeCubicMetres, 0)
        XCTAssertEqual(summary.entry(type: .dump, zone: .interior).pixelCount, 0)
        XCTAssertTrue(summary.entry(type: .dump, zone: .interior).meanMAGTChange.isNaN)
        XCTAssertEqual(summary.entries.count, 6)

        var merged = try DisturbanceSummary(pixelAreaSquareMetres: 900)
        merged.merge(summary)
        merged.merge(summary)
        XCTAssertEqual(merged.entry(type: .pit, zone: .influence).pixelCount, 6)
        XCTAssertEqual(merged.entry(type: .pit, zone: .interior).meanMAGTChange, 0.5, accuracy: 1e-6)
    }
}

import AtlasFoundation
import AtlasTestSupport
import Foundation
import PermafrostKernels
import XCTest

@testable import AtlasCore

/// The binary model file: it holds exactly the model and report of the JSON file, and every
/// damaged or foreign file is refused with one line naming it.
final class ClassifierModelBinaryTests: XCTestCase {
    private func modelFile(trees: Int, samples: Int = 300) throws -> ClassifierModelFile {
        var random = SeededRandom(seed: 9)
        var features: [Float] = [], labels: [Int] = []
        for _ in 0..<samples {
            let row = (0..<4).map { _ in random.uniformFloat() }
            features += row
            labels.append(row[0] + 0.3 * random.uniformFloat() > 0.6 ? 1 : (row[1] > 0.5 ? 2 : 0))
        }
        let data = try RandomForestTrainingData(
            features: features, labels: labels, featureNames: ["b1", "b2", "b3", "b4"], classLabels: ["water", "meadow", "steppe"])
        let result = try RandomForestModel.train(data, parameters: RandomForestParameters(treeCount: trees, seed: 4), threads: 2)
        var file = ClassifierModelFile(model: result.model, report: result.report, skipped: [], samples: "s.csv", bands: ["l.tif"])
        file.bandDataTypes = ["Float32", "Float32", "Float32", "Float32"]
        file.bandNoData = [nil, -9999, nil, nil]
        return file
    }

    private func json(_ file: ClassifierModelFile) throws -> String { try JSONOutput.encode(file) }

    func testBinaryHoldsWhatJSONHolds() throws {
        let file = try modelFile(trees: 12)
        let folder = try TemporaryFolder()
        for format in [ModelFileFormat.binary, .json] {
            let path = folder.file("model-\(format.rawValue)")
            try file.write(to: AtomicOutput(finalPath: path, overwrite: false), format: format)
            let read = try ClassifierModelFile.read(path)
            XCTAssertEqual(read.model, file.model, format.rawValue)
            XCTAssertEqual(try json(read), try json(file), format.rawValue)
        }
        // Same model, same bytes.
        XCTAssertEqual(try ClassifierModelBinary.encode(file), try ClassifierModelBinary.encode(try modelFile(trees: 12)))
    }

    func testAutomaticFormatIsBinaryOnlyForLargeForests() throws {
        XCTAssertEqual(ModelFileFormat.automatic.resolved(for: try modelFile(trees: 5).model), .json)
        let large = try modelFile(trees: 250, samples: 1200)
        let values = large.model.trees.reduce(0) { $0 + 4 * $1.splitCount + $1.leafClassProbabilities.count }
        XCTAssertGreaterThan(values, ModelFileFormat.binaryAboveTreeValues)
        XCTAssertEqual(ModelFileFormat.automatic.resolved(for: large.model), .binary)
        XCTAssertEqual(ModelFileFormat.json.resolved(for: large.model), .json)
    }

    /// Every single-byte change and every truncation is refused as bad input naming the file,
    /// never a crash and never a model.
    func testEveryDamageIsRefusedNamingTheFile() throws {
        let good = try ClassifierModelBinary.encode(try modelFile(trees: 3))
        let folder = try TemporaryFolder()
        let path = folder.file("damaged.bin")
        var random = SeededRandom(seed: 17)
        var damaged: [Data] = (0..<160).map { _ in
            var copy = good
            let index = min(good.count - 1, Int(random.uniform() * Double(good.count)))
            copy[index] ^= UInt8(1 + min(254, Int(random.uniform() * 255)))
            return copy
        }
        // Every header byte once, and truncations at the header, the metadata and the arrays.
        for index in 0..<ClassifierModelBinary.headerSize {
            var copy = good
            copy[index] ^= 0x01
            damaged.append(copy)
        }
        for length in [0, 7, 8, 95, 96, 97, 400, good.count / 2, good.count - 1] { damaged.append(good.prefix(length)) }
        damaged.append(good + [0])
        for (number, data) in damaged.enumerated() {
            try data.write(to: URL(fileURLWithPath: path))
            XCTAssertThrowsError(try ClassifierModelFile.read(path), "damage \(number)") { error in
                guard let failure = error as? AtlasFailure else { return XCTFail("damage \(number): \(error)") }
                XCTAssertEqual(failure.kind, .badInput, "damage \(number)")
                XCTAssertTrue(failure.description.contains(path), "damage \(number): \(failure.description)")
                XCTAssertFalse(failure.description.contains("\n"), "damage \(number): \(failure.description)")
            }
        }
    }
}

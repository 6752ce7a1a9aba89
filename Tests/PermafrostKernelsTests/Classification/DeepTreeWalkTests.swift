import AtlasTestSupport
import Foundation
import XCTest

@testable import PermafrostKernels

/// Deep trees (the C walk that drops finished rows, and the wide fallback) on trees grown on
/// real Statlog Landsat values: votes must equal a plain walk's bit for bit, including rows
/// that sit exactly on thresholds, just beside them, at the extremes, and rows with NaN.
final class DeepTreeWalkTests: XCTestCase {
    private struct Statlog {
        var train: RandomForestTrainingData
        var testRows: [Float]
    }

    private func statlog() throws -> Statlog {
        let text = try String(contentsOfFile: RepositoryFiles.realData("statlog_satellite_sample.csv"), encoding: .utf8)
        let lines = text.split(separator: "\n").map { $0.split(separator: ",").map(String.init) }
        let header = lines[0]
        var features: [Float] = [], labels: [Int] = [], testRows: [Float] = []
        for fields in lines.dropFirst() {
            let values = fields.prefix(36).map { Float($0)! }
            if fields[37] == "train" {
                features += values
                labels.append(Int(fields[36])! - 1)
            } else {
                testRows += values
            }
        }
        let classes = ["red soil", "cotton crop", "grey soil", "damp grey soil", "vegetation stubble", "very damp grey soil"]
        return Statlog(
            train: try RandomForestTrainingData(
                features: features, labels: labels, featureNames: Array(header.prefix(36)), classLabels: classes),
            testRows: testRows)
    }

    /// Rows on, just below and just above the first splits' thresholds, and at the extremes.
    private func edgeRows(_ model: RandomForestModel) -> [Float] {
        let p = model.featureCount
        var rows: [Float] = []
        for tree in model.trees.prefix(5) {
            for split in 0..<min(12, tree.splitCount) {
                let t = tree.splitThreshold[split]
                for value in [t, t.nextDown, t.nextUp] {
                    // The test row's own values elsewhere, so the walk goes on past this split.
                    var row = (0..<p).map { Float(60 + ($0 * 7 + split) % 50) }
                    row[Int(tree.splitFeature[split])] = value
                    rows += row
                }
            }
        }
        for value in [-Float.infinity, Float.infinity, -Float.greatestFiniteMagnitude, Float.greatestFiniteMagnitude, 0] {
            rows += [Float](repeating: value, count: p)
        }
        return rows
    }

    func testStatlogTreesAreSparseAndVoteAsAPlainWalk() throws {
        let data = try statlog()
        let model = try RandomForestModel.train(data.train, parameters: RandomForestParameters(treeCount: 40, seed: 11), threads: 2).model
        let sparse = model.packedForest.trees.filter { if case .sparse = $0 { return true } else { return false } }.count
        XCTAssertGreaterThan(sparse, 30, "most Statlog trees are deep")
        let rows = data.testRows + edgeRows(model)
        let expected = PlainWalk.probabilities(model, rows: rows)
        for threads in [1, 2] {
            let prediction = try model.predict(features: rows, includeProbabilities: true, threads: threads)
            XCTAssertEqual(prediction.probabilities, expected, "\(threads) threads")
        }
        // Row counts around the sixteen lanes: padding walks must not write any row's leaf.
        for count in [1, 15, 16, 17, 33] {
            let some = Array(rows.prefix(count * model.featureCount))
            XCTAssertEqual(
                try model.predict(features: some, includeProbabilities: true, threads: 1).probabilities,
                Array(expected.prefix(count * model.classCount)), "\(count) rows")
        }
    }

    func testRowsWithNaNAreNoDataWhateverTheWalk() throws {
        let data = try statlog()
        let model = try RandomForestModel.train(data.train, parameters: RandomForestParameters(treeCount: 10, seed: 2), threads: 1).model
        var rows = Array(data.testRows.prefix(20 * 36))
        rows[3 * 36 + 17] = .nan
        rows[19 * 36] = .nan
        let prediction = try model.predict(features: rows, includeProbabilities: true, threads: 1)
        let expected = PlainWalk.probabilities(model, rows: rows)
        for row in 0..<20 {
            let masked = row == 3 || row == 19
            XCTAssertEqual(prediction.classIndices[row] == RandomForestModel.noDataClassIndex, masked, "row \(row)")
            for c in 0..<model.classCount {
                let value = prediction.probabilities[row * model.classCount + c]
                if masked { XCTAssertTrue(value.isNaN) } else { XCTAssertEqual(value, expected[row * model.classCount + c]) }
            }
        }
    }

    func testWideTreesAndSparseTreesMeetInTheSameVotes() throws {
        // Trees larger than the median are stored wide here (normally above 65,535 nodes).
        let data = try statlog()
        let model = try RandomForestModel.train(data.train, parameters: RandomForestParameters(treeCount: 30, seed: 5), threads: 2).model
        let median = model.trees.map { 2 * $0.splitCount + 1 }.sorted()[model.trees.count / 2]
        let forest = PackedForest(
            trees: model.trees, featureCount: model.featureCount, classCount: model.classCount, mostSparseNodes: median)
        var kinds = Set<String>()
        for layout in forest.trees {
            switch layout {
            case .sparse: kinds.insert("sparse")
            case .wide: kinds.insert("wide")
            default: break
            }
        }
        XCTAssertEqual(kinds, ["sparse", "wide"])
        let rows = data.testRows + edgeRows(model)
        let rowCount = rows.count / model.featureCount
        var votes = [Float](repeating: -1, count: rowCount * model.classCount)
        rows.withUnsafeBufferPointer { rows in
            votes.withUnsafeMutableBufferPointer {
                forest.accumulateVotes(rows: rows.baseAddress!, rowCount: rowCount, into: $0.baseAddress!)
            }
        }
        XCTAssertEqual(votes, PlainWalk.votes(model.trees, classCount: model.classCount, featureCount: model.featureCount, rows: rows))
    }
}

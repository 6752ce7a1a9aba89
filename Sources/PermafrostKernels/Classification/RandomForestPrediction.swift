import AtlasFoundation
import Foundation

/// Class indices and (optionally) class probabilities for a batch of rows.
public struct RandomForestPrediction: Sendable, Equatable {
    /// Predicted class index per row, or `RandomForestModel.noDataClassIndex` for rows with NaN.
    public var classIndices: [Int32]
    /// `rowCount * classCount` values, row-major; empty unless requested.
    public var probabilities: [Float]
}

extension RandomForestModel {
    /// Class index written for rows that contain a NaN feature value; their probabilities are NaN.
    public static let noDataClassIndex: Int32 = -1

    /// Predicts rows of features (row-major, `featureCount` values per row, in the order of
    /// `featureNames`).
    ///
    /// The class is the soft vote: leaf class distributions averaged over trees (as
    /// scikit-learn does); ties go to the lowest class index. `probabilities`, when given,
    /// receives those averages (`rowCount * classCount` values, row-major). A row containing
    /// NaN gets `noDataClassIndex` and NaN probabilities, so masked pixels may be passed
    /// through as NaN. Work is split into row blocks over `threads` threads; every row's sum
    /// runs over trees in a fixed order, so output is bit-identical for any thread count.
    public func predict(
        features: UnsafeBufferPointer<Float>,
        rowCount: Int,
        classIndices: UnsafeMutableBufferPointer<Int32>,
        probabilities: UnsafeMutableBufferPointer<Float>? = nil,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws {
        func fail(_ message: String) -> RandomForestError { .invalidPredictionInput(message) }
        guard rowCount >= 0 else { throw fail("row count \(rowCount) is negative") }
        guard features.count == rowCount * featureCount else {
            throw fail(
                "prediction input has \(features.count) values, expected \(rowCount) rows x \(featureCount) features = \(rowCount * featureCount)"
            )
        }
        guard classIndices.count == rowCount else {
            throw fail("class output holds \(classIndices.count) values, expected one per row (\(rowCount))")
        }
        if let probabilities, probabilities.count != rowCount * classCount {
            throw fail(
                "probability output holds \(probabilities.count) values, expected \(rowCount) rows x \(classCount) classes = \(rowCount * classCount)"
            )
        }
        guard threads >= 1 else { throw RandomForestError.invalidParameter("threads must be at least 1, got \(threads)") }
        guard rowCount > 0 else { return }

        let forest = packedForest
        let blockRows = forest.blockRows(rowCount: rowCount, threads: threads)
        let blockCount = (rowCount + blockRows - 1) / blockRows
        let k = classCount, p = featureCount
        let inverseTreeCount = 1 / Float(trees.count)
        WorkSharing.run(
            taskCount: blockCount, threads: threads,
            makeWorkspace: { [Float](repeating: 0, count: blockRows * k) }
        ) { votes, block in
            let firstRow = block * blockRows
            let rows = min(blockRows, rowCount - firstRow)
            votes.withUnsafeMutableBufferPointer { votes in
                forest.accumulateVotes(rows: features.baseAddress! + firstRow * p, rowCount: rows, into: votes.baseAddress!)
                for r in 0..<rows {
                    let row = features.baseAddress! + (firstRow + r) * p
                    var hasNaN = false
                    for f in 0..<p where row[f].isNaN { hasNaN = true }
                    let vote = votes.baseAddress! + r * k
                    var best = 0
                    for c in 1..<max(k, 1) where vote[c] > vote[best] { best = c }
                    classIndices[firstRow + r] = hasNaN ? Self.noDataClassIndex : Int32(best)
                    if let probabilities {
                        for c in 0..<k {
                            probabilities[(firstRow + r) * k + c] = hasNaN ? .nan : vote[c] * inverseTreeCount
                        }
                    }
                }
            }
        }
    }

    /// Array convenience for `predict(features:rowCount:classIndices:probabilities:threads:)`;
    /// the row count is `features.count / featureCount`.
    public func predict(
        features: [Float],
        includeProbabilities: Bool = false,
        threads: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws -> RandomForestPrediction {
        guard features.count % featureCount == 0 else {
            throw RandomForestError.invalidPredictionInput(
                "prediction input has \(features.count) values, not a multiple of \(featureCount) features")
        }
        let rowCount = features.count / featureCount
        var classes = [Int32](repeating: 0, count: rowCount)
        var probabilities = [Float](repeating: 0, count: includeProbabilities ? rowCount * classCount : 0)
        try features.withUnsafeBufferPointer { input in
            try classes.withUnsafeMutableBufferPointer { classOutput in
                try probabilities.withUnsafeMutableBufferPointer { probabilityOutput in
                    try predict(
                        features: input, rowCount: rowCount, classIndices: classOutput,
                        probabilities: includeProbabilities ? probabilityOutput : nil, threads: threads)
                }
            }
        }
        return RandomForestPrediction(classIndices: classes, probabilities: probabilities)
    }
}

@testable import PermafrostKernels

/// The reference every packed layout is held to: each tree walked node by node with
/// `RandomForestTree.leaf(for:)`, leaf distributions summed in tree order.
enum PlainWalk {
    /// Summed votes, `rowCount * classCount` values.
    static func votes(_ trees: [RandomForestTree], classCount k: Int, featureCount p: Int, rows: [Float]) -> [Float] {
        let rowCount = rows.count / p
        var result = [Float](repeating: 0, count: rowCount * k)
        rows.withUnsafeBufferPointer { rows in
            for row in 0..<rowCount {
                for tree in trees {
                    let leaf = tree.leaf(for: rows.baseAddress! + row * p)
                    for c in 0..<k { result[row * k + c] += tree.leafClassProbabilities[leaf * k + c] }
                }
            }
        }
        return result
    }

    /// Soft votes as `predict` reports them (averaged over trees).
    static func probabilities(_ model: RandomForestModel, rows: [Float]) -> [Float] {
        votes(model.trees, classCount: model.classCount, featureCount: model.featureCount, rows: rows)
            .map { $0 * (1 / Float(model.trees.count)) }
    }
}

import PermafrostKernels

/// How `classify train` (and a run) writes the random-forest model file. Reading needs no
/// choice: a binary file starts with `PAFOREST`, anything else is read as JSON.
public enum ModelFileFormat: String, CaseIterable, Sendable {
    /// JSON for small forests (easy to read and diff), binary above `binaryAboveTreeValues`.
    case automatic = "auto"
    case json
    case binary

    /// Tree values (four per split, one per leaf and class) above which `automatic` writes
    /// binary: about 1 MB of JSON, which takes a tile job about 25 ms to parse; the 500-tree
    /// Statlog forest has 1.8 million values (24 MB of JSON, 0.6 s to parse).
    public static let binaryAboveTreeValues = 100_000

    /// The format this choice gives for `model`.
    public func resolved(for model: RandomForestModel) -> ModelFileFormat {
        guard self == .automatic else { return self }
        let values = model.trees.reduce(0) { $0 + 4 * $1.splitCount + $1.leafClassProbabilities.count }
        return values > Self.binaryAboveTreeValues ? .binary : .json
    }
}

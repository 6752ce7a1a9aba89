/// How training samples are weighted by class.
public enum RandomForestClassWeighting: String, Codable, Sendable, CaseIterable {
    /// Every sample counts once.
    case none
    /// Class k gets weight n / (K * n_k) in the Gini impurity and in the leaf class
    /// distributions (scikit-learn's `class_weight="balanced"`), so rare classes are not
    /// swamped by common ones.
    case balanced
}

/// Settings of a Breiman random forest (CART trees, Gini impurity).
/// Defaults follow Breiman (2001) and METHOD.md section 2.
public struct RandomForestParameters: Codable, Sendable, Equatable {
    /// Number of trees (`--trees`).
    public var treeCount: Int
    /// Features tried per split (`--mtry`); nil means floor(sqrt(featureCount)).
    public var mtry: Int?
    /// Minimum number of bootstrap draws (duplicates counted) in a leaf (`--min-leaf`).
    public var minLeafSize: Int
    /// Maximum depth, root at depth 0 (`--max-depth`); nil means grow until pure.
    public var maxDepth: Int?
    /// Bootstrap sample size as a fraction of the training samples (`--sample-fraction`).
    public var sampleFraction: Double
    /// Draw the bootstrap sample with replacement (Breiman) or without.
    public var sampleWithReplacement: Bool
    /// Class weights in impurity and leaf votes.
    public var classWeighting: RandomForestClassWeighting
    /// Seed of every random choice; equal seeds and data give bit-identical forests.
    public var seed: UInt64

    public init(
        treeCount: Int = 500,
        mtry: Int? = nil,
        minLeafSize: Int = 1,
        maxDepth: Int? = nil,
        sampleFraction: Double = 1.0,
        sampleWithReplacement: Bool = true,
        classWeighting: RandomForestClassWeighting = .none,
        seed: UInt64 = 1
    ) {
        self.treeCount = treeCount
        self.mtry = mtry
        self.minLeafSize = minLeafSize
        self.maxDepth = maxDepth
        self.sampleFraction = sampleFraction
        self.sampleWithReplacement = sampleWithReplacement
        self.classWeighting = classWeighting
        self.seed = seed
    }

    /// The mtry actually used for `featureCount` features.
    public func resolvedMtry(featureCount: Int) -> Int {
        if let mtry { return mtry }
        // Integer square root avoids rounding doubts at perfect squares.
        var root = Int(Double(featureCount).squareRoot())
        while root * root > featureCount { root -= 1 }
        while (root + 1) * (root + 1) <= featureCount { root += 1 }
        return max(1, root)
    }

    /// These parameters with mtry filled in, as recorded in models and reports.
    public func resolved(featureCount: Int) -> RandomForestParameters {
        var copy = self
        copy.mtry = resolvedMtry(featureCount: featureCount)
        return copy
    }

    /// Throws `RandomForestError.invalidParameter` naming the first bad setting.
    public func validate(featureCount: Int) throws {
        func fail(_ message: String) -> RandomForestError { .invalidParameter(message) }
        if treeCount < 1 { throw fail("trees must be at least 1, got \(treeCount)") }
        if let mtry, mtry < 1 || mtry > featureCount {
            throw fail("mtry must be between 1 and the feature count \(featureCount), got \(mtry)")
        }
        if minLeafSize < 1 { throw fail("min_leaf must be at least 1, got \(minLeafSize)") }
        if let maxDepth, maxDepth < 1 { throw fail("max_depth must be at least 1, got \(maxDepth)") }
        if !(sampleFraction > 0 && sampleFraction <= 1) {
            throw fail("sample_fraction must be in (0, 1], got \(sampleFraction)")
        }
    }
}

/// Out-of-bag accuracy and feature importance of a trained forest.
///
/// Out-of-bag (OOB) figures use, for each training sample, only the trees whose bootstrap
/// sample did not contain it (soft vote, as in prediction). Samples that were in every
/// tree's bootstrap are left out; with no out-of-bag sample at all (e.g. sampling without
/// replacement at fraction 1) the OOB fields are nil.
public struct RandomForestTrainingReport: Codable, Sendable, Equatable {
    public var featureNames: [String]
    public var classLabels: [String]
    /// Training samples per class.
    public var classCounts: [Int]
    /// The parameters actually used (mtry resolved).
    public var parameters: RandomForestParameters
    /// Training samples out of bag in at least one tree (those the OOB figures cover).
    public var outOfBagSampleCount: Int
    /// Rows reference class, columns OOB-predicted class.
    public var outOfBagConfusion: ConfusionMatrix?
    public var outOfBagAccuracy: Double?
    /// 1 - outOfBagAccuracy.
    public var outOfBagError: Double?
    public var kappa: Double?
    /// Per class; nil for a class without OOB reference samples.
    public var producersAccuracy: [Double?]
    /// Per class; nil for a class never OOB-predicted.
    public var usersAccuracy: [Double?]
    /// Mean decrease in Gini impurity per feature (per tree scaled as scikit-learn does,
    /// averaged over trees), normalised to sum 1.
    public var impurityImportance: [Double]
    /// Mean over trees of the OOB accuracy lost when the feature is permuted; nil when
    /// not computed or when no sample was out of bag.
    public var permutationImportance: [Double]?
}

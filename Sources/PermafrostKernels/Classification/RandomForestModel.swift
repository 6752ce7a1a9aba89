import Foundation

/// A trained random-forest classifier: everything prediction needs, in a versioned,
/// Codable form. JSON from `jsonData()` decodes to a model with identical predictions.
public struct RandomForestModel: Codable, Sendable, Equatable {
    /// Version of this layout; decoding refuses other versions.
    public static let currentFormatVersion = 1

    public let formatVersion: Int
    /// Feature names in the column order prediction expects.
    public let featureNames: [String]
    /// Class names; class index k is `classLabels[k]`.
    public let classLabels: [String]
    /// The parameters actually used (mtry resolved).
    public let parameters: RandomForestParameters
    public let trees: [RandomForestTree]
    /// The trees re-laid for prediction, built at the first prediction rather than per call
    /// (tens of milliseconds for 500 deep trees) and not at training, which never predicts
    /// (`classify train` on the Statlog forest: 5 % of its CPU time). Derived from `trees`, so
    /// not encoded or compared.
    var packedForest: PackedForest {
        packing.forest { PackedForest(trees: trees, featureCount: featureNames.count, classCount: classLabels.count) }
    }
    private let packing: PackedForestOnce

    public var featureCount: Int { featureNames.count }
    public var classCount: Int { classLabels.count }

    /// Assembles and checks a model (used by training and decoding).
    public init(featureNames: [String], classLabels: [String], parameters: RandomForestParameters, trees: [RandomForestTree]) throws {
        self.formatVersion = Self.currentFormatVersion
        self.featureNames = featureNames
        self.classLabels = classLabels
        self.parameters = parameters
        self.trees = trees
        self.packing = PackedForestOnce()
        try Self.validate(featureNames: featureNames, classLabels: classLabels, trees: trees)
    }

    public static func == (lhs: RandomForestModel, rhs: RandomForestModel) -> Bool {
        lhs.formatVersion == rhs.formatVersion && lhs.featureNames == rhs.featureNames
            && lhs.classLabels == rhs.classLabels && lhs.parameters == rhs.parameters && lhs.trees == rhs.trees
    }

    private enum CodingKeys: String, CodingKey {
        case formatVersion, featureNames, classLabels, parameters, trees
    }

    /// Encoder `userInfo` key: when set to `true`, the trees are left out (a binary model file
    /// stores them as arrays of its own).
    public static let omitsTrees = CodingUserInfoKey(rawValue: "permafrost-atlas.random-forest.omits-trees")!
    /// Decoder `userInfo` key: the trees (`[RandomForestTree]`) of a model whose JSON has none.
    public static let suppliedTrees = CodingUserInfoKey(rawValue: "permafrost-atlas.random-forest.supplied-trees")!

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(formatVersion, forKey: .formatVersion)
        try container.encode(featureNames, forKey: .featureNames)
        try container.encode(classLabels, forKey: .classLabels)
        try container.encode(parameters, forKey: .parameters)
        if encoder.userInfo[Self.omitsTrees] as? Bool != true { try container.encode(trees, forKey: .trees) }
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let version = try container.decode(Int.self, forKey: .formatVersion)
        guard version == Self.currentFormatVersion else {
            throw RandomForestError.invalidModel(
                "random-forest model format version \(version) is not supported (expected \(Self.currentFormatVersion))")
        }
        try self.init(
            featureNames: container.decode([String].self, forKey: .featureNames),
            classLabels: container.decode([String].self, forKey: .classLabels),
            parameters: container.decode(RandomForestParameters.self, forKey: .parameters),
            trees: decoder.userInfo[Self.suppliedTrees] as? [RandomForestTree] ?? container.decode([RandomForestTree].self, forKey: .trees))
    }

    /// The model as JSON (keys sorted, so equal models give equal bytes).
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }

    /// Decodes a model written by `jsonData()`, checking its structure.
    public init(jsonData: Data) throws {
        self = try JSONDecoder().decode(RandomForestModel.self, from: jsonData)
    }

    private static func validate(featureNames: [String], classLabels: [String], trees: [RandomForestTree]) throws {
        if featureNames.isEmpty { throw RandomForestError.invalidModel("random-forest model has no features") }
        if classLabels.isEmpty { throw RandomForestError.invalidModel("random-forest model has no classes") }
        if trees.isEmpty { throw RandomForestError.invalidModel("random-forest model has no trees") }
        for (index, tree) in trees.enumerated() {
            try tree.validate(featureCount: featureNames.count, classCount: classLabels.count, treeIndex: index)
        }
    }
}

import Foundation
import PermafrostKernels

/// The training report as users read it: per-class and per-feature tables by name.
public struct ClassifierReportView: Encodable {
    public struct ClassAccuracy: Encodable {
        public let label: String
        public let samples: Int
        public let producersAccuracy: Double?
        public let usersAccuracy: Double?
    }

    public struct FeatureImportance: Encodable {
        public let feature: String
        public let impurity: Double
        public let permutation: Double?
    }

    public let model: String?
    public let trees: Int
    public let mtry: Int?
    public let outOfBagAccuracy: Double?
    public let kappa: Double?
    public let confusionMatrix: [[Int]]?
    public let classes: [ClassAccuracy]
    public let importance: [FeatureImportance]
    public let skippedSamples: [MAGTModelFile.SkippedBorehole]

    public init(_ file: ClassifierModelFile, path: String? = nil) {
        let report = file.report
        model = path
        trees = report.parameters.treeCount
        mtry = report.parameters.mtry
        outOfBagAccuracy = report.outOfBagAccuracy
        kappa = report.kappa
        confusionMatrix = report.outOfBagConfusion.map { matrix in
            (0..<matrix.classCount).map { reference in (0..<matrix.classCount).map { matrix[reference: reference, predicted: $0] } }
        }
        classes = report.classLabels.indices.map {
            ClassAccuracy(
                label: report.classLabels[$0], samples: report.classCounts[$0],
                producersAccuracy: report.producersAccuracy[$0], usersAccuracy: report.usersAccuracy[$0])
        }
        importance = report.featureNames.indices.map {
            FeatureImportance(
                feature: report.featureNames[$0], impurity: report.impurityImportance[$0],
                permutation: report.permutationImportance?[$0])
        }
        skippedSamples = file.skippedSamples
    }

    public var text: String {
        func percent(_ value: Double?) -> String { value.map { String(format: "%.1f %%", $0 * 100) } ?? "n/a" }
        var lines = [
            "random forest: \(trees) trees, mtry \(mtry.map(String.init) ?? "default")",
            "out-of-bag accuracy \(percent(outOfBagAccuracy)), kappa \(kappa.map { String(format: "%.3f", $0) } ?? "n/a")",
            "class                      samples  producer's  user's",
        ]
        for entry in classes {
            lines.append(
                entry.label.padding(toLength: 26, withPad: " ", startingAt: 0)
                    + String(format: " %7d", entry.samples) + "  "
                    + percent(entry.producersAccuracy).padding(toLength: 10, withPad: " ", startingAt: 0)
                    + "  " + percent(entry.usersAccuracy))
        }
        if let confusionMatrix {
            lines.append("OOB confusion matrix (rows reference, columns predicted):")
            lines += confusionMatrix.map { "  " + $0.map { String(format: "%5d", $0) }.joined() }
        }
        lines.append("feature importance (impurity, permutation):")
        for entry in importance.sorted(by: { $0.impurity > $1.impurity }) {
            lines.append(
                "  \(entry.feature): \(String(format: "%.4f", entry.impurity)), \(entry.permutation.map { String(format: "%.4f", $0) } ?? "n/a")"
            )
        }
        lines += skippedSamples.map { "skipped line \($0.line) (\($0.id)): \($0.reason)" }
        return lines.joined(separator: "\n")
    }
}

import AtlasFoundation
import Foundation

/// A trained forest and its out-of-bag report.
public struct RandomForestTrainingResult: Sendable {
    public let model: RandomForestModel
    public let report: RandomForestTrainingReport
}

extension RandomForestModel {
    /// Trains a Breiman random forest (METHOD.md section 2).
    ///
    /// Trees are grown in parallel on `threads` threads; each tree draws from its own random
    /// stream derived from (seed, tree index), so the model and report are bit-identical for
    /// any thread count. `permutationImportance: false` skips the most expensive report item.
    public static func train(
        _ data: RandomForestTrainingData,
        parameters: RandomForestParameters = RandomForestParameters(),
        threads: Int = ProcessInfo.processInfo.activeProcessorCount,
        permutationImportance: Bool = true
    ) throws -> RandomForestTrainingResult {
        try parameters.validate(featureCount: data.featureCount)
        guard threads >= 1 else { throw RandomForestError.invalidParameter("threads must be at least 1, got \(threads)") }
        let resolved = parameters.resolved(featureCount: data.featureCount)
        let tables = ForestTrainingTables(data: data, classWeighting: parameters.classWeighting)
        let treeCount = parameters.treeCount

        var grown = [CARTTreeGrower.GrownTree?](repeating: nil, count: treeCount)
        var outOfBag = [TreeOutOfBagEvaluation?](repeating: nil, count: treeCount)
        tables.binKeys.withUnsafeBufferPointer { binKeys in
            tables.sortedSamples.withUnsafeBufferPointer { sortedSamples in
                tables.distinctValues.withUnsafeBufferPointer { distinctValues in
                    tables.labels.withUnsafeBufferPointer { labels in
                        data.features.withUnsafeBufferPointer { rows in
                            grown.withUnsafeMutableBufferPointer { grownSlots in
                                outOfBag.withUnsafeMutableBufferPointer { outOfBagSlots in
                                    let view = ForestTrainingView(
                                        sampleCount: tables.sampleCount, featureCount: tables.featureCount,
                                        classCount: tables.classCount, binKeys: binKeys.baseAddress!, classBits: tables.classBits,
                                        distinctValues: distinctValues.baseAddress!, distinctStart: tables.distinctStart,
                                        largestDistinctCount: tables.largestCoarseDistinctCount, labels: labels.baseAddress!,
                                        classWeights: tables.classWeights, fineFeatures: tables.fineFeatures,
                                        sortedSamples: sortedSamples.baseAddress)
                                    WorkSharing.run(
                                        taskCount: treeCount, threads: threads,
                                        makeWorkspace: { CARTTreeGrower(tables: view, parameters: resolved) }
                                    ) { grower, treeIndex in
                                        let tree = grower.grow(treeIndex: treeIndex)
                                        outOfBagSlots[treeIndex] = TreeOutOfBagEvaluation(
                                            tree: tree.tree, treeIndex: treeIndex, samples: tree.outOfBagSamples,
                                            rows: rows.baseAddress!, labels: labels.baseAddress!,
                                            featureCount: view.featureCount, classCount: view.classCount,
                                            seed: resolved.seed, permutationImportance: permutationImportance)
                                        grownSlots[treeIndex] = tree
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        let trees = grown.map { $0! }
        let model = try RandomForestModel(
            featureNames: data.featureNames, classLabels: data.classLabels,
            parameters: resolved, trees: trees.map(\.tree))
        let report = makeReport(
            data: data, parameters: resolved, trees: trees, outOfBag: outOfBag.map { $0! },
            permutationImportance: permutationImportance)
        return RandomForestTrainingResult(model: model, report: report)
    }

    /// Combines the per-tree results in tree order, so the sums do not depend on threads.
    private static func makeReport(
        data: RandomForestTrainingData,
        parameters: RandomForestParameters,
        trees: [CARTTreeGrower.GrownTree],
        outOfBag: [TreeOutOfBagEvaluation],
        permutationImportance: Bool
    ) -> RandomForestTrainingReport {
        let n = data.sampleCount, k = data.classCount, p = data.featureCount
        var votes = [Float](repeating: 0, count: n * k)
        var voted = [Bool](repeating: false, count: n)
        for (grownTree, evaluation) in zip(trees, outOfBag) {
            let probabilities = grownTree.tree.leafClassProbabilities
            for (sample, leaf) in zip(grownTree.outOfBagSamples, evaluation.leaves) {
                let s = Int(sample), l = Int(leaf)
                voted[s] = true
                for c in 0..<k { votes[s * k + c] += probabilities[l * k + c] }
            }
        }
        var confusion = ConfusionMatrix(classCount: k)
        var outOfBagSampleCount = 0
        for sample in 0..<n where voted[sample] {
            var predicted = 0
            for c in 1..<max(k, 1) where votes[sample * k + c] > votes[sample * k + predicted] { predicted = c }
            confusion.add(reference: data.labels[sample], predicted: predicted)
            outOfBagSampleCount += 1
        }
        let hasOutOfBag = outOfBagSampleCount > 0

        // scikit-learn's convention: each tree's decreases normalised to sum 1, then averaged.
        var impurity = [Double](repeating: 0, count: p)
        for grownTree in trees {
            let treeSum = grownTree.impurityDecrease.reduce(0, +)
            guard treeSum > 0 else { continue }
            for f in 0..<p { impurity[f] += grownTree.impurityDecrease[f] / treeSum }
        }
        let impuritySum = impurity.reduce(0, +)
        if impuritySum > 0 { impurity = impurity.map { $0 / impuritySum } }

        var permutation: [Double]?
        if permutationImportance && hasOutOfBag {
            var sum = [Double](repeating: 0, count: p)
            var contributingTrees = 0
            for (grownTree, evaluation) in zip(trees, outOfBag) where !grownTree.outOfBagSamples.isEmpty {
                guard let decrease = evaluation.accuracyDecrease else { continue }
                contributingTrees += 1
                for f in 0..<p { sum[f] += decrease[f] }
            }
            permutation = sum.map { $0 / Double(contributingTrees) }
        }

        let accuracy = confusion.overallAccuracy
        return RandomForestTrainingReport(
            featureNames: data.featureNames,
            classLabels: data.classLabels,
            classCounts: data.classCounts,
            parameters: parameters,
            outOfBagSampleCount: outOfBagSampleCount,
            outOfBagConfusion: hasOutOfBag ? confusion : nil,
            outOfBagAccuracy: accuracy,
            outOfBagError: accuracy.map { 1 - $0 },
            kappa: confusion.kappa,
            producersAccuracy: hasOutOfBag ? confusion.producersAccuracy : [Double?](repeating: nil, count: k),
            usersAccuracy: hasOutOfBag ? confusion.usersAccuracy : [Double?](repeating: nil, count: k),
            impurityImportance: impurity,
            permutationImportance: permutation)
    }
}

import XCTest

@testable import PermafrostKernels

final class RandomForestTrainingTests: XCTestCase {
    func testSeparableClustersAreLearntExactly() throws {
        let data = try ClassificationTestData.separableClusters(perClass: 40, seed: 7)
        let result = try RandomForestModel.train(data, parameters: RandomForestParameters(treeCount: 25, seed: 3), threads: 2)
        let prediction = try result.model.predict(features: data.features)
        XCTAssertEqual(prediction.classIndices.map(Int.init), data.labels)
        XCTAssertEqual(result.report.outOfBagAccuracy, 1)
        XCTAssertEqual(result.report.kappa, 1)
        // Unseen points near each centre.
        let fresh = try result.model.predict(features: [1, 1, 11, 1, 6, 11], includeProbabilities: true)
        XCTAssertEqual(fresh.classIndices, [0, 1, 2])
        XCTAssertEqual(fresh.probabilities.count, 9)
    }

    func testSingleUnbaggedTreeFitsNoisyTrainingDataCompletely() throws {
        // Labels are 30 % noise; a fully grown tree on all samples must still memorise them.
        let data = try ClassificationTestData.noisyThreshold(count: 300, featureCount: 4, labelNoise: 0.3, seed: 11)
        let parameters = RandomForestParameters(treeCount: 1, mtry: 4, sampleWithReplacement: false, seed: 5)
        let result = try RandomForestModel.train(data, parameters: parameters, threads: 1)
        let prediction = try result.model.predict(features: data.features)
        XCTAssertEqual(prediction.classIndices.map(Int.init), data.labels)
        // Every sample was in the bag: there is no out-of-bag estimate.
        XCTAssertEqual(result.report.outOfBagSampleCount, 0)
        XCTAssertNil(result.report.outOfBagAccuracy)
        XCTAssertNil(result.report.outOfBagConfusion)
        XCTAssertNil(result.report.permutationImportance)
    }

    func testGiniSplitPicksHandComputedThreshold() throws {
        // x = 0.5 1.25 2 3 4.5 5 7, classes 0 0 1 0 1 1 1. For each cut, sum(left_k^2)/n_left
        // + sum(right_k^2)/n_right (larger = lower weighted Gini):
        //   0.875: 1 + 20/6 = 4.33   1.625: 2 + 17/5 = 5.40   2.5: 5/3 + 10/4 = 4.17
        //   3.75 : 10/4 + 9/3 = 5.50 4.75: 13/5 + 2 = 4.60    6.0: 18/6 + 1 = 4.00
        // so the cut is 3.75, midway between 3 and 4.5 (scikit-learn's DecisionTreeClassifier
        // with max_depth=1 gives the same threshold and leaves [0.75, 0.25] and [0, 1]).
        let data = try RandomForestTrainingData(
            features: [0.5, 1.25, 2.0, 3.0, 4.5, 5.0, 7.0], labels: [0, 0, 1, 0, 1, 1, 1],
            featureNames: ["x"], classLabels: ["a", "b"])
        let parameters = RandomForestParameters(treeCount: 1, maxDepth: 1, sampleWithReplacement: false)
        let result = try RandomForestModel.train(data, parameters: parameters, threads: 1)
        let tree = result.model.trees[0]
        XCTAssertEqual(tree.splitFeature, [0])
        XCTAssertEqual(tree.splitThreshold, [3.75])
        XCTAssertEqual(tree.leftChild, [~0])
        XCTAssertEqual(tree.rightChild, [~1])
        XCTAssertEqual(tree.leafClassProbabilities, [0.75, 0.25, 0, 1])
        XCTAssertEqual(result.report.impurityImportance, [1])
    }

    func testBalancedClassWeightsMoveTheSplitTowardsTheRareClass() throws {
        // x = 1...20; the rare class 1 sits at 13, 16, 18, 19, 20 (5 of 20 samples).
        // Unweighted: cut 15.5 scores 197/15 + 17/5 = 16.53 > cut 12.5 with 12 + 34/8 = 16.25.
        // Balanced weights w0 = 20/(2*15) = 2/3, w1 = 20/(2*5) = 2: cut 12.5 scores
        // 8 + (2^2 + 10^2)/12 = 16.67 > cut 15.5 with 91.11/11.33 + 64.44/8.67 = 15.47, so
        // the cut moves down to take in every rare sample. scikit-learn's
        // DecisionTreeClassifier(max_depth=1, class_weight="balanced") agrees: 15.5 and 12.5,
        // right leaf [1/6, 5/6].
        var labels = [Int](repeating: 0, count: 20)
        for x in [13, 16, 18, 19, 20] { labels[x - 1] = 1 }
        let data = try RandomForestTrainingData(
            features: (1...20).map(Float.init), labels: labels, featureNames: ["x"], classLabels: ["common", "rare"])
        var parameters = RandomForestParameters(treeCount: 1, maxDepth: 1, sampleWithReplacement: false)
        let plain = try RandomForestModel.train(data, parameters: parameters, threads: 1).model.trees[0]
        parameters.classWeighting = .balanced
        let balanced = try RandomForestModel.train(data, parameters: parameters, threads: 1).model.trees[0]
        XCTAssertEqual(plain.splitThreshold, [15.5])
        XCTAssertEqual(balanced.splitThreshold, [12.5])
        XCTAssertEqual(balanced.leafClassProbabilities[0], 1)
        XCTAssertEqual(balanced.leafClassProbabilities[1], 0)
        XCTAssertEqual(balanced.leafClassProbabilities[2], 1.0 / 6, accuracy: 1e-7)
        XCTAssertEqual(balanced.leafClassProbabilities[3], 5.0 / 6, accuracy: 1e-7)
    }

    func testOutOfBagAccuracyOfNoisyDataStaysBelowTheBayesLimit() throws {
        // 20 % label noise caps any classifier near 0.80; scikit-learn's forest with 50
        // trees gets OOB accuracy 0.70-0.77 on this design (5 random draws).
        let data = try ClassificationTestData.noisyThreshold(count: 600, featureCount: 3, labelNoise: 0.2, seed: 21)
        let result = try RandomForestModel.train(data, parameters: RandomForestParameters(treeCount: 50, seed: 9), threads: 2)
        let report = result.report
        let accuracy = try XCTUnwrap(report.outOfBagAccuracy)
        XCTAssertGreaterThan(accuracy, 0.65)
        XCTAssertLessThan(accuracy, 0.84)
        XCTAssertEqual(report.outOfBagError!, 1 - accuracy, accuracy: 1e-15)
        XCTAssertEqual(report.outOfBagSampleCount, 600)
        XCTAssertEqual(report.outOfBagConfusion?.total, 600)
        XCTAssertEqual(report.classCounts.reduce(0, +), 600)
        XCTAssertEqual(report.impurityImportance.reduce(0, +), 1, accuracy: 1e-12)
        XCTAssertEqual(report.parameters.mtry, 1)
    }

    func testPermutationImportanceRanksSignalAboveNoise() throws {
        let data = try ClassificationTestData.noisyThreshold(count: 400, featureCount: 3, labelNoise: 0.1, seed: 4)
        let result = try RandomForestModel.train(data, parameters: RandomForestParameters(treeCount: 40, seed: 2), threads: 2)
        let permutation = try XCTUnwrap(result.report.permutationImportance)
        // Permuting the signal wrecks about half the correct votes; noise barely matters.
        XCTAssertGreaterThan(permutation[0], 0.2)
        XCTAssertLessThan(abs(permutation[1]), 0.05)
        XCTAssertLessThan(abs(permutation[2]), 0.05)
        let impurity = result.report.impurityImportance
        XCTAssertGreaterThan(impurity[0], impurity[1])
        XCTAssertGreaterThan(impurity[0], impurity[2])
    }

    func testMinimumLeafSizeAndMaximumDepthBoundEveryTree() throws {
        let data = try ClassificationTestData.noisyThreshold(count: 200, featureCount: 3, labelNoise: 0.3, seed: 17)
        let parameters = RandomForestParameters(treeCount: 3, minLeafSize: 5, maxDepth: 4, sampleWithReplacement: false, seed: 8)
        let model = try RandomForestModel.train(data, parameters: parameters, threads: 1).model
        for tree in model.trees {
            var samplesPerLeaf = [Int](repeating: 0, count: tree.leafClassProbabilities.count / 2)
            var deepest = 0
            for sample in 0..<200 {
                var reference = tree.rootReference, depth = 0
                while reference >= 0 {
                    let node = Int(reference)
                    reference =
                        data.features[sample * 3 + Int(tree.splitFeature[node])] <= tree.splitThreshold[node]
                        ? tree.leftChild[node] : tree.rightChild[node]
                    depth += 1
                }
                samplesPerLeaf[Int(~reference)] += 1
                deepest = max(deepest, depth)
            }
            XCTAssertGreaterThanOrEqual(samplesPerLeaf.min()!, 5)
            XCTAssertEqual(deepest, 4)
        }
    }

    func testConstantFeaturesGiveSingleLeafTreesVotingClassShares() throws {
        let data = try RandomForestTrainingData(
            features: [Float](repeating: 2, count: 16), labels: [0, 1, 1, 1, 0, 1, 1, 1],
            featureNames: ["flat1", "flat2"], classLabels: ["a", "b"])
        let parameters = RandomForestParameters(treeCount: 4, sampleWithReplacement: false)
        let model = try RandomForestModel.train(data, parameters: parameters, threads: 2).model
        XCTAssertTrue(model.trees.allSatisfy { $0.splitCount == 0 && $0.leafClassProbabilities == [0.25, 0.75] })
        let prediction = try model.predict(features: [2, 2, -5, 9], includeProbabilities: true)
        XCTAssertEqual(prediction.classIndices, [1, 1])
        XCTAssertEqual(prediction.probabilities, [0.25, 0.75, 0.25, 0.75])
    }

    func testTrainingDataIsChecked() {
        func message(_ work: () throws -> Void) -> String {
            do {
                try work()
                return "no error"
            } catch { return "\(error)" }
        }
        XCTAssertEqual(
            message {
                _ = try RandomForestTrainingData(
                    features: [1, .nan, 3, 4], labels: [0, 1], featureNames: ["B4", "B5"], classLabels: ["a", "b"])
            }, "training sample 0: feature \"B5\" is nan, values must be finite")
        XCTAssertEqual(
            message {
                _ = try RandomForestTrainingData(features: [1, 2], labels: [0, 2], featureNames: ["B4"], classLabels: ["a", "b"])
            }, "training sample 1: class index 2 is outside 0..<2")
        XCTAssertEqual(
            message {
                _ = try RandomForestTrainingData(features: [1, 2], labels: [0, 0], featureNames: ["B4"], classLabels: ["a", "water"])
            }, "class 1 (\"water\") has no training sample")
        XCTAssertEqual(
            message {
                _ = try RandomForestTrainingData(features: [1, 2, 3], labels: [0, 1], featureNames: ["B4"], classLabels: ["a", "b"])
            }, "training data has 3 feature values, expected 2 samples x 1 features = 2")
    }
}

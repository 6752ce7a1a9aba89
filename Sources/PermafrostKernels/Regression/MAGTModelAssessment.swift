import Foundation

/// How well the MAGT model predicts boreholes it was not fitted on, beyond leave-one-out:
/// spatial block cross-validation, and predictor selection by an information criterion.
public struct MAGTCrossValidation: Codable, Sendable, Equatable {
    /// Blocks that held boreholes (folds).
    public var blocks: Int
    /// Boreholes predicted; the others fell in a fold whose model could not be fitted or could
    /// not predict them (a vegetation class seen only in their block).
    public var boreholesPredicted: Int
    public var rmse: Double?
    /// Mean of predicted - observed (C).
    public var bias: Double?
    /// Share of boreholes predicted within 0.5 C.
    public var shareWithinHalfDegree: Double?
}

/// An information criterion of a least-squares fit with Gaussian errors.
public enum InformationCriterion: String, Sendable, CaseIterable, Codable {
    case aic, bic

    /// n ln(RSS/n) + penalty x k, with k the coefficients including the intercept (the
    /// constants common to every model of the same boreholes left out).
    public func value(residualSumOfSquares rss: Double, observations n: Int, parameters k: Int) -> Double {
        let penalty = self == .aic ? 2 : log(Double(n))
        return Double(n) * log(rss / Double(n)) + penalty * Double(k)
    }
}

/// One step of a backward selection: the predictors then in the model and its criterion.
public struct MAGTSelectionStep: Codable, Sendable, Equatable {
    public var predictors: [String]
    public var criterion: Double
    /// The predictor dropped to reach this step (nil for the first, full model).
    public var dropped: String?
}

extension MAGTModel {
    /// Spatial block cross-validation: each borehole is predicted by the model fitted on the
    /// boreholes of the other blocks (`blocks[i]` is borehole i's block), so that a neighbour
    /// sharing its ground cannot vouch for it as in leave-one-out.
    public static func blockCrossValidation(
        boreholes: [MAGTBorehole], blocks: [Int], predictors: MAGTPredictors, method: Method = .linear
    ) -> MAGTCrossValidation {
        precondition(blocks.count == boreholes.count, "one block per borehole")
        var errors: [Double] = []
        let folds = Set(blocks).sorted()
        for fold in folds {
            let training = boreholes.indices.filter { blocks[$0] != fold }.map { boreholes[$0] }
            guard let (model, _) = try? fit(boreholes: training, predictors: predictors, method: method) else { continue }
            for index in boreholes.indices where blocks[index] == fold {
                guard let predicted = try? model.predict(boreholes[index].predictors, location: boreholes[index].id) else { continue }
                errors.append(predicted - boreholes[index].magt)
            }
        }
        let count = Double(errors.count)
        return MAGTCrossValidation(
            blocks: folds.count, boreholesPredicted: errors.count,
            rmse: errors.isEmpty ? nil : (errors.map { $0 * $0 }.reduce(0, +) / count).squareRoot(),
            bias: errors.isEmpty ? nil : errors.reduce(0, +) / count,
            shareWithinHalfDegree: errors.isEmpty ? nil : Double(errors.filter { abs($0) <= 0.5 }.count) / count)
    }

    /// Backward elimination from `predictors`: drop, one at a time, the predictor whose removal
    /// lowers the criterion most, until none does. Vegetation is one predictor (all its classes
    /// together). Returns the chosen predictors and every step taken.
    public static func selectPredictors(
        boreholes: [MAGTBorehole], from predictors: MAGTPredictors, criterion: InformationCriterion
    ) throws -> (predictors: MAGTPredictors, steps: [MAGTSelectionStep]) {
        func score(_ set: MAGTPredictors) throws -> Double {
            let report = try fit(boreholes: boreholes, predictors: set).report.regression
            let rss = report.residuals.reduce(0) { $0 + $1 * $1 }
            return criterion.value(residualSumOfSquares: rss, observations: report.observationCount, parameters: report.parameterCount)
        }
        func names(_ set: MAGTPredictors) -> [String] { MAGTPredictors.singles.filter { set.contains($0.predictor) }.map(\.name) }
        var current = predictors
        var currentScore = try score(current)
        var steps = [MAGTSelectionStep(predictors: names(current), criterion: currentScore, dropped: nil)]
        while true {
            var best: (set: MAGTPredictors, score: Double, dropped: String)?
            for single in MAGTPredictors.singles where current.contains(single.predictor) {
                let candidate = current.subtracting(single.predictor)
                guard !candidate.isEmpty, let candidateScore = try? score(candidate) else { continue }
                if candidateScore < (best?.score ?? currentScore) { best = (candidate, candidateScore, single.name) }
            }
            guard let best else { break }
            current = best.set
            currentScore = best.score
            steps.append(.init(predictors: names(current), criterion: best.score, dropped: best.dropped))
        }
        return (current, steps)
    }
}

extension MAGTPredictors {
    /// Each predictor alone with the name the configuration gives it, in the design's order.
    public static let singles: [(predictor: MAGTPredictors, name: String)] = [
        (.elevation, "elevation"), (.longitude, "lon"), (.latitude, "lat"), (.vegetation, "vegetation"), (.northness, "northness"),
        (.eastness, "eastness"), (.slope, "slope"),
    ]
}

// Benchmark of the random-forest kernels on a synthetic stand-in for the Statlog Landsat
// Satellite data: 6 classes, 36 features (a 3x3 pixel neighbourhood x 4 spectral bands),
// 4,435 training and 2,000 test samples with the class shares of sat.trn / sat.tst, plus
// 1,000,000 rows to predict. The data are written as raw little-endian Float32 / Int32 files
// so that bench/rf_sklearn.py times scikit-learn on exactly the same numbers.
//
// Usage: RandomForestBench [--out DIR] [--threads N] [--repeats N] [--trees N] [--predict-rows N] [--seed N]
import Foundation
import PermafrostKernels

struct Options {
    var outputDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("rf-bench").path
    var threads = ProcessInfo.processInfo.activeProcessorCount
    var repeats = 3
    var trees = 500
    var predictRows = 1_000_000
    var seed: UInt64 = 42

    init(arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let flag = iterator.next() {
            guard let value = iterator.next() else { fatalError("\(flag) needs a value") }
            switch flag {
            case "--out": outputDirectory = value
            case "--threads": threads = Int(value)!
            case "--repeats": repeats = Int(value)!
            case "--trees": trees = Int(value)!
            case "--predict-rows": predictRows = Int(value)!
            case "--seed": seed = UInt64(value)!
            default: fatalError("unknown option \(flag)")
            }
        }
    }
}

/// SplitMix64 with Box-Muller normals: a fixed, documented data stream.
struct DataRandom {
    var generator: SplitMix64
    mutating func next() -> UInt64 { generator.next() }
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1p-53 }
    mutating func normal() -> Double {
        let u = max(uniform(), 0x1p-60), v = uniform()
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }
}

/// Gaussian class clusters in 4 "bands"; neighbouring pixels share the centre's signal plus
/// their own noise, and sometimes belong to another class (mixed edges), as in sat.trn.
struct SyntheticScene {
    static let classNames = [
        "red soil", "cotton crop", "grey soil", "damp grey soil", "soil with vegetation stubble", "very damp grey soil",
    ]
    static let trainShares = [1072, 479, 961, 415, 470, 1038]
    static let testShares = [461, 224, 397, 211, 237, 470]
    static let bandMeans: [[Double]] = [
        [64, 100, 108, 88], [48, 40, 96, 86], [87, 103, 111, 89],
        [79, 93, 104, 85], [60, 72, 84, 77], [70, 84, 90, 73],
    ]
    static let bandSpread: [Double] = [5, 7, 6, 6]
    static let featureCount = 36

    static func sample(classIndex: Int, random: inout DataRandom, into row: inout [Float]) {
        var centre = [Double](repeating: 0, count: 4)
        for band in 0..<4 { centre[band] = bandMeans[classIndex][band] + bandSpread[band] * random.normal() }
        for pixel in 0..<9 {
            let mixed = pixel != 4 && random.uniform() < 0.15
            let other = mixed ? random.next() % 6 : UInt64(classIndex)
            for band in 0..<4 {
                let base = mixed ? bandMeans[Int(other)][band] + bandSpread[band] * random.normal() : centre[band]
                row[pixel * 4 + band] = Float(base + 3 * random.normal())
            }
        }
    }

    static func make(counts: [Int], random: inout DataRandom) -> (features: [Float], labels: [Int]) {
        var labels: [Int] = []
        for (classIndex, count) in counts.enumerated() { labels += [Int](repeating: classIndex, count: count) }
        for i in stride(from: labels.count - 1, to: 0, by: -1) { labels.swapAt(i, Int(random.next() % UInt64(i + 1))) }
        var features: [Float] = []
        features.reserveCapacity(labels.count * featureCount)
        var row = [Float](repeating: 0, count: featureCount)
        for label in labels {
            sample(classIndex: label, random: &random, into: &row)
            features += row
        }
        return (features, labels)
    }
}

func write<T>(_ values: [T], to path: String) throws {
    try values.withUnsafeBytes { try Data($0).write(to: URL(fileURLWithPath: path)) }
}

func seconds(_ work: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try work()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func accuracy(_ predicted: [Int32], _ truth: [Int]) -> Double {
    Double(zip(predicted, truth).filter { Int($0) == $1 }.count) / Double(truth.count)
}

let options = Options(arguments: CommandLine.arguments)
let directory = options.outputDirectory
try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
var random = DataRandom(generator: SplitMix64(seed: 20_240_601))
let train = SyntheticScene.make(counts: SyntheticScene.trainShares, random: &random)
let test = SyntheticScene.make(counts: SyntheticScene.testShares, random: &random)
let predictCounts = SyntheticScene.trainShares.map { $0 * options.predictRows / 4435 }
var bulk = SyntheticScene.make(counts: predictCounts, random: &random)
let missing = options.predictRows - bulk.labels.count
for _ in 0..<missing {
    bulk.features += bulk.features.prefix(SyntheticScene.featureCount)
    bulk.labels.append(bulk.labels[0])
}
try write(train.features, to: "\(directory)/train_X.f32")
try write(train.labels.map(Int32.init), to: "\(directory)/train_y.i32")
try write(test.features, to: "\(directory)/test_X.f32")
try write(test.labels.map(Int32.init), to: "\(directory)/test_y.i32")
try write(bulk.features, to: "\(directory)/predict_X.f32")
print("data written to \(directory) (train 4435x36, test 2000x36, predict \(options.predictRows)x36)")

let names = (0..<36).map { "p\($0 / 4 + 1)_b\($0 % 4 + 1)" }
let data = try RandomForestTrainingData(
    features: train.features, labels: train.labels, featureNames: names, classLabels: SyntheticScene.classNames)
let parameters = RandomForestParameters(treeCount: options.trees, seed: options.seed)

var trainTimes: [Double] = [], fullTimes: [Double] = [], predictTimes: [Double] = []
var result: RandomForestTrainingResult!
for _ in 0..<options.repeats {
    trainTimes.append(
        try seconds {
            result = try RandomForestModel.train(data, parameters: parameters, threads: options.threads, permutationImportance: false)
        })
}
let modelOnly = result.model
for _ in 0..<options.repeats {
    fullTimes.append(try seconds { result = try RandomForestModel.train(data, parameters: parameters, threads: options.threads) })
}
precondition(result.model == modelOnly, "training is not deterministic")
let model = result.model
let report = result.report
let testPrediction = try model.predict(features: test.features, threads: options.threads)
var bulkPrediction: RandomForestPrediction!
for _ in 0..<options.repeats {
    predictTimes.append(try seconds { bulkPrediction = try model.predict(features: bulk.features, threads: options.threads) })
}
let splitCounts = model.trees.map(\.splitCount)

func row(_ label: String, _ value: String) { print(label.padding(toLength: 48, withPad: " ", startingAt: 0) + value) }
print("\nPermafrostKernels random forest, \(options.trees) trees, \(options.threads) threads, best of \(options.repeats)")
row(
    "train (model + OOB confusion)",
    String(format: "%.3f s  (all: %@)", trainTimes.min()!, trainTimes.map { String(format: "%.3f", $0) }.joined(separator: ", ")))
row(
    "train + permutation importance",
    String(format: "%.3f s  (all: %@)", fullTimes.min()!, fullTimes.map { String(format: "%.3f", $0) }.joined(separator: ", ")))
row(
    "predict \(options.predictRows) rows",
    String(format: "%.3f s  (all: %@)", predictTimes.min()!, predictTimes.map { String(format: "%.3f", $0) }.joined(separator: ", ")))
row("mean splits per tree", String(format: "%.0f", Double(splitCounts.reduce(0, +)) / Double(splitCounts.count)))
row("OOB accuracy / kappa", String(format: "%.4f / %.4f", report.outOfBagAccuracy ?? .nan, report.kappa ?? .nan))
row("test accuracy (2000 held-out)", String(format: "%.4f", accuracy(testPrediction.classIndices, test.labels)))
row("accuracy on the \(options.predictRows) predicted rows", String(format: "%.4f", accuracy(bulkPrediction.classIndices, bulk.labels)))
let top = report.impurityImportance.enumerated().sorted { $0.element > $1.element }.prefix(4)
row("top impurity importance", top.map { "\(names[$0.offset]) \(String(format: "%.3f", $0.element))" }.joined(separator: ", "))
let topPermutation = (report.permutationImportance ?? []).enumerated().sorted { $0.element > $1.element }.prefix(4)
row(
    "top permutation importance", topPermutation.map { "\(names[$0.offset]) \(String(format: "%.4f", $0.element))" }.joined(separator: ", ")
)
var json = Data()
let encodeTime = try seconds { json = try model.jsonData() }
var decoded: RandomForestModel!
let decodeTime = try seconds { decoded = try RandomForestModel(jsonData: json) }
precondition(decoded == model, "JSON round trip changed the model")
row("model JSON size / encode / decode", String(format: "%.1f MB / %.3f s / %.3f s", Double(json.count) / 1e6, encodeTime, decodeTime))

import AtlasFoundation
import Foundation
import GeoRaster
import PermafrostKernels

/// The vegetation classifier as a versioned JSON file: the forest (its own versioned
/// layout), the training report, and the inputs it was trained on.
public struct ClassifierModelFile: VersionedModelFile, Sendable {
    public static let formatName = "permafrost-atlas/random-forest-classifier"
    public static let currentVersion = 1
    public static let kind = "random-forest model"

    public var format = ClassifierModelFile.formatName
    public var formatVersion = ClassifierModelFile.currentVersion
    public var model: RandomForestModel
    public var report: RandomForestTrainingReport
    public var skippedSamples: [MAGTModelFile.SkippedBorehole]
    public var inputs: [String: [String]]
    /// Spectral indices appended to the bands, and the 1-based band positions they use.
    public var spectralIndices: [SpectralIndex]?
    public var bandPositions: [String: Int]?
    /// How each band the indices use became reflectance at training, and why.
    public var reflectance: [String: SpectralIndex.ReflectanceScaling]?
    public var reflectanceSource: String?
    /// The training bands' GDAL data types and nodata values, checked at prediction.
    public var bandDataTypes: [String]?
    public var bandNoData: [Double?]?

    init(model: RandomForestModel, report: RandomForestTrainingReport, skipped: [SkippedPoint], samples: String, bands: [String]) {
        self.model = model
        self.report = report
        skippedSamples = skipped.map { .init(line: $0.line, id: $0.id, reason: $0.reason) }
        inputs = ["samples": [samples], "bands": bands]
    }

    /// Writes the file as JSON or binary (`format` resolved for this model).
    public func write(to output: AtomicOutput, format: ModelFileFormat) throws {
        switch format.resolved(for: model) {
        case .binary: try ClassifierModelBinary.write(self, to: output)
        default: try ModelFileIO.write(self, to: output)
        }
    }

    /// Reads a model file of either format (binary files start with `PAFOREST`); the binary
    /// file is memory-mapped.
    public static func read(_ path: String) throws -> ClassifierModelFile {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            // JSON's reader words a missing or unreadable file as everywhere else.
            return try readJSON(path)
        }
        return ClassifierModelBinary.isBinary(data) ? try ClassifierModelBinary.decode(data, path: path) : try readJSON(path)
    }

    private static func readJSON(_ path: String) throws -> ClassifierModelFile {
        let file: ClassifierModelFile = try ModelFileIO.read(path, kind: kind)
        try file.checkFormat(path: path)
        return file
    }

    /// The features this model was trained on, read from `paths` (the bands in training order).
    func featureStack(paths: [String], grid: RasterGrid?) throws -> FeatureStack {
        let roles = bandPositions.map { positions in
            positions.reduce(into: [SpectralIndex.Band: Int]()) { roles, entry in
                if let band = SpectralIndex.Band(rawValue: entry.key) { roles[band] = entry.value }
            }
        }
        let recorded = reflectance.map { scalings in
            scalings.reduce(into: [SpectralIndex.Band: SpectralIndex.ReflectanceScaling]()) { result, entry in
                if let band = SpectralIndex.Band(rawValue: entry.key) { result[band] = entry.value }
            }
        }
        return try FeatureStack(
            paths: paths, grid: grid, indices: spectralIndices ?? [], bandRoles: roles,
            reflectance: recorded.map { .recorded($0) } ?? .automatic)
    }
}

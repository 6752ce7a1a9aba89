import Foundation
import GeoRaster
import PermafrostKernels

/// The MAGT model as a versioned JSON file: the fitted regression, its report, and enough
/// about the inputs to apply it to the same kind of rasters later.
public struct MAGTModelFile: VersionedModelFile, Sendable {
    public static let formatName = "permafrost-atlas/magt-model"
    public static let currentVersion = 1
    public static let kind = "MAGT model"

    public var format = MAGTModelFile.formatName
    public var formatVersion = MAGTModelFile.currentVersion
    public var predictors: [String]
    public var model: MAGTModel
    public var report: MAGTFitReport
    public var skippedBoreholes: [SkippedBorehole]
    /// Class name per trained vegetation code (codes as strings: JSON keys).
    public var vegetationNames: [String: String]
    public var crs: String
    public var inputs: [String: String]

    public struct SkippedBorehole: Codable, Sendable {
        public let line: Int
        public let id: String
        public let reason: String
    }

    init(
        model: MAGTModel, report: MAGTFitReport, skipped: [SkippedPoint], predictors: MAGTPredictors,
        vegetationNames: [String: String], crs: String, boreholes: String, dem: String, vegetation: String?
    ) {
        self.model = model
        self.report = report
        skippedBoreholes = skipped.map { SkippedBorehole(line: $0.line, id: $0.id, reason: $0.reason) }
        self.predictors = MAGTPredictorNames.names(of: predictors)
        self.vegetationNames = vegetationNames
        self.crs = crs
        var inputs = ["boreholes": boreholes, "dem": dem]
        inputs["vegetation"] = vegetation
        self.inputs = inputs
    }

    func vegetationName(_ code: UInt8) -> String { vegetationNames[String(code)] ?? "\(code)" }

    /// The vegetation raster of a prediction must code classes as the fit's raster did.
    func checkVegetationNames(against resolver: ClassCodeResolver) throws {
        for (code, name) in vegetationNames {
            guard let number = UInt8(code), name != code else { continue }
            let current = resolver.name(of: number)
            if current != "\(number)" && current.caseInsensitiveCompare(name) != .orderedSame {
                throw AtlasError.badFile(
                    path: resolver.rasterPath,
                    reason: "class \(number) is \(quoted: current), but the MAGT model was fitted with \(number) = \(quoted: name)")
            }
        }
    }
}

/// The command line's names of the MAGT predictors (`aspect` stands for northness and eastness).
public enum MAGTPredictorNames {
    public static let all = ["elevation", "lon", "lat", "vegetation", "aspect", "slope"]

    public static func parse(_ list: String) throws -> MAGTPredictors {
        var predictors: MAGTPredictors = []
        for name in list.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) {
            switch name {
            case "elevation": predictors.insert(.elevation)
            case "lon", "longitude": predictors.insert(.longitude)
            case "lat", "latitude": predictors.insert(.latitude)
            case "vegetation": predictors.insert(.vegetation)
            case "aspect": predictors.formUnion([.northness, .eastness])
            case "northness": predictors.insert(.northness)
            case "eastness": predictors.insert(.eastness)
            case "slope": predictors.insert(.slope)
            default:
                throw AtlasError.badParameter(
                    .predictors, reason: "unknown predictor \(quoted: name) (known: \(all.joined(separator: ", ")), northness, eastness)")
            }
        }
        guard !predictors.isEmpty else { throw AtlasError.badParameter(.predictors, reason: "name at least one predictor") }
        return predictors
    }

    static func names(of predictors: MAGTPredictors) -> [String] {
        let named: [(MAGTPredictors, String)] = [
            (.elevation, "elevation"), (.longitude, "lon"), (.latitude, "lat"), (.vegetation, "vegetation"),
            (.northness, "northness"), (.eastness, "eastness"), (.slope, "slope"),
        ]
        return named.filter { predictors.contains($0.0) }.map(\.1)
    }
}

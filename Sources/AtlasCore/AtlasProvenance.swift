import Foundation
import GeoRaster

/// Where a raster came from, written into every raster's metadata (inside the GeoTIFF, so it
/// travels with a copied .tif): the tool and its version, GDAL's, the day it was made, and for
/// a full run the SHA-256 of the configuration file and the method parameters.
public struct AtlasProvenance: Sendable, Equatable {
    /// The day, not the time: two runs of the same inputs on one day give byte-identical files.
    /// `SOURCE_DATE_EPOCH` (the reproducible-builds convention) fixes it.
    public var date: String
    public var configSHA256: String?
    /// Method parameters by configuration key (report.json's `parameters`).
    public var parameters: [String: String]

    public init(date: String = AtlasProvenance.today(), configSHA256: String? = nil, parameters: [String: String] = [:]) {
        self.date = date
        self.configSHA256 = configSHA256
        self.parameters = parameters
    }

    /// The metadata items; keys start with PERMAFROST_ATLAS_ so they never meet a step's own.
    public var metadata: [String: String] {
        var items = [
            "PERMAFROST_ATLAS_VERSION": "\(AtlasTool.name) \(AtlasTool.version)",
            "PERMAFROST_ATLAS_GDAL": GDALInfo.version,
            "PERMAFROST_ATLAS_DATE": date,
        ]
        if let configSHA256 { items["PERMAFROST_ATLAS_CONFIG_SHA256"] = configSHA256 }
        if !parameters.isEmpty {
            items["PERMAFROST_ATLAS_PARAMETERS"] = parameters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(
                separator: "; ")
        }
        return items
    }

    /// Today in UTC as YYYY-MM-DD, or the day of `SOURCE_DATE_EPOCH` when it is set.
    public static func today(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        let seconds = environment["SOURCE_DATE_EPOCH"].flatMap(Double.init) ?? Date().timeIntervalSince1970
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let day = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: seconds))
        return String(format: "%04d-%02d-%02d", day.year ?? 1970, day.month ?? 1, day.day ?? 1)
    }
}

import ArgumentParser
import AtlasCore
import AtlasFoundation
import Foundation
import GeoRaster

/// `-q/--quiet` and `--json`, shared by every subcommand.
struct ReportingOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "No progress or log lines on stderr.")
    var quiet = false

    @Flag(help: "Print the result as one JSON object on stdout (logs and progress go to stderr).")
    var json = false
}

/// How outputs are written, shared by every subcommand that writes rasters.
struct OutputOptionGroup: ParsableArguments {
    @Flag(help: "Replace outputs that already exist (without it an existing output is an error).")
    var overwrite = false

    @Option(name: .customLong("co"), help: ArgumentHelp("GDAL creation option KEY=VALUE for outputs (repeatable).", valueName: "KEY=VALUE"))
    var creationOptions: [String] = []

    @Option(help: "Output format: COG (cloud-optimised GeoTIFF) or GTiff (tiled GeoTIFF).")
    var format: OutputFormat = .cog

    @Option(help: "Compression: DEFLATE, ZSTD or NONE.")
    var compress: OutputCompression = .deflate

    @Option(help: "Pixels per side of processing and output blocks.")
    var blockSize = 512

    @Option(help: "Worker threads; the default is this machine's number of cores.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        guard (1...1024).contains(threads) else { throw ValidationError("--threads must be between 1 and 1024, got \(threads)") }
        guard (16...8192).contains(blockSize), blockSize % 16 == 0 else {
            throw ValidationError("--block-size must be a multiple of 16 between 16 and 8192, got \(blockSize)")
        }
        if let bad = creationOptions.first(where: { !$0.contains("=") }) {
            throw ValidationError("--co expects KEY=VALUE, got \"\(bad)\"")
        }
    }

    var outputOptions: OutputOptions {
        OutputOptions(
            format: format.rasterFormat, compression: compress.compression, blockSize: blockSize,
            overwrite: overwrite, creationOptions: creationOptions, threads: threads)
    }
}

/// `--like RASTER`, shared by the step commands that write rasters from other rasters.
struct GridOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Write on this raster's grid (CRS, extent, pixel size); default: the finest input's.", valueName: "RASTER"))
    var like: String?

    /// The grid `--like` names (nil without it: the step takes its finest input's), with a
    /// warning on stderr when it is coarser than the finest of `inputs`.
    func grid(inputs: [String], quiet: Bool) throws -> RasterGrid? {
        guard let like else { return nil }
        let grid = try RasterDataset(path: like).grid()
        if !quiet, let warning = try OutputGrid.coarserWarning(grid, like: like, inputs: inputs) { printWarning(warning) }
        return grid
    }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case cog = "COG"
    case gtiff = "GTiff"

    init?(argument: String) {
        guard let match = Self.allCases.first(where: { $0.rawValue.caseInsensitiveCompare(argument) == .orderedSame }) else { return nil }
        self = match
    }

    var rasterFormat: RasterFormat { self == .cog ? .cog : .gtiff }
}

enum OutputCompression: String, ExpressibleByArgument, CaseIterable {
    case deflate = "DEFLATE"
    case zstd = "ZSTD"
    case none = "NONE"

    init?(argument: String) {
        guard let match = Self.allCases.first(where: { $0.rawValue.caseInsensitiveCompare(argument) == .orderedSame }) else { return nil }
        self = match
    }

    var compression: RasterCompression { RasterCompression(rawValue: rawValue)! }
}

/// Prints a command's result: JSON on stdout with --json, otherwise the human summary.
func emit<T: Encodable>(_ result: T, reporting: ReportingOptions, text: () -> String) throws {
    if reporting.json {
        print(try JSONOutput.encode(result))
    } else if !reporting.quiet {
        print(text())
    }
}

/// A warning line on stderr (never on stdout, which --json keeps for the result).
func printWarning(_ message: String) {
    FileHandle.standardError.write(Data("permafrost-atlas: warning: \(message)\n".utf8))
}

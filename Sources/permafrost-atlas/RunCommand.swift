import ArgumentParser
import AtlasCore
import Foundation
import PermafrostAtlas

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract:
            "The full atlas from a configuration: vegetation, MAGT, permafrost, stability, thawing index, ALT, ground ice, before and after mining.",
        discussion: """
            Writes OUT/models/ (vegetation and MAGT model JSON), OUT/pre/ and OUT/post/ (vegetation, \
            magt, permafrost, stability, thaw_index, alt, ice, ice_class .tif), OUT/diff/ (magt, alt, \
            ice, permafrost_transition, stability_transition .tif), OUT/maps/, OUT/report.json and \
            OUT/report.html. The configuration is checked completely before any work; see \
            Docs/CONFIG.md for its keys. \
            On many machines (Docs/SCALING.md): `--fit-only` writes only the models; `--tile I/N
            --models DIR` computes tile I of N (strips of rows) with those models; `mosaic` \
            assembles the tiles into the same rasters a single run gives.

            Example:
              permafrost-atlas run TestData/demo/atlas.yaml --out atlas-demo --threads 2
              permafrost-atlas run atlas.yaml --fit-only --out fit
              permafrost-atlas run atlas.yaml --tile 1/4 --models fit/models --out tile1
            """
    )

    @Argument(help: "The run configuration (YAML).") var config: String
    @Option(help: "Output folder.") var out = "atlas"
    @Option(help: "Worker threads; the default is this machine's number of cores.") var threads = ProcessInfo.processInfo
        .activeProcessorCount
    @Flag(help: "Replace the atlas in a non-empty output folder.") var overwrite = false
    @Flag(name: .customLong("fit-only"), help: "Only fit the vegetation and MAGT models (OUT/models/).") var fitOnly = false
    @Option(help: ArgumentHelp("Compute only tile I of N (1-based strips of rows); needs --models.", valueName: "I/N")) var tile: String?
    @Option(help: "The models/ folder of a --fit-only run (with --tile).") var models: String?
    @OptionGroup var reporting: ReportingOptions

    func validate() throws {
        guard (1...1024).contains(threads) else { throw ValidationError("--threads must be between 1 and 1024, got \(threads)") }
        guard !(fitOnly && tile != nil) else { throw ValidationError("--fit-only and --tile exclude each other") }
        guard (tile == nil) == (models == nil) else { throw ValidationError("--tile and --models go together") }
        if let tile {
            do { _ = try TileLayout.Tile(parsing: tile) } catch let error as AtlasError {
                throw ValidationError(error.describe(.commandLine))
            }
        }
    }

    func run() throws {
        var mode = AtlasRun.Mode.full
        if fitOnly { mode = .fitOnly }
        if let tile, let models { mode = .tile(try TileLayout.Tile(parsing: tile), models: models) }
        try AtlasCommandRunner.run(
            .init(configPath: config, outDirectory: out, threads: threads, overwrite: overwrite, mode: mode),
            reporting: reporting)
    }
}

/// Shared by `run` and `demo`: progress on stderr, the result on stdout.
enum AtlasCommandRunner {
    static func run(_ request: AtlasRun.Request, reporting: ReportingOptions) throws {
        let quiet = reporting.quiet
        let started = Date()
        let atlas = try AtlasRun(request, log: quiet ? .silent : TerminalProgress.log())
        if case .fitOnly = request.mode {
            let models = try atlas.fitModels()
            try emit(FitOnlyResult(models), reporting: reporting) {
                "models written to \(request.outDirectory)/models: vegetation out-of-bag accuracy "
                    + "\(models.vegetation.report.outOfBagAccuracy.map { String(format: "%.3f", $0) } ?? "n/a"), "
                    + "MAGT R2 \(models.magt.report.regression.rSquared.map { String(format: "%.3f", $0) } ?? "n/a")"
            }
            return
        }
        let report = try atlas.run()
        let seconds = Date().timeIntervalSince(started)
        try emit(report, reporting: reporting) {
            var lines = ["atlas written to \(request.outDirectory) in \(String(format: "%.1f", seconds)) s"]
            if let accuracy = report.vegetationModel.outOfBagAccuracy {
                lines.append(
                    String(
                        format: "vegetation: out-of-bag accuracy %.1f %%, kappa %.3f", accuracy * 100, report.vegetationModel.kappa ?? .nan)
                )
            }
            if let lapse = report.magtModel.lapseRatePerKilometre {
                lines.append(
                    String(
                        format: "MAGT: R2 %.3f, leave-one-out RMSE %.3f C, lapse rate %.2f C/km", report.magtModel.rSquared ?? .nan,
                        report.magtModel.leaveOneOutRMSE ?? .nan, lapse))
            }
            lines.append(
                String(
                    format: "ground ice: %.5f km3 before mining, %.5f km3 after", report.iceVolumeCubicKilometres["pre"] ?? .nan,
                    report.iceVolumeCubicKilometres["post"] ?? .nan))
            for check in report.checkSummary {
                var line = String(
                    format: "check boreholes, %@: %d, %.0f %% within 20 %%", check.quantity, check.count,
                    (check.shareWithin20Percent ?? 0) * 100)
                if let rmse = check.rmse, let bias = check.bias {
                    line +=
                        ", RMSE \(ReadableNumber.format(rmse, significantDigits: 3)), bias \(ReadableNumber.format(bias, significantDigits: 3))"
                }
                if let tolerance = check.absoluteTolerance, let share = check.shareWithinTolerance {
                    line += String(format: ", %.0f %% within ", share * 100) + ReadableNumber.format(tolerance, significantDigits: 2)
                }
                lines.append(line)
            }
            lines += report.warnings.map { "warning: \($0)" }
            return lines.joined(separator: "\n")
        }
    }
}

/// What `run --fit-only` prints with --json.
struct FitOnlyResult: Encodable {
    let vegetation: ClassifierReportView
    let magt: MAGTModelFile

    init(_ models: (vegetation: ClassifierModelFile, magt: MAGTModelFile)) {
        vegetation = ClassifierReportView(models.vegetation)
        magt = models.magt
    }
}

/// Stage lines on stderr; on a terminal, a progress bar redrawn in place before each line.
enum TerminalProgress {
    static func log() -> AtlasLog {
        let terminal = isatty(STDERR_FILENO) != 0
        let line: @Sendable (String) -> Void = { text in
            FileHandle.standardError.write(Data(((terminal ? "\r\u{1B}[K" : "") + text + "\n").utf8))
        }
        return AtlasLog(line: line, progress: terminal ? drawBar : nil)
    }

    @Sendable static func drawBar(_ title: String, _ fraction: Double) {
        let width = 30, filled = max(0, min(width, Int((fraction * Double(width)).rounded())))
        let bar = String(repeating: "#", count: filled) + String(repeating: ".", count: width - filled)
        FileHandle.standardError.write(Data("\r\u{1B}[K\(title) [\(bar)] \(Int(fraction * 100)) %".utf8))
    }
}

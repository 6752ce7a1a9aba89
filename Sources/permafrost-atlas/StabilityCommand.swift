import ArgumentParser
import AtlasCore
import AtlasFoundation
import PermafrostKernels

struct StabilityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stability",
        abstract: "Thermal stability classes of permafrost from MAGT (Cheng 1984).",
        discussion: """
            Classes (UInt8, nodata 0): 1 extremely stable < -5, 2 stable -5 to -3, 3 sub-stable -3 to
            -1.5, 4 transitional -1.5 to -0.5, 5 unstable -0.5 to the permafrost threshold (0), \
            6 seasonally frozen ground (no permafrost) at or above it: classes 1-5 are exactly the \
            permafrost of --permafrost. A value on a boundary goes to the warmer class. The raster \
            carries category names and a colour table; --json reports the area per class (km2).

            Example:
              permafrost-atlas stability --magt magt.tif --out stability.tif \\
                --permafrost permafrost.tif --json
            """
    )

    @Option(help: "MAGT raster (degC).") var magt: String
    @Option(help: "Output stability class raster.") var out: String
    @Option(help: "Also write permafrost presence (1 permafrost, 2 none) here.") var permafrost: String?
    @Option(help: "Five increasing MAGT class boundaries (degC).") var thresholds = "-5,-3,-1.5,-0.5,0.5"
    @Option(name: .customLong("permafrost-threshold"), help: "Permafrost where MAGT is below this (degC).")
    var permafrostThreshold = 0.0

    @OptionGroup var grid: GridOptions
    @OptionGroup var output: OutputOptionGroup
    @OptionGroup var reporting: ReportingOptions

    func validate() throws {
        _ = try parsedThresholds()
        guard permafrostThreshold.isFinite, abs(permafrostThreshold) <= 5 else {
            throw ValidationError("--permafrost-threshold must be between -5 and 5 C, got \(permafrostThreshold)")
        }
    }

    func parsedThresholds() throws -> ThermalStabilityClass.Thresholds {
        let values = thresholds.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard values.allSatisfy({ $0 != nil }) else { throw ValidationError("--thresholds: \"\(thresholds)\" is not a list of numbers") }
        do {
            return try ThermalStabilityClass.Thresholds(values.map { $0! })
        } catch {
            throw ValidationError("--thresholds: \(error)")
        }
    }

    func run() throws {
        try OutputPaths.check(outputs: [out] + [permafrost].compactMap { $0 }, inputs: [magt])
        var request = StabilityStage.Request(
            magt: magt, out: out, permafrostOut: permafrost, thresholds: try parsedThresholds(),
            permafrostThreshold: permafrostThreshold, options: output.outputOptions)
        request.refuseEmptyInputs = true
        request.grid = try grid.grid(inputs: [magt], quiet: reporting.quiet)
        let result = try StabilityStage.run(request)
        try emit(result, reporting: reporting) {
            let areas = result.stability.classAreasSquareKilometres ?? [:]
            return
                (["stability: \(result.stability.path)"]
                + ThermalStabilityClass.allCases.map {
                    "  \($0.rawValue) \($0.name): \(areas[$0.name].map { "\(($0 * 1000).rounded() / 1000)" } ?? "0") km2"
                }).joined(separator: "\n")
        }
    }
}

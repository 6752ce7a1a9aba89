import ArgumentParser
import AtlasCore
import AtlasFoundation
import Foundation
import PermafrostKernels

struct MAGTCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "magt",
        abstract: "Mean annual ground temperature: fit a regression on boreholes, apply it to rasters.",
        subcommands: [Fit.self, Predict.self]
    )

    struct Fit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Fit MAGT on elevation, lon, lat, vegetation, aspect and slope at boreholes.",
            discussion: """
                BOREHOLES.csv columns: x,y,magt (map coordinates of the DEM's CRS, degC), optional id. \
                Linear model solved by Householder QR: elevation (m), longitude and latitude of the pixel \
                centre (degrees, WGS84 through PROJ), vegetation one-hot (lowest code is the reference), \
                aspect as northness = cos and eastness = sin (flat: 0), slope (degrees, Horn). \
                Boreholes outside the rasters or on nodata are listed and skipped. The report gives \
                coefficients with standard errors, R2, adjusted R2, RMSE, leave-one-out RMSE, residuals \
                and collinearity warnings.

                Example:
                  permafrost-atlas magt fit --boreholes boreholes.csv --dem dem.tif \\
                    --vegetation vegetation.tif --model magt.json
                """
        )

        @Option(help: "Borehole table (CSV: x,y,magt[,id]).") var boreholes: String
        @Option(help: "DEM (m); its grid is the reference.") var dem: String
        @Option(help: "Vegetation class raster.") var vegetation: String?
        @Option(help: "Output model file (JSON).") var model: String
        @Option(help: "Predictors, comma-separated: elevation,lon,lat,vegetation,aspect,slope.")
        var predictors = MAGTPredictorNames.all.joined(separator: ",")
        @Flag(help: "Replace the model file if it exists.") var overwrite = false
        @Flag(name: .customLong("compute-edges"), help: "Slope and aspect on the DEM's outer ring too (gdaldem -compute_edges).")
        var computeEdges = false
        @Option(help: "Backward selection of the predictors: none, aic or bic.") var selection = "none"
        @Option(help: "linear (METHOD's regression) or random-forest (500 regression trees, seed --seed).") var method = "linear"
        @Option(help: "Seed of the random-forest method.") var seed: UInt64 = 1
        @OptionGroup var reporting: ReportingOptions

        func validate() throws {
            do { _ = try MAGTPredictorNames.parse(predictors) } catch let error as AtlasError {
                throw ValidationError(error.describe(.commandLine))
            }
            guard ["linear", "random-forest"].contains(method) else {
                throw ValidationError("--method must be linear or random-forest, got \"\(method)\"")
            }
            guard ["none", "aic", "bic"].contains(selection) else {
                throw ValidationError("--selection must be none, aic or bic, got \"\(selection)\"")
            }
        }

        func run() throws {
            try OutputPaths.check(outputs: [model], inputs: [boreholes, dem] + [vegetation].compactMap { $0 })
            var request = MAGTStage.FitRequest(
                boreholes: boreholes, dem: dem, vegetation: vegetation, modelPath: model,
                predictors: try MAGTPredictorNames.parse(predictors), overwrite: overwrite)
            request.computeEdges = computeEdges
            request.selection = InformationCriterion(rawValue: selection)
            if method == "random-forest" {
                var parameters = RegressionForest.Parameters()
                parameters.seed = seed
                request.method = .randomForest(parameters)
            }
            let file = try MAGTStage.fit(request)
            for warning in file.report.warnings where !reporting.quiet { printWarning(warning) }
            try emit(file, reporting: reporting) {
                let regression = file.report.regression
                var lines = zip(
                    file.model.regression.coefficientNames, zip(file.model.regression.coefficients, file.model.regression.standardErrors)
                )
                .map { name, value in String(format: "  %-16@ %12.6g  (se %.3g)", name as NSString, value.0, value.1) }
                lines.insert("MAGT model: \(regression.observationCount) boreholes, \(regression.parameterCount) parameters", at: 0)
                lines.append(
                    String(
                        format: "R2 %.4f, adjusted %.4f, RMSE %.3f C, leave-one-out RMSE %@", regression.rSquared ?? .nan,
                        regression.adjustedRSquared ?? .nan, regression.rmse,
                        regression.leaveOneOutRMSE.map { String(format: "%.3f C", $0) } ?? "n/a"))
                if let forest = file.report.forestOutOfBagRMSE {
                    lines.append(
                        String(
                            format: "random forest (%d trees) maps MAGT: out-of-bag RMSE %.3f C", file.model.forest?.trees.count ?? 0,
                            forest))
                }
                if let blocks = file.report.blockCrossValidation, let rmse = blocks.rmse {
                    lines.append(
                        String(
                            format: "spatial block cross-validation (%d blocks, %d boreholes): RMSE %.3f C", blocks.blocks,
                            blocks.boreholesPredicted, rmse))
                }
                if let condition = regression.conditionNumberWithIntercept {
                    lines.append(
                        String(format: "condition number %.1f (centred), %.0f with the intercept", regression.conditionNumber, condition))
                }
                if let selection = file.report.selection {
                    lines.append(
                        "\(selection.criterion.rawValue.uppercased()) selection: "
                            + selection.steps.compactMap { $0.dropped.map { "dropped \($0)" } }.joined(separator: ", ")
                            + " -> \(selection.steps.last?.predictors.joined(separator: ",") ?? "")")
                }
                lines += file.skippedBoreholes.map { "skipped line \($0.line) (\($0.id)): \($0.reason)" }
                lines.append("model: \(model)")
                return lines.joined(separator: "\n")
            }
        }
    }

    struct Predict: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Map MAGT with a fitted model.",
            discussion: """
                Pixels whose vegetation class had no training borehole are left nodata and reported \
                (--unseen-vegetation error makes them an error instead).

                Example:
                  permafrost-atlas magt predict --model magt.json --dem dem.tif \\
                    --vegetation vegetation.tif --out magt.tif
                """
        )

        @Option(help: "Model file from `magt fit`.") var model: String
        @Option(help: "DEM (m); its grid is the output grid.") var dem: String
        @Option(help: "Vegetation class raster.") var vegetation: String?
        @Option(help: "Output MAGT raster (degC).") var out: String
        @Option(name: .customLong("unseen-vegetation"), help: "nodata or error.") var unseenVegetation: MAGTStage.UnseenVegetation = .nodata
        @Flag(name: .customLong("compute-edges"), help: "Slope and aspect on the DEM's outer ring too (gdaldem -compute_edges).")
        var computeEdges = false
        @OptionGroup var grid: GridOptions
        @OptionGroup var output: OutputOptionGroup
        @OptionGroup var reporting: ReportingOptions

        func run() throws {
            try OutputPaths.check(outputs: [out], inputs: [model, dem] + [vegetation].compactMap { $0 })
            var request = MAGTStage.PredictRequest(
                modelPath: model, dem: dem, vegetation: vegetation, out: out,
                unseenVegetation: unseenVegetation, options: output.outputOptions)
            request.refuseEmptyInputs = true
            request.computeEdges = computeEdges
            request.grid = try grid.grid(inputs: [dem] + [vegetation].compactMap { $0 }, quiet: reporting.quiet)
            let result = try MAGTStage.predict(request)
            for warning in result.warnings where !reporting.quiet { printWarning(warning) }
            try emit(result, reporting: reporting) {
                "MAGT: \(result.magt.path), \(result.magt.validPixels) pixels, "
                    + "range \(result.magt.minimum.map { String(format: "%.2f", $0) } ?? "n/a") to \(result.magt.maximum.map { String(format: "%.2f", $0) } ?? "n/a") C"
            }
        }
    }
}

extension MAGTStage.UnseenVegetation: ExpressibleByArgument {}

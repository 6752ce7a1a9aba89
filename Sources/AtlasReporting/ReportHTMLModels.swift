import AtlasCartography
import AtlasCore

/// The model sections: random-forest vegetation classifier and MAGT regression.
enum ReportHTMLModels {
    static func vegetationSection(_ model: AtlasReport.VegetationModel) -> String {
        var content = [
            HTML.facts([
                ("Model file", model.modelFile),
                ("Trees", NumberText.count(model.trees)),
                ("Samples used", NumberText.count(model.samplesUsed)),
                ("Samples skipped", NumberText.count(model.samplesSkipped)),
                ("Out-of-bag overall accuracy", NumberText.percent(model.outOfBagAccuracy)),
                ("Cohen's kappa", NumberText.fixed(model.kappa, 3)),
                ("Reflectance for the indices", model.reflectance ?? "not recorded"),
            ])
        ]
        content.append(HTML.heading("Out-of-bag confusion matrix"))
        if let matrix = model.confusionMatrix, !matrix.isEmpty {
            content.append(confusionMatrix(matrix, labels: model.classLabels))
        } else {
            content.append(HTML.paragraph("Not available (no out-of-bag predictions)."))
        }
        content.append(HTML.heading("Accuracy per class"))
        content.append(classAccuracy(model))
        if let areas = model.errorAdjustedAreas {
            content.append(HTML.heading("Error-adjusted class areas"))
            content.append(
                HTML.table(
                    header: ["Class", "Mapped (km²)", "Error-adjusted (km²)", "95 % interval (km²)"],
                    rows: areas.map { area in
                        [
                            .text(area.className), .number(NumberText.fixed(area.mappedSquareKilometres, 3)),
                            .number(NumberText.fixed(area.adjustedSquareKilometres, 3)),
                            .number("± " + NumberText.fixed(area.confidenceHalfWidthSquareKilometres, 3)),
                        ]
                    },
                    caption: "Olofsson et al. (2014): the out-of-bag confusion matrix weighted by the mapped area of each class"))
        }
        content.append(HTML.heading("Feature importance"))
        content.append(featureImportance(model))
        return HTML.section(.vegetation, content)
    }

    /// Counts with row and column totals; rows are the reference classes, columns the
    /// out-of-bag predictions; the diagonal (agreement) is marked.
    static func confusionMatrix(_ matrix: [[Int]], labels: [String]) -> String {
        let name = { (index: Int) in index < labels.count ? labels[index] : "class \(index + 1)" }
        let columns = matrix.map(\.count).max() ?? 0
        let header = [HTML.Cell.text("reference \\ predicted")] + (0..<columns).map { HTML.Cell.text(name($0)) } + [.text("total")]
        var rows = matrix.enumerated().map { index, counts -> [HTML.Cell] in
            let cells = counts.enumerated().map { column, count -> HTML.Cell in
                let cell = HTML.Cell.number(NumberText.count(count))
                return column == index ? cell.marked("diagonal") : cell
            }
            return [.text(name(index))] + cells + [.number(NumberText.count(counts.reduce(0, +)))]
        }
        let columnTotals = (0..<columns).map { column in matrix.reduce(0) { $0 + (column < $1.count ? $1[column] : 0) } }
        rows.append(
            [.text("total")] + columnTotals.map { .number(NumberText.count($0)) }
                + [.number(NumberText.count(columnTotals.reduce(0, +)))])
        return HTML.table(
            header: header, rows: rows, caption: "Samples; rows: reference class, columns: out-of-bag prediction",
            rowHeaders: true, className: "matrix")
    }

    private static func classAccuracy(_ model: AtlasReport.VegetationModel) -> String {
        let rows = model.classLabels.enumerated().map { index, label -> [HTML.Cell] in
            let reference = model.confusionMatrix.map { index < $0.count ? $0[index].reduce(0, +) : 0 }
            return [
                .text(label), .number(reference.map(NumberText.count) ?? NumberText.missing),
                .number(NumberText.percent(index < model.producersAccuracy.count ? model.producersAccuracy[index] : nil)),
                .number(NumberText.percent(index < model.usersAccuracy.count ? model.usersAccuracy[index] : nil)),
            ]
        }
        guard !rows.isEmpty else { return HTML.paragraph("No classes.") }
        return HTML.table(header: ["Class", "Reference samples", "Producer's accuracy", "User's accuracy"], rows: rows)
    }

    /// Features by decreasing impurity importance, with a bar relative to the largest.
    private static func featureImportance(_ model: AtlasReport.VegetationModel) -> String {
        let impurity = model.impurityImportance
        guard !model.featureNames.isEmpty, impurity.count == model.featureNames.count else { return HTML.paragraph("Not available.") }
        let largest = impurity.max() ?? 0
        let order = impurity.indices.sorted { impurity[$0] != impurity[$1] ? impurity[$0] > impurity[$1] : $0 < $1 }
        let permutation = model.permutationImportance.flatMap { $0.count == impurity.count ? $0 : nil }
        let rows = order.map { index -> [HTML.Cell] in
            let share = largest > 0 ? impurity[index] / largest * 100 : 0
            var row: [HTML.Cell] = [
                .text(model.featureNames[index]), .number(NumberText.fixed(impurity[index], 4)),
                .markup("<span class=\"importance\" style=\"width: \(NumberText.fixed(share, 1))%\"></span>", className: "bar-cell"),
            ]
            if let permutation { row.append(.number(NumberText.fixed(permutation[index], 4))) }
            return row
        }
        let header = ["Feature", "Impurity importance", ""] + (permutation == nil ? [] : ["Permutation importance"])
        return HTML.table(
            header: header, rows: rows,
            caption: "Mean decrease in Gini impurity; permutation: out-of-bag accuracy lost when the feature is shuffled")
    }

    /// `vegetationLabels` name the classes of the vegetation map, code k = label k - 1.
    static func magtSection(_ model: AtlasReport.MAGTModelSummary, vegetationLabels: [String]) -> String {
        var content = [
            HTML.facts([
                ("Model file", model.modelFile),
                ("Boreholes used", NumberText.count(model.boreholesUsed)),
                ("Boreholes skipped", NumberText.count(model.boreholesSkipped)),
                ("R²", NumberText.fixed(model.rSquared, 4)),
                ("Adjusted R²", NumberText.fixed(model.adjustedRSquared, 4)),
                ("RMSE", NumberText.fixed(model.rmse, 3) + " °C"),
                ("Leave-one-out RMSE", model.leaveOneOutRMSE.map { NumberText.fixed($0, 3) + " °C" } ?? NumberText.missing),
                ("Spatial block cross-validation", blockText(model)),
                (
                    "MAGT mapped with",
                    model.method == "random-forest"
                        ? "the random-forest regression (out-of-bag RMSE \(NumberText.fixed(model.forestOutOfBagRMSE, 3)) °C); "
                            + "the coefficients below are the linear model's, for comparison"
                        : "the linear regression"
                ),
                (
                    "Condition number (centred / with the intercept)",
                    "\(NumberText.fixed(model.conditionNumber, 1)) / \(NumberText.fixed(model.conditionNumberWithIntercept, 0))"
                ),
                (
                    "Lapse rate",
                    model.lapseRatePerKilometre.map { NumberText.fixed($0, 2) + " °C per km of elevation" } ?? NumberText.missing
                ),
            ])
        ]
        if let selection = model.selection {
            content.append(HTML.heading("Predictor selection (\(selection.criterion.rawValue.uppercased()), backward)"))
            content.append(
                HTML.table(
                    header: ["Step", "Dropped", "Predictors", selection.criterion.rawValue.uppercased()],
                    rows: selection.steps.enumerated().map { index, step in
                        [
                            .number("\(index)"), .text(step.dropped ?? "-"), .text(step.predictors.joined(separator: ", ")),
                            .number(NumberText.fixed(step.criterion, 2)),
                        ]
                    }))
        }
        content.append(HTML.heading("Coefficients"))
        let rows = model.coefficients.map { row -> [HTML.Cell] in
            let t = row.standardError > 0 ? row.estimate / row.standardError : Double.nan
            return [
                .text(termName(row.name, vegetationLabels: vegetationLabels)), .number(NumberText.significant(row.estimate, 6)),
                .number(NumberText.significant(row.standardError, 4)),
                .number(NumberText.fixed(t, 2)),
            ]
        }
        content.append(
            rows.isEmpty
                ? HTML.paragraph("None.")
                : HTML.table(
                    header: ["Term", "Estimate", "Standard error", "t"], rows: rows,
                    caption: "MAGT (°C) = sum of estimate x term: elevation (m), longitude and latitude (degrees), "
                        + "vegetation=code (1 in that class, 0 in the reference class), northness and eastness (cos and sin of aspect), slope (degrees)"
                ))
        content.append(HTML.heading("Model warnings"))
        content.append(model.warnings.isEmpty ? HTML.paragraph("None.") : HTML.list(model.warnings))
        return HTML.section(.magt, content)
    }

    /// "vegetation=2" with the class it stands for: "vegetation=2 (alpine steppe)".
    private static func termName(_ name: String, vegetationLabels: [String]) -> String {
        let prefix = "vegetation="
        guard name.hasPrefix(prefix), let code = Int(name.dropFirst(prefix.count)), code >= 1, code <= vegetationLabels.count else {
            return name
        }
        return "\(name) (\(vegetationLabels[code - 1]))"
    }
    static func activeLayerSection(_ check: AtlasReport.ALTCheck?) -> String {
        guard let check else {
            return HTML.section(.activeLayer, [HTML.paragraph("No borehole with an observed ALT (boreholes.csv has no alt column).")])
        }
        var facts: [(String, String)] = [
            ("Boreholes with an observed ALT", "\(check.boreholes)"),
            ("Physical Stefan form: bias (predicted - observed)", "\(NumberText.fixed(check.physicalBiasMetres, 3)) m"),
            ("Physical Stefan form: RMSE", "\(NumberText.fixed(check.physicalRMSEMetres, 3)) m"),
            ("Physical Stefan form: mean relative error", "\(NumberText.fixed(100 * check.physicalMeanRelativeError, 1)) %"),
            ("Mapped with", check.calibrated ? "edaphic factors fitted on these boreholes (alt.calibrate)" : "the physical form"),
        ]
        if let fitted = check.fittedRMSEMetres { facts.append(("Calibrated: RMSE at the boreholes", "\(NumberText.fixed(fitted, 3)) m")) }
        if let bias = check.leaveOneOutBiasMetres, let rmse = check.leaveOneOutRMSEMetres, let count = check.leaveOneOutBoreholes {
            facts.append(
                (
                    "Calibrated: leave-one-out bias / RMSE (\(count) boreholes)",
                    "\(NumberText.fixed(bias, 3)) m / \(NumberText.fixed(rmse, 3)) m"
                ))
        }
        let rows = check.classes.map { entry -> [HTML.Cell] in
            [
                .text(entry.className), .number("\(entry.boreholes)"), .number(NumberText.fixed(entry.physicalFactor, 4)),
                .number(entry.calibratedFactor.map { NumberText.fixed($0, 4) } ?? "-"),
            ]
        }
        return HTML.section(
            .activeLayer,
            [
                HTML.facts(facts),
                HTML.table(header: ["Class", "Boreholes", "E of the physical form", "E fitted"], rows: rows),
            ])
    }

    private static func blockText(_ model: AtlasReport.MAGTModelSummary) -> String {
        guard let validation = model.blockCrossValidation, let rmse = validation.rmse, let bias = validation.bias else {
            return NumberText.missing
        }
        return "RMSE \(NumberText.fixed(rmse, 3)) °C, bias \(NumberText.fixed(bias, 3)) °C, "
            + "\(NumberText.percent(validation.shareWithinHalfDegree)) within 0.5 °C (\(validation.boreholesPredicted) boreholes, \(validation.blocks) blocks)"
    }
}

import Foundation
import GeoRaster
import PermafrostKernels

/// Collects the run's results into an `AtlasReport` as the stages finish.
public struct AtlasReportBuilder {
    public let config: AtlasConfig
    public let layout: AtlasLayout
    public let grid: RasterGrid
    public var products: [String: AtlasReport.Product] = [:]
    public var warpedSources = Set<String>()
    public var warnings: [String] = []
    public var iceVolumes: [String: Double] = [:]
    public var iceBudget: AtlasReport.IceBudget?
    public var altCheck: AtlasReport.ALTCheck?
    public var vegetationModel: AtlasReport.VegetationModel?
    public var magtModel: AtlasReport.MAGTModelSummary?
    public var permafrostTransition = AtlasReport.Transition(classes: [], areaSquareKilometres: [])
    public var stabilityTransition = AtlasReport.Transition(classes: [], areaSquareKilometres: [])
    public var disturbance: [AtlasReport.DisturbanceSummaryRow] = []
    public var checkBoreholes: [AtlasReport.CheckBorehole] = []
    public var checkSummary: [AtlasReport.CheckSummary] = []
    public var stageSeconds: [String: Double] = [:]
    /// The day the rasters record (`AtlasProvenance.date`).
    public var date: String?

    public init(config: AtlasConfig, layout: AtlasLayout, grid: RasterGrid) {
        self.config = config
        self.layout = layout
        self.grid = grid
    }

    /// Records a product with its catalogue title (`titleDetail` in parentheses after it).
    public mutating func product(_ product: AtlasProduct, _ summary: ProductSummary, titleDetail: String? = nil) {
        products[product.path] = AtlasReport.Product(
            path: product.path, title: titleDetail.map { "\(product.title) (\($0))" } ?? product.title, unit: product.unit, map: nil,
            validPixels: summary.validPixels, minimum: summary.minimum, maximum: summary.maximum, mean: summary.mean,
            classAreasSquareKilometres: summary.classAreasSquareKilometres)
    }

    /// Records `target` as a copy of `source` (same pixels, its own title).
    public mutating func copyProduct(from source: AtlasProduct, to target: AtlasProduct) {
        guard var product = products[source.path] else { return }
        product.path = target.path
        product.title = target.title
        products[target.path] = product
    }

    public mutating func warped(_ sources: [String]) {
        warpedSources.formUnion(sources)
    }

    public mutating func vegetation(_ file: ClassifierModelFile) {
        let report = file.report
        let matrix = report.outOfBagConfusion
        vegetationModel = AtlasReport.VegetationModel(
            modelFile: "models/vegetation_rf.json", trees: report.parameters.treeCount, samplesUsed: report.classCounts.reduce(0, +),
            samplesSkipped: file.skippedSamples.count, outOfBagAccuracy: report.outOfBagAccuracy, kappa: report.kappa,
            classLabels: report.classLabels,
            confusionMatrix: matrix.map { m in (0..<m.classCount).map { r in (0..<m.classCount).map { m[reference: r, predicted: $0] } } },
            producersAccuracy: report.producersAccuracy, usersAccuracy: report.usersAccuracy, featureNames: report.featureNames,
            impurityImportance: report.impurityImportance, permutationImportance: report.permutationImportance,
            reflectance: file.reflectanceSource)
        warnings += file.skippedSamples.map { "vegetation sample line \($0.line) (\($0.id)) skipped: \($0.reason)" }
    }

    public mutating func magt(_ file: MAGTModelFile) {
        let regression = file.model.regression
        let elevation = regression.coefficientNames.firstIndex(of: "elevation")
        magtModel = AtlasReport.MAGTModelSummary(
            modelFile: "models/magt.json", boreholesUsed: file.report.boreholeIDs.count, boreholesSkipped: file.skippedBoreholes.count,
            coefficients: regression.coefficientNames.indices.map {
                AtlasReport.CoefficientRow(
                    name: regression.coefficientNames[$0], estimate: regression.coefficients[$0],
                    standardError: regression.standardErrors[$0])
            },
            rSquared: file.report.regression.rSquared, adjustedRSquared: file.report.regression.adjustedRSquared,
            rmse: file.report.regression.rmse, leaveOneOutRMSE: file.report.regression.leaveOneOutRMSE,
            blockCrossValidation: file.report.blockCrossValidation, conditionNumber: file.report.regression.conditionNumber,
            conditionNumberWithIntercept: file.report.regression.conditionNumberWithIntercept, selection: file.report.selection,
            method: file.model.forest == nil ? "linear" : "random-forest", forestOutOfBagRMSE: file.report.forestOutOfBagRMSE,
            lapseRatePerKilometre: elevation.map { regression.coefficients[$0] * 1000 }, warnings: file.report.warnings)
        warnings += file.report.warnings
        warnings += file.skippedBoreholes.map { "borehole line \($0.line) (\($0.id)) skipped: \($0.reason)" }
    }

    public mutating func mining(_ result: MiningStage.Result) {
        for mined in AtlasProduct.mining {
            if let summary = result.products[String(mined.path.dropLast(".tif".count))] { product(mined, summary) }
        }
        iceVolumes["post"] = result.iceVolumePostCubicKilometres
        iceBudget = AtlasReport.IceBudget(result.iceBudgetCubicMetres)
        permafrostTransition = .init(
            classes: result.permafrostTransition.classes, areaSquareKilometres: result.permafrostTransition.areaSquareKilometres)
        stabilityTransition = .init(
            classes: result.stabilityTransition.classes, areaSquareKilometres: result.stabilityTransition.areaSquareKilometres)
        disturbance = result.perType.map {
            .init(
                type: $0.type, zone: $0.zone, areaSquareKilometres: $0.areaSquareKilometres, meanMAGTChange: $0.meanMAGTChange,
                meanALTChange: $0.meanALTChange, iceVolumeChangeCubicMetres: $0.iceVolumeChangeCubicMetres)
        }
    }

    /// The pre-mining vegetation areas adjusted by the out-of-bag confusion matrix (the OOB
    /// samples stand in for an accuracy sample stratified by map class; METHOD section 8).
    func errorAdjustedAreas(_ model: AtlasReport.VegetationModel) -> [AtlasReport.AdjustedArea]? {
        guard let rows = model.confusionMatrix, let areas = products[AtlasProduct.preVegetation.path]?.classAreasSquareKilometres,
            rows.count == model.classLabels.count,
            let confusion = try? ConfusionMatrix(classCount: rows.count, counts: rows.flatMap { $0 })
        else { return nil }
        let mapped = model.classLabels.map { areas[$0] ?? 0 }
        return zip(model.classLabels, ErrorAdjustedArea.estimate(confusion: confusion, mappedAreas: mapped).classes).map {
            label, estimate in
            .init(
                className: label, mappedSquareKilometres: estimate.mappedArea, adjustedSquareKilometres: estimate.adjustedArea,
                confidenceHalfWidthSquareKilometres: estimate.confidenceHalfWidth)
        }
    }

    /// The input files the report lists with their checksums, by role.
    public func inputFiles() -> [(role: String, path: String)] {
        let i = config.inputs
        var list: [(String, String)] = (config.path.map { [("config", $0)] } ?? []) + [("dem", i.dem)]
        list += i.landsat.map { ("landsat", $0) }
        list += [("vegetation_samples", i.vegetationSamples), ("boreholes", i.boreholes)]
        list += i.temperature.map { ("temperature", $0) }
        if let index = i.thawingIndex { list.append(("thawing_index", index)) }
        list += [
            ("zones", i.zones), ("soil", i.soil), ("strata", i.strata), ("mining", i.mining), ("mining_polygons", i.miningDisturbance),
        ]
        if let check = i.checkBoreholes { list.append(("check_boreholes", check)) }
        return list
    }

    /// The report, with the SHA-256 of each input file taken here.
    public func finish() throws -> AtlasReport {
        try finish(digests: inputFiles().map { try SHA256.file($0.path) })
    }

    /// The report; `digests` are the SHA-256 of `inputFiles()`, in that order.
    public func finish(digests: [String]) throws -> AtlasReport {
        let files = inputFiles()
        precondition(digests.count == files.count, "one digest per input file")
        // Recorded relative to the output folder: a shared atlas shows no local folders.
        let recorded = { (path: String) in RecordedPath.relativePath(path, from: self.layout.root) }
        let inputs = zip(files, digests).map { file, digest in
            AtlasReport.Input(role: file.role, path: recorded(file.path), sha256: digest, warped: warpedSources.contains(file.path))
        }
        func withRecordedPaths(_ text: String) -> String {
            files.reduce(text) { $0.replacingOccurrences(of: $1.path, with: recorded($1.path)) }
        }
        guard var vegetationModel, let magtModel else { throw AtlasError.failed(path: nil, reason: "report: a model stage did not run") }
        vegetationModel.errorAdjustedAreas = errorAdjustedAreas(vegetationModel)
        let srs = grid.spatialReference
        return AtlasReport(
            tool: .init(name: AtlasTool.name, version: AtlasTool.version, gdalVersion: GDALInfo.version),
            site: config.site.name, date: date, synthetic: config.site.synthetic, config: config.path.map(recorded),
            parameters: config.methodParameters, inputs: inputs,
            grid: .init(
                width: grid.width, height: grid.height, epsg: srs.epsgCode, crsName: srs.name,
                geotransform: grid.geoTransform.coefficients, pixelAreaSquareMetres: grid.pixelAreas.mean),
            vegetationModel: vegetationModel, magtModel: magtModel, products: products, iceVolumeCubicKilometres: iceVolumes,
            iceBudgetCubicMetres: iceBudget, altCheck: altCheck,
            permafrostTransition: permafrostTransition, stabilityTransition: stabilityTransition, disturbance: disturbance,
            checkBoreholes: checkBoreholes, checkSummary: checkSummary,
            warnings: (warnings + warpedSources.sorted().map { "\($0) was warped onto the reference grid" }).map(withRecordedPaths),
            stageSeconds: stageSeconds)
    }
}

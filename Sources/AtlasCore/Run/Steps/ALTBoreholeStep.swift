import Foundation
import PermafrostKernels

/// Active-layer thickness at the boreholes with an observed ALT, before ALT is mapped: the
/// physical Stefan form's error there, always; with `alt.calibrate`, the edaphic factor fitted
/// per class (METHOD section 5), its leave-one-out error, and the map drawn with it (the
/// empirical form, classes without a borehole at their physical factor).
public struct ALTBoreholeStep: AtlasStep {
    public let name = "active-layer thickness at the boreholes"
    public let reads: [AtlasProduct] = [.preThawIndex, .preVegetation]
    public let writes: [AtlasProduct] = []

    public init() {}

    public func run(_ context: AtlasRunContext) throws {
        let config = context.config, boreholes = config.inputs.boreholes
        let table = try PointTable(path: boreholes)
        guard table.table.columnIndex("alt") != nil else {
            if config.calibrateALT {
                throw AtlasError.badFile(path: boreholes, reason: "alt.calibrate needs observed ALT: the table has no alt column")
            }
            return
        }
        // A tile sees only its own boreholes: its check would describe a part of the atlas
        // (and `AtlasRun` refuses alt.calibrate for a tile before anything is written).
        guard context.tile == nil else { return }
        let (observations, _) = try EdaphicCalibrationStage.observations(
            boreholes: table, thawingIndex: context.source(.preThawIndex), classes: context.source(.preVegetation),
            grid: context.grid)
        guard !observations.isEmpty else {
            if config.calibrateALT {
                throw AtlasError.badFile(
                    path: boreholes, reason: "alt.calibrate: no borehole with an observed ALT lies on the mapped classes")
            }
            return
        }
        let soil = context.tables.soil
        let physical = try observations.map { observation -> Double in
            guard let entry = soil.parameters(forCode: observation.classCode) else {
                throw AtlasError.failed(path: boreholes, reason: "class \(Int(observation.classCode)) is not in the soil table")
            }
            return ActiveLayerModel.stefanThickness(thawingIndex: observation.thawingIndex, properties: entry.properties)
        }
        let observed = observations.map(\.observedThickness)
        var check = AtlasReport.ALTCheck(
            calibrated: config.calibrateALT, boreholes: observations.count,
            physicalBiasMetres: Self.bias(physical, observed), physicalRMSEMetres: Self.rmse(physical, observed),
            physicalMeanRelativeError: Self.meanRelativeError(physical, observed),
            classes: [])
        let counts = Dictionary(grouping: observations, by: \.classCode).mapValues(\.count)
        var fitted: [UInt8: Double] = [:]
        if config.calibrateALT {
            let fit = try EdaphicFactorCalibration.calibrate(observations: observations, soilTable: soil)
            fitted = fit.factorsByCode
            let fittedThickness = observations.map { observation in
                ActiveLayerModel.empiricalThickness(
                    thawingIndex: observation.thawingIndex, edaphicFactor: fitted[observation.classCode]!,
                    nFactor: soil.parameters(forCode: observation.classCode)!.properties.nFactor)
            }
            check.fittedRMSEMetres = Self.rmse(fittedThickness, observed)
            let leftOut = try EdaphicFactorCalibration.leaveOneOutThickness(observations: observations, soilTable: soil)
            let pairs = zip(leftOut, observed).filter { !$0.0.isNaN }
            check.leaveOneOutBoreholes = pairs.count
            if !pairs.isEmpty {
                check.leaveOneOutBiasMetres = Self.bias(pairs.map(\.0), pairs.map(\.1))
                check.leaveOneOutRMSEMetres = Self.rmse(pairs.map(\.0), pairs.map(\.1))
            }
            // Every class gets a factor: its fitted one, or the physical form's.
            var factors = fitted
            for entry in soil.classes where factors[entry.code] == nil {
                factors[entry.code] = EdaphicFactorCalibration.physicalFactor(entry.properties)
            }
            let calibrated = try soil.replacingEdaphicFactors(factors)
            context.tables = ParameterTables.Set(soil: calibrated, strata: context.tables.strata, mining: context.tables.mining)
            context.altFormula = .empirical
        }
        check.classes = soil.classes.map { entry in
            .init(
                className: entry.name, boreholes: counts[entry.code] ?? 0,
                physicalFactor: EdaphicFactorCalibration.physicalFactor(entry.properties), calibratedFactor: fitted[entry.code])
        }
        context.report.altCheck = check
    }

    /// Mean of (predicted - observed) / observed over the boreholes with a positive observed
    /// ALT (a recorded 0 has no relative error); 0 when there is none.
    static func meanRelativeError(_ predicted: [Double], _ observed: [Double]) -> Double {
        let pairs = zip(predicted, observed).filter { $0.1 > 0 }
        return pairs.isEmpty ? 0 : pairs.map { ($0.0 - $0.1) / $0.1 }.reduce(0, +) / Double(pairs.count)
    }

    static func bias(_ predicted: [Double], _ observed: [Double]) -> Double {
        zip(predicted, observed).map { $0 - $1 }.reduce(0, +) / Double(observed.count)
    }

    static func rmse(_ predicted: [Double], _ observed: [Double]) -> Double {
        (zip(predicted, observed).map { ($0 - $1) * ($0 - $1) }.reduce(0, +) / Double(observed.count)).squareRoot()
    }
}

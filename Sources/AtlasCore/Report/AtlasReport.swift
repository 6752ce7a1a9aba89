import Foundation
import PermafrostKernels

/// Everything `run` reports (report.json; report.html renders the same data). Field names
/// are an interface: scripts read them.
public struct AtlasReport: Codable, Sendable {
    public struct Tool: Codable, Sendable {
        public var name: String
        public var version: String
        public var gdalVersion: String
    }

    public struct Input: Codable, Sendable {
        public var role: String
        public var path: String
        public var sha256: String
        /// True when the input was warped onto the reference grid.
        public var warped: Bool
    }

    public struct Grid: Codable, Sendable {
        public var width: Int
        public var height: Int
        public var epsg: Int?
        public var crsName: String
        public var geotransform: [Double]
        /// Ground area of a pixel; on a geographic grid, the mean over its rows.
        public var pixelAreaSquareMetres: Double
    }

    public struct CoefficientRow: Codable, Sendable {
        public var name: String
        public var estimate: Double
        public var standardError: Double
    }

    public struct VegetationModel: Codable, Sendable {
        public var modelFile: String
        public var trees: Int
        public var samplesUsed: Int
        public var samplesSkipped: Int
        public var outOfBagAccuracy: Double?
        public var kappa: Double?
        public var classLabels: [String]
        /// Rows reference, columns predicted (out-of-bag).
        public var confusionMatrix: [[Int]]?
        public var producersAccuracy: [Double?]
        public var usersAccuracy: [Double?]
        public var featureNames: [String]
        public var impurityImportance: [Double]
        public var permutationImportance: [Double]?
        /// How the bands became reflectance for the spectral indices.
        public var reflectance: String?
        /// Class areas of the pre-mining map adjusted by the out-of-bag confusion matrix, with
        /// 95 % intervals (Olofsson et al. 2014); nil before the map exists.
        public var errorAdjustedAreas: [AdjustedArea]?
    }

    public struct AdjustedArea: Codable, Sendable {
        public var className: String
        public var mappedSquareKilometres: Double
        public var adjustedSquareKilometres: Double
        /// Half-width of the 95 % confidence interval of the adjusted area.
        public var confidenceHalfWidthSquareKilometres: Double
    }

    public struct MAGTModelSummary: Codable, Sendable {
        public var modelFile: String
        public var boreholesUsed: Int
        public var boreholesSkipped: Int
        public var coefficients: [CoefficientRow]
        public var rSquared: Double?
        public var adjustedRSquared: Double?
        public var rmse: Double
        public var leaveOneOutRMSE: Double?
        /// Spatial block cross-validation (3 x 3 blocks over the boreholes).
        public var blockCrossValidation: MAGTCrossValidation?
        /// Condition numbers of the design: centred predictors, and with the intercept.
        public var conditionNumber: Double?
        public var conditionNumberWithIntercept: Double?
        /// The predictor selection, when `magt.selection` ran one.
        public var selection: MAGTFitReport.Selection?
        /// "linear" or "random-forest" (which then maps MAGT), and the forest's out-of-bag RMSE.
        public var method: String?
        public var forestOutOfBagRMSE: Double?
        /// Lapse rate in C per km (the elevation coefficient x 1000), when elevation is a predictor.
        public var lapseRatePerKilometre: Double?
        public var warnings: [String]
    }

    /// A product raster of the atlas.
    public struct Product: Codable, Sendable {
        /// Relative to the output folder, e.g. "pre/magt.tif".
        public var path: String
        public var title: String
        public var unit: String
        public var map: String?
        public var validPixels: Int
        public var minimum: Double?
        public var maximum: Double?
        public var mean: Double?
        /// Class maps: area per class name (km^2).
        public var classAreasSquareKilometres: [String: Double]?
    }

    public struct Transition: Codable, Sendable {
        public var classes: [String]
        /// Rows before (pre-mining), columns after (post-mining), km^2.
        public var areaSquareKilometres: [[Double]]
    }

    public struct DisturbanceSummaryRow: Codable, Sendable {
        public var type: String
        public var zone: String
        public var areaSquareKilometres: Double
        public var meanMAGTChange: Double
        public var meanALTChange: Double
        public var iceVolumeChangeCubicMetres: Double
    }

    public struct CheckBorehole: Codable, Sendable {
        public var id: String
        public var quantity: String
        public var observed: Double
        public var predicted: Double?
        public var error: Double?
        public var relativeError: Double?
        public var within20Percent: Bool?
    }

    public struct CheckSummary: Codable, Sendable {
        public var quantity: String
        public var count: Int
        public var meanAbsoluteError: Double?
        public var rmse: Double?
        public var shareWithin20Percent: Double?
        /// Mean of mapped - observed, in the quantity's unit.
        public var bias: Double?
        /// An absolute tolerance in the quantity's unit (0.5 C for MAGT, 0.2 m for ALT) and the
        /// share of boreholes within it: near 0 C a 0.34 C error is "within 20 %" of nothing.
        public var absoluteTolerance: Double?
        public var shareWithinTolerance: Double?
    }

    public var tool: Tool
    /// The configuration's `site.name`.
    public var site: String?
    /// The day the atlas was made (UTC, YYYY-MM-DD), as in every raster's metadata.
    public var date: String?
    /// True when the inputs are the generated demonstration scene (`site.synthetic`).
    public var synthetic: Bool?
    /// The configuration file; absent for an atlas configured in Swift.
    public var config: String?
    public var parameters: [String: String]
    public var inputs: [Input]
    public var grid: Grid
    public var vegetationModel: VegetationModel
    public var magtModel: MAGTModelSummary
    /// "pre/magt.tif" -> product, for every raster of pre/, post/ and diff/.
    public var products: [String: Product]
    public var iceVolumeCubicKilometres: [String: Double]
    /// Where the ground ice of the disturbed area went (m^3): removed with pits, thawed,
    /// kept (of which buried under dumps), newly frozen, frozen spoil.
    public var iceBudgetCubicMetres: IceBudget?

    /// Active-layer thickness at the boreholes with an observed ALT: how far the physical
    /// Stefan form is off, and with `alt.calibrate` the calibrated factors and their
    /// leave-one-out error.
    public var altCheck: ALTCheck?

    public struct ALTCheck: Codable, Sendable {
        public struct ClassFactor: Codable, Sendable {
            public var className: String
            public var boreholes: Int
            /// E of the physical form with the class's soil parameters.
            public var physicalFactor: Double
            /// E fitted on the class's boreholes (with `alt.calibrate`).
            public var calibratedFactor: Double?
        }

        public var calibrated: Bool
        public var boreholes: Int
        /// Physical Stefan form at the boreholes, predicted - observed (m), and the mean of
        /// (predicted - observed) / observed.
        public var physicalBiasMetres: Double
        public var physicalRMSEMetres: Double
        public var physicalMeanRelativeError: Double
        /// With `alt.calibrate`: RMSE of the fit at its boreholes, and leave-one-out bias and
        /// RMSE over the boreholes whose class has another borehole.
        public var fittedRMSEMetres: Double?
        public var leaveOneOutBoreholes: Int?
        public var leaveOneOutBiasMetres: Double?
        public var leaveOneOutRMSEMetres: Double?
        public var classes: [ClassFactor]
    }

    /// `GroundIceBudget` in m^3, as report.json writes it.
    public struct IceBudget: Codable, Sendable, Equatable {
        public var removed: Double
        public var thawed: Double
        public var kept: Double
        public var buried: Double
        public var newlyFrozen: Double
        public var spoil: Double

        public init(_ budget: GroundIceBudget) {
            (removed, thawed, kept, buried) = (budget.removed, budget.thawed, budget.kept, budget.buried)
            (newlyFrozen, spoil) = (budget.newlyFrozen, budget.spoil)
        }

        /// After - before: what was frozen anew less what was removed or thawed.
        public var change: Double { newlyFrozen + spoil - removed - thawed }

        public static func + (a: IceBudget, b: IceBudget) -> IceBudget {
            var sum = a
            (sum.removed, sum.thawed, sum.kept) = (a.removed + b.removed, a.thawed + b.thawed, a.kept + b.kept)
            (sum.buried, sum.newlyFrozen, sum.spoil) = (a.buried + b.buried, a.newlyFrozen + b.newlyFrozen, a.spoil + b.spoil)
            return sum
        }
    }
    public var permafrostTransition: Transition
    public var stabilityTransition: Transition
    public var disturbance: [DisturbanceSummaryRow]
    public var checkBoreholes: [CheckBorehole]
    public var checkSummary: [CheckSummary]
    public var warnings: [String]
    public var stageSeconds: [String: Double]
}

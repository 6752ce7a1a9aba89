/// Active-layer thickness (m) from the thawing index by the Stefan equation.
///
/// Physical form: ALT = sqrt(2 lambda_t n DDT 86400 / (L rho_d (w - w_u))).
/// Empirical form: ALT = E sqrt(n DDT).
/// DDT is the air thawing index (C day); n turns it into the surface index. DDT <= 0 gives 0.
///
/// With a MAGT buffer the output is the active-layer thickness, defined only where
/// MAGT < permafrostThreshold (NaN elsewhere). Without one it is the seasonal thaw depth
/// everywhere: the same formula, but not an active layer where there is no permafrost.
public struct ActiveLayerModel: Sendable {
    public enum Formula: String, Sendable, Equatable {
        case stefan
        case empirical
    }

    public let soilTable: SoilParameterTable
    public let formula: Formula
    /// Permafrost exists where MAGT (C) is strictly below this value.
    public let permafrostThreshold: Double
    // ALT = coefficient * sqrt(DDT) per class code; NaN marks a code absent from the table.
    private let coefficientByCode: [Double]

    public init(soilTable: SoilParameterTable, formula: Formula = .stefan, permafrostThreshold: Double = 0) throws(SoilParameterError) {
        guard permafrostThreshold.isFinite else {
            throw .invalidValue(
                location: "active-layer model", field: "permafrost_threshold", value: permafrostThreshold,
                requirement: "must be a finite temperature")
        }
        var coefficients = Array(repeating: Double.nan, count: 256)
        for (position, entry) in soilTable.classes.enumerated() {
            let properties = entry.properties
            switch formula {
            case .stefan:
                coefficients[Int(entry.code)] = properties.stefanCoefficient
            case .empirical:
                guard let edaphicFactor = properties.edaphicFactor else {
                    throw .missingEdaphicFactor(location: soilTable.location(ofPosition: position))
                }
                coefficients[Int(entry.code)] = edaphicFactor * properties.nFactor.squareRoot()
            }
        }
        self.soilTable = soilTable
        self.formula = formula
        self.permafrostThreshold = permafrostThreshold
        self.coefficientByCode = coefficients
    }

    /// Physical (Stefan) thickness in metres for an air thawing index in C day.
    public static func stefanThickness(thawingIndex: Double, properties: SoilThermalProperties) -> Double {
        thickness(thawingIndex: thawingIndex, coefficient: properties.stefanCoefficient)
    }

    /// Empirical thickness E sqrt(n DDT) in metres.
    public static func empiricalThickness(thawingIndex: Double, edaphicFactor: Double, nFactor: Double = 1) -> Double {
        thickness(thawingIndex: thawingIndex, coefficient: edaphicFactor * nFactor.squareRoot())
    }

    /// Thickness of a block: `thawingIndex` (C day, NaN = nodata), class codes (0 = nodata)
    /// and optionally MAGT (C) to keep only permafrost pixels. Returns metres, NaN = nodata.
    /// Throws when a class code of the block is not in the soil table.
    public func activeLayerThickness(thawingIndex: [Float], classCodes: [UInt8], magt: [Float]? = nil) throws(SoilParameterError) -> [Float]
    {
        let pixelCount = thawingIndex.count
        guard classCodes.count == pixelCount else {
            throw .bufferLengthMismatch(buffer: "class code", count: classCodes.count, expected: pixelCount)
        }
        if let magt, magt.count != pixelCount {
            throw .bufferLengthMismatch(buffer: "MAGT", count: magt.count, expected: pixelCount)
        }
        var output = [Float](repeating: .nan, count: pixelCount)
        for pixel in 0..<pixelCount {
            let code = classCodes[pixel]
            guard code != 0 else { continue }
            let coefficient = coefficientByCode[Int(code)]
            guard !coefficient.isNaN else { throw .unknownClassCode(code) }
            if let magt, !isPermafrost(magt: magt[pixel]) { continue }
            output[pixel] = Float(Self.thickness(thawingIndex: Double(thawingIndex[pixel]), coefficient: coefficient))
        }
        return output
    }

    /// Thickness of one pixel of a given class without the permafrost mask (the seasonal
    /// thaw depth); nil when the class is not in the table.
    func thawDepth(thawingIndex: Float, classCode: UInt8) -> Double? {
        let coefficient = coefficientByCode[Int(classCode)]
        guard !coefficient.isNaN else { return nil }
        return Self.thickness(thawingIndex: Double(thawingIndex), coefficient: coefficient)
    }

    /// True where MAGT is below the threshold; NaN MAGT is not permafrost.
    func isPermafrost(magt: Float) -> Bool {
        Double(magt) < permafrostThreshold
    }

    private static func thickness(thawingIndex: Double, coefficient: Double) -> Double {
        if thawingIndex.isNaN { return .nan }
        return thawingIndex <= 0 ? 0 : coefficient * thawingIndex.squareRoot()
    }
}

/// Thermal properties of one soil / land-cover class for the Stefan equation.
public struct SoilThermalProperties: Sendable, Equatable {
    /// Thawed thermal conductivity lambda_t (W/m/K).
    public var lambdaThawed: Double
    /// Dry bulk density rho_d (kg/m^3).
    public var dryDensity: Double
    /// Total gravimetric water content w (kg water / kg dry soil).
    public var waterContent: Double
    /// Unfrozen gravimetric water content w_u at the freezing front (same units as w).
    public var unfrozenWaterContent: Double
    /// n-factor turning the air thawing index into the surface one (1 for a surface index).
    public var nFactor: Double
    /// Edaphic factor E (m / sqrt(C day)) of the empirical form ALT = E sqrt(n DDT); optional.
    public var edaphicFactor: Double?

    /// Latent heat of fusion of water, L (J/kg).
    public static let latentHeatOfFusion = 3.34e5
    static let secondsPerDay = 86_400.0

    public init(
        lambdaThawed: Double, dryDensity: Double, waterContent: Double,
        unfrozenWaterContent: Double, nFactor: Double = 1, edaphicFactor: Double? = nil
    ) {
        self.lambdaThawed = lambdaThawed
        self.dryDensity = dryDensity
        self.waterContent = waterContent
        self.unfrozenWaterContent = unfrozenWaterContent
        self.nFactor = nFactor
        self.edaphicFactor = edaphicFactor
    }

    /// Stefan coefficient k in ALT = k sqrt(DDT_air) (m / sqrt(C day)):
    /// k = sqrt(2 lambda n 86400 / (L rho_d (w - w_u))); the 86400 turns C day into C s.
    var stefanCoefficient: Double {
        (2 * lambdaThawed * nFactor * Self.secondsPerDay
            / (Self.latentHeatOfFusion * dryDensity * (waterContent - unfrozenWaterContent))).squareRoot()
    }

    /// Checks every field; `location` names the table row in the error, e.g.
    /// `soil table row 3 (class "alpine meadow")`.
    func validate(location: String) throws(SoilParameterError) {
        let positive: [(String, Double)] = [
            ("lambda_thawed", lambdaThawed), ("dry_density", dryDensity),
            ("water_content", waterContent), ("n_factor", nFactor),
        ]
        for (field, value) in positive where !(value.isFinite && value > 0) {
            throw .invalidValue(location: location, field: field, value: value, requirement: "must be a positive number")
        }
        // Beyond these no ground is: a value past them is a unit or typing error, and a 1e308
        // conductivity would map an infinite active layer.
        for (field, value, limit, unit) in Self.plausibleMaxima(self) where value > limit {
            throw .invalidValue(
                location: location, field: field, value: value,
                requirement: "must be at most \(limit.rounded() == limit ? String(Int(limit)) : String(limit))\(unit)")
        }
        guard unfrozenWaterContent.isFinite, unfrozenWaterContent >= 0 else {
            throw .invalidValue(
                location: location, field: "unfrozen_water_content", value: unfrozenWaterContent,
                requirement: "must be zero or positive")
        }
        guard waterContent > unfrozenWaterContent else {
            throw .waterContentNotAboveUnfrozen(
                location: location, waterContent: waterContent,
                unfrozenWaterContent: unfrozenWaterContent)
        }
        if let edaphicFactor, !(edaphicFactor.isFinite && edaphicFactor > 0 && edaphicFactor <= 1) {
            throw .invalidValue(
                location: location, field: "edaphic_factor", value: edaphicFactor,
                requirement: "must be a positive number of at most 1 m per sqrt(C day)")
        }
    }

    /// Upper limits of the fields: conductivity of rock and ice stays under 10 W/m/K, dry
    /// density under that of solid rock, gravimetric water content of peat under 5 (500 %),
    /// n-factors under 3.
    static func plausibleMaxima(_ p: SoilThermalProperties) -> [(String, Double, Double, String)] {
        [
            ("lambda_thawed", p.lambdaThawed, 10, " W/m/K"), ("dry_density", p.dryDensity, 3000, " kg/m3"),
            ("water_content", p.waterContent, 5, " (a fraction)"), ("n_factor", p.nFactor, 3, ""),
        ]
    }
}

/// One row of the soil table: a class code of the class raster and its properties.
public struct SoilClassParameters: Sendable, Equatable {
    /// Code in the class raster, 1...255 (0 is nodata).
    public var code: UInt8
    public var name: String
    public var properties: SoilThermalProperties
    /// Row number used in error messages (e.g. the CSV line); defaults to the 1-based position.
    public var sourceRow: Int?

    public init(code: UInt8, name: String, properties: SoilThermalProperties, sourceRow: Int? = nil) {
        self.code = code
        self.name = name
        self.properties = properties
        self.sourceRow = sourceRow
    }
}

/// Validated lookup from class code to soil thermal properties.
public struct SoilParameterTable: Sendable {
    public let classes: [SoilClassParameters]
    // Position in `classes` per code (256 entries, -1 = absent): a branch-free lookup per pixel.
    private let indexByCode: [Int]

    public init(classes: [SoilClassParameters]) throws(SoilParameterError) {
        var indexByCode = Array(repeating: -1, count: 256)
        for (position, entry) in classes.enumerated() {
            let location = Self.location(of: entry, position: position)
            guard entry.code != 0 else { throw .reservedCode(location: location) }
            try entry.properties.validate(location: location)
            let previous = indexByCode[Int(entry.code)]
            guard previous < 0 else {
                throw .duplicateCode(
                    code: entry.code, firstLocation: Self.location(of: classes[previous], position: previous),
                    secondLocation: location)
            }
            indexByCode[Int(entry.code)] = position
        }
        self.classes = classes
        self.indexByCode = indexByCode
    }

    /// The row for a class code, or nil when the table has none.
    public func parameters(forCode code: UInt8) -> SoilClassParameters? {
        let position = indexByCode[Int(code)]
        return position < 0 ? nil : classes[position]
    }

    /// A copy with the edaphic factor of the given classes replaced (e.g. by a calibration).
    public func replacingEdaphicFactors(_ factors: [UInt8: Double]) throws(SoilParameterError) -> SoilParameterTable {
        var updated = classes
        for (code, factor) in factors.sorted(by: { $0.key < $1.key }) {
            let position = indexByCode[Int(code)]
            guard position >= 0 else { throw .unknownClassCode(code) }
            updated[position].properties.edaphicFactor = factor
        }
        return try SoilParameterTable(classes: updated)
    }

    func location(ofPosition position: Int) -> String {
        Self.location(of: classes[position], position: position)
    }

    func position(ofCode code: UInt8) -> Int {
        indexByCode[Int(code)]
    }

    private static func location(of entry: SoilClassParameters, position: Int) -> String {
        "soil table row \(entry.sourceRow ?? position + 1) (class \(entry.code) \"\(entry.name)\")"
    }
}

public enum SoilParameterError: InvalidInputError, Equatable {
    case invalidValue(location: String, field: String, value: Double, requirement: String)
    case waterContentNotAboveUnfrozen(location: String, waterContent: Double, unfrozenWaterContent: Double)
    case reservedCode(location: String)
    case duplicateCode(code: UInt8, firstLocation: String, secondLocation: String)
    case missingEdaphicFactor(location: String)
    case unknownClassCode(UInt8)
    case bufferLengthMismatch(buffer: String, count: Int, expected: Int)
    case invalidObservation(borehole: String, reason: String)

    public var description: String {
        switch self {
        case .invalidValue(let location, let field, let value, let requirement):
            return "\(location): \(field) \(value) \(requirement)"
        case .waterContentNotAboveUnfrozen(let location, let w, let wu):
            return "\(location): water_content \(w) must exceed unfrozen_water_content \(wu)"
        case .reservedCode(let location):
            return "\(location): class code 0 is reserved for nodata"
        case .duplicateCode(let code, let first, let second):
            return "\(second): class code \(code) already defined in \(first)"
        case .missingEdaphicFactor(let location):
            return "\(location): edaphic_factor is required by the empirical active-layer formula"
        case .unknownClassCode(let code):
            return "class code \(code) occurs in the class raster but not in the soil table"
        case .bufferLengthMismatch(let buffer, let count, let expected):
            return "\(buffer) buffer has \(count) values but the block has \(expected) pixels"
        case .invalidObservation(let borehole, let reason):
            return "borehole \"\(borehole)\": \(reason)"
        }
    }
}

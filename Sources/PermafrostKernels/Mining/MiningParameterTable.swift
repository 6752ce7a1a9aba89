/// Parameters of one disturbance type, from the post-mining boreholes.
public struct MiningDisturbanceParameters: Sendable, Equatable {
    public var type: DisturbanceType
    /// Change of MAGT (C) inside the disturbed area; positive = warming.
    public var magtOffset: Double
    /// Stefan parameters of the disturbed ground (spoil is coarse and dry); the edaphic
    /// factor is ignored because disturbed pixels always use the physical form.
    public var soil: SoilThermalProperties
    /// Metres of ground removed (pits).
    public var excavationDepth: Double
    /// Metres of spoil added on top (dumps).
    public var dumpThickness: Double
    /// Volumetric ice content of the spoil where it is frozen (m^3/m^3; 0: ice-free).
    public var spoilIceContent: Double
    /// Years since the disturbance the row's offset describes (a transient simulation); nil:
    /// the long-term equilibrium. Recorded, not used by the map: the offset already is that age's.
    public var ageYears: Double?
    /// Width (m) of the lateral influence zone outside the polygon; 0 = none.
    public var bufferMetres: Double
    /// Row number used in error messages (e.g. the CSV line); defaults to the 1-based position.
    public var sourceRow: Int?

    public init(
        type: DisturbanceType, magtOffset: Double, soil: SoilThermalProperties, excavationDepth: Double = 0,
        dumpThickness: Double = 0, bufferMetres: Double = 0, spoilIceContent: Double = 0, ageYears: Double? = nil,
        sourceRow: Int? = nil
    ) {
        self.ageYears = ageYears
        self.spoilIceContent = spoilIceContent
        self.type = type
        self.magtOffset = magtOffset
        self.soil = soil
        self.excavationDepth = excavationDepth
        self.dumpThickness = dumpThickness
        self.bufferMetres = bufferMetres
        self.sourceRow = sourceRow
    }

    /// Net lowering of the surface (m) for `GroundIceModel`: excavation minus added spoil.
    public var surfaceLowering: Double {
        excavationDepth - dumpThickness
    }
}

/// Validated lookup from disturbance type to its parameters.
public struct MiningParameterTable: Sendable {
    public let rows: [MiningDisturbanceParameters]
    // Position in `rows` per raster code 0...3 (-1 = absent).
    private let indexByCode: [Int]

    public init(rows: [MiningDisturbanceParameters]) throws(MiningError) {
        var indexByCode = Array(repeating: -1, count: 4)
        for (position, row) in rows.enumerated() {
            let location = Self.location(of: row, position: position)
            do {
                try row.soil.validate(location: location)
            } catch {
                throw .soil(error)
            }
            guard row.magtOffset.isFinite, abs(row.magtOffset) <= 20 else {
                throw .invalidValue(
                    location: location, field: "magt_offset", value: row.magtOffset, requirement: "must be between -20 and 20 C")
            }
            // Pits deeper than a kilometre, dumps higher than 500 m or an influence wider than
            // 10 km are typing errors; a 1e7 m buffer would ask for a terabyte of halo.
            let bounded = [
                ("excavation_depth", row.excavationDepth, 1000.0), ("dump_thickness", row.dumpThickness, 500),
                ("buffer_m", row.bufferMetres, 10_000),
            ]
            for (field, value, limit) in bounded where !(value.isFinite && value >= 0 && value <= limit) {
                throw .invalidValue(location: location, field: field, value: value, requirement: "must be between 0 and \(Int(limit)) m")
            }
            if let age = row.ageYears, !(age.isFinite && (0...10_000).contains(age)) {
                throw .invalidValue(location: location, field: "age_years", value: age, requirement: "must be between 0 and 10000 years")
            }
            guard row.spoilIceContent.isFinite, (0...1).contains(row.spoilIceContent) else {
                throw .invalidValue(
                    location: location, field: "spoil_ice_content", value: row.spoilIceContent, requirement: "must be between 0 and 1 m3/m3"
                )
            }
            let previous = indexByCode[Int(row.type.rawValue)]
            guard previous < 0 else {
                throw .duplicateType(firstLocation: Self.location(of: rows[previous], position: previous), secondLocation: location)
            }
            indexByCode[Int(row.type.rawValue)] = position
        }
        self.rows = rows
        self.indexByCode = indexByCode
    }

    public func parameters(for type: DisturbanceType) -> MiningDisturbanceParameters? {
        let position = indexByCode[Int(type.rawValue)]
        return position < 0 ? nil : rows[position]
    }

    /// The widest influence buffer (m): the halo a block needs for exact distances.
    public var maximumBufferMetres: Double {
        rows.map(\.bufferMetres).max() ?? 0
    }

    /// Share w of a type's offset felt at `distanceMetres` from the disturbance: 1 inside
    /// (distance 0), falling linearly to 0 at the buffer width, 0 beyond (and with no buffer).
    public static func influenceWeight(distanceMetres: Double, bufferMetres: Double) -> Double {
        guard !distanceMetres.isNaN else { return 0 }
        if distanceMetres <= 0 { return 1 }
        guard bufferMetres > 0, distanceMetres < bufferMetres else { return 0 }
        return 1 - distanceMetres / bufferMetres
    }

    /// Parameters for a raster code; throws for a code outside 1...3 or a type with no row.
    func parameters(forCode code: UInt8) throws(MiningError) -> MiningDisturbanceParameters {
        guard let type = DisturbanceType(rawValue: code) else { throw .unknownDisturbanceCode(code) }
        guard let row = parameters(for: type) else { throw .missingDisturbanceType(type) }
        return row
    }

    private static func location(of row: MiningDisturbanceParameters, position: Int) -> String {
        "mining table row \(row.sourceRow ?? position + 1) (type \(row.type.rawValue) \"\(row.type.name)\")"
    }
}

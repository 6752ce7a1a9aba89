/// Thermal properties of a soil or rock for the column simulation. Its freezable water
/// (total minus unfrozen) freezes linearly between -freezingInterval and 0 C.
public struct SoilMaterial: Sendable, Equatable {
    public var name: String
    /// Thermal conductivity of the thawed and of the frozen material (W/m/K).
    public var conductivityThawed: Double
    public var conductivityFrozen: Double
    /// Volumetric heat capacity of the thawed and of the frozen material, water and ice
    /// included (J/m3/K).
    public var heatCapacityThawed: Double
    public var heatCapacityFrozen: Double
    /// Total volumetric water content theta (m3/m3).
    public var waterContent: Double
    /// Volumetric water content theta_u that stays liquid below the freezing interval (m3/m3).
    public var unfrozenWaterContent: Double
    /// Width (C) of the temperature interval below 0 C over which the freezable water freezes.
    public var freezingInterval: Double
    /// Dry bulk density rho_d (kg/m3): turns the volumetric water contents into the gravimetric
    /// ones of the Stefan equation (w = theta rho_w / rho_d).
    public var dryDensity: Double

    /// Density of water rho_w (kg/m3).
    public static let waterDensity = 1000.0
    public static let defaultFreezingInterval = 0.1

    public init(
        name: String, conductivityThawed: Double, conductivityFrozen: Double, heatCapacityThawed: Double,
        heatCapacityFrozen: Double, waterContent: Double, unfrozenWaterContent: Double,
        freezingInterval: Double = SoilMaterial.defaultFreezingInterval, dryDensity: Double
    ) {
        self.name = name
        self.conductivityThawed = conductivityThawed
        self.conductivityFrozen = conductivityFrozen
        self.heatCapacityThawed = heatCapacityThawed
        self.heatCapacityFrozen = heatCapacityFrozen
        self.waterContent = waterContent
        self.unfrozenWaterContent = unfrozenWaterContent
        self.freezingInterval = freezingInterval
        self.dryDensity = dryDensity
    }

    /// Heat released per m3 when all freezable water freezes: L rho_w (theta - theta_u) (J/m3).
    public var volumetricLatentHeat: Double {
        SoilThermalProperties.latentHeatOfFusion * Self.waterDensity * (waterContent - unfrozenWaterContent)
    }

    /// The Stefan-equation parameters of this material (METHOD section 5) with the given n-factor.
    public func stefanProperties(nFactor: Double = 1) -> SoilThermalProperties {
        SoilThermalProperties(
            lambdaThawed: conductivityThawed, dryDensity: dryDensity,
            waterContent: waterContent * Self.waterDensity / dryDensity,
            unfrozenWaterContent: unfrozenWaterContent * Self.waterDensity / dryDensity, nFactor: nFactor)
    }

    /// Checks every property. Errors name `location` and the property by its file key
    /// (`conductivity_thawed`, ...), so that readers can point at the line.
    public func validate(location: String) throws(SimulationError) {
        let positive = [
            ("conductivity_thawed", conductivityThawed), ("conductivity_frozen", conductivityFrozen),
            ("heat_capacity_thawed", heatCapacityThawed), ("heat_capacity_frozen", heatCapacityFrozen),
            ("freezing_interval", freezingInterval), ("dry_density", dryDensity),
        ]
        for (field, value) in positive where !(value.isFinite && value > 0) {
            throw .invalidValue(location: location, field: field, value: value, requirement: "must be a positive number")
        }
        guard waterContent.isFinite, (0...1).contains(waterContent) else {
            throw .invalidValue(
                location: location, field: "water_content", value: waterContent, requirement: "must be between 0 and 1 (m3/m3)")
        }
        guard unfrozenWaterContent.isFinite, (0...waterContent).contains(unfrozenWaterContent) else {
            throw .invalidValue(
                location: location, field: "unfrozen_water_content", value: unfrozenWaterContent,
                requirement: "must be between 0 and water_content \(waterContent)")
        }
    }
}

/// One layer of a column: a material over a thickness (m).
public struct ColumnLayer: Sendable, Equatable {
    public var thickness: Double
    public var material: SoilMaterial

    public init(thickness: Double, material: SoilMaterial) {
        self.thickness = thickness
        self.material = material
    }

    public func validate(location: String) throws(SimulationError) {
        guard thickness.isFinite, thickness > 0 else {
            throw .invalidValue(location: location, field: "thickness", value: thickness, requirement: "must be a positive number")
        }
        try material.validate(location: location)
    }
}

/// Volumetric enthalpy E (J/m3) against temperature T (C) for one material, and back.
///
/// Zero enthalpy is the fully frozen state at T = -w (w the freezing interval). Below it the
/// slope is the frozen heat capacity; between -w and 0 C the freezable water's latent heat
/// L rho_w (theta - theta_u) is released evenly, on top of the mean of the two sensible heat
/// capacities; above 0 C the slope is the thawed capacity. The relation is piecewise linear,
/// so T(E) is exact within a regime and Newton's method on E needs one solve once no cell
/// changes regime.
public struct PhaseChangeRelation: Sendable, Equatable {
    public let freezingInterval: Double
    /// Enthalpy at 0 C, where the freezable water is all liquid (J/m3).
    public let liquidusEnthalpy: Double
    public let conductivityFrozen: Double
    public let conductivityThawed: Double
    private let frozenCapacity: Double
    private let thawedCapacity: Double
    /// dE/dT between -w and 0 C: sensible plus latent heat per degree.
    private let mushySlope: Double
    // Reciprocals: the solver evaluates T(E) for every cell in every iteration.
    private let inverseFrozenCapacity: Double
    private let inverseThawedCapacity: Double
    private let inverseMushySlope: Double
    private let inverseLiquidusEnthalpy: Double

    public init(material: SoilMaterial) {
        freezingInterval = material.freezingInterval
        frozenCapacity = material.heatCapacityFrozen
        thawedCapacity = material.heatCapacityThawed
        mushySlope =
            (material.heatCapacityFrozen + material.heatCapacityThawed) / 2 + material.volumetricLatentHeat / material.freezingInterval
        liquidusEnthalpy = mushySlope * material.freezingInterval
        conductivityFrozen = material.conductivityFrozen
        conductivityThawed = material.conductivityThawed
        inverseFrozenCapacity = 1 / frozenCapacity
        inverseThawedCapacity = 1 / thawedCapacity
        inverseMushySlope = 1 / mushySlope
        inverseLiquidusEnthalpy = 1 / liquidusEnthalpy
    }

    /// Temperature, dT/dE and the thawed fraction of the freezable water at an enthalpy.
    public struct State: Sendable, Equatable {
        public var temperature: Double
        public var slope: Double
        public var liquidFraction: Double
    }

    @inline(__always)
    public func state(enthalpy: Double) -> State {
        if enthalpy <= 0 {
            return State(temperature: enthalpy * inverseFrozenCapacity - freezingInterval, slope: inverseFrozenCapacity, liquidFraction: 0)
        }
        if enthalpy < liquidusEnthalpy {
            return State(
                temperature: enthalpy * inverseMushySlope - freezingInterval, slope: inverseMushySlope,
                liquidFraction: enthalpy * inverseLiquidusEnthalpy)
        }
        return State(temperature: (enthalpy - liquidusEnthalpy) * inverseThawedCapacity, slope: inverseThawedCapacity, liquidFraction: 1)
    }

    public func enthalpy(temperature: Double) -> Double {
        if temperature <= -freezingInterval { return (temperature + freezingInterval) * frozenCapacity }
        if temperature < 0 { return (temperature + freezingInterval) * mushySlope }
        return liquidusEnthalpy + temperature * thawedCapacity
    }

    /// Conductivity (W/m/K), linear in the thawed fraction between the frozen and thawed values.
    @inline(__always)
    public func conductivity(liquidFraction: Double) -> Double {
        conductivityFrozen + (conductivityThawed - conductivityFrozen) * liquidFraction
    }
}

/// A layered column and a monthly forcing for the `simulate` tests and the column-file fuzz
/// test. Line numbers matter: error tests point at them.
public enum SimulationFixtures {
    public static let column = """
        geothermal_flux: 0.06
        layers:
          - name: peaty silt
            thickness: 0.8
            conductivity_thawed: 0.9
            conductivity_frozen: 1.4
            heat_capacity_thawed: 3.0e6
            heat_capacity_frozen: 2.1e6
            water_content: 0.45
            unfrozen_water_content: 0.06
            dry_density: 900
          - name: ice-rich silty clay
            thickness: 4.2
            conductivity_thawed: 1.3
            conductivity_frozen: 1.9
            heat_capacity_thawed: 2.7e6
            heat_capacity_frozen: 2.0e6
            water_content: 0.38
            unfrozen_water_content: 0.08
            dry_density: 1350
          - name: weathered mudstone
            thickness: 25
            conductivity_thawed: 1.8
            conductivity_frozen: 2.1
            heat_capacity_thawed: 2.2e6
            heat_capacity_frozen: 2.0e6
            water_content: 0.12
            unfrozen_water_content: 0.03
            dry_density: 2200
        spoil:
          name: waste rock
          conductivity_thawed: 1.9
          conductivity_frozen: 2.1
          heat_capacity_thawed: 1.9e6
          heat_capacity_frozen: 1.8e6
          water_content: 0.08
          unfrozen_water_content: 0.02
          dry_density: 1900

        """
    public static let monthly = "-17.5, -14.2, -7.9, -1.2, 4.3, 8.0, 10.4, 9.6, 5.0, -2.1, -10.6, -15.8"
    public static let forcing = """
        monthly: [\(monthly)]
        n_thawing: 0.9
        n_freezing: 0.8

        """
}

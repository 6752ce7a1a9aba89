import AtlasCore

/// How the command line words the parameters library errors mention: their flags. `run`
/// and `demo` word configuration keys instead (`ParameterNaming.configuration`), falling
/// back to these flags for what only the command line sets (`--tile`, `--overwrite`).
extension ParameterNaming {
    static let commandLine = ParameterNaming(name: { flag(for: $0) }, setting: { "\(flag(for: $0)) \($1)" })

    static let runConfiguration = ParameterNaming.configuration(fallback: .commandLine)

    private static func flag(for parameter: AtlasParameter) -> String {
        switch parameter {
        case .bands: "--bands"
        case .temperature: "--temperature"
        case .vegetation: "--vegetation"
        case .magt: "--magt"
        case .disturbance: "--disturbance"
        case .models: "--models"
        case .bandRoles: "--band-roles"
        case .indices: "--indices"
        case .kelvin: "--kelvin"
        case .lapseRate: "--lapse-rate"
        case .predictors: "--predictors"
        case .unseenVegetation: "--unseen-vegetation"
        case .year: "--year"
        case .ignoreBandNames: "--ignore-band-names"
        case .slope: "--slope"
        case .aspect: "--aspect"
        case .northness: "--northness"
        case .eastness: "--eastness"
        case .overwrite: "--overwrite"
        case .tile: "--tile"
        case .fitOnly: "--fit-only"
        case .maxSize: "--max-size"
        case .range: "--range"
        case .ramp: "--ramp"
        case .tileFolders: "mosaic"
        }
    }
}

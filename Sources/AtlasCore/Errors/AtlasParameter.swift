/// A value the user sets: a command's flag, a key of the run configuration, or both. Library
/// errors name the value by this identity and leave its wording to the front end
/// (`ParameterNaming`): `--band-roles` on a command line, `vegetation.band_roles` in a
/// configuration.
public enum AtlasParameter: String, Sendable, CaseIterable {
    // Inputs.
    case bands, temperature, vegetation, magt, disturbance, models
    // Settings.
    case bandRoles, indices, kelvin, predictors, unseenVegetation, year, ignoreBandNames, lapseRate
    // Outputs and modes.
    case slope, aspect, northness, eastness, overwrite, tile, fitOnly, maxSize, range, ramp, tileFolders

    /// Plain words, for messages no front end words (library use).
    public var words: String {
        switch self {
        case .bandRoles: "band roles"
        case .unseenVegetation: "unseen vegetation"
        case .fitOnly: "fit only"
        case .maxSize: "maximum size"
        case .lapseRate: "lapse rate"
        case .tileFolders: "tile folders"
        default: rawValue
        }
    }
}

/// How a front end words the parameters an error mentions: its flag on the command line, its
/// key in the run configuration, plain words for library users.
public struct ParameterNaming: Sendable {
    /// The parameter's name ("--band-roles").
    public let name: @Sendable (AtlasParameter) -> String
    /// The parameter set to a value ("--band-roles red=3,nir=4").
    public let setting: @Sendable (AtlasParameter, String) -> String

    public init(name: @escaping @Sendable (AtlasParameter) -> String, setting: @escaping @Sendable (AtlasParameter, String) -> String) {
        self.name = name
        self.setting = setting
    }

    /// Plain words ("band roles"): the `description` of errors that no front end words.
    public static let plain = ParameterNaming(name: { $0.words }, setting: { "\($0.words) \($1)" })

    /// The keys of a run configuration (Docs/CONFIG.md) for the parameters it has, and
    /// `fallback` (the command's flags) for those it has not, such as `--tile`.
    public static func configuration(fallback: ParameterNaming) -> ParameterNaming {
        ParameterNaming(
            name: { AtlasConfig.key(for: $0) ?? fallback.name($0) },
            setting: { parameter, value in AtlasConfig.key(for: parameter).map { "\($0): \(value)" } ?? fallback.setting(parameter, value) }
        )
    }
}

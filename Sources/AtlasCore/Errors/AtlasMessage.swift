/// The words of an error, with the parameters it mentions kept as parameters until a front
/// end words them: `"needs the red band; give \(.bandRoles, "red=3,nir=4")"` reads
/// "give --band-roles red=3,nir=4" on the command line and "give vegetation.band_roles:
/// red=3,nir=4" for `run`.
public struct AtlasMessage: Sendable, Equatable, ExpressibleByStringInterpolation, CustomStringConvertible {
    enum Piece: Sendable, Equatable {
        case text(String)
        case parameter(AtlasParameter, setting: String?)
    }

    private(set) var pieces: [Piece]

    public init(stringLiteral value: String) { pieces = [.text(value)] }

    /// Adjacent text is merged, so two messages with the same words and parameters are equal
    /// however they were written.
    public init(stringInterpolation: Interpolation) {
        pieces = []
        for piece in stringInterpolation.pieces {
            if case .text(let text) = piece, case .text(let previous)? = pieces.last {
                pieces[pieces.count - 1] = .text(previous + text)
            } else {
                pieces.append(piece)
            }
        }
    }

    public struct Interpolation: StringInterpolationProtocol {
        var pieces: [Piece] = []

        public init(literalCapacity: Int, interpolationCount: Int) {}

        public mutating func appendLiteral(_ literal: String) { pieces.append(.text(literal)) }

        public mutating func appendInterpolation<T>(_ value: T) { pieces.append(.text(String(describing: value))) }

        /// A parameter, worded by the front end ("--kelvin", "thaw.kelvin").
        public mutating func appendInterpolation(_ parameter: AtlasParameter) {
            pieces.append(.parameter(parameter, setting: nil))
        }

        /// A parameter with the value to give it ("--unseen-vegetation nodata").
        public mutating func appendInterpolation(_ parameter: AtlasParameter, _ setting: String) {
            pieces.append(.parameter(parameter, setting: setting))
        }

        /// A value the user wrote, quoted, on one line and at most 80 characters: a 10 MB
        /// value or a control character is never echoed whole.
        public mutating func appendInterpolation(quoted value: String) {
            pieces.append(.text(AtlasMessage.quote(value)))
        }
    }

    public func text(_ naming: ParameterNaming) -> String {
        pieces.map { piece in
            switch piece {
            case .text(let text): text
            case .parameter(let parameter, let setting): setting.map { naming.setting(parameter, $0) } ?? naming.name(parameter)
            }
        }.joined()
    }

    public var description: String { text(.plain) }

    /// `value` in double quotes, control characters escaped, cut to 80 characters.
    public static func quote(_ value: String, limit: Int = 80) -> String {
        var escaped = ""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            case "\"": escaped += "\\\""
            default:
                escaped +=
                    scalar.properties.generalCategory == .control || scalar == "\0"
                    ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
            }
        }
        let cut = escaped.count > limit ? String(escaped.prefix(limit)) + "... (\(value.count) characters)" : escaped
        return "\"\(cut)\""
    }
}

import AtlasFoundation

/// Why a synthetic scene cannot be made: a size too small for what it must hold (bad
/// input), or a coordinate transformation PROJ refused (a failure while running).
public enum SynthesisError: AtlasFailure, Equatable {
    /// The scene is too small; `file` names the output that could not be placed, if one.
    case tooSmall(file: String?, reason: String)
    case projection(String)

    public var kind: FailureKind {
        if case .projection = self { return .runtime }
        return .badInput
    }

    public var reason: String {
        switch self {
        case .tooSmall(_, let reason), .projection(let reason): reason
        }
    }

    public var description: String {
        switch self {
        case .tooSmall(let file?, let reason): "\(file): \(reason)"
        default: reason
        }
    }
}

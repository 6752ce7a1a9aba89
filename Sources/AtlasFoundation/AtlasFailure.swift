import Foundation

/// Whether a failure is the user's input (exit code 2) or something that went wrong while
/// running (exit code 1). Each front end maps this to its exit status.
public enum FailureKind: Sendable {
    case badInput
    case runtime

    public var exitCode: Int32 {
        switch self {
        case .badInput: return 2
        case .runtime: return 1
        }
    }
}

/// What every library's typed error offers a front end: the kind (hence the exit code), the
/// one-line `description` naming the file, row or field, and the `reason` alone (without the
/// file), for messages that name the file themselves.
public protocol AtlasFailure: Error, CustomStringConvertible, Sendable {
    var kind: FailureKind { get }
    var reason: String { get }
}

import AtlasFoundation

/// An error caused by the user's data or parameters (a table row, a threshold, a class code),
/// as opposed to a failure while running: always bad input (exit code 2). `description` is
/// one line naming the row, field, class or band.
public protocol InvalidInputError: AtlasFailure {}

extension InvalidInputError {
    public var kind: FailureKind { .badInput }
    public var reason: String { description }
}

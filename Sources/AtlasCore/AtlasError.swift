import AtlasFoundation

/// A pipeline failure with the exit-code kind the CLI reports: one line naming the file and
/// the row, field or band.
public struct AtlasError: AtlasFailure {
    public let kind: FailureKind
    public let message: String

    public init(_ kind: FailureKind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public static func badInput(_ message: String) -> AtlasError { AtlasError(.badInput, message) }
    public static func runtime(_ message: String) -> AtlasError { AtlasError(.runtime, message) }

    public var reason: String { message }
    public var description: String { message }
}

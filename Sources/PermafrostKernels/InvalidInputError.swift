/// An error caused by the user's data or parameters (a table row, a threshold, a class code),
/// as opposed to a failure while running. The CLI exits with code 2 for these; `description`
/// is one line naming the row, field, class or band.
public protocol InvalidInputError: Error, CustomStringConvertible {}

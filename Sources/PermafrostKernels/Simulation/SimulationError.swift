/// An unusable column, forcing or setting of the column simulation. `field` is the key of the
/// column or forcing file, so that readers can point at its line.
public enum SimulationError: InvalidInputError, Equatable {
    case invalidValue(location: String, field: String, value: Double, requirement: String)
    case wrongValueCount(location: String, field: String, count: Int, expected: String)
    case emptyColumn
    case depthOutsideColumn(depth: Double, columnDepth: Double)
    case noConvergence(day: Double, timeStepHours: Double)

    public var description: String {
        switch self {
        case .invalidValue(let location, let field, let value, let requirement):
            return "\(location): \(field) \(value) \(requirement)"
        case .wrongValueCount(let location, let field, let count, let expected):
            return "\(location): \(field) has \(count) values, expected \(expected)"
        case .emptyColumn:
            return "the column has no layers"
        case .depthOutsideColumn(let depth, let columnDepth):
            return "MAGT depth \(depth) m is outside the simulated column (0 to \(columnDepth) m)"
        case .noConvergence(let day, let hours):
            return
                "the heat-conduction iterations did not converge on day \(day) even with the \(hours) h step split 256 times; check the column's properties"
        }
    }
}

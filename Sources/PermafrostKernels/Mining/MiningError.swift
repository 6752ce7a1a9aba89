public enum MiningError: InvalidInputError, Equatable {
    case soil(SoilParameterError)
    case groundIce(GroundIceError)
    case invalidValue(location: String, field: String, value: Double, requirement: String)
    case duplicateType(firstLocation: String, secondLocation: String)
    case missingDisturbanceType(DisturbanceType)
    case unknownDisturbanceCode(UInt8)
    case invalidGrid(width: Int, height: Int, count: Int)
    case invalidPixelSize(width: Double, height: Double)
    case invalidPixelArea(Double)
    case bufferLengthMismatch(buffer: String, count: Int, expected: Int)
    case invalidClassCount(Int)
    case classCodeOutOfRange(buffer: String, code: UInt8, classCount: Int)
    case classCountMismatch(Int, Int)

    public var description: String {
        switch self {
        case .soil(let error):
            return error.description
        case .groundIce(let error):
            return error.description
        case .invalidValue(let location, let field, let value, let requirement):
            return "\(location): \(field) \(value) \(requirement)"
        case .duplicateType(let first, let second):
            return "\(second): disturbance type already defined in \(first)"
        case .missingDisturbanceType(let type):
            return "disturbance type \(type.rawValue) \"\(type.name)\" occurs in the mining raster but not in the mining table"
        case .unknownDisturbanceCode(let code):
            return "disturbance code \(code) is not a disturbance type (1 pit, 2 dump, 3 other)"
        case .invalidGrid(let width, let height, let count):
            return "disturbance grid \(width) x \(height) does not match its \(count) values"
        case .invalidPixelSize(let width, let height):
            return "pixel size \(width) x \(height) m must be positive"
        case .invalidPixelArea(let area):
            return "pixel area \(area) m^2 must be positive"
        case .bufferLengthMismatch(let buffer, let count, let expected):
            return "\(buffer) buffer has \(count) values but the block has \(expected) pixels"
        case .invalidClassCount(let count):
            return "transition matrix class count \(count) must be between 1 and 255"
        case .classCodeOutOfRange(let buffer, let code, let classCount):
            return "\(buffer) class code \(code) exceeds the transition matrix's \(classCount) classes"
        case .classCountMismatch(let first, let second):
            return "cannot merge transition matrices of \(first) and \(second) classes"
        }
    }
}

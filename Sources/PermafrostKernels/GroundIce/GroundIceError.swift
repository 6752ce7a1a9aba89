public enum GroundIceError: InvalidInputError, Equatable {
    case reservedZoneCode(location: String)
    case invalidDepth(location: String, field: String, value: Double, requirement: String)
    case iceContentOutOfRange(location: String, value: Double)
    case overlappingStrata(firstLocation: String, secondLocation: String)
    case unknownZone(UInt8)
    case invalidDepthLimit(Double)
    case wrongThresholdCount(Int)
    case iceThresholdOutOfRange(index: Int, value: Double)
    case iceThresholdsNotIncreasing(index: Int, value: Double, previous: Double)
    case bufferLengthMismatch(buffer: String, count: Int, expected: Int)

    public var description: String {
        switch self {
        case .reservedZoneCode(let location):
            return "\(location): zone code 0 is reserved for nodata"
        case .invalidDepth(let location, let field, let value, let requirement):
            return "\(location): \(field) \(value) m \(requirement)"
        case .iceContentOutOfRange(let location, let value):
            return "\(location): ice_content \(value) must be a volumetric fraction between 0 and 1"
        case .overlappingStrata(let first, let second):
            return "\(second) overlaps \(first); layers of one zone must not overlap"
        case .unknownZone(let code):
            return "zone code \(code) occurs in the zone raster but not in the strata table"
        case .invalidDepthLimit(let value):
            return "ground-ice depth limit \(value) m must be a positive number"
        case .wrongThresholdCount(let count):
            return "ice content thresholds: \(count) values given, 4 required (5 classes)"
        case .iceThresholdOutOfRange(let index, let value):
            return "ice content threshold \(index) is \(value); thresholds must lie between 0 and 1"
        case .iceThresholdsNotIncreasing(let index, let value, let previous):
            return "ice content threshold \(index) (\(value)) must be greater than threshold \(index - 1) (\(previous))"
        case .bufferLengthMismatch(let buffer, let count, let expected):
            return "\(buffer) buffer has \(count) values but the block has \(expected) pixels"
        }
    }
}

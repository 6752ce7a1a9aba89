/// Ground-ice class from the mean volumetric ice content between the permafrost table
/// and the depth limit. Raster code = raw value (1...5); 0 is nodata.
public enum IceContentClass: UInt8, CaseIterable, Sendable {
    case icePoor = 1
    case iceBearing = 2
    case iceRich = 3
    case iceSaturated = 4
    case iceLayerWithSoil = 5

    public var name: String {
        switch self {
        case .icePoor: "ice-poor"
        case .iceBearing: "ice-bearing"
        case .iceRich: "ice-rich"
        case .iceSaturated: "ice-saturated"
        case .iceLayerWithSoil: "ice layer with soil"
        }
    }

    /// The four volumetric-content boundaries between the five classes, strictly
    /// increasing within 0...1. A value equal to a boundary belongs to the icier class.
    public struct Thresholds: Sendable, Equatable {
        public let boundaries: [Double]

        /// 0.1, 0.2, 0.3, 0.5 m^3/m^3.
        public static let standard = Thresholds(unchecked: [0.1, 0.2, 0.3, 0.5])

        public init(_ boundaries: [Double]) throws(GroundIceError) {
            guard boundaries.count == 4 else { throw .wrongThresholdCount(boundaries.count) }
            for (index, value) in boundaries.enumerated() {
                guard value.isFinite, (0...1).contains(value) else {
                    throw .iceThresholdOutOfRange(index: index + 1, value: value)
                }
                if index > 0, value <= boundaries[index - 1] {
                    throw .iceThresholdsNotIncreasing(index: index + 1, value: value, previous: boundaries[index - 1])
                }
            }
            self.boundaries = boundaries
        }

        private init(unchecked boundaries: [Double]) {
            self.boundaries = boundaries
        }
    }

    /// The class of a mean volumetric ice content; nil for NaN. Classifies the Float value
    /// as stored in the mean-content raster, so re-classifying that raster agrees.
    public static func classify(meanIceContent: Float, thresholds: Thresholds = .standard) -> IceContentClass? {
        guard !meanIceContent.isNaN else { return nil }
        let value = Double(meanIceContent)
        var code: UInt8 = 1
        for boundary in thresholds.boundaries where value >= boundary {
            code += 1
        }
        return IceContentClass(rawValue: code)
    }
}

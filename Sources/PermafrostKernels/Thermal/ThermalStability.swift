/// Thermal stability of permafrost from MAGT, after the Cheng (1984) scheme used on the
/// Qinghai-Tibet Plateau. Raster code = raw value (1...6); 0 is nodata. Classes 1-5 are
/// permafrost and class 6 is ground without permafrost, by definition the same pixels as the
/// permafrost map's (`classify(magt:thresholds:permafrostThreshold:)`).
public enum ThermalStabilityClass: UInt8, CaseIterable, Sendable {
    case extremelyStable = 1
    case stable = 2
    case subStable = 3
    case transitional = 4
    case unstable = 5
    case extremelyUnstable = 6

    public var name: String {
        switch self {
        case .extremelyStable: "extremely stable"
        case .stable: "stable"
        case .subStable: "sub-stable"
        case .transitional: "transitional"
        case .unstable: "unstable"
        case .extremelyUnstable: "seasonally frozen ground (no permafrost)"
        }
    }

    /// The five MAGT boundaries (C) between the six classes, strictly increasing.
    /// A value equal to a boundary belongs to the warmer class.
    public struct Thresholds: Sendable, Equatable {
        public let boundaries: [Double]

        /// Cheng (1984): -5.0, -3.0, -1.5, -0.5, +0.5 C.
        public static let standard = Thresholds(unchecked: [-5.0, -3.0, -1.5, -0.5, 0.5])

        public init(_ boundaries: [Double]) throws(ThermalStabilityError) {
            guard boundaries.count == 5 else { throw .wrongThresholdCount(boundaries.count) }
            for (index, value) in boundaries.enumerated() {
                guard value.isFinite else { throw .nonFiniteThreshold(index: index + 1, value: value) }
                if index > 0, value <= boundaries[index - 1] {
                    throw .thresholdsNotIncreasing(index: index + 1, value: value, previous: boundaries[index - 1])
                }
            }
            self.boundaries = boundaries
        }

        private init(unchecked boundaries: [Double]) {
            self.boundaries = boundaries
        }
    }

    /// The class of one MAGT value (C); nil for NaN. Ground at or above the permafrost
    /// threshold is class 6 whatever the boundaries say, and permafrost is at most class 5:
    /// with Cheng's +0.5 C boundary and the usual 0 C threshold, MAGT from 0 to +0.5 C was
    /// "unstable permafrost" here but "no permafrost" in the permafrost map.
    public static func classify(magt: Float, thresholds: Thresholds = .standard, permafrostThreshold: Double = 0) -> ThermalStabilityClass?
    {
        guard !magt.isNaN else { return nil }
        let value = Double(magt)
        guard value < permafrostThreshold else { return .extremelyUnstable }
        var code: UInt8 = 1
        for boundary in thresholds.boundaries where value >= boundary {
            code += 1
        }
        return ThermalStabilityClass(rawValue: min(code, ThermalStabilityClass.unstable.rawValue))
    }

    /// Class codes (1...6, 0 for NaN) of a block of MAGT values.
    public static func classCodes(magt: [Float], thresholds: Thresholds = .standard, permafrostThreshold: Double = 0) -> [UInt8] {
        magt.map { classify(magt: $0, thresholds: thresholds, permafrostThreshold: permafrostThreshold)?.rawValue ?? 0 }
    }
}

public enum ThermalStabilityError: InvalidInputError, Equatable {
    case wrongThresholdCount(Int)
    case nonFiniteThreshold(index: Int, value: Double)
    case thresholdsNotIncreasing(index: Int, value: Double, previous: Double)

    public var description: String {
        switch self {
        case .wrongThresholdCount(let count):
            return "thermal stability thresholds: \(count) values given, 5 required (6 classes)"
        case .nonFiniteThreshold(let index, let value):
            return "thermal stability threshold \(index) is \(value); thresholds must be finite"
        case .thresholdsNotIncreasing(let index, let value, let previous):
            return "thermal stability threshold \(index) (\(value)) must be greater than threshold \(index - 1) (\(previous))"
        }
    }
}

/// Thawing and freezing indices (degree-days, C day) from a per-pixel series of
/// temperatures: 12 monthly means (January first) or 365/366 daily means.
///
/// DDT = sum over steps of max(T, 0) * days in step; DDF = sum of -min(T, 0) * days,
/// reported as a positive number. A NaN in any step makes both indices NaN for that pixel.
public enum ThawingIndex {
    public enum TemperatureUnit: Sendable, Equatable {
        case celsius
        /// Values are converted with T - 273.15 before any sum.
        case kelvin
    }

    /// Thawing (DDT) and freezing (DDF) index of a block, one value per pixel.
    public struct DegreeDays: Sendable, Equatable {
        public var thawingIndex: [Float]
        public var freezingIndex: [Float]
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// Days per month, January first; February has 29 days only when `year` is a leap year.
    public static func monthLengths(year: Int? = nil) -> [Int] {
        let february = year.map { isLeapYear($0) ? 29 : 28 } ?? 28
        return [31, february, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    }

    /// Length in days of each temperature step for a series of `bandCount` steps.
    /// 12 steps are months; 365 or 366 are days (checked against `year` when given).
    public static func stepLengths(bandCount: Int, year: Int? = nil) throws(ThawingIndexError) -> [Double] {
        switch bandCount {
        case 12:
            return monthLengths(year: year).map(Double.init)
        case 365, 366:
            if let year {
                let daysInYear = isLeapYear(year) ? 366 : 365
                guard daysInYear == bandCount else {
                    throw .dailyBandCountMismatch(bandCount: bandCount, year: year, daysInYear: daysInYear)
                }
            }
            return Array(repeating: 1, count: bandCount)
        default:
            throw .unsupportedBandCount(bandCount)
        }
    }

    /// Degree-days of a block from a band-major buffer: band b of pixel i is
    /// `temperatures[b * pixelCount + i]`, with 12 or 365/366 bands.
    public static func degreeDays(
        bandMajorTemperatures temperatures: [Float],
        pixelCount: Int,
        unit: TemperatureUnit = .celsius,
        year: Int? = nil
    ) throws(ThawingIndexError) -> DegreeDays {
        guard pixelCount > 0, temperatures.count % pixelCount == 0 else {
            throw .bufferNotWholeBands(bufferCount: temperatures.count, pixelCount: pixelCount)
        }
        let bandCount = temperatures.count / pixelCount
        var accumulator = try Accumulator(pixelCount: pixelCount, bandCount: bandCount, unit: unit, year: year)
        try temperatures.withUnsafeBufferPointer { (all) throws(ThawingIndexError) in
            for band in 0..<bandCount {
                try accumulator.add(band: UnsafeBufferPointer(rebasing: all[(band * pixelCount)..<((band + 1) * pixelCount)]))
            }
        }
        return try accumulator.result()
    }

    /// Sums degree-days one band at a time, so a caller reading 365 daily bands
    /// never holds more than one band of the block. Bands must arrive in time order.
    public struct Accumulator: Sendable {
        public let pixelCount: Int
        public let bandCount: Int
        private let unit: TemperatureUnit
        private let stepDays: [Double]
        private var bandsAdded = 0
        // Double sums: 366 Float additions would otherwise lose about 0.01 C day.
        private var thawing: [Double]
        private var freezing: [Double]

        public init(pixelCount: Int, bandCount: Int, unit: TemperatureUnit = .celsius, year: Int? = nil) throws(ThawingIndexError) {
            stepDays = try ThawingIndex.stepLengths(bandCount: bandCount, year: year)
            self.pixelCount = pixelCount
            self.bandCount = bandCount
            self.unit = unit
            thawing = Array(repeating: 0, count: pixelCount)
            freezing = Array(repeating: 0, count: pixelCount)
        }

        /// Adds the next band (in time order) of the block.
        public mutating func add(band: [Float]) throws(ThawingIndexError) {
            try band.withUnsafeBufferPointer { (values) throws(ThawingIndexError) in try add(band: values) }
        }

        /// Adds the next band (in time order) of the block.
        public mutating func add(band: UnsafeBufferPointer<Float>) throws(ThawingIndexError) {
            guard bandsAdded < bandCount else {
                throw .tooManyBands(expected: bandCount)
            }
            guard band.count == pixelCount else {
                throw .bandLengthMismatch(band: bandsAdded + 1, count: band.count, pixelCount: pixelCount)
            }
            let days = stepDays[bandsAdded]
            let offset = unit == .kelvin ? 273.15 : 0
            var pixel = 0
            for value in band {
                // NaN propagates through both sums, so a gap anywhere in the series marks the pixel.
                let celsius = Double(value) - offset
                if celsius > 0 {
                    thawing[pixel] += celsius * days
                } else if celsius < 0 {
                    freezing[pixel] -= celsius * days
                } else if celsius.isNaN {
                    thawing[pixel] = .nan
                    freezing[pixel] = .nan
                }
                pixel += 1
            }
            bandsAdded += 1
        }

        /// The indices once every band has been added.
        public func result() throws(ThawingIndexError) -> DegreeDays {
            guard bandsAdded == bandCount else {
                throw .missingBands(added: bandsAdded, expected: bandCount)
            }
            return DegreeDays(thawingIndex: thawing.map { Float($0) }, freezingIndex: freezing.map { Float($0) })
        }
    }
}

public enum ThawingIndexError: InvalidInputError, Equatable {
    case unsupportedBandCount(Int)
    case dailyBandCountMismatch(bandCount: Int, year: Int, daysInYear: Int)
    case bufferNotWholeBands(bufferCount: Int, pixelCount: Int)
    case bandLengthMismatch(band: Int, count: Int, pixelCount: Int)
    case tooManyBands(expected: Int)
    case missingBands(added: Int, expected: Int)

    public var description: String {
        switch self {
        case .unsupportedBandCount(let count):
            return "temperature series has \(count) bands; expected 12 monthly means or 365/366 daily means"
        case .dailyBandCountMismatch(let count, let year, let days):
            return "temperature series has \(count) daily bands but year \(year) has \(days) days"
        case .bufferNotWholeBands(let bufferCount, let pixelCount):
            return "temperature buffer of \(bufferCount) values is not a whole number of bands of \(pixelCount) pixels"
        case .bandLengthMismatch(let band, let count, let pixelCount):
            return "temperature band \(band) has \(count) values but the block has \(pixelCount) pixels"
        case .tooManyBands(let expected):
            return "more temperature bands added than the \(expected) declared"
        case .missingBands(let added, let expected):
            return "only \(added) of \(expected) temperature bands were added"
        }
    }
}

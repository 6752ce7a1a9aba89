import Foundation

/// The annual temperature cycle that drives a column, repeated every year.
///
/// The series is the air temperature; the ground surface sees n_thawing T when T > 0 and
/// n_freezing T otherwise (both 1 when the series is already a ground-surface temperature).
public struct SurfaceForcing: Sendable, Equatable {
    public enum Series: Sendable, Equatable {
        /// T(t) = mean - amplitude cos(2 pi (t - coldestDay) / periodDays), t in days from 1 January.
        case sinusoid(mean: Double, amplitude: Double, coldestDay: Double, periodDays: Double)
        /// 12 monthly means, January first, placed at mid-month of a 365-day year and
        /// interpolated linearly (cyclically) to the time step.
        case monthlyMeans([Double])
        /// 365 daily means, 1 January first, placed at mid-day and interpolated linearly.
        case dailyMeans([Double])
    }

    public var series: Series
    public var thawingNFactor: Double
    public var freezingNFactor: Double

    public init(series: Series, thawingNFactor: Double = 1, freezingNFactor: Double = 1) {
        self.series = series
        self.thawingNFactor = thawingNFactor
        self.freezingNFactor = freezingNFactor
    }

    static let daysPerYear = 365.0
    /// Day of the middle of each month of a 365-day year, counted from 1 January 0:00.
    static let midMonthDays: [Double] = {
        var start = 0.0
        return [31.0, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31].map { length in
            defer { start += length }
            return start + length / 2
        }
    }()

    /// Length of the cycle (days): one year, or the sinusoid's period.
    public var periodDays: Double {
        if case .sinusoid(_, _, _, let period) = series { return period }
        return Self.daysPerYear
    }

    /// Air temperature (C) at `day` days after the start of the cycle.
    public func airTemperature(atDay day: Double) -> Double {
        switch series {
        case .sinusoid(let mean, let amplitude, let coldestDay, let period):
            return mean - amplitude * cos(2 * .pi * (day - coldestDay) / period)
        case .monthlyMeans(let means):
            return Self.cyclicInterpolation(means, at: Self.midMonthDays, day: day)
        case .dailyMeans(let means):
            return Self.cyclicInterpolation(means, at: means.indices.map { Double($0) + 0.5 }, day: day)
        }
    }

    /// Ground-surface temperature (C): the air temperature times the season's n-factor.
    public func surfaceTemperature(atDay day: Double) -> Double {
        let air = airTemperature(atDay: day)
        return air > 0 ? thawingNFactor * air : freezingNFactor * air
    }

    /// Thawing index (C day) of the air series sampled at the end of each of `steps` equal steps
    /// of the cycle, as the simulation sees it.
    public func airThawingIndex(steps: Int) -> Double {
        let stepDays = periodDays / Double(steps)
        return (1...steps).reduce(0) { $0 + max(airTemperature(atDay: Double($1) * stepDays), 0) * stepDays }
    }

    public func validate() throws(SimulationError) {
        for (field, value) in [("n_thawing", thawingNFactor), ("n_freezing", freezingNFactor)] where !(value.isFinite && value > 0) {
            throw .invalidValue(location: "forcing", field: field, value: value, requirement: "must be a positive number")
        }
        switch series {
        case .sinusoid(let mean, let amplitude, let coldestDay, let period):
            for (field, value) in [("mean", mean), ("coldest_day", coldestDay)] where !value.isFinite {
                throw .invalidValue(location: "forcing sinusoid", field: field, value: value, requirement: "must be a finite number")
            }
            guard amplitude.isFinite, amplitude >= 0 else {
                throw .invalidValue(
                    location: "forcing sinusoid", field: "amplitude", value: amplitude, requirement: "must be zero or positive")
            }
            guard period.isFinite, period > 0 else {
                throw .invalidValue(
                    location: "forcing sinusoid", field: "period_days", value: period, requirement: "must be a positive number")
            }
        case .monthlyMeans(let means):
            try Self.validate(means, field: "monthly", expected: 12)
        case .dailyMeans(let means):
            try Self.validate(means, field: "daily", expected: Int(Self.daysPerYear))
        }
    }

    private static func validate(_ means: [Double], field: String, expected: Int) throws(SimulationError) {
        guard means.count == expected else {
            throw .wrongValueCount(location: "forcing", field: field, count: means.count, expected: "\(expected)")
        }
        if let bad = means.first(where: { !$0.isFinite }) {
            throw .invalidValue(location: "forcing", field: field, value: bad, requirement: "must hold finite temperatures")
        }
    }

    /// Linear interpolation of values placed at increasing `positions` within a 365-day cycle,
    /// wrapping from the last value to the first across the year's end.
    private static func cyclicInterpolation(_ values: [Double], at positions: [Double], day: Double) -> Double {
        let t = day - daysPerYear * (day / daysPerYear).rounded(.down)
        let count = values.count
        let upper = positions.firstIndex { $0 > t } ?? count
        let lowerIndex = (upper - 1 + count) % count, upperIndex = upper % count
        let lowerPosition = upper == 0 ? positions[count - 1] - daysPerYear : positions[upper - 1]
        let upperPosition = upper == count ? positions[0] + daysPerYear : positions[upper]
        let weight = (t - lowerPosition) / (upperPosition - lowerPosition)
        return values[lowerIndex] + weight * (values[upperIndex] - values[lowerIndex])
    }
}

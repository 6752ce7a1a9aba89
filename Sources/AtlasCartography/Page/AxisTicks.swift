import Foundation

/// Round values for a frame's coordinates or a ramp's legend: steps of 1, 2 or 5 x 10^k, about
/// `count` of them within the range.
public enum AxisTicks {
    public static func values(from low: Double, to high: Double, about count: Int = 5) -> [Double] {
        guard low.isFinite, high.isFinite, high > low, count > 0 else { return low.isFinite ? [low] : [] }
        let rough = (high - low) / Double(count)
        let decade = pow(10, log10(rough).rounded(.down))
        let step = [1.0, 2, 5, 10].map { $0 * decade }.first { $0 >= rough } ?? 10 * decade
        var values: [Double] = []
        var tick = (low / step).rounded(.up) * step
        while tick <= high + step * 1e-9 {
            values.append(abs(tick) < step * 1e-9 ? 0 : tick)
            tick += step
        }
        return values
    }
}

import Foundation

/// Numbers and units as people read them on maps, legends and printed summaries: no
/// "1.12e+03", no "1.2000000476837158" (a Float32 value widened to Double).
public enum ReadableNumber {
    /// `value` with as many decimals as a range of `span` needs to tell its ticks apart (three
    /// significant digits of the span: 5 -> 2 decimals, 1120 -> none, 0.02 -> 4), trailing
    /// zeros dropped. "-0" reads "0".
    public static func format(_ value: Double, spanning span: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        let magnitude = span.isFinite && span > 0 ? span : max(abs(value), 1)
        return format(value, decimals: min(6, max(0, 2 - Int(log10(magnitude).rounded(.down)))))
    }

    /// `value` rounded to `significantDigits` significant digits, plainly written.
    public static func format(_ value: Double, significantDigits: Int) -> String {
        guard value.isFinite, value != 0 else { return value.isFinite ? "0" : "\(value)" }
        return format(value, decimals: min(9, max(0, significantDigits - 1 - Int(log10(abs(value)).rounded(.down)))))
    }

    /// `value` rounded to `decimals` decimals, trailing zeros dropped; "-0" reads "0".
    public static func format(_ value: Double, decimals: Int) -> String {
        let text = String(format: "%.\(decimals)f", value)
        guard text.contains(".") else { return text == "-0" ? "0" : text }
        var result = text
        while result.hasSuffix("0") { result.removeLast() }
        if result.hasSuffix(".") { result.removeLast() }
        return result == "-0" ? "0" : result
    }

    /// Units written with their symbols: "degC" -> "°C", "m3/m2" -> "m³/m²", "degC day" -> "°C day".
    public static func unit(_ unit: String) -> String {
        unit.replacingOccurrences(of: "degC", with: "°C").replacingOccurrences(of: "m3", with: "m³")
            .replacingOccurrences(of: "m2", with: "m²")
    }
}

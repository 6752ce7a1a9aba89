import Foundation

/// Kind of mining disturbance. Raster code = raw value (1...3); 0 is undisturbed.
public enum DisturbanceType: UInt8, CaseIterable, Sendable {
    case pit = 1
    case dump = 2
    case other = 3

    public var name: String {
        switch self {
        case .pit: "open pit"
        case .dump: "spoil (waste-rock) dump"
        case .other: "other (road, plant)"
        }
    }

    /// Reads a table cell: the code ("1"), or a name such as "pit", "open pit", "dump",
    /// "spoil", "spoil dump", "waste-rock dump", "other" (case and `_`/`-` insensitive).
    public init?(parsing text: String) {
        let key = text.lowercased()
            .replacingOccurrences(of: "_", with: " ")
            .replacingOccurrences(of: "-", with: " ")
            .trimmingCharacters(in: .whitespaces)
        switch key {
        case "1", "pit", "open pit", "mine pit": self = .pit
        case "2", "dump", "spoil", "spoil dump", "waste rock dump", "waste rock": self = .dump
        case "3", "other": self = .other
        default: return nil
        }
    }
}

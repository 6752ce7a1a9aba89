import AtlasCore
import Foundation

/// The ramp a continuous band is drawn with when none is asked for, read from what the band
/// says it holds: its description, unit and the atlas step that wrote it (the
/// PERMAFROST_ATLAS_STEP metadata item). The first rule that matches wins:
///
/// | band says | ramp |
/// |---|---|
/// | "change", "difference", "post - pre" | difference |
/// | "freezing index" | ice |
/// | unit degC day, "thawing index", step thaw-index | thawing-index |
/// | unit degC, "MAGT", "temperature", step magt | temperature |
/// | unit m3/m2 or m3/m3, "ice", step ice | ice |
/// | "active-layer", "ALT", "thaw depth", step alt | thaw-depth |
/// | "elevation", "DEM", "altitude", "height", or unit m | terrain |
/// | anything else | viridis |
public enum DefaultRamp {
    public static func choose(description: String, unit: String, metadata: [String: String]) -> ColorRamp {
        let text = description.lowercased()
        let words = Set(text.split { !$0.isLetter && !$0.isNumber }.map(String.init))
        let step = metadata["PERMAFROST_ATLAS_STEP"]?.lowercased() ?? ""
        let unit = unit.lowercased().trimmingCharacters(in: .whitespaces)
        func mentions(_ phrases: String...) -> Bool { phrases.contains { text.contains($0) } }
        func says(_ names: String...) -> Bool { names.contains { words.contains($0) } }

        if mentions("post - pre", "post-pre", "difference") || says("change", "diff") { return .difference }
        if mentions("freezing index") { return .ice }
        if ["degc day", "degc days", "°c day", "°c d", "degree days"].contains(unit) || mentions("thawing index") || step == "thaw-index" {
            return .thawingIndex
        }
        if ["degc", "°c", "celsius", "deg c"].contains(unit) || says("magt", "temperature") || step == "magt" { return .temperature }
        if ["m3/m2", "m3/m3", "m³/m²", "m³/m³"].contains(unit) || says("ice") || step == "ice" { return .ice }
        if mentions("active-layer", "active layer", "thaw depth") || says("alt") || step == "alt" { return .thawDepth }
        if says("elevation", "dem", "altitude", "height") || ["m", "metre", "metres", "meter", "meters"].contains(unit) {
            return .terrain
        }
        return .viridis
    }
}

/// Text and attribute values escaped for XML and HTML (QGIS styles and projects, the report):
/// the five characters with a meaning in markup. Written by hand: swift-corelibs-foundation's
/// XMLDocument needs FoundationXML, and these files need nothing but escaping.
public enum XMLText {
    public static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            // &#39; rather than &apos;, which HTML 4 does not know.
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

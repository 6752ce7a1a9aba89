/// Text and attribute values escaped for XML (QGIS styles and projects are XML). Written by
/// hand: Foundation's XMLDocument is not in swift-corelibs-foundation on Linux without
/// FoundationXML, and these files need nothing but escaping.
enum XMLText {
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }
}

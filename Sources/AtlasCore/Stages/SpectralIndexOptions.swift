import PermafrostKernels

/// Text forms of the spectral-index options: "ndvi,ndwi" and "red=3,nir=4".
public enum SpectralIndexOptions {
    public static func indices(_ list: [String]) throws -> [SpectralIndex] {
        try list.map { name in
            guard let index = SpectralIndex(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw AtlasError.badParameter(
                    .indices,
                    reason:
                        "unknown spectral index \(quoted: name) (known: \(SpectralIndex.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return index
        }
    }

    public static func roles(_ pairs: [(String, String)]) throws -> [SpectralIndex.Band: Int] {
        var roles: [SpectralIndex.Band: Int] = [:]
        for (name, value) in pairs {
            guard let band = SpectralIndex.Band(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw AtlasError.badParameter(
                    .bandRoles,
                    reason:
                        "unknown band role \(quoted: name) (known: \(SpectralIndex.Band.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard let position = Int(value.trimmingCharacters(in: .whitespaces)), position >= 1 else {
                throw AtlasError.badParameter(.bandRoles, reason: "band role \(name): \(quoted: value) is not a band position (1, 2, ...)")
            }
            roles[band] = position
        }
        return roles
    }

    /// "red=3,nir=4".
    public static func roles(_ text: String) throws -> [SpectralIndex.Band: Int] {
        try roles(
            text.split(separator: ",").map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2 else {
                    throw AtlasError.badParameter(.bandRoles, reason: "expects ROLE=POSITION pairs, got \(quoted: String(pair))")
                }
                return (parts[0], parts[1])
            })
    }
}

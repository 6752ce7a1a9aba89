import PermafrostKernels

/// Text forms of the spectral-index options: "ndvi,ndwi" and "red=3,nir=4".
public enum SpectralIndexOptions {
    public static func indices(_ list: [String]) throws -> [SpectralIndex] {
        try list.map { name in
            guard let index = SpectralIndex(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw AtlasError.badInput("unknown spectral index \"\(name)\" (known: \(SpectralIndex.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return index
        }
    }

    public static func roles(_ pairs: [(String, String)]) throws -> [SpectralIndex.Band: Int] {
        var roles: [SpectralIndex.Band: Int] = [:]
        for (name, value) in pairs {
            guard let band = SpectralIndex.Band(rawValue: name.trimmingCharacters(in: .whitespaces).lowercased()) else {
                throw AtlasError.badInput("unknown band role \"\(name)\" (known: \(SpectralIndex.Band.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard let position = Int(value.trimmingCharacters(in: .whitespaces)), position >= 1 else {
                throw AtlasError.badInput("band role \(name): \"\(value)\" is not a band position (1, 2, ...)")
            }
            roles[band] = position
        }
        return roles
    }

    /// "red=3,nir=4".
    public static func roles(_ text: String) throws -> [SpectralIndex.Band: Int] {
        try roles(text.split(separator: ",").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2 else { throw AtlasError.badInput("--band-roles expects ROLE=POSITION pairs, got \"\(pair)\"") }
            return (parts[0], parts[1])
        })
    }
}

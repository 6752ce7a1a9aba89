import CCrypto
import Foundation

/// SHA-256 (FIPS 180-4) of files and bytes: input checksums of the run report, configuration
/// checksums in raster metadata, and the checksum of binary model files. Computed by OpenSSL's
/// libcrypto, which GDAL already loads and which uses the CPU's SHA instructions where they
/// exist (about ten times the speed of plain code on a 7 MB model file).
public struct SHA256 {
    /// One OpenSSL digest context, freed with the value.
    private final class Context {
        let pointer: OpaquePointer

        init() {
            // Allocation of a small context and the built-in SHA-256 cannot fail short of
            // running out of memory, where Swift traps anyway.
            pointer = EVP_MD_CTX_new()!
            EVP_DigestInit_ex(pointer, EVP_sha256(), nil)
        }

        deinit { EVP_MD_CTX_free(pointer) }
    }

    private let context = Context()

    public init() {}

    public mutating func update(_ bytes: some Collection<UInt8>) {
        let done: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if done == nil { Array(bytes).withUnsafeBytes { update($0) } }
    }

    private func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        EVP_DigestUpdate(context.pointer, base, bytes.count)
    }

    /// The digest as 64 lower-case hex digits.
    public mutating func finalize() -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        EVP_DigestFinal_ex(context.pointer, &digest, &length)
        return digest.prefix(Int(length)).map { String(format: "%02x", $0) }.joined()
    }

    /// The hex digest of a file, read in 4 MiB pieces.
    public static func file(_ path: String) throws -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { throw AtlasError.badFile(path: path, reason: "cannot read") }
        defer { try? handle.close() }
        var hash = SHA256()
        while let chunk = try handle.read(upToCount: 4 << 20), !chunk.isEmpty { hash.update(chunk) }
        return hash.finalize()
    }
}

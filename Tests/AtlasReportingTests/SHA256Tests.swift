import AtlasTestSupport
import XCTest

@testable import AtlasCartography
@testable import AtlasCore
@testable import AtlasReporting

final class SHA256Tests: XCTestCase {
    private func digest(_ text: String) -> String {
        var hash = SHA256()
        hash.update(Array(text.utf8))
        return hash.finalize()
    }

    func testNISTExampleVectors() {
        XCTAssertEqual(digest("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(digest(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(
            digest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func testPiecewiseUpdatesEqualOneUpdate() {
        let bytes = (0..<1000).map { UInt8($0 % 251) }
        var whole = SHA256()
        whole.update(bytes)
        var pieces = SHA256()
        for start in stride(from: 0, to: 1000, by: 37) { pieces.update(bytes[start..<min(start + 37, 1000)]) }
        XCTAssertEqual(whole.finalize(), pieces.finalize())
    }

    func testFileDigestMatchesSha256sum() throws {
        // `sha256sum TestData/rasters/muli_dem.tif` run once.
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("TestData/rasters/muli_dem.tif").path
        XCTAssertEqual(try SHA256.file(path), Self.demDigest)
    }

    static let demDigest = "eb404dee67e6cb3bef5adcbde1e53e21845c45693905e02040622de42ce54552"
}

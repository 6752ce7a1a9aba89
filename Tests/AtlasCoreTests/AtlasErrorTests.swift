import AtlasFoundation
import Foundation
import XCTest
import Yams

@testable import AtlasCore

final class AtlasErrorTests: XCTestCase {
    private let flags = ParameterNaming(name: { "--\($0.rawValue)" }, setting: { "--\($0.rawValue) \($1)" })

    func testEachFrontEndWordsTheParametersItsUsersTyped() {
        let error = AtlasError.badParameter(.bandRoles, reason: "band 9 does not exist; try \(.bandRoles, "red=3,nir=4")")
        XCTAssertEqual(error.describe(flags), "--bandRoles: band 9 does not exist; try --bandRoles red=3,nir=4")
        let config = ParameterNaming.configuration(fallback: flags)
        XCTAssertEqual(error.describe(config), "vegetation.band_roles: band 9 does not exist; try vegetation.band_roles: red=3,nir=4")
        XCTAssertEqual(error.description, "band roles: band 9 does not exist; try band roles red=3,nir=4")
        // What a configuration does not set keeps its flag.
        XCTAssertEqual(AtlasError.badParameter(.tile, reason: "3/2").describe(config), "--tile: 3/2")
        XCTAssertEqual(error.kind, .badInput)
        XCTAssertEqual(AtlasError.failed(path: "a.tif", reason: "disk full").kind, .runtime)
    }

    func testFileTableAndConfigErrorsNameWhereTheProblemIs() {
        XCTAssertEqual(AtlasError.badFile(path: "soil.csv", reason: "no rows").description, "soil.csv: no rows")
        XCTAssertEqual(
            AtlasError.badTable(path: "soil.csv", line: 4, column: "lambda_f", reason: "empty value").description,
            "soil.csv: line 4, column lambda_f: empty value")
        XCTAssertEqual(AtlasError.badTable(path: "soil.csv", line: 4, reason: "3 fields").description, "soil.csv: line 4: 3 fields")
        XCTAssertEqual(
            AtlasError.badConfig(path: "atlas.yaml", line: 7, key: "ice.depth", reason: "must be positive").description,
            "atlas.yaml:7: ice.depth: must be positive")
        XCTAssertEqual(AtlasError.failed(path: nil, reason: "two\nlines").description, "two\\nlines")
    }

    func testEchoedValuesAreQuotedEscapedAndCut() {
        XCTAssertEqual(AtlasMessage.quote("meadow"), "\"meadow\"")
        XCTAssertEqual(AtlasMessage.quote("a\u{0}b\nc\"d"), "\"a\\u{0}b\\nc\\\"d\"")
        let long = String(repeating: "x", count: 10_000_000)
        let quoted = AtlasMessage.quote(long)
        XCTAssertEqual(quoted, "\"" + String(repeating: "x", count: 80) + "... (10000000 characters)\"")
        let message: AtlasMessage = "got \(quoted: "ab")"
        XCTAssertEqual(message.description, "got \"ab\"")
    }

    func testSharedParsersPointAtTheConfigurationKeyAndLine() throws {
        let yaml = "vegetation:\n  trees: 10\n  band_roles: red=x\n"
        let section = try ConfigSection(try XCTUnwrap(try Yams.compose(yaml: yaml)), keyPath: "", file: "atlas.yaml")
        let vegetation = try XCTUnwrap(try section.section("vegetation"))
        XCTAssertThrowsError(try vegetation.parsing("band_roles") { try SpectralIndexOptions.roles("red=x") }) { error in
            XCTAssertEqual(
                error as? AtlasError,
                .badConfig(
                    path: "atlas.yaml", line: 3, key: "vegetation.band_roles",
                    reason: "band role red: \"x\" is not a band position (1, 2, ...)"))
        }
    }

    func testEveryConfigurationKeyNamedForAParameterExists() {
        let keys = AtlasParameter.allCases.compactMap(AtlasConfig.key(for:))
        XCTAssertEqual(keys.count, 10)
        for key in keys {
            let parts = key.split(separator: ".").map(String.init)
            XCTAssertTrue(AtlasConfig.sections.contains(parts[0]), key)
            if parts[0] == "inputs" { XCTAssertTrue(AtlasConfig.inputKeys.contains(parts[1]), key) }
        }
    }
}

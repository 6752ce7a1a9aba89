import AtlasTestSupport
import Foundation
import XCTest

/// Docs/ARCHITECTURE.md's table says what each target imports; this keeps it true.
final class ArchitectureTests: XCTestCase {
    private let modules: Set<String> = [
        "AtlasFoundation", "GeoRaster", "PermafrostKernels", "CGDAL", "CBitVectorForest", "CCairo", "CCrypto", "AtlasCore",
        "AtlasCartography", "AtlasReporting", "AtlasSynthesis", "AtlasSimulation", "PermafrostAtlas", "Foundation", "Dispatch", "Yams",
        "SwiftCSV",
        "ArgumentParser",
    ]

    func testTheTableListsExactlyWhatEachTargetImports() throws {
        let text = try String(contentsOfFile: RepositoryFiles.root.appendingPathComponent("Docs/ARCHITECTURE.md").path, encoding: .utf8)
        var checked = 0
        for line in text.split(separator: "\n") where line.hasPrefix("| `") {
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 4 else { continue }
            let target = cells[1].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let folder = RepositoryFiles.root.appendingPathComponent("Sources/\(target)")
            guard FileManager.default.fileExists(atPath: folder.path), !target.hasPrefix("C") else { continue }
            let documented = Set(cells[3].components(separatedBy: CharacterSet.alphanumerics.inverted).filter(modules.contains))
            XCTAssertEqual(documented, try imports(under: folder), target)
            checked += 1
        }
        XCTAssertEqual(checked, 10)
    }

    private func imports(under folder: URL) throws -> Set<String> {
        var found = Set<String>()
        let files = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
        while let file = files?.nextObject() as? URL {
            guard file.pathExtension == "swift" else { continue }
            for line in try String(contentsOf: file, encoding: .utf8).split(separator: "\n") where line.hasPrefix("import ") {
                found.insert(String(line.dropFirst("import ".count)))
            }
        }
        return found
    }
}

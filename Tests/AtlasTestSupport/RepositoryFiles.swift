import Foundation

/// Files the repository ships for tests: `TestData/` (golden rasters, the demo scene) and
/// `TestData/realdata/` (rasters written by other software, with their licence).
public enum RepositoryFiles {
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    public static func testData(_ name: String) -> String { root.appendingPathComponent("TestData/\(name)").path }

    public static func realData(_ name: String) -> String { testData("realdata/\(name)") }
}

import ArgumentParser
import AtlasCore
import AtlasSynthesis
import Foundation
import PermafrostAtlas

struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run the full atlas on the bundled synthetic Muli scene (TestData/demo).",
        discussion: """
            The scene (400 x 300 pixels of 30 m, EPSG:32647) was made by `permafrost-atlas synth
            --size 400x300 --seed 7`; its configuration is TestData/demo/atlas.yaml. The atlas \
            lands in --out with the layout of `run`.

            Example:
              permafrost-atlas demo --out atlas-demo
            """
    )

    @Option(help: "Output folder.") var out = "atlas-demo"
    @Option(help: "Scene folder with atlas.yaml (default: the bundled TestData/demo).") var scene: String?
    @Option(help: "Worker threads; the default is this machine's number of cores.") var threads = ProcessInfo.processInfo
        .activeProcessorCount
    @Flag(help: "Replace the atlas in a non-empty output folder.") var overwrite = false
    @OptionGroup var reporting: ReportingOptions

    func run() throws {
        let folder = try scene ?? Self.bundledScene()
        try AtlasCommandRunner.run(
            .init(configPath: folder + "/atlas.yaml", outDirectory: out, threads: threads, overwrite: overwrite),
            reporting: reporting)
    }

    /// TestData/demo under the current folder or above the executable (.build/<config>/).
    static func bundledScene() throws -> String {
        let relative = "TestData/demo"
        var candidates = [FileManager.default.currentDirectoryPath]
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while folder.path != "/" {
            candidates.append(folder.path)
            folder.deleteLastPathComponent()
        }
        for candidate in candidates where FileManager.default.fileExists(atPath: "\(candidate)/\(relative)/atlas.yaml") {
            return "\(candidate)/\(relative)"
        }
        throw ValidationError("cannot find the bundled scene \(relative)/atlas.yaml; run from the repository or pass --scene")
    }
}

import ArgumentParser

struct PermafrostAtlasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "permafrost-atlas",
        abstract: "30 m permafrost atlas maps from satellite imagery, a DEM, boreholes and geological maps.",
        discussion: """
            Each step of the atlas is a subcommand; outputs are GeoTIFFs any GIS opens. \
            Exit codes: 0 success, 1 failure while running, 2 bad usage or invalid input.
            """,
        version: "0.1.0",
        // The whole atlas first, then the steps in the order of METHOD.md, then tools.
        subcommands: [
            DemoCommand.self, RunCommand.self, MosaicCommand.self, SynthCommand.self,
            TerrainCommand.self, ClassifyCommand.self, MAGTCommand.self, StabilityCommand.self,
            ThawIndexCommand.self, ActiveLayerCommand.self, GroundIceCommand.self, MiningCommand.self,
            SimulateCommand.self, RenderCommand.self, InfoCommand.self,
        ]
    )
}

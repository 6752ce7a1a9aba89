import ArgumentParser

struct PermafrostAtlas: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "permafrost-atlas",
        abstract: "30 m permafrost atlas maps from satellite imagery, a DEM, boreholes and geological maps.",
        discussion: """
        Each step of the atlas is a subcommand; outputs are GeoTIFFs any GIS opens.
        Exit codes: 0 success, 1 failure while running, 2 bad usage or invalid input.
        """,
        version: "0.1.0",
        subcommands: [InfoCommand.self, TerrainCommand.self, ThawIndexCommand.self, ActiveLayerCommand.self,
                      StabilityCommand.self, GroundIceCommand.self, MiningCommand.self, MAGTCommand.self, ClassifyCommand.self, RunCommand.self, DemoCommand.self, SynthCommand.self, RenderCommand.self, MosaicCommand.self, SimulateCommand.self]
    )
}

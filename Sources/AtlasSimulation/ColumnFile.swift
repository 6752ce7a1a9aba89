import AtlasCore
import Foundation
import PermafrostKernels
import Yams

/// A column file of `simulate` (Docs/SIMULATION.md): the natural ground as layers, the basal
/// heat flux, optionally the grid and the spoil of a dump. Errors name the file, the line and
/// the key: `column.yaml:14: layers[2].unfrozen_water_content: 0.5 must be between 0 and water_content 0.45`.
public struct ColumnFile: Sendable {
    public let path: String
    public let column: SoilColumn
    /// Material of a spoil dump (`spoil:`), needed by `--disturbance dump:H`.
    public let spoil: SoilMaterial?

    static let keys = ["geothermal_flux", "grid", "layers", "spoil"]
    static let materialKeys = [
        "name", "conductivity_thawed", "conductivity_frozen", "heat_capacity_thawed", "heat_capacity_frozen",
        "water_content", "unfrozen_water_content", "freezing_interval", "dry_density",
    ]

    public static func load(_ path: String) throws -> ColumnFile {
        let top = try SimulationYAML.root(path, what: "column")
        try top.checkKeys(keys)
        guard let layerNodes = top.node("layers") else { throw ConfigSection.error(path, top.line, "layers", "required") }
        guard case .sequence(let sequence) = layerNodes, !sequence.isEmpty else {
            throw top.error("layers", "expected a list of layers, top down")
        }
        var layers: [ColumnLayer] = []
        for (index, node) in sequence.enumerated() {
            let section = try ConfigSection(node, keyPath: "layers[\(index + 1)]", file: path)
            try section.checkKeys(["thickness"] + materialKeys)
            let layer = ColumnLayer(
                thickness: try SimulationYAML.required(section, "thickness"),
                material: try material(section, defaultName: "layer \(index + 1)"))
            try SimulationYAML.located(section) { () throws(SimulationError) in try layer.validate(location: section.keyPath) }
            layers.append(layer)
        }
        var spacing = GridSpacing()
        if let grid = try top.section("grid") {
            try grid.checkKeys(["surface_spacing", "spacing_growth", "max_spacing"])
            spacing = GridSpacing(
                surfaceSpacing: try grid.double("surface_spacing") ?? spacing.surfaceSpacing,
                growth: try grid.double("spacing_growth") ?? spacing.growth,
                maxSpacing: try grid.double("max_spacing") ?? spacing.maxSpacing)
            try SimulationYAML.located(grid) { () throws(SimulationError) in try spacing.validate() }
        }
        let spoil = try top.section("spoil").map { section in
            try section.checkKeys(materialKeys)
            let material = try material(section, defaultName: "spoil")
            try SimulationYAML.located(section) { () throws(SimulationError) in try material.validate(location: section.keyPath) }
            return material
        }
        let column = SoilColumn(
            layers: layers, geothermalFlux: try top.double("geothermal_flux") ?? SoilColumn.defaultGeothermalFlux,
            spacing: spacing)
        try SimulationYAML.located(top) { () throws(SimulationError) in try column.validate() }
        return ColumnFile(path: path, column: column, spoil: spoil)
    }

    private static func material(_ section: ConfigSection, defaultName: String) throws -> SoilMaterial {
        SoilMaterial(
            name: try section.string("name") ?? defaultName,
            conductivityThawed: try SimulationYAML.required(section, "conductivity_thawed"),
            conductivityFrozen: try SimulationYAML.required(section, "conductivity_frozen"),
            heatCapacityThawed: try SimulationYAML.required(section, "heat_capacity_thawed"),
            heatCapacityFrozen: try SimulationYAML.required(section, "heat_capacity_frozen"),
            waterContent: try SimulationYAML.required(section, "water_content"),
            unfrozenWaterContent: try SimulationYAML.required(section, "unfrozen_water_content"),
            freezingInterval: try section.double("freezing_interval") ?? SoilMaterial.defaultFreezingInterval,
            dryDensity: try SimulationYAML.required(section, "dry_density"))
    }
}

/// Reading helpers shared by the column and forcing files.
enum SimulationYAML {
    /// The top mapping of a YAML file.
    static func root(_ path: String, what: String) throws -> ConfigSection {
        let text = try UTF8File.text(path, limit: UTF8File.configurationLimit, what: what)
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: text) else { throw AtlasError.badFile(path: path, reason: "empty \(what) file") }
            root = node
        } catch let error as YamlError {
            throw AtlasError.badFile(path: path, reason: "not valid YAML: \(String(describing: error).split(separator: "\n").first ?? "")")
        }
        return try ConfigSection(root, keyPath: "", file: path)
    }

    static func required(_ section: ConfigSection, _ key: String) throws -> Double {
        guard let value = try section.double(key) else {
            throw ConfigSection.error(section.file, section.line, section.qualified(key), "required")
        }
        return value
    }

    /// Runs a kernel check and points its error at the line of the key it names, in the first
    /// of `sections` that holds that key (else the first section).
    static func located(_ sections: ConfigSection..., check: () throws(SimulationError) -> Void) throws {
        do {
            try check()
        } catch {
            let field: String, message: AtlasMessage
            switch error {
            case .invalidValue(_, let name, let value, let requirement): (field, message) = (name, "\(value) \(requirement)")
            case .wrongValueCount(_, let name, let count, let expected):
                (field, message) = (name, "has \(count) values, expected \(expected)")
            default: throw ConfigSection.error(sections[0].file, sections[0].line, sections[0].keyPath, "\(error.description)")
            }
            throw (sections.first { $0.node(field) != nil } ?? sections[0]).error(field, message)
        }
    }
}

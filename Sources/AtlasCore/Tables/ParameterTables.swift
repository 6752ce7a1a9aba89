import Foundation
import PermafrostKernels

/// Readers of the user's parameter tables (CSV) into validated kernel tables. The kernels
/// check the physics (positive values, w > w_u, no overlapping strata) and name the row;
/// these readers check the columns and the cells, and name the file and line.
public enum ParameterTables {
    /// The three tables of a run, read once before any work.
    public struct Set: Sendable {
        public let soil: SoilParameterTable
        public let strata: GroundIceStrataTable
        public let mining: MiningParameterTable

        public init(soil: SoilParameterTable, strata: GroundIceStrataTable, mining: MiningParameterTable) {
            self.soil = soil
            self.strata = strata
            self.mining = mining
        }
    }

    public static let soilColumns = ["class", "lambda_thawed", "dry_density", "water_content", "unfrozen_water_content", "n_factor"]
    public static let strataColumns = ["zone", "top", "bottom", "ice_content"]
    public static let miningColumns = [
        "type", "magt_offset", "lambda_thawed", "dry_density", "water_content",
        "unfrozen_water_content", "n_factor", "excavation_depth", "buffer_m",
    ]

    /// SOIL.csv: `class,lambda_thawed,dry_density,water_content,unfrozen_water_content,n_factor[,edaphic_factor]`.
    public static func soil(_ path: String, classes: ClassCodeResolver, requireEdaphicFactor: Bool = false) throws -> SoilParameterTable {
        let table = try CSVTable(path: path)
        let columns = try soilColumns.map { try table.requireColumn($0) }
        let edaphic = try requireEdaphicFactor ? table.requireColumn("edaphic_factor") : table.columnIndex("edaphic_factor")
        guard !table.isEmpty else { throw AtlasError.badFile(path: path, reason: "no rows") }
        let rows = try table.rows.indices.map { row -> SoilClassParameters in
            let label = try table.text(row: row, column: columns[0])
            let code = try classes.code(for: label, location: "\(path): line \(table.line(ofRow: row))")
            let properties = try soilProperties(table, row: row, columns: Array(columns.dropFirst()))
            var withFactor = properties
            withFactor.edaphicFactor = try edaphic.flatMap { try table.optionalNumber(row: row, column: $0) }
            if requireEdaphicFactor && withFactor.edaphicFactor == nil {
                throw AtlasError.badTable(
                    path: path, line: table.line(ofRow: row), column: "edaphic_factor", reason: "empty value (the empirical form needs it)")
            }
            return SoilClassParameters(
                code: code, name: Int(label) == nil ? label : classes.name(of: code),
                properties: withFactor, sourceRow: table.line(ofRow: row))
        }
        return try located(path) { try SoilParameterTable(classes: rows) }
    }

    /// STRATA.csv: `zone,top,bottom,ice_content` (m, m, volumetric fraction).
    public static func strata(_ path: String, zones: ClassCodeResolver) throws -> GroundIceStrataTable {
        let table = try CSVTable(path: path)
        let columns = try strataColumns.map { try table.requireColumn($0) }
        guard !table.isEmpty else { throw AtlasError.badFile(path: path, reason: "no rows") }
        let strata = try table.rows.indices.map { row -> GroundIceStratum in
            let label = try table.text(row: row, column: columns[0])
            let code = try zones.code(for: label, location: "\(path): line \(table.line(ofRow: row))")
            return GroundIceStratum(
                zoneCode: code, zoneName: Int(label) == nil ? label : zones.name(of: code),
                top: try table.number(row: row, column: columns[1]),
                bottom: try table.number(row: row, column: columns[2]),
                iceContent: try table.number(row: row, column: columns[3]),
                sourceRow: table.line(ofRow: row))
        }
        return try located(path) { try GroundIceStrataTable(strata: strata) }
    }

    /// MINING.csv: `type,magt_offset,lambda_thawed,dry_density,water_content,unfrozen_water_content,n_factor,excavation_depth,buffer_m[,dump_thickness][,spoil_ice_content][,age_years]`.
    public static func mining(_ path: String) throws -> MiningParameterTable {
        let table = try CSVTable(path: path)
        let columns = try miningColumns.map { try table.requireColumn($0) }
        let dumpColumn = table.columnIndex("dump_thickness"), spoilIceColumn = table.columnIndex("spoil_ice_content")
        let ageColumn = table.columnIndex("age_years")
        guard !table.isEmpty else { throw AtlasError.badFile(path: path, reason: "no rows") }
        let rows = try table.rows.indices.map { row -> MiningDisturbanceParameters in
            let label = try table.text(row: row, column: columns[0])
            guard let type = DisturbanceType(parsing: label) else {
                throw AtlasError.badTable(
                    path: path, line: table.line(ofRow: row), column: "type",
                    reason: "\(quoted: label) is not a disturbance type (pit, dump, other)")
            }
            let soil = try soilProperties(table, row: row, columns: Array(columns[2...6]))
            return MiningDisturbanceParameters(
                type: type, magtOffset: try table.number(row: row, column: columns[1]), soil: soil,
                excavationDepth: try table.number(row: row, column: columns[7]),
                dumpThickness: try dumpColumn.flatMap { try table.optionalNumber(row: row, column: $0) } ?? 0,
                bufferMetres: try table.number(row: row, column: columns[8]),
                spoilIceContent: try spoilIceColumn.flatMap { try table.optionalNumber(row: row, column: $0) } ?? 0,
                ageYears: try ageColumn.flatMap { try table.optionalNumber(row: row, column: $0) },
                sourceRow: table.line(ofRow: row))
        }
        return try located(path) { try MiningParameterTable(rows: rows) }
    }

    private static func soilProperties(_ table: CSVTable, row: Int, columns: [Int]) throws -> SoilThermalProperties {
        SoilThermalProperties(
            lambdaThawed: try table.number(row: row, column: columns[0]),
            dryDensity: try table.number(row: row, column: columns[1]),
            waterContent: try table.number(row: row, column: columns[2]),
            unfrozenWaterContent: try table.number(row: row, column: columns[3]),
            nFactor: try table.number(row: row, column: columns[4]))
    }

    /// Kernel validation errors name the row ("line 4"); prefix the file.
    static func located<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as InvalidInputError {
            throw AtlasError.badFile(path: path, reason: "\(error.description)")
        }
    }
}

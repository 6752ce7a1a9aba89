import AtlasTestSupport
import Foundation
import XCTest

/// `simulate`: a column file and a forcing file through the real command line.
final class SimulateCommandTests: XCTestCase {
    static let column = SimulationFixtures.column
    static let monthly = SimulationFixtures.monthly
    static let forcing = SimulationFixtures.forcing

    private func files(
        _ workspace: Workspace, column: String = SimulateCommandTests.column,
        forcing: String = SimulateCommandTests.forcing
    ) throws -> [String] {
        ["--column", try workspace.text("column.yaml", column), "--forcing", try workspace.text("forcing.yaml", forcing)]
    }

    func testColumnPrintsMAGTALTAndWritesTheProfile() throws {
        let workspace = try Workspace()
        let arguments = ["simulate"] + (try files(workspace)) + ["--profile", workspace.file("profile.csv")]
        let json = try CLI.run(arguments + ["--json"]).json()
        let column = try XCTUnwrap(json["column"] as? [String: Any])
        let magt = try XCTUnwrap(column["magt"] as? Double), alt = try XCTUnwrap(column["activeLayerThicknessMetres"] as? Double)
        XCTAssertTrue((-4.0 ... -0.5).contains(magt), "MAGT \(magt)")
        XCTAssertTrue((0.5...3).contains(alt), "ALT \(alt)")
        XCTAssertEqual(column["permafrostTableMetres"] as? Double, alt)
        XCTAssertEqual(column["permafrostBelowColumnBase"] as? Bool, true)
        XCTAssertEqual(column["magtDepthSource"] as? String, "zeroAnnualAmplitude")
        XCTAssertEqual(column["spinUpConverged"] as? Bool, true)
        // The forcing's air thawing index x n_thawing is the surface one.
        XCTAssertEqual(column["surfaceThawingIndex"] as! Double, 0.9 * (column["airThawingIndex"] as! Double), accuracy: 1e-6)

        let profile = try String(contentsOfFile: workspace.file("profile.csv"), encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(profile.first, "depth,min,max,mean")
        XCTAssertEqual(profile.count - 1, column["cells"] as? Int)
        let surfaceCell = profile[1].split(separator: ",").compactMap { Double($0) }
        XCTAssertLessThan(surfaceCell[1], 0)
        XCTAssertGreaterThan(surfaceCell[2], 0)

        let text = try CLI.run(arguments + ["--overwrite"])
        XCTAssertEqual(text.exitCode, 0, text.stderr)
        XCTAssertTrue(text.stdout.contains("MAGT \(String(format: "%.2f", magt)) C at"), text.stdout)
        XCTAssertTrue(text.stdout.contains("ALT \(String(format: "%.2f", alt)) m; permafrost table"), text.stdout)
        XCTAssertTrue(text.stdout.contains("spin-up: settled after"), text.stdout)
        try CLI.run(arguments).assertBadInput("profile.csv", "output exists; pass --overwrite")
    }

    func testMAGTDepthYearsAndCSVForcing() throws {
        let workspace = try Workspace()
        let csv = try workspace.text(
            "forcing.csv",
            "month,temperature\n"
                + Self.monthly.split(separator: ",").enumerated()
                .map { "\($0.offset + 1),\($0.element.trimmingCharacters(in: .whitespaces))" }.joined(separator: "\n"))
        let json = try CLI.run([
            "simulate", "--column", try workspace.text("column.yaml", Self.column), "--forcing", csv,
            "--magt-depth", "10", "--years", "2", "--json",
        ]).json()
        let column = try XCTUnwrap(json["column"] as? [String: Any])
        XCTAssertEqual(column["magtDepthMetres"] as? Double, 10)
        XCTAssertEqual(column["magtDepthSource"] as? String, "requested")
        XCTAssertEqual(column["spinUpYears"] as? Int, 2)
        XCTAssertEqual(column["spinUpConverged"] as? Bool, false)
        XCTAssertEqual(column["surfaceThawingIndex"] as? Double, column["airThawingIndex"] as? Double, "a CSV series is the surface")
        XCTAssertTrue((json["warnings"] as? [String] ?? []).contains { $0.contains("had not settled after 2 years") })
        let text = try CLI.run(["simulate", "--column", workspace.file("column.yaml"), "--forcing", csv, "--years", "2"])
        XCTAssertTrue(text.stderr.contains("warning: natural column: the annual cycle had not settled"), text.stderr)

        try workspace.text("short.csv", "temperature\n" + Array(repeating: "-3", count: 11).joined(separator: "\n"))
        try CLI.run(["simulate", "--column", workspace.file("column.yaml"), "--forcing", workspace.file("short.csv")])
            .assertBadInput("short.csv: 11 temperatures, expected 12 (monthly means) or 365 (daily means)")
        try workspace.text("order.csv", "month,temperature\n2,-3\n1,-4\n" + (3...12).map { "\($0),1" }.joined(separator: "\n"))
        try CLI.run(["simulate", "--column", workspace.file("column.yaml"), "--forcing", workspace.file("order.csv")])
            .assertBadInput("order.csv: line 2, column month: expected 1")
    }

    func testDumpAndPitPrintMiningTableRows() throws {
        let workspace = try Workspace()
        let arguments = ["simulate"] + (try files(workspace))
        let header =
            "type,magt_offset,lambda_thawed,dry_density,water_content,unfrozen_water_content,n_factor,excavation_depth,buffer_m,dump_thickness"

        let dump = try CLI.run(arguments + ["--disturbance", "dump:10", "--buffer-m", "60", "--json"]).json()
        let natural = try XCTUnwrap(dump["column"] as? [String: Any]), disturbed = try XCTUnwrap(dump["disturbed"] as? [String: Any])
        let offset = try XCTUnwrap(dump["magtOffset"] as? Double)
        XCTAssertEqual(offset, (disturbed["magt"] as! Double) - (natural["magt"] as! Double), accuracy: 1e-12)
        XCTAssertEqual(disturbed["columnDepthMetres"] as! Double, 40, accuracy: 1e-9, "10 m of spoil on the 30 m column")
        let row = try XCTUnwrap(dump["miningRow"] as? [String: Any])
        XCTAssertEqual(row["header"] as? String, header)
        XCTAssertEqual(row["nFactorCalibrated"] as? Bool, true)
        let cells = try XCTUnwrap(row["row"] as? String).split(separator: ",").map(String.init)
        XCTAssertEqual(cells.count, 10)
        XCTAssertEqual(cells[0], "dump")
        XCTAssertEqual(Double(cells[1]) ?? .nan, offset, accuracy: 0.0005)
        // Spoil: 0.08 and 0.02 m3/m3 at 1900 kg/m3 are 0.0421 and 0.0105 kg/kg.
        XCTAssertEqual(Array(cells[2...5]), ["1.9", "1900", "0.0421", "0.0105"])
        XCTAssertEqual(Array(cells[7...9]), ["0", "60", "10"])
        // The fitted n-factor makes METHOD's Stefan equation give the simulated ALT at the air thawing index.
        let alt = try XCTUnwrap(disturbed["activeLayerThicknessMetres"] as? Double), ddt = natural["airThawingIndex"] as! Double
        let stefan = (2 * 1.9 * Double(cells[6])! * ddt * 86_400 / (334_000 * 1900 * (0.08 - 0.02) * 1000 / 1900)).squareRoot()
        XCTAssertEqual(stefan, alt, accuracy: 0.002 * alt)

        let pit = try CLI.run(arguments + ["--disturbance", "pit:3"])
        XCTAssertEqual(pit.exitCode, 0, pit.stderr)
        let lines = pit.stdout.split(separator: "\n").map(String.init)
        let headerLine = try XCTUnwrap(lines.firstIndex(of: header))
        let pitCells = lines[headerLine + 1].split(separator: ",").map(String.init)
        XCTAssertEqual(pitCells[0], "pit")
        XCTAssertEqual(Array(pitCells[2...3]), ["1.3", "1350"], "the pit floor is the silty clay at 3 m")
        XCTAssertEqual(Array(pitCells[7...9]), ["3", "0", "0"])
        XCTAssertTrue(pit.stdout.contains("pit of 3.0 m:"), pit.stdout)
        XCTAssertTrue(pit.stdout.contains("27.0 m"), "the pit's column ends at the old base")
    }

    func testFileErrorsNameTheFileLineAndKey() throws {
        let cases: [(from: String, to: String, inColumn: Bool, message: String)] = [
            (
                "    unfrozen_water_content: 0.08", "    unfrozen_water_content: 0.5", true,
                "column.yaml:19: layers[2].unfrozen_water_content: 0.5 must be between 0 and water_content 0.38"
            ),
            (
                "conductivity_thawed: 0.9", "conductivty_thawed: 0.9", true,
                "column.yaml:5: layers[1].conductivty_thawed: unknown key (did you mean \"conductivity_thawed\"?)"
            ),
            ("    dry_density: 900\n", "", true, "column.yaml:3: layers[1].dry_density: required"),
            ("thickness: 25", "thickness: -25", true, "column.yaml:22: layers[3].thickness: -25.0 must be a positive number"),
            ("thickness: 25", "thickness: 1e9", true, "must be at most 2000 m (the layers' thicknesses added up)"),
            ("geothermal_flux: 0.06", "geothermal_flux: lots", true, "column.yaml:1: geothermal_flux: expected a number, got \"lots\""),
            ("monthly: [-17.5, ", "monthly: [", false, "forcing.yaml:1: monthly: has 11 values, expected 12"),
            ("n_freezing: 0.8", "n_freezing: 0", false, "forcing.yaml:3: n_freezing: 0.0 must be a positive number"),
            (
                "n_freezing: 0.8", "sinusoid: {mean: -3, amplitude: 12}", false,
                "forcing.yaml:1: monthly: give exactly one of sinusoid, monthly or series (found sinusoid and monthly)"
            ),
        ]
        for entry in cases {
            let workspace = try Workspace()
            let column = entry.inColumn ? Self.column.replacingOccurrences(of: entry.from, with: entry.to) : Self.column
            let forcing = entry.inColumn ? Self.forcing : Self.forcing.replacingOccurrences(of: entry.from, with: entry.to)
            try CLI.run(["simulate"] + (try files(workspace, column: column, forcing: forcing))).assertBadInput(entry.message)
        }
        let workspace = try Workspace()
        try workspace.text("sine.yaml", "n_thawing: 0.9\nsinusoid:\n  mean: -3\n  amplitude: -12\n")
        try CLI.run(["simulate", "--column", try workspace.text("column.yaml", Self.column), "--forcing", workspace.file("sine.yaml")])
            .assertBadInput("sine.yaml:4: sinusoid.amplitude: -12.0 must be zero or positive")
        let noSpoil = String(Self.column[..<Self.column.range(of: "spoil:")!.lowerBound])
        try CLI.run(["simulate"] + (try files(workspace, column: noSpoil)) + ["--disturbance", "dump:5"])
            .assertBadInput("column.yaml: no spoil: section; a dump (--disturbance dump:H) needs its material")
        try CLI.run(["simulate"] + (try files(workspace)) + ["--disturbance", "pit:40"])
            .assertBadInput("pit: depth 40.0 must be zero or more and less than the column depth 30.0 m")
    }

    func testBadOptionsAreUsageErrors() throws {
        let workspace = try Workspace()
        let arguments = ["simulate"] + (try files(workspace))
        for (options, message) in [
            (["--disturbance", "heap:3"], "--disturbance"), (["--dt-hours", "0"], "--dt-hours must be between 0.1 and 744"),
            (["--disturbed-forcing", workspace.file("forcing.yaml")], "--disturbed-forcing needs --disturbance"),
        ] {
            try CLI.run(arguments + options).assertBadInput(message)
        }
        try CLI.run(["simulate", "--column", workspace.file("nothing.yaml"), "--forcing", workspace.file("forcing.yaml")])
            .assertBadInput("nothing.yaml: no such file")
    }
}

extension SimulateCommandTests {
    /// A young dump has not reached its equilibrium: one year after dumping its MAGT offset
    /// differs from the long-term one, after centuries it is the same; the row says its age.
    func testAYoungDumpIsNotYetInEquilibrium() throws {
        let workspace = try Workspace()
        let arguments = ["simulate"] + (try files(workspace)) + ["--disturbance", "dump:10", "--json"]
        let equilibrium = try XCTUnwrap(try CLI.run(arguments).json()["magtOffset"] as? Double)
        let young = try CLI.run(arguments + ["--years-since", "1"]).json()
        let youngOffset = try XCTUnwrap(young["magtOffset"] as? Double)
        XCTAssertGreaterThan(abs(youngOffset - equilibrium), 0.1, "one year after dumping, \(youngOffset) vs \(equilibrium)")
        let row = try XCTUnwrap(young["miningRow"] as? [String: Any])
        XCTAssertTrue(try XCTUnwrap(row["header"] as? String).hasSuffix(",dump_thickness,age_years"))
        XCTAssertTrue(try XCTUnwrap(row["row"] as? String).hasSuffix(",10,1"))
        let old = try XCTUnwrap(try CLI.run(arguments + ["--years-since", "2000"]).json()["magtOffset"] as? Double)
        XCTAssertEqual(old, equilibrium, accuracy: 0.02)
        let refused = try CLI.run(["simulate"] + (try files(workspace)) + ["--years-since", "5"])
        XCTAssertEqual(refused.exitCode, 2)
        XCTAssertTrue(refused.stderr.contains("--years-since needs --disturbance"), refused.stderr)
    }
}

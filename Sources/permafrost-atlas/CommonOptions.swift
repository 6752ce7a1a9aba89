import ArgumentParser

/// `-q/--quiet` and `--json`, shared by every subcommand.
struct ReportingOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "No progress or log lines on stderr.")
    var quiet = false

    @Flag(help: "Print the result as one JSON object on stdout (logs and progress go to stderr).")
    var json = false
}

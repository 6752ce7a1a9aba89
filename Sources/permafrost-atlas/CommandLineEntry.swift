import ArgumentParser
import AtlasCore
import AtlasFoundation
import Foundation

enum CommandLineEntry {
    static func run() -> Never {
        do {
            var command = try PermafrostAtlasCommand.parseAsRoot()
            do {
                try command.run()
            } catch {
                // `run` and `demo` name what their configuration sets by its keys.
                exit(report(error, naming: command is RunCommand || command is DemoCommand ? .runConfiguration : .commandLine))
            }
            exit(0)
        } catch {
            exit(report(error))
        }
    }

    /// Prints the error (help text for --help) and returns the exit code.
    static func report(_ error: Error, naming: ParameterNaming = .commandLine) -> Int32 {
        if let failure = error as? AtlasError {
            printError(failure.describe(naming))
            return failure.kind.exitCode
        }
        if let failure = error as? any AtlasFailure {
            printError(failure.description)
            return failure.kind.exitCode
        }
        if let code = error as? ExitCode {
            return code.rawValue
        }
        let parserCode = PermafrostAtlasCommand.exitCode(for: error)
        let message = PermafrostAtlasCommand.fullMessage(for: error)
        if parserCode == .success {
            print(message)
            return 0
        }
        printError(message.split(separator: "\n").first.map(String.init) ?? "\(error)")
        // Argument-parser errors (unknown flag, failed validate()) are usage errors: exit 2;
        // anything else failed while running: exit 1.
        return parserCode == .validationFailure ? 2 : 1
    }

    static func printError(_ message: String) {
        // One line whatever the layer that wrote the message put in it.
        let line = (message.hasPrefix("Error: ") ? String(message.dropFirst(7)) : message)
            .split(whereSeparator: \.isNewline).joined(separator: " ")
        FileHandle.standardError.write(Data("permafrost-atlas: error: \(line)\n".utf8))
    }
}

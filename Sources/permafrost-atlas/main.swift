// Entry point: parse, run, and turn every error into one line on stderr and an exit code
// (0 success, 1 failure while running, 2 bad usage or bad input).
CommandLineEntry.run()

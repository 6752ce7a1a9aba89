import Foundation

/// Output folders are created with their parents; failing that is the user's to fix (exit 2).
public enum OutputFolder {
    public static func create(_ path: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw OutputFileError.cannotCreateFolder(path: path, reason: SystemError.reason(of: error))
        }
    }
}

import Foundation
import Testing

/// Golden files with a record mode, after swift-argument-parser's test helpers: a golden file is
/// written only when it is missing or when `DRAGOMAN_RECORD_GOLDEN=1` asks, and the test fails
/// whenever it writes, so a golden file never changes silently.
enum GoldenFile {
    /// The repository root (the folder holding Package.swift).
    static let repositoryRoot: URL = {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    static var recording: Bool { ProcessInfo.processInfo.environment["DRAGOMAN_RECORD_GOLDEN"] == "1" }

    /// Compares `actual` with the golden file at `relativePath` (from the repository root).
    static func assert(_ actual: String, matches relativePath: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = repositoryRoot.appendingPathComponent(relativePath)
        let exists = FileManager.default.fileExists(atPath: url.path)
        if !exists || recording {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: url)
            Issue.record("recorded golden file \(relativePath); review it and run the tests again", sourceLocation: sourceLocation)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if expected != actual || !expected.utf8.elementsEqual(actual.utf8) {
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let line = zip(expectedLines, actualLines).enumerated().first { !$0.element.0.utf8.elementsEqual($0.element.1.utf8) }?.offset ?? min(expectedLines.count, actualLines.count)
            let want = line < expectedLines.count ? String(expectedLines[line]) : "<end of file>"
            let got = line < actualLines.count ? String(actualLines[line]) : "<end of file>"
            Issue.record(
                "\(relativePath) differs at line \(line + 1):\n  expected: \(want)\n  actual:   \(got)\n(set DRAGOMAN_RECORD_GOLDEN=1 to re-record)",
                sourceLocation: sourceLocation)
        }
    }
}

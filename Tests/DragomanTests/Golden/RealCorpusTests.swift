import Foundation
import Testing

/// The truth set of real published paragraphs (`corpora/real/`) as the measure of accuracy: its
/// labels must be well formed, the scorer must score what it says it scores, and the built binary
/// must reach every floor in `corpora/real/floors.json` (a ratchet: floors rise, and a commit that
/// lowers one says why).
@Suite("Real news truth set")
struct RealCorpusTests {
    static let scorer = GoldenFile.repositoryRoot.appendingPathComponent("scripts/score_real.py")

    struct Outcome {
        var status: Int32
        var output: String
    }

    /// Runs `python3 ARGUMENTS` in the repository root.
    static func python(_ arguments: [String]) throws -> Outcome {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3"] + arguments
        process.currentDirectoryURL = GoldenFile.repositoryRoot
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Outcome(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    @Test func labelsAreWellFormed() throws {
        let outcome = try Self.python([Self.scorer.path, "--validate"])
        #expect(outcome.status == 0, "\(outcome.output)")
    }

    @Test func theSetHasFortyParagraphsPerLanguageFromFiftyOutlets() throws {
        var languages: [String: Int] = [:]
        var outlets: Set<String> = []
        let folder = GoldenFile.repositoryRoot.appendingPathComponent("corpora/real")
        for language in ["az", "tr", "hy", "ru", "fr", "en"] {
            let text = try String(contentsOf: folder.appendingPathComponent("\(language).jsonl"), encoding: .utf8)
            for line in text.split(separator: "\n") {
                let object = try #require(
                    try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
                languages[language, default: 0] += 1
                outlets.insert(try #require(object["outlet"] as? String))
            }
        }
        for (language, count) in languages {
            #expect(count >= 40, "\(language) has \(count) paragraphs")
        }
        #expect(languages.values.reduce(0, +) >= 300)
        #expect(outlets.count >= 50, "\(outlets.count) outlets")
    }

    @Test func scorerScoresWhatItSays() throws {
        let outcome = try Self.python(["scripts/test_score_real.py"])
        #expect(outcome.status == 0, "\(outcome.output)")
    }

    /// The scores, checked against the floors, and shown in the README as they are.
    @Test func defaultPipelineReachesEveryFloorAndTheReadmeShowsTheScores() throws {
        let binary = try #require(CLITests.binary, "the dragoman binary is not built")
        let outcome = try Self.python([Self.scorer.path, "--check", "--markdown", "--binary", binary.path])
        #expect(outcome.status == 0, "\(outcome.output)")
        let readme = try String(contentsOf: GoldenFile.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let rows = outcome.output.split(separator: "\n").filter { $0.hasPrefix("| ") }
        #expect(rows.count >= 8)
        for row in rows {
            #expect(readme.contains(row), "README lacks the score row \(row); paste `python3 scripts/score_real.py --markdown`")
        }
    }
}

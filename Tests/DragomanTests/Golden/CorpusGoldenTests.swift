import Foundation
import Testing

@testable import Dragoman

/// Runs the embedded default pipeline over every article in `corpora/` and compares with the golden
/// outputs in `corpora/golden/`: the text output, and the JSON Lines output of the article's
/// paragraphs as records (which shows every annotation).
@Suite("Corpus golden files")
struct CorpusGoldenTests {
    static let articles: [String] = {
        let folder = GoldenFile.repositoryRoot.appendingPathComponent("corpora")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted()
    }()

    @Test func corporaHoldAnArticlePerLanguage() {
        for prefix in ["en-", "az-", "tr-", "hy-", "ru-", "fr-"] {
            #expect(Self.articles.contains { $0.hasPrefix(prefix) }, "no article for \(prefix)")
        }
    }

    @Test("Text output matches the golden file", arguments: articles)
    func textOutputMatchesGolden(article: String) throws {
        let input = try Data(contentsOf: GoldenFile.repositoryRoot.appendingPathComponent("corpora/\(article).txt"))
        let output = try Self.run(Array(input), format: .text)
        try GoldenFile.assert(output, matches: "corpora/golden/\(article).txt")
    }

    @Test("JSON Lines output matches the golden file", arguments: articles)
    func jsonLinesOutputMatchesGolden(article: String) throws {
        let text = try String(contentsOf: GoldenFile.repositoryRoot.appendingPathComponent("corpora/\(article).txt"), encoding: .utf8)
        var input: [UInt8] = []
        for (index, paragraph) in text.split(separator: "\n\n").enumerated() {
            input += Array(#"{"id":"\#(article)#\#(index + 1)","text":"#.utf8)
            JSONWriter.appendString(paragraph.trimmingCharacters(in: .newlines), to: &input)
            input += Array("}\n".utf8)
        }
        let output = try Self.run(input, format: .jsonl)
        try GoldenFile.assert(output, matches: "corpora/golden/\(article).jsonl")
    }

    @Test("Normalizing the output again changes nothing", arguments: articles)
    func normalizingTwiceIsStable(article: String) throws {
        let input = try Data(contentsOf: GoldenFile.repositoryRoot.appendingPathComponent("corpora/\(article).txt"))
        let once = try Self.run(Array(input), format: .text)
        let twice = try Self.run(Array(once.utf8), format: .text)
        #expect(once == twice)
    }

    static func run(_ input: [UInt8], format: RunnerOptions.Format) throws -> String {
        var options = RunnerOptions()
        options.format = format
        let runner = StreamRunner(pipeline: try Configuration.embeddedDefault.makePipeline(), options: options)
        let sink = MemorySink()
        try runner.run([MemorySource(input)], to: sink)
        return sink.text
    }
}

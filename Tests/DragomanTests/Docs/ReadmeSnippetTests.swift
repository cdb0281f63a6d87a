import Foundation
import Testing

@testable import Dragoman

/// The README's library examples, run. `readmeShowsTheseSnippets` fails when a ```swift block of
/// the README's Library section is not, line for line, in this file: edit both together.
@Suite("README snippets")
struct ReadmeSnippetTests {
    @Test func oneString() throws {
        // snippet: one-string
        let pipeline = try Configuration.embeddedDefault.makePipeline()
        let result = try pipeline.normalize("Şuşada 400 min avro", language: .az, target: .en)
        print(result.text)                      // Shusha'da EUR 400,000
        for change in result.annotations {      // stage, start, end, source, replacement, data
            print(change.stage, change.source, "→", change.replacement, change.data)
        }
        // end
        #expect(result.text == "Shusha'da EUR 400,000")
        #expect(result.annotations.map(\.stage) == ["glossary", "money"])
    }

    @Test func pipelineInCode() throws {
        // snippet: in-code
        let places = try Glossary.shipped("places-caucasus")
        let glossary = try GlossaryStage(glossaries: [places], style: "hy-official")
        let money = try MoneyStage(style: .symbol)
        let pipeline = Pipeline([RepairStage(), glossary, try TransliterationStage(scope: .names), money])
        let text = try pipeline.normalize("Xankəndiyə 1,5 milyon avro", language: .az, target: .en).text
        // text == "Stepanakert'ə €1.5 million"
        // end
        #expect(text == "Stepanakert'ə €1.5 million")
    }

    @Test func oneStageAlone() throws {
        // snippet: one-stage
        let context = StageContext(language: .ru, target: .en)
        let money = try MoneyStage().apply(to: "2,5 млрд долларов", context: context)
        // money.text == "USD 2.5 billion"; money.edits[0].data["amount"] == "2500000000"
        // end
        #expect(money.text == "USD 2.5 billion")
        #expect(money.edits.first?.data["amount"] == "2500000000")
    }

    @Test func asyncRecords() async throws {
        let pipeline = try Configuration.embeddedDefault.makePipeline()
        // snippet: async
        let feed = AsyncStream<String> { continuation in
            continuation.yield("Франция выделит 400 000 евро.")
            continuation.yield("Ստեփանակերտում 500 մլն դրամ")
            continuation.finish()
        }
        var texts: [String] = []
        for try await normalized in pipeline.normalize(records: feed, source: .auto, target: .en) {
            texts.append(normalized.text)
        }
        // texts == ["France выделит EUR 400,000.", "Khankendi AMD 500 million"]
        // end
        #expect(texts == ["France выделит EUR 400,000.", "Khankendi AMD 500 million"])
    }

    @Test func streams() throws {
        let pipeline = try Configuration.embeddedDefault.makePipeline()
        // snippet: streams
        var options = RunnerOptions()
        options.format = .jsonl
        let runner = StreamRunner(pipeline: pipeline, options: options)
        let input = MemorySource(Array(#"{"id": 1, "lang": "tr", "text": "Fransa 400.000 avro bağışladı."}"#.utf8) + [0x0A])
        let output = MemorySink()
        let statistics = try runner.run([input], to: output)
        // output.text: {"id": 1, "lang": "tr", "text": "France EUR 400,000 bağışladı.","annotations":[…]}
        // end
        #expect(output.text.hasPrefix(#"{"id": 1, "lang": "tr", "text": "France EUR 400,000 bağışladı.","annotations":["#))
        #expect(statistics.records == 1)
    }

    @Test func readmeShowsTheseSnippets() throws {
        let readme = try String(contentsOf: GoldenFile.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let source = try String(contentsOf: URL(fileURLWithPath: #filePath), encoding: .utf8)
        guard let library = readme.range(of: "## Library") else {
            Issue.record("README has no Library section")
            return
        }
        let rest = String(readme[library.upperBound...])
        let section = rest.components(separatedBy: "\n## ").first ?? rest
        let blocks = section.components(separatedBy: "```swift\n").dropFirst().compactMap { $0.components(separatedBy: "```").first }
        #expect(blocks.count >= 5)
        let sourceLines = Set(source.split(separator: "\n").map { String($0).trimmingCharacters(in: .whitespaces) })
        let missing = blocks.flatMap { $0.split(separator: "\n") }.map { String($0).trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && $0 != "import Dragoman" && !sourceLines.contains($0) }
        #expect(missing.isEmpty, "README lines not in ReadmeSnippetTests.swift: \(missing)")
    }
}

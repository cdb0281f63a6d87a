@testable import Dragoman
import Foundation
import Testing

/// The shipped Apertium rus→ukr configuration, end to end, with the real engine. Runs when Apertium
/// and the pair are installed (`.ci/run` installs them).
@Suite("Translate stage with Apertium rus→ukr", .enabled(if: ApertiumPair.installed, "Apertium rus→ukr is not installed: apt-get install apertium apertium-rus-ukr"))
struct TranslateApertiumTests {
    static let configPath = GoldenFile.repositoryRoot.appendingPathComponent("configs/translate-rus-ukr.yaml").path

    static func pipeline() throws -> Pipeline {
        let yaml = try String(contentsOfFile: configPath, encoding: .utf8)
        return try Configuration(yaml: yaml, path: configPath).makePipeline()
    }

    @Test("Names and amounts keep the pipeline's canonical forms; the rest is Ukrainian", arguments: [
        (
            "Франция выделит 400 000 евро на разминирование в Шуше.",
            "France виділить EUR 400,000 на разминирование у Shusha.", ["разминирование"]
        ),
        (
            "В Баку 12 мая 2021 года выделили 1 млн манатов на восстановление Ханкенди.",
            "У Baku 12 травня 2021 року виділили AZN 1 million на відновлення Khankendi.", []
        ),
        (
            "Мины нашли возле Шуши 21.09.2021, между Баку и Ханкенди работают специалисты.",
            "Міни знайшли возле Shusha 21.09.2021, між Baku і Khankendi працюють спеціалісти.", ["возле"]
        ),
    ])
    func newsSentences(input: String, expected: String, unknown: [String]) throws {
        let result = try Self.pipeline().normalize(input, language: .ru, target: .en)
        #expect(result.text == expected)
        try expectAnnotationsPointIntoInput(result, input: input)
        let translated = result.annotations.filter { $0.stage == "translate" }
        #expect(!translated.isEmpty)
        #expect(translated.allSatisfy { $0.data["engine"] == "apertium-rus-ukr.sh" && $0.data["failure"] == nil })
        #expect(translated.compactMap { $0.data["unknown"] }.flatMap { $0.split(separator: " ").map(String.init) } == unknown)
        #expect(!result.text.contains("*") && !result.text.contains("⟦"))
        for name in ["Шуш", "Баку", "Ханкенди"] where input.contains(name) {
            #expect(result.annotations.contains { $0.stage == "glossary" && $0.source.hasPrefix(name) })
        }
    }

    @Test func reservedCharactersOfTheStreamFormatComeBackAsWritten() throws {
        // Unescaped, `[` hangs the stream, `^` in a trailing blank hangs lrx-proc, `~` is dropped.
        let input = "Цена: {x} [y] <z> @w ~ / \\ конец ^"
        let result = try Self.pipeline().normalize(input, language: .ru, target: .en)
        #expect(result.text == "Ціна: {x} [y] <z> @w ~ / \\ кінець ^")
    }

    @Test func aJSONLinesStreamComesOutInUkrainian() throws {
        let sentences = [
            "Франция выделит 400 000 евро на разминирование в Шуше.",
            "В Баку 12 мая 2021 года выделили 1 млн манатов на восстановление Ханкенди.",
        ]
        var input = ""
        for index in 0..<200 {
            input += #"{"id":\#(index),"lang":"ru","text":"\#(sentences[index % 2]) \#(sentences[(index + 1) % 2])"}"# + "\n"
        }
        var options = RunnerOptions.testing(.jsonl)
        options.workers = 2
        options.readSize = 4096
        let outcome = RunOutcome.run(try Self.pipeline(), options: options, input: Array(input.utf8))
        #expect(outcome.error == nil)
        let lines = outcome.lines.dropLast()
        #expect(lines.count == 200)
        for (index, line) in lines.enumerated() {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            #expect(object?["id"] as? Int == index)
            #expect(object?["lang"] as? String == "uk")
            let text = object?["text"] as? String ?? ""
            #expect(text.contains("EUR 400,000") && text.contains("Shusha") && text.contains("виділи"))
        }
    }
}

enum ApertiumPair {
    static let installed = FileManager.default.isReadableFile(atPath: "/usr/share/apertium/modes/rus-ukr.mode")
        && FileManager.default.isExecutableFile(atPath: "/usr/bin/lt-proc")
}

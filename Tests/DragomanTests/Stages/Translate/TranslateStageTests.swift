@testable import Dragoman
import Foundation
import Testing

@Suite("Translate stage")
struct TranslateStageTests {
    /// Stands for the glossary stage: writes the canonical form, so its span is a mark to protect.
    static let glossary = ReplaceStage("Шуша", with: "Shusha", name: "glossary")

    static func run(_ stage: TranslateStage, _ text: String, before: [any Stage] = [glossary]) throws -> NormalizedText {
        try Pipeline(before + [stage]).normalize(text, language: .ru, target: .en)
    }

    @Test("Text between protected spans is translated; the spans come back as written", arguments: [
        ("кот сидит в Шуша.", "кіт сидить у Shusha."),
        ("Шуша: кот сидит. Собака в Шуша сидит.", "Shusha: кіт сидить. Собака у Shusha сидить."),
        ("Шуша", "Shusha"),
        ("кот\nсидит\n\nв Шуша ~ ^ [x] \\ $", "кіт\nсидить\n\nу Shusha ~ ^ [x] \\ $"),
    ])
    func translatesAroundProtectedSpans(input: String, expected: String) throws {
        for command in [FakeEngine.lines, FakeEngine.nul] {
            let stage = try FakeEngine.stage(command) { $0.framing = command == FakeEngine.nul ? .nul : .lines }
            let result = try Self.run(stage, input)
            #expect(result.text == expected)
            try expectAnnotationsPointIntoInput(result, input: input)
            #expect(result.annotations.filter { $0.stage == "glossary" }.allSatisfy { $0.source == "Шуша" && $0.replacement == "Shusha" })
            #expect(result.annotations.filter { $0.stage == "translate" }.allSatisfy { !$0.source.contains("Шуша") })
        }
    }

    @Test func apertiumEscapingRoundTripsReservedCharacters() throws {
        // `cat` answers the escaped text as it is: unescaping must give the input back.
        let input = "a<b c>d \\h ^i $j /k {l} @m *n #o ~p [q] ⟦1⟧ «s»"
        let stage = try FakeEngine.stage(["cat"]) { $0.escaping = .apertium }
        let result = try Self.run(stage, input, before: [])
        #expect(result.text == input)
        #expect(result.annotations.isEmpty)
    }

    @Test("Engine marks are stripped and the words annotated", arguments: [
        ("s/разминирование/*разминирование/", "unknown", "разминирование", "Shusha: разминирование и книги."),
        ("s/ и / #і /", "ungenerated", "і", "Shusha: разминирование і книги."),
        ("s/книги/@книги/", "untranslated", "книги", "Shusha: разминирование и книги."),
    ])
    func unknownWordMarks(script: String, key: String, word: String, expected: String) throws {
        let input = "Шуша: разминирование и книги."
        let stage = try FakeEngine.stage(["sed", "-u", script]) { $0.marks = .apertium }
        let result = try Self.run(stage, input)
        #expect(result.text == expected)
        let translated = result.annotations.filter { $0.stage == "translate" }
        #expect(translated.map { $0.data[key] } == [word])
        try expectAnnotationsPointIntoInput(result, input: input)
    }

    @Test("A lost, duplicated or invented placeholder keeps the source segment", arguments: [
        ("s/⟦1⟧//", "placeholder ⟦1⟧ lost"),
        ("s/⟦1⟧/⟦1⟧ ⟦1⟧/", "placeholder ⟦1⟧ duplicated"),
        ("s/⟦1⟧/⟦1⟧ ⟦7⟧/", "placeholder ⟦7⟧ was not sent"),
    ])
    func placeholderFailures(script: String, reason: String) throws {
        let input = "кот в Шуша. Кот сидит."
        let stage = try FakeEngine.stage(["sed", "-u", "\(script); s/сидит/сидить/"])
        let result = try Self.run(stage, input)
        // The failed segment stays, the next one is translated.
        #expect(result.text == "кот в Shusha. Кот сидить.")
        let failure = result.annotations.first { $0.data["failure"] != nil }
        #expect(failure?.data["failure"] == reason)
        #expect(failure?.source == "кот в Шуша.")
        try expectAnnotationsPointIntoInput(result, input: input)
    }

    @Test func reorderedPlaceholdersBecomeOneEditForTheSegment() throws {
        let input = "Шуша и Баку."
        let baku = ReplaceStage("Баку", with: "Baku", name: "glossary")
        let stage = try FakeEngine.stage(["sed", "-u", "-E", "s/(⟦1⟧)(.*)(⟦2⟧)/\\3\\2\\1/; s/ и / і /"])
        let result = try Self.run(stage, input, before: [Self.glossary, baku])
        #expect(result.text == "Baku і Shusha.")
        let translated = result.annotations.filter { $0.stage == "translate" }
        #expect(translated.count == 1)
        #expect(translated.first?.source == "Шуша и Баку.")
        #expect(translated.first?.data["reordered"] == "true")
    }

    @Test func theSegmentsOfARecordAreSentences() throws {
        // `nl` numbers each line it gets: one number per sentence shows what the engine received.
        let input = "Кот сидит. Собака сидит!\nВторая строка? Да."
        let stage = try FakeEngine.stage(["stdbuf", "-oL", "nl", "-w1", "-s:"])
        let result = try Self.run(stage, input, before: [])
        #expect(result.text == "1:Кот сидит. 2:Собака сидит!\n3:Вторая строка? 4:Да.")
    }

    @Test func aBoundaryInsideAProtectedSpanIsIgnored() throws {
        let segmenter = Segmenter(locale: "ru")
        let text = "Он сказал. Потом ушёл."
        let plain = try segmenter.segments(of: text, protecting: [])
        #expect(plain.map { text.utf8Slice($0) } == ["Он сказал.", "Потом ушёл."])
        let span = try #require(text.utf8Range(of: "сказал. Потом"))
        let joined = try segmenter.segments(of: text, protecting: [span])
        #expect(joined.map { text.utf8Slice($0) } == [text])
    }

    @Test("Money: a code amount is protected whole, otherwise only its number", arguments: [
        ("EUR 400,000", "EUR", "EUR 400,000"),
        ("AZN 1 million", "AZN", "AZN 1 million"),
        ("400,000 EUR", "EUR", "400,000 EUR"),
        ("€400,000", "EUR", "400,000"),
        ("400,000 euros", "EUR", "400,000"),
        ("1,5 млн манатов", "AZN", "1,5"),
        ("EURO 5", "EUR", "5"),
    ])
    func moneyProtection(written: String, currency: String, protected: String) {
        let bytes = Array(("x " + written + " y").utf8)
        let range = 2..<(2 + written.utf8.count)
        let result = TranslateStage.protectedAmount(range, bytes, currency: currency)
        #expect(String(decoding: bytes[result], as: UTF8.self) == protected)
    }

    @Test("Money: the engine translates a currency word, never a code", arguments: [
        (MoneyStage.Style.name, "Дали 400,000 євро."),
        (.code, "Дали EUR 400,000."),
    ])
    func moneyWordsAreTranslatedAroundTheProtectedNumber(style: MoneyStage.Style, expected: String) throws {
        let input = "Дали 400 000 евро."
        let stage = try FakeEngine.stage(["sed", "-u", "s/euros/євро/; s/EUR/ЄВРО/; s/400/500/"])
        let result = try Pipeline([MoneyStage(style: style), stage]).normalize(input, language: .ru, target: .en)
        #expect(result.text == expected)
        try expectAnnotationsPointIntoInput(result, input: input)
    }

    @Test func anEngineThatCrashesIsAnErrorNamingTheEngineAndSegment() throws {
        let stage = try FakeEngine.stage(FakeEngine.failing(on: "BOOM", by: "echo 'engine: fatal' >&2; exit 3"))
        #expect(throws: DragomanError.self) { try Self.run(stage, "Кот сидит. BOOM здесь.") }
        do {
            _ = try Self.run(stage, "Кот сидит. BOOM здесь.")
        } catch {
            let message = "\(error)"
            #expect(message.contains("translation engine 'sh'"))
            #expect(message.contains("segment 2"))
            #expect(message.contains("BOOM здесь."))
            #expect(message.contains("exited with status 3"))
            #expect(message.contains("engine: fatal"))
        }
        // The next record gets a new engine.
        #expect(try Self.run(stage, "Кот сидит.").text == "Кот сидит.")
    }

    @Test func aHungEngineTimesOut() throws {
        let stage = try FakeEngine.stage(FakeEngine.failing(on: "HANG", by: "sleep 30")) { $0.timeout = 0.5 }
        let start = ContinuousClock.now
        #expect {
            try Self.run(stage, "HANG сейчас.")
        } throws: { error in
            "\(error)".contains("no answer within 0.5 s")
        }
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    @Test("With on_error keep, a dead engine is restarted and the segment kept", arguments: [
        ("exit 3", "the engine closed its output; exited with status 3"),
        ("sleep 30", "no answer within 0.5 s (the engine hangs?)"),
        ("printf '\\n'", "empty answer (the engine crashed?)"),
    ])
    func keepPolicyRestartsTheEngine(action: String, reason: String) throws {
        let stage = try FakeEngine.stage(FakeEngine.failing(on: "BOOM", by: action)) {
            $0.onFailure = .keep
            $0.timeout = 0.5
        }
        let input = "Кот сидит. BOOM в Шуша. Собака сидит."
        let result = try Self.run(stage, input)
        #expect(result.text == "Кот сидит. BOOM в Shusha. Собака сидит.")
        let failure = try #require(result.annotations.first { $0.data["failure"] != nil })
        #expect(failure.source == "BOOM в Шуша.")
        #expect(failure.data["failure"]?.hasPrefix(reason) == true)
        try expectAnnotationsPointIntoInput(result, input: input)
    }

    @Test("Engines that cannot start are errors", arguments: [
        (["/nonexistent/engine"], "cannot start '/nonexistent/engine'"),
        (["sh", "-c", "echo 'apertium missing' >&2; exit 69"], "exited with status 69; stderr: apertium missing"),
    ])
    func enginesThatCannotStart(command: [String], message: String) throws {
        let stage = try FakeEngine.stage(command)
        #expect {
            try Self.run(stage, "Кот сидит.")
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test func manyThreadsShareTheStage() async throws {
        let stage = try FakeEngine.stage(FakeEngine.lines)
        let pipeline = Pipeline([Self.glossary, stage])
        try await withThrowingTaskGroup(of: String.self) { group in
            for index in 0..<32 {
                group.addTask { try pipeline.normalize("кот \(index) в Шуша. Кот сидит.", language: .ru, target: .en).text }
            }
            var results: Set<String> = []
            for try await text in group { results.insert(text) }
            #expect(results == Set((0..<32).map { "кіт \($0) у Shusha. Кот сидить." }))
        }
    }

    @Test func theOutputLanguageIsTheTarget() throws {
        let stage = try FakeEngine.stage(FakeEngine.lines)
        #expect(Pipeline([Self.glossary, stage]).outputLanguage == "uk")
        #expect(Pipeline([Self.glossary]).outputLanguage == nil)
    }
}

@Suite("Translate stage: batches of records")
struct TranslateBatchTests {
    @Test func aRecordWhoseEngineDiesFailsAloneAndTheOthersAreTranslated() throws {
        let stage = try FakeEngine.stage(FakeEngine.failing(on: "BOOM", by: "exit 3"))
        let texts = ["кот сидит.", "Кот. BOOM здесь. Кот.", "собака сидит."]
        let results = Pipeline([stage]).apply(to: texts, contexts: texts.map { _ in StageContext(language: .ru, target: .en) })
        #expect(results.count == 3)
        #expect((try? results[0].get().text) == "кот сидит.")
        #expect((try? results[2].get().text) == "собака сидит.")
        #expect {
            try results[1].get()
        } throws: { error in
            "\(error)".contains("on segment 2 of the record: \"BOOM здесь.\"")
        }
    }

    @Test func theRunnerNamesTheLineOfTheRecordTheEngineDiedOn() throws {
        let stage = try FakeEngine.stage(FakeEngine.failing(on: "BOOM", by: "exit 3"))
        let input = #"{"text":"кот"}"# + "\n" + #"{"text":"BOOM"}"# + "\n" + #"{"text":"кот"}"# + "\n"
        let outcome = RunOutcome.run(Pipeline([stage]), options: .testing(.jsonl), input: Array(input.utf8), name: "in.jsonl")
        #expect(outcome.lines.first?.hasPrefix(#"{"text":"кот""#) == true)
        #expect(outcome.lines.count == 2)
        let message = outcome.error.map { "\($0)" } ?? ""
        #expect(message.hasPrefix("in.jsonl:2: translation engine 'sh':"))
    }
}

@Suite("Translate stage: engine lifetime")
struct TranslateEngineLifetimeTests {
    /// An engine that appends its process id to `log` when it starts, then translates like
    /// ``FakeEngine/lines``.
    static func logging(to log: String) -> [String] {
        ["sh", "-c", "echo $$ >> \"$0\"; exec \"$@\"", log] + FakeEngine.lines
    }

    static func temporaryLog() -> String {
        NSTemporaryDirectory() + "dragoman-engine-\(UUID().uuidString).log"
    }

    static func startedEngines(_ log: String) -> [Int32] {
        ((try? String(contentsOfFile: log, encoding: .utf8)) ?? "").split(separator: "\n").compactMap { Int32($0) }
    }

    @Test("The engine is started once for a stream, not per record", arguments: [1, 2])
    func oneEnginePerWorker(workers: Int) throws {
        let log = Self.temporaryLog()
        defer { try? FileManager.default.removeItem(atPath: log) }
        let stage = try FakeEngine.stage(Self.logging(to: log))
        var options = RunnerOptions.testing(.text)
        options.workers = workers
        options.readSize = 64
        let input = (0..<200).map { "кот \($0) сидит." }.joined(separator: "\n\n") + "\n"
        let outcome = RunOutcome.run(Pipeline([stage]), options: options, input: Array(input.utf8))
        #expect(outcome.error == nil)
        #expect(outcome.text == input.replacingOccurrences(of: "кот", with: "кіт").replacingOccurrences(of: "сидит", with: "сидить"))
        let started = Self.startedEngines(log)
        #expect((1...workers).contains(started.count))
    }

    @Test func releasingTheStageEndsItsEngines() throws {
        let log = Self.temporaryLog()
        defer { try? FileManager.default.removeItem(atPath: log) }
        do {
            let stage = try FakeEngine.stage(Self.logging(to: log))
            #expect(try Pipeline([stage]).normalize("кот сидит.", language: .ru, target: .en).text == "кіт сидить.")
        }
        let started = Self.startedEngines(log)
        #expect(started.count == 1)
        // Reaped, not a zombie: the process id no longer exists.
        for pid in started { #expect(kill(pid, 0) == -1 && errno == ESRCH) }
    }
}

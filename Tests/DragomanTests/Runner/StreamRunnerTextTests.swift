@testable import Dragoman
import Testing

@Suite struct StreamRunnerTextTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var input: String
        var output: String
        var testDescription: String { label }

        init(_ label: String, _ input: String, _ output: String) {
            self.label = label
            self.input = input
            self.output = output
        }
    }

    static let cases = [
        Case("paragraphs", "The colour red.\n\nёлка и ёж.\n", "The color red.\n\nелка и еж.\n"),
        Case("blank lines with blanks on them", "colour\n  \n\t\n\ncolour  \n", "color\n  \n\t\n\ncolor  \n"),
        Case("CRLF", "colour\r\nsecond colour\r\n\r\nthird\r\n", "color\r\nsecond color\r\n\r\nthird\r\n"),
        Case("no trailing newline", "one\n\ncolour", "one\n\ncolor"),
        Case("leading blank lines", "\n\n  \ncolour\n", "\n\n  \ncolor\n"),
        Case("trailing blank lines without a newline", "colour\n\n \t ", "color\n\n \t "),
        Case("only whitespace", " \n\n\t", " \n\n\t"),
        Case("nothing", "", ""),
        Case(
            "mixed scripts around the edits", "Երևան 😀 colour\nАзәрбајҹан ёж\n\n\r\nTürkiye colour",
            "Երևան 😀 color\nАзәрбајҹан еж\n\n\r\nTürkiye color"),
        Case("a carriage return inside a line", "a\rcolour\n", "a\rcolor\n"),
    ]

    @Test(arguments: cases)
    func whitespaceBetweenRecordsComesOutByteForByte(_ test: Case) {
        let outcome = verifyChunkingIndependence(pipeline: .spelling, options: .testing(.text), input: Array(test.input.utf8))
        #expect(outcome.error == nil)
        #expect(outcome.text == test.output)
    }

    @Test func eachRecordIsReadInTheSourceLanguageOrDetected() {
        let probe = ClosureStage(name: "language") { text, context throws(DragomanError) in
            try StageResult(applying: [Edit(stage: "language", range: 0..<0, replacement: "[\(context.language.rawValue)] ")], to: text)
        }
        let input = "Бакы шәһәри ҹәнуб.\n\nДоноры выделили средства.\n\nThe colour.\n"
        let detected = RunOutcome.run(Pipeline([probe]), options: .testing(.text) { $0.source = .auto }, input: Array(input.utf8))
        #expect(detected.text == "[az-Cyrl] Бакы шәһәри ҹәнуб.\n\n[ru] Доноры выделили средства.\n\n[en] The colour.\n")
        let fixed = RunOutcome.run(Pipeline([probe]), options: .testing(.text) { $0.source = .fixed(.tr) }, input: Array(input.utf8))
        #expect(fixed.text == "[tr] Бакы шәһәри ҹәнуб.\n\n[tr] Доноры выделили средства.\n\n[tr] The colour.\n")
    }

    @Test func stagesGetTheTargetLanguage() {
        let probe = ClosureStage(name: "target") { text, context throws(DragomanError) in
            try StageResult(applying: [Edit(stage: "target", range: 0..<0, replacement: "→\(context.target.rawValue) ")], to: text)
        }
        let outcome = RunOutcome.run(Pipeline([probe]), options: .testing(.text) { $0.target = .hy }, input: Array("a\n\nb".utf8))
        #expect(outcome.text == "→hy a\n\n→hy b")
    }

    @Test func anOversizedParagraphPassesThroughBetweenNormalizedOnes() throws {
        let long = "a long colour paragraph " + String(repeating: "ёж ", count: 20) + "\nwith a second colour line"
        let input = "colour one\n\n\(long)\n\ncolour three\n"
        let options = RunnerOptions.testing(.text) { $0.maxRecordBytes = 64 }
        let outcome = verifyChunkingIndependence(pipeline: .spelling, options: options, input: Array(input.utf8))
        #expect(outcome.text == "color one\n\n\(long)\n\ncolor three\n")
        #expect(outcome.diagnostics == [Diagnostic("record longer than 64 bytes passed through unchanged", at: .init(path: "<memory>", line: 3))])
        #expect(outcome.statistics?.oversizedRecords == 1)
        #expect(outcome.statistics?.records == 2)
    }

    /// A record just under the limit, then a blank line of spaces: whether a read happens to end
    /// inside the blank line must not decide whether the record is normalized.
    @Test func theRecordBeforeABlankLineIsNormalizedHoweverTheInputIsRead() {
        let record = "colour " + String(repeating: "x", count: 56)  // 63 bytes: within a 64-byte limit
        let input = "\(record)\n          \n\ncolour\n"
        let options = RunnerOptions.testing(.text) { $0.maxRecordBytes = 64 }
        let outcome = verifyChunkingIndependence(pipeline: .spelling, options: options, input: Array(input.utf8))
        #expect(outcome.text == "color " + String(repeating: "x", count: 56) + "\n          \n\ncolor\n")
        #expect(outcome.diagnostics.isEmpty)
    }
}

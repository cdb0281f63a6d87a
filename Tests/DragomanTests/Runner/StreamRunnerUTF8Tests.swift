@testable import Dragoman
import Testing

/// Ill-formed UTF-8 in the runner: replaced and reported, or, in strict mode, the end of the run.
@Suite struct StreamRunnerUTF8Tests {
    /// `colour \xFF ok` / blank / `Ж\xD0`: bad bytes at offsets 7 and 15, on lines 1 and 3.
    static let text: [UInt8] = Array("colour ".utf8) + [0xFF] + Array(" ok\n\nЖ".utf8) + [0xD0] + Array("\n".utf8)

    @Test func badBytesAreReplacedAndReportedWithTheirByteOffset() throws {
        let outcome = verifyChunkingIndependence(pipeline: .spelling, options: .testing(.text), input: Self.text)
        #expect(outcome.error == nil)
        #expect(outcome.text == "color \u{FFFD} ok\n\nЖ\u{FFFD}\n")
        #expect(outcome.diagnostics.map(\.message) == ["invalid UTF-8 at byte 7 replaced with U+FFFD", "invalid UTF-8 at byte 15 replaced with U+FFFD"])
        #expect(outcome.diagnostics.allSatisfy { $0.location?.path == "<memory>" })
        #expect(outcome.statistics?.invalidUTF8Sequences == 2)
    }

    /// The sanitizer runs before records are cut, so the diagnostic names the input, not a line.
    @Test func aBadByteDiagnosticNamesTheInput() {
        let outcome = RunOutcome.run(.spelling, options: .testing(.text), input: Self.text, name: "in.txt")
        #expect(
            outcome.diagnostics.map(\.description) == [
                "in.txt: warning: invalid UTF-8 at byte 7 replaced with U+FFFD", "in.txt: warning: invalid UTF-8 at byte 15 replaced with U+FFFD",
            ])
    }

    @Test func aBadByteInsideAJSONStringBecomesAReplacementCharacter() {
        let input = Array(#"{"text":"colour "#.utf8) + [0xE2, 0x82] + Array(#"!"}"#.utf8)
        let outcome = verifyChunkingIndependence(pipeline: .spelling, options: .testing(.jsonl), input: input)
        #expect(outcome.error == nil)
        #expect(outcome.text.hasPrefix(#"{"text":"color \#u{FFFD}!","annotations":"#))
        #expect(outcome.diagnostics.map(\.message) == ["invalid UTF-8 at byte 16 replaced with U+FFFD"])
    }

    @Test func strictModeStopsAtTheBadByteAfterEveryEarlierJSONRecord() {
        let lines = [#"{"text":"colour 1"}"#, #"{"text":"ёж 2"}"#]
        let prefix = Array((lines.joined(separator: "\n") + "\n" + #"{"text":"bad "#).utf8)
        let input = prefix + [0xC3, 0x28] + Array(#""}"#.utf8) + Array(("\n" + #"{"text":"colour 4"}"# + "\n").utf8)
        let options = RunnerOptions.testing(.jsonl) { $0.strictUTF8 = true }
        let outcome = verifyChunkingIndependence(pipeline: .spelling, options: options, input: input)
        #expect(outcome.error == .invalidUTF8(byteOffset: prefix.count, path: "<memory>"))
        #expect(outcome.lines.count == 3)
        #expect(outcome.lines.first?.hasPrefix(#"{"text":"color 1""#) == true)
        #expect(outcome.lines.dropFirst().first?.hasPrefix(#"{"text":"еж 2""#) == true)
        #expect(outcome.lines.last == "")
    }

    @Test func strictModeWritesNothingOfTheParagraphWithTheBadByte() {
        let prefix = Array("colour one\n\ncolour two\nline ".utf8)
        let input = prefix + [0xFF] + Array("\n\nthree\n".utf8)
        let options = RunnerOptions.testing(.text) { $0.strictUTF8 = true }
        let outcome = verifyChunkingIndependence(pipeline: .spelling, options: options, input: input)
        #expect(outcome.error == .invalidUTF8(byteOffset: prefix.count, path: "<memory>"))
        #expect(outcome.text == "color one\n\n")
    }

    @Test(arguments: [RunnerOptions.Format.text, .jsonl])
    func strictModeReportsASequenceCutByTheEndOfInput(format: RunnerOptions.Format) {
        let record = format == .text ? "colour" : #"{"text":"colour"}"#
        let prefix = Array("\(record)\n\n".utf8)
        let options = RunnerOptions.testing(format) { $0.strictUTF8 = true }
        let outcome = verifyChunkingIndependence(pipeline: .spelling, options: options, input: prefix + [0xF0, 0x9F, 0x98])
        #expect(outcome.error == .invalidUTF8(byteOffset: prefix.count, path: "<memory>"))
        #expect(outcome.text.hasPrefix(format == .text ? "color\n\n" : #"{"text":"color","#))
        #expect(outcome.text.hasSuffix("\n\n"))
    }

    @Test func strictModeWithABadFirstRecordWritesNothing() {
        let options = RunnerOptions.testing(.text) { $0.strictUTF8 = true }
        let outcome = RunOutcome.run(.spelling, options: options, input: [0x80] + Array("colour\n".utf8), name: "in.txt")
        #expect(outcome.error == .invalidUTF8(byteOffset: 0, path: "in.txt"))
        #expect(outcome.output.isEmpty)
        #expect(outcome.error?.description == "in.txt: invalid UTF-8 at byte 0")
    }
}

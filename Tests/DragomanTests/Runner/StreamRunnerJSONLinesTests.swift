@testable import Dragoman
import Foundation
import Testing

@Suite struct StreamRunnerJSONLinesTests {
    static let options = RunnerOptions.testing(.jsonl)

    @Test func unknownFieldsAreKeptByteForByteAndTextIsReplaced() {
        let input = #"{"id": 7, "meta": {"nested": [1, {"deep": null}], "n": 1.50e3, "neg": -0.0}, "text": "the colour \u00e9\ud83d\ude00 ё", "tail": "\u0041\/"}"# + "\n"
        let outcome = RunOutcome.run(.spelling, options: Self.options, input: Array(input.utf8))
        #expect(outcome.error == nil)
        let annotations = #"[{"stage":"spelling","start":4,"end":10,"source":"colour","replacement":"color","data":{"pattern":"colour"}},"#
            + #"{"stage":"yo","start":14,"end":15,"source":"ё","replacement":"е","data":{"pattern":"ё"}}]"#
        #expect(
            outcome.text
                == #"{"id": 7, "meta": {"nested": [1, {"deep": null}], "n": 1.50e3, "neg": -0.0}, "text": "the color é😀 е", "tail": "\u0041\/","annotations":"#
                + annotations + "}\n")
    }

    @Test func anExistingAnnotationsMemberIsReplacedWhereItStands() {
        let input = #"{"annotations": [{"old": 1}], "text": "colour", "x": 1}"#
        let outcome = RunOutcome.run(.spelling, options: Self.options, input: Array(input.utf8))
        #expect(
            outcome.text
                == #"{"annotations": [{"stage":"spelling","start":0,"end":6,"source":"colour","replacement":"color","data":{"pattern":"colour"}}], "text": "color", "x": 1}"#
        )
    }

    @Test(arguments: [
        (#"{"text":"plain"}"#, #"{"text":"plain","annotations":[]}"#),
        (#"{"text":"colour" }"#, #"{"text":"color" ,"annotations":[{"stage":"spelling","start":0,"end":6,"source":"colour","replacement":"color","data":{"pattern":"colour"}}]}"#),
        (#"  {"text":"plain"}  "#, #"  {"text":"plain","annotations":[]}  "#),
        (#"{"text":"a\"b\\c\n\u2028"}"#, #"{"text":"a\"b\\c\n\u2028","annotations":[]}"#),
        (#"{"text":""}"#, #"{"text":"","annotations":[]}"#),
    ])
    func recordsWithoutAnnotationsGetThemBeforeTheClosingBrace(input: String, output: String) {
        #expect(RunOutcome.run(.spelling, options: Self.options, input: Array(input.utf8)).text == output)
    }

    @Test func lineEndsAndBlankLinesBetweenRecordsAreKept() throws {
        let input = "\r\n" + #"{"text":"colour"}"# + "\r\n\n  \n" + #"{"text":"ё"}"#
        let outcome = verifyChunkingIndependence(pipeline: .spelling, options: Self.options, input: Array(input.utf8))
        let lines = outcome.lines
        try #require(lines.count == 5)
        #expect(lines[0] == "\r")
        #expect(lines[1].hasPrefix(#"{"text":"color","annotations":"#) && lines[1].hasSuffix("}\r"))
        #expect(lines[2] == "")
        #expect(lines[3] == "  ")
        #expect(lines[4].hasPrefix(#"{"text":"е","annotations":"#) && lines[4].hasSuffix("}"))
    }

    @Test func eachRecordsLangIsHonoured() throws {
        let probe = ClosureStage(name: "language") { text, context throws(DragomanError) in
            try StageResult(applying: [Edit(stage: "language", range: 0..<0, replacement: "[\(context.language.rawValue)] ")], to: text)
        }
        let input = [
            #"{"lang":"ru","text":"a"}"#,
            #"{"lang":"az-Cyrl","text":"a"}"#,
            #"{"lang":"TR_tr","text":"a"}"#,
            #"{"lang":"auto","text":"Բարև ձեզ"}"#,
            #"{"text":"Bonjour"}"#,
            #"{"lang":null,"text":"x"}"#,
        ].joined(separator: "\n")
        let options = RunnerOptions.testing(.jsonl) { $0.source = .fixed(.fr) }
        let outcome = RunOutcome.run(Pipeline([probe]), options: options, input: Array(input.utf8))
        #expect(outcome.error == nil)
        let texts = try outcome.lines.map { line in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            return try #require(object["text"] as? String)
        }
        #expect(texts == ["[ru] a", "[az-Cyrl] a", "[tr] a", "[hy] Բարև ձեզ", "[fr] Bonjour", "[fr] x"])
    }

    @Test func anUnknownLangStopsTheRunNamingItsLine() throws {
        let input = [#"{"text":"colour 1"}"#, #"{"text":"colour 2"}"#, #"{"lang":"xx","text":"colour 3"}"#, #"{"text":"colour 4"}"#]
            .joined(separator: "\n") + "\n"
        let outcome = RunOutcome.run(.spelling, options: Self.options, input: Array(input.utf8), name: "in.jsonl")
        guard case .malformedRecord(let message, let location)? = outcome.error else {
            Issue.record("expected malformedRecord, got \(String(describing: outcome.error))")
            return
        }
        #expect(location.path == "in.jsonl")
        #expect(location.line == 3)
        #expect(message.contains("unknown language 'xx'"))
        try #require(outcome.lines.count == 3)
        #expect(outcome.lines[0].hasPrefix(#"{"text":"color 1""#))
        #expect(outcome.lines[1].hasPrefix(#"{"text":"color 2""#))
        #expect(outcome.lines[2] == "")
    }

    struct BadRecord: Sendable, CustomTestStringConvertible {
        var label: String
        var line: String
        var message: String
        var column: Int?
        var testDescription: String { label }
    }

    @Test(arguments: [
        BadRecord(label: "a trailing comma", line: #"{"text": "colour",}"#, message: "malformed JSON record: expected a member name in quotes", column: 19),
        BadRecord(label: "a trailing comma after Cyrillic", line: #"{"text": "ёж",}"#, message: "malformed JSON record: expected a member name in quotes", column: 15),
        BadRecord(label: "no text", line: #"{"id": 1}"#, message: #"malformed JSON record: record has no "text" member"#, column: 1),
        BadRecord(label: "text not a string", line: #"{"text": 5}"#, message: #"malformed JSON record: "text" must be a string"#, column: 10),
        BadRecord(label: "lang not a string", line: #"{"lang": 5, "text": "a"}"#, message: #"malformed JSON record: "lang" must be a string or null"#, column: 10),
        BadRecord(label: "not an object", line: #"["text"]"#, message: "malformed JSON record: expected a JSON object", column: 1),
        BadRecord(label: "an unterminated string", line: #"{"text": "colour"#, message: "malformed JSON record: unterminated string", column: 17),
    ])
    func aMalformedLineStopsTheRunAfterEveryEarlierRecord(_ test: BadRecord) throws {
        let input = [#"{"text":"colour 1"}"#, #"{"text":"colour 2"}"#, test.line, #"{"text":"colour 4"}"#].joined(separator: "\n") + "\n"
        let outcome = RunOutcome.run(.spelling, options: Self.options, input: Array(input.utf8), name: "in.jsonl")
        #expect(outcome.error == .malformedRecord(test.message, at: .init(path: "in.jsonl", line: 3, column: test.column)))
        try #require(outcome.lines.count == 3)
        #expect(outcome.lines[0].hasPrefix(#"{"text":"color 1""#))
        #expect(outcome.lines[1].hasPrefix(#"{"text":"color 2""#))
        #expect(outcome.text.hasSuffix("}\n"))
    }

    @Test func aMalformedLineAfterManyBatchesLeavesEveryEarlierRecordWritten() {
        let good = (0..<2_000).map { #"{"i":\#($0),"text":"colour"}"# }
        let input = (good + ["{oops}"] + good).joined(separator: "\n") + "\n"
        let options = RunnerOptions.testing(.jsonl) { $0.workers = 4 }
        let outcome = RunOutcome.run(.spelling, options: options, input: Array(input.utf8), name: "big.jsonl", readSizes: [301, 7, 4096])
        #expect(outcome.error == .malformedRecord("malformed JSON record: expected a member name in quotes", at: .init(path: "big.jsonl", line: 2_001, column: 2)))
        let lines = outcome.lines
        #expect(lines.count == 2_001)
        #expect(lines.last == "")
        #expect(lines.dropLast().enumerated().allSatisfy { $0.element.hasPrefix(#"{"i":\#($0.offset),"text":"color""#) })
    }

    @Test(arguments: ["\n", "\r\n"])
    func skippedRecordsAreReportedAndLeaveNoBlankLine(lineEnd: String) throws {
        let input = [#"{"text":"colour 1"}"#, #"{"text": "colour",}"#, #"{"text":"colour 3"}"#, #"{"text": 5}"#, #"{"text":"colour 5"}"#, "{"]
            .joined(separator: lineEnd)
        let options = RunnerOptions.testing(.jsonl) { $0.skipInvalidRecords = true }
        let outcome = verifyChunkingIndependence(pipeline: .spelling, options: options, input: Array(input.utf8))
        #expect(outcome.error == nil)
        // The last line, skipped, had no line end: the output ends with record 5's.
        let lines = outcome.lines
        try #require(lines.count == 4)
        #expect(lines[0].hasPrefix(#"{"text":"color 1""#))
        #expect(lines[1].hasPrefix(#"{"text":"color 3""#))
        #expect(lines[2].hasPrefix(#"{"text":"color 5""#))
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix(lineEnd == "\r\n" ? "}\r" : "}") })
        #expect(lines[3] == "")
        #expect(outcome.diagnostics.map(\.location?.line) == [2, 4, 6])
        #expect(outcome.diagnostics.allSatisfy { $0.message.hasPrefix("skipped: malformed JSON record: ") })
        #expect(outcome.statistics?.skippedRecords == 3)
        #expect(outcome.statistics?.records == 3)
    }

    @Test func aSkippedRecordBeforeABlankLineKeepsTheBlankLine() throws {
        let input = #"{"text":"colour"}"# + "\n{bad}\n\n" + #"{"text":"ё"}"# + "\n"
        let options = RunnerOptions.testing(.jsonl) { $0.skipInvalidRecords = true }
        let outcome = RunOutcome.run(.spelling, options: options, input: Array(input.utf8))
        try #require(outcome.lines.count == 4)
        #expect(outcome.lines[1] == "")
        #expect(outcome.lines[3] == "")
    }

    /// Records are scanned on worker threads, whose stacks are smaller than the main thread's.
    @Test func deeplyNestedUnknownFieldsAreKeptUpToTheLimitOnWorkerThreads() throws {
        func nested(_ depth: Int) -> String { String(repeating: "[", count: depth) + String(repeating: "]", count: depth) }
        let deep = #"{"meta":\#(nested(JSONObjectScanner.maxDepth - 1)),"text":"colour"}"#
        let tooDeep = #"{"meta":\#(nested(JSONObjectScanner.maxDepth + 1)),"text":"colour"}"#
        let options = RunnerOptions.testing(.jsonl) { $0.skipInvalidRecords = true; $0.workers = 2 }
        let outcome = RunOutcome.run(.spelling, options: options, input: Array((deep + "\n" + tooDeep + "\n").utf8))
        try #require(outcome.lines.count == 2)
        #expect(outcome.lines[0].hasPrefix(#"{"meta":\#(nested(JSONObjectScanner.maxDepth - 1)),"text":"color","annotations":"#))
        #expect(outcome.diagnostics.map(\.message) == ["skipped: malformed JSON record: nesting deeper than \(JSONObjectScanner.maxDepth)"])
    }

    @Test func anOversizedLinePassesThroughBetweenNormalizedOnes() throws {
        let long = #"{"id": 2, "text": "colour "# + String(repeating: "ё", count: 40) + #""}"#
        let input = #"{"text":"colour 1"}"# + "\n" + long + "\n" + #"{"text":"colour 3"}"# + "\n"
        let options = RunnerOptions.testing(.jsonl) { $0.maxRecordBytes = 64 }
        let outcome = verifyChunkingIndependence(pipeline: .spelling, options: options, input: Array(input.utf8))
        try #require(outcome.lines.count == 4)
        #expect(outcome.lines[0].hasPrefix(#"{"text":"color 1""#))
        #expect(outcome.lines[1] == long)
        #expect(outcome.lines[2].hasPrefix(#"{"text":"color 3""#))
        #expect(outcome.diagnostics == [Diagnostic("record longer than 64 bytes passed through unchanged", at: .init(path: "<memory>", line: 2))])
        #expect(outcome.statistics?.oversizedRecords == 1)
    }

    @Test func aFiftyMegabyteLinePassesThroughUnderAOneMebibyteLimit() {
        var input = Array(#"{"text":""#.utf8)
        input.reserveCapacity(50_000_100)
        let filler = Array("colour ёж ".utf8)
        while input.count < 50_000_000 { input.append(contentsOf: filler) }
        input.append(contentsOf: Array("\"}\n".utf8))
        let longLineEnd = input.count
        input.append(contentsOf: Array(#"{"text":"colour"}"#.utf8))
        let options = RunnerOptions.testing(.jsonl) { $0.maxRecordBytes = 1 << 20 }
        let outcome = RunOutcome.run(.spelling, options: options, input: input)
        #expect(outcome.error == nil)
        #expect(outcome.output.count > longLineEnd)
        #expect(outcome.output.prefix(longLineEnd).elementsEqual(input.prefix(longLineEnd)))
        #expect(String(decoding: outcome.output.dropFirst(longLineEnd), as: UTF8.self).hasPrefix(#"{"text":"color","annotations":"#))
        #expect(outcome.diagnostics.count == 1)
    }
}

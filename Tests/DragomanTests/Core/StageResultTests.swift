@testable import Dragoman
import Testing

@Suite struct StageResultTests {
    @Test func editsInAnyOrderAreAppliedLeftToRight() throws {
        let input = "Երևան: 5&euro; 😀 x"
        let euro = try #require(input.utf8Range(of: "&euro;"))
        let x = try #require(input.utf8Range(of: "x"))
        let result = try StageResult(
            applying: [
                Edit(stage: "b", range: x, replacement: "ÿ"),
                Edit(stage: "a", range: euro, replacement: "€"),
                Edit(stage: "c", range: 0..<0, replacement: "» "),
            ], to: input)
        #expect(result.text == "» Երևան: 5€ 😀 ÿ")
        #expect(result.edits.map(\.stage) == ["c", "a", "b"])
        #expect(result.map.regions.count == 3)
    }

    @Test func noEditsLeaveTheTextAndAnIdentityMap() throws {
        let result = try StageResult(applying: [], to: "unchanged")
        #expect(result.text == "unchanged")
        #expect(result.edits.isEmpty)
        #expect(result.map.isIdentity)
    }

    @Test func touchingEditsAndInsertionsAtTheSamePlaceAreAccepted() throws {
        let result = try StageResult(
            applying: [
                Edit(stage: "t", range: 2..<4, replacement: "CD"),
                Edit(stage: "t", range: 4..<4, replacement: "+"),
                Edit(stage: "t", range: 0..<2, replacement: "AB"),
                Edit(stage: "t", range: 6..<6, replacement: "!"),
            ], to: "abcdef")
        #expect(result.text == "ABCD+ef!")
    }

    @Test(arguments: [
        ("", [(0..<0, "x")], "x"),
        ("abc", [(0..<3, "")], ""),
        ("", [(0..<0, "")], ""),
        ("жаб", [(0..<2, ""), (2..<4, "ə"), (4..<6, "")], "ə"),
        ("a", [(0..<0, "Երևան "), (1..<1, " 😀")], "Երևան a 😀"),
    ] as [(String, [(Range<Int>, String)], String)])
    func editsAtTheEdgesAndToNothing(input: String, edits: [(Range<Int>, String)], expected: String) throws {
        let result = try StageResult(applying: edits.map { Edit(stage: "t", range: $0.0, replacement: $0.1) }, to: input)
        #expect(result.text == expected)
        #expect(result.map.regions.last?.output.upperBound ?? 0 <= expected.utf8.count)
    }

    @Test func insertionsAtTheSamePlaceKeepTheirGivenOrder() throws {
        let edits = ["1", "2", "3", "4", "5"].map { Edit(stage: "t", range: 1..<1, replacement: $0) }
        #expect(try StageResult(applying: edits, to: "ab").text == "a12345b")
        #expect(try StageResult(applying: edits.reversed(), to: "ab").text == "a54321b")
    }

    struct InvalidCase: Sendable, CustomTestStringConvertible {
        var label: String
        var input: String
        var ranges: [Range<Int>]
        var testDescription: String { label }
    }

    @Test(arguments: [
        InvalidCase(label: "overlapping", input: "abcdef", ranges: [1..<4, 3..<5]),
        InvalidCase(label: "one inside another", input: "abcdef", ranges: [1..<5, 2..<3]),
        InvalidCase(label: "the same range twice", input: "abcdef", ranges: [2..<3, 2..<3]),
        InvalidCase(label: "an insertion inside a replacement", input: "abcdef", ranges: [1..<4, 2..<2]),
        InvalidCase(label: "past the end", input: "abc", ranges: [2..<4]),
        InvalidCase(label: "an insertion past the end", input: "abc", ranges: [4..<4]),
        InvalidCase(label: "a negative start", input: "abc", ranges: [-1..<1]),
        InvalidCase(label: "a start inside a two-byte letter", input: "aéb", ranges: [2..<3]),
        InvalidCase(label: "an end inside a two-byte letter", input: "aéb", ranges: [0..<2]),
        InvalidCase(label: "an insertion inside an emoji", input: "a😀b", ranges: [3..<3]),
        InvalidCase(label: "an end inside Armenian", input: "Երևան", ranges: [0..<3]),
    ])
    func invalidEditsAreRejected(_ test: InvalidCase) throws {
        let edits = test.ranges.map { Edit(stage: "broken", range: $0, replacement: "x") }
        let error = #expect(throws: DragomanError.self) { try StageResult(applying: edits, to: test.input) }
        guard case .invalidEdits(let stage, let reason)? = error else {
            Issue.record("expected invalidEdits, got \(String(describing: error))")
            return
        }
        #expect(stage == "broken")
        #expect(!reason.isEmpty)
    }

    @Test func theReasonForASplitSequenceSaysSo() {
        let error = #expect(throws: DragomanError.self) {
            try StageResult(applying: [Edit(stage: "s", range: 2..<3, replacement: "")], to: "aéb")
        }
        #expect(error?.description.contains("splits a UTF-8 sequence") == true)
    }
}

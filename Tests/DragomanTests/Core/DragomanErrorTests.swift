@testable import Dragoman
import Testing

@Suite struct DragomanErrorTests {
    @Test(arguments: [
        (DragomanError.unknownStage("shout", known: ["repair", "money"], at: nil), "unknown stage 'shout' (known: repair, money)"),
        (
            .unknownStage("shout", known: ["repair"], at: .init(path: "dragoman.yml", line: 4, column: 9)),
            "dragoman.yml:4:9: unknown stage 'shout' (known: repair)"
        ),
        (.invalidConfiguration("version 9 is not known", at: .init(path: "d.yml", line: 1)), "d.yml:1: version 9 is not known"),
        (.invalidConfiguration("no stages", at: nil), "no stages"),
        (.malformedRecord("malformed JSON record: empty record", at: .init(path: "<stdin>", line: 12, column: 1)), "<stdin>:12:1: malformed JSON record: empty record"),
        (.invalidUTF8(byteOffset: 1024, path: "in.txt"), "in.txt: invalid UTF-8 at byte 1024"),
        (.invalidEdits(stage: "money", reason: "range 3..<9 overlaps another edit or the end of the text"), "stage 'money' returned invalid edits: range 3..<9 overlaps another edit or the end of the text"),
        (.io("No such file or directory", path: "missing.txt"), "missing.txt: No such file or directory"),
        (.outputClosed, "output closed"),
    ])
    func errorsDescribeThemselvesAsPathLineColumnMessage(error: DragomanError, description: String) {
        #expect(error.description == description)
    }

    @Test(arguments: [
        (Dragoman.SourceLocation(path: "a.jsonl", line: 3, column: 7), "a.jsonl:3:7"),
        (.init(path: "a.jsonl", line: 3), "a.jsonl:3"),
        (.init(path: "<stdin>", line: 0), "<stdin>"),
    ])
    func sourceLocationsPrintAsPathLineColumn(location: Dragoman.SourceLocation, description: String) {
        #expect(location.description == description)
    }

    @Test func diagnosticsPrintAsWarnings() {
        #expect(Diagnostic("record skipped", at: .init(path: "a.jsonl", line: 2)).description == "a.jsonl:2: warning: record skipped")
        #expect(Diagnostic("odd input").description == "warning: odd input")
    }
}

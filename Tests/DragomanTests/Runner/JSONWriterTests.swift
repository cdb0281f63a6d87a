@testable import Dragoman
import Foundation
import Testing

@Suite struct JSONWriterTests {
    static let trickyStrings = [
        "",
        "plain",
        "quote \" and backslash \\ and slash /",
        "\n\r\t\u{08}\u{0C}\u{00}\u{01}\u{1F}\u{7F}",
        "line\u{2028}separator\u{2029}paragraph",
        "emoji 😀, Երևան, Ереван, ə, €",
        "\\u0041 is not an escape here",
        "\u{FFFD}\u{FEFF}\u{200B}",
    ]

    @Test(arguments: trickyStrings)
    func stringsRoundTripThroughFoundation(text: String) throws {
        var bytes: [UInt8] = []
        JSONWriter.appendString(text, to: &bytes)
        let decoded = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]) as? String
        #expect(decoded == text)
    }

    @Test(arguments: trickyStrings)
    func stringsRoundTripThroughTheScanner(text: String) throws {
        var bytes: [UInt8] = []
        JSONWriter.appendString(text, to: &bytes)
        let decoded = try bytes.withUnsafeBufferPointer { (buffer) throws(JSONObjectScanner.SyntaxError) in
            try JSONObjectScanner.decodeString(buffer, 0..<buffer.count)
        }
        #expect(decoded == text)
    }

    @Test(arguments: trickyStrings)
    func controlCharactersAndLineSeparatorsNeverAppearRaw(text: String) {
        var bytes: [UInt8] = []
        JSONWriter.appendString(text, to: &bytes)
        #expect(!bytes.contains { $0 < 0x20 })
        let written = String(decoding: bytes, as: UTF8.self)
        #expect(!written.unicodeScalars.contains { $0 == "\u{2028}" || $0 == "\u{2029}" })
    }

    @Test func nonASCIITextStaysUTF8AndEscapesAreShort() {
        var bytes: [UInt8] = []
        JSONWriter.appendString("Ж\n\"\u{01}\u{2028}", to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == #""Ж\n\"\u0001\u2028""#)
    }

    @Test func annotationsDecodeBackWithCodable() throws {
        let annotations = [
            Annotation(stage: "repair", start: 3, end: 9, source: "&euro;", replacement: "€", data: ["kind": "entity", "a\"b": "\n"]),
            Annotation(stage: "money", start: 10, end: 10, source: "", replacement: "😀", data: [:]),
        ]
        var bytes: [UInt8] = []
        JSONWriter.appendAnnotations(annotations, to: &bytes)
        #expect(try JSONDecoder().decode([Annotation].self, from: Data(bytes)) == annotations)
    }

    @Test func annotationDataKeysAreWrittenSorted() {
        var bytes: [UInt8] = []
        JSONWriter.appendAnnotations(
            [Annotation(stage: "s", start: 0, end: 1, source: "a", replacement: "b", data: ["z": "1", "a": "2", "m": "3"])], to: &bytes)
        #expect(
            String(decoding: bytes, as: UTF8.self)
                == #"[{"stage":"s","start":0,"end":1,"source":"a","replacement":"b","data":{"a":"2","m":"3","z":"1"}}]"#)
    }

    @Test func noAnnotationsIsAnEmptyArray() {
        var bytes: [UInt8] = []
        JSONWriter.appendAnnotations([], to: &bytes)
        #expect(bytes == Array("[]".utf8))
    }
}

@testable import Dragoman
import Testing

@Suite struct JSONObjectScannerTests {
    typealias SyntaxError = JSONObjectScanner.SyntaxError

    struct Valid: Sendable, CustomTestStringConvertible {
        var json: String
        /// Each member's key and the literal text of its value.
        var members: [Pair]
        var testDescription: String { json }
    }

    struct Pair: Sendable, Equatable, CustomStringConvertible {
        var key: String
        var value: String
        init(_ key: String, _ value: String) {
            self.key = key
            self.value = value
        }
        var description: String { "\(key): \(value)" }
    }

    @Test(arguments: [
        Valid(json: "{}", members: []),
        Valid(json: " \t{ }\r\n", members: []),
        Valid(json: #"{"text":"hi"}"#, members: [Pair("text", #""hi""#)]),
        Valid(
            json: #" { "a" : 1 , "b":[true,false,null,{"c":{}}], "n": -1.50e+3 } "#,
            members: [Pair("a", "1"), Pair("b", #"[true,false,null,{"c":{}}]"#), Pair("n", "-1.50e+3")]),
        Valid(json: #"{"k\u00e9y":"v","t\"x":0,"\ud83d\ude00":[]}"#, members: [Pair("kéy", #""v""#), Pair("t\"x", "0"), Pair("😀", "[]")]),
        Valid(json: #"{"s":"}{][,:\"\\"}"#, members: [Pair("s", #""}{][,:\"\\""#)]),
        Valid(
            json: #"{"n":[0,-0,0.5,1E9,1e-9,12345678901234567890,-2.5E+10]}"#,
            members: [Pair("n", "[0,-0,0.5,1E9,1e-9,12345678901234567890,-2.5E+10]")]),
        Valid(json: #"{"a":1,"a":2}"#, members: [Pair("a", "1"), Pair("a", "2")]),
        Valid(json: #"{"т":"Երևան 😀","meta":{"deep":[[[]]],"x":"\u0000"}}"#, members: [Pair("т", #""Երևան 😀""#), Pair("meta", #"{"deep":[[[]]],"x":"\u0000"}"#)]),
        Valid(json: "{\"del\":\"\u{7F}\"}", members: [Pair("del", "\"\u{7F}\"")]),
    ])
    func validObjectsYieldTheirMembersAndValueRanges(_ test: Valid) throws {
        #expect(try Self.members(test.json) == test.members)
    }

    struct Invalid: Sendable, CustomTestStringConvertible {
        var label: String
        var json: String
        var offset: Int
        var message: String
        var testDescription: String { label }

        init(_ label: String, _ json: String, offset: Int, _ message: String) {
            self.label = label
            self.json = json
            self.offset = offset
            self.message = message
        }
    }

    @Test(arguments: [
        Invalid("a trailing comma", #"{"a":1,}"#, offset: 7, "expected a member name in quotes"),
        Invalid("a trailing comma in an array", #"{"a":[1,]}"#, offset: 8, "unexpected character"),
        Invalid("an unterminated string", #"{"a":"abc"#, offset: 9, "unterminated string"),
        Invalid("a raw tab in a string", "{\"a\":\"x\ty\"}", offset: 7, "control character in string"),
        Invalid("a raw newline in a key", "{\"a\nb\":1}", offset: 3, "control character in string"),
        Invalid("a bad escape", #"{"a":"\x"}"#, offset: 7, "invalid escape"),
        Invalid("a bad hex digit", #"{"a":"\u12G4"}"#, offset: 10, #"invalid \u escape"#),
        Invalid("a short \\u escape at the end", #"{"a":"\u12"#, offset: 8, #"incomplete \u escape"#),
        Invalid("an array", "[1,2]", offset: 0, "expected a JSON object"),
        Invalid("a string", #""text""#, offset: 0, "expected a JSON object"),
        Invalid("nothing", "", offset: 0, "empty record"),
        Invalid("only blanks", "   ", offset: 3, "empty record"),
        Invalid("text after the object", "{} x", offset: 3, "unexpected text after the object"),
        Invalid("two objects", "{}{}", offset: 2, "unexpected text after the object"),
        Invalid("a missing colon", #"{"a" 1}"#, offset: 5, "expected ':' after member name"),
        Invalid("a missing comma", #"{"a":1 "b":2}"#, offset: 7, "expected ',' or '}'"),
        Invalid("an unquoted key", "{a:1}", offset: 1, "expected a member name in quotes"),
        Invalid("a misspelt literal", #"{"a":tru}"#, offset: 5, "unexpected character"),
        Invalid("a cut literal", #"{"a":nul"#, offset: 5, "unexpected end of record"),
        Invalid("a leading zero", #"{"a":01}"#, offset: 6, "expected ',' or '}'"),
        Invalid("a lone minus", #"{"a":-}"#, offset: 6, "malformed number"),
        Invalid("a bare decimal point", #"{"a":1.}"#, offset: 7, "malformed number"),
        Invalid("a leading decimal point", #"{"a":.5}"#, offset: 5, "unexpected character"),
        Invalid("a plus sign", #"{"a":+1}"#, offset: 5, "unexpected character"),
        Invalid("an empty exponent", #"{"a":1e}"#, offset: 7, "malformed number"),
        Invalid("a missing closing brace", #"{"a":"x""#, offset: 8, "expected ',' or '}'"),
        Invalid("a missing value", #"{"a":}"#, offset: 5, "unexpected character"),
        Invalid("the end where a value belongs", #"{"a":"#, offset: 5, "expected a value"),
        Invalid(
            "nesting deeper than the limit", #"{"a":"# + String(repeating: "[", count: 300) + String(repeating: "]", count: 300) + "}",
            offset: 5 + JSONObjectScanner.maxDepth, "nesting deeper than \(JSONObjectScanner.maxDepth)"),
    ])
    func invalidRecordsAreRejectedWithAnOffset(_ test: Invalid) {
        let error = #expect(throws: SyntaxError.self) { try Self.members(test.json) }
        #expect(error?.offset == test.offset)
        #expect(error?.message == test.message)
    }

    @Test func nestingUpToTheLimitIsAccepted() throws {
        let depth = JSONObjectScanner.maxDepth - 1
        let json = #"{"a":"# + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + "}"
        #expect(try Self.members(json).map(\.key) == ["a"])
    }

    @Test(arguments: [
        (#""plain""#, "plain"),
        (#""a\"b""#, "a\"b"),
        (#""\\ \/ \b\f\n\r\t""#, "\\ / \u{08}\u{0C}\n\r\t"),
        (#""\u00e9\u00E9""#, "éé"),
        (#""\ud83d\ude00""#, "😀"),
        (#""\uD83D\uDE00!""#, "😀!"),
        (#""\u2028""#, "\u{2028}"),
        (#""Ж😀""#, "Ж😀"),
        (#""\ud83d""#, "\u{FFFD}"),
        (#""\ud83dx""#, "\u{FFFD}x"),
        (#""\ud83d\u0041""#, "\u{FFFD}A"),
        (#""\ud83d\n""#, "\u{FFFD}\n"),
        (#""\ude00x""#, "\u{FFFD}x"),
        (#""\ud83d\ud83d\ude00""#, "\u{FFFD}😀"),
    ])
    func stringsDecodeEscapesAndSurrogatePairs(literal: String, expected: String) throws {
        let bytes = Array(literal.utf8)
        let decoded = try bytes.withUnsafeBufferPointer { (buffer) throws(SyntaxError) in
            try JSONObjectScanner.decodeString(buffer, 0..<buffer.count)
        }
        #expect(decoded == expected)
    }

    @Test func aMembersValueRangeDecodesToItsString() throws {
        let bytes = Array(#"{"a":"x\ty","b":"\u00e9"}"#.utf8)
        let members = try bytes.withUnsafeBufferPointer { (buffer) throws(SyntaxError) in try JSONObjectScanner.members(of: buffer) }
        let b = try #require(members.last)
        let decoded = try bytes.withUnsafeBufferPointer { (buffer) throws(SyntaxError) in try JSONObjectScanner.decodeString(buffer, b.value) }
        #expect(decoded == "é")
    }

    // MARK: - Helpers

    static func members(_ json: String) throws(SyntaxError) -> [Pair] {
        let bytes = Array(json.utf8)
        return try bytes.withUnsafeBufferPointer { (buffer) throws(SyntaxError) in
            try JSONObjectScanner.members(of: buffer).map { Pair($0.key, String(decoding: buffer[$0.value], as: UTF8.self)) }
        }
    }
}

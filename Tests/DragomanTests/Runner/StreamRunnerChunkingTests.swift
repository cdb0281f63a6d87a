@testable import Dragoman
import Foundation
import Testing

/// The runner's output must not depend on how its input arrives: whole, one byte per read, or in
/// random reads that cut records, lines and characters anywhere.
@Suite struct StreamRunnerChunkingTests {
    static let articles = ["az-mina-temizleme", "en-demining-funding", "fr-deminage", "hy-akanazercum", "ru-razminirovanie", "tr-mayin-temizleme"]

    /// All sample articles, with CRLF, blanks on blank lines, leading and trailing blank lines and
    /// test words added, so that every script and every kind of separator is in one input.
    static func mixedText() throws -> String {
        var text = "\n \n"
        for (index, article) in articles.enumerated() {
            var body = try String(contentsOf: GoldenFile.repositoryRoot.appendingPathComponent("corpora/\(article).txt"), encoding: .utf8)
            body = body.replacingOccurrences(of: "\n\n", with: index.isMultiple(of: 2) ? "\n\n" : "\r\n \t\r\n")
            text += "colour ёж 😀 " + body + "\n\t\n"
        }
        return text + "last colour, no newline"
    }

    /// The same paragraphs as JSON Lines with unknown fields, escapes, `lang`, blank and CRLF lines.
    static func mixedJSONLines() throws -> String {
        let paragraphs = try mixedText().components(separatedBy: "\n").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        var lines: [String] = []
        for (index, paragraph) in paragraphs.enumerated() {
            var text: [UInt8] = []
            JSONWriter.appendString(paragraph + " colour", to: &text)
            let lang = ["\"auto\"", "null", "\"en\"", "\"az-Cyrl\""][index % 4]
            lines.append(#"{"id": \#(index), "n": 1.50e3, "lang": \#(lang), "meta": {"k": ["\u00e9", "\ud83d\ude00"]}, "text": \#(String(decoding: text, as: UTF8.self))}"#)
        }
        lines.insert("", at: 3)
        lines.insert("   ", at: 6)
        return lines.enumerated().map { $0.element + ($0.offset.isMultiple(of: 3) ? "\r\n" : "\n") }.joined()
    }

    @Test(arguments: [1, 4])
    func textOutputIgnoresChunking(workers: Int) throws {
        let input = Array(try Self.mixedText().utf8)
        let outcome = verifyChunkingIndependence(pipeline: .spelling, options: .testing(.text) { $0.workers = workers }, input: input)
        #expect(outcome.error == nil)
        #expect(outcome.text.hasSuffix("last color, no newline"))
        #expect(outcome.output.count == input.count - (outcome.statistics?.changes["spelling"] ?? 0))
    }

    @Test(arguments: [1, 4])
    func jsonLinesOutputIgnoresChunking(workers: Int) throws {
        let input = Array(try Self.mixedJSONLines().utf8)
        let outcome = verifyChunkingIndependence(pipeline: .spelling, options: .testing(.jsonl) { $0.workers = workers }, input: input)
        #expect(outcome.error == nil)
        #expect((outcome.statistics?.records ?? 0) > 20)
    }

    @Test(arguments: [RunnerOptions.Format.text, .jsonl])
    func replacedBadBytesIgnoreChunking(format: RunnerOptions.Format) throws {
        let input = Self.withBadBytes(Array(try (format == .text ? Self.mixedText() : Self.mixedJSONLines()).utf8))
        // Bad bytes land in JSON syntax too; those records are skipped, so the run reads to the end.
        let options = RunnerOptions.testing(format) { $0.skipInvalidRecords = true }
        let outcome = verifyChunkingIndependence(pipeline: .spelling, options: options, input: input)
        #expect(outcome.error == nil)
        #expect((outcome.statistics?.invalidUTF8Sequences ?? 0) > 10)
    }

    @Test(arguments: [RunnerOptions.Format.text, .jsonl])
    func oversizedRecordsIgnoreChunking(format: RunnerOptions.Format) throws {
        let input = Array(try (format == .text ? Self.mixedText() : Self.mixedJSONLines()).utf8)
        let options = RunnerOptions.testing(format) { $0.maxRecordBytes = 200 }
        let outcome = verifyChunkingIndependence(pipeline: .spelling, options: options, input: input)
        #expect(outcome.error == nil)
        #expect((outcome.statistics?.oversizedRecords ?? 0) > 0)
        #expect((outcome.statistics?.records ?? 0) > 0)
    }

    @Test(arguments: [RunnerOptions.Format.text, .jsonl])
    func aStrictRunStopsAtTheSamePlaceHoweverTheInputIsRead(format: RunnerOptions.Format) throws {
        var input = Array(try (format == .text ? Self.mixedText() : Self.mixedJSONLines()).utf8)
        let middle = try #require(input[(input.count / 2)...].firstIndex(of: UInt8(ascii: " ")))
        input.insert(0xFF, at: middle)
        let options = RunnerOptions.testing(format) { $0.strictUTF8 = true }
        let outcome = verifyChunkingIndependence(pipeline: .spelling, options: options, input: input)
        #expect(outcome.error == .invalidUTF8(byteOffset: middle, path: "<memory>"))
        #expect(!outcome.output.isEmpty)
    }

    @Test func skippedRecordsIgnoreChunking() throws {
        var lines = try Self.mixedJSONLines().components(separatedBy: "\n")
        lines[4] = #"{"text": "broken",}"#
        lines[9] = "{"
        let options = RunnerOptions.testing(.jsonl) { $0.skipInvalidRecords = true }
        let outcome = verifyChunkingIndependence(pipeline: .spelling, options: options, input: Array(lines.joined(separator: "\n").utf8))
        #expect(outcome.statistics?.skippedRecords == 2)
    }

    /// Puts an ill-formed byte or sequence every 97 bytes, some inside multi-byte characters.
    static func withBadBytes(_ bytes: [UInt8]) -> [UInt8] {
        let bad: [[UInt8]] = [[0xFF], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0x80], [0xED, 0xA0, 0x80]]
        var result: [UInt8] = []
        for (index, byte) in bytes.enumerated() {
            if index > 0 && index.isMultiple(of: 97) { result += bad[(index / 97) % bad.count] }
            result.append(byte)
        }
        return result
    }
}

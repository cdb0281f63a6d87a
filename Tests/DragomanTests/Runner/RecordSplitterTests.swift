@testable import Dragoman
import Testing

@Suite struct RecordSplitterTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var input: String
        var pieces: [StreamPiece]
        var testDescription: String { label }

        init(_ label: String, _ input: String, _ pieces: [StreamPiece]) {
            self.label = label
            self.input = input
            self.pieces = pieces
        }
    }

    static let textCases: [Case] = [
        Case("empty", "", []),
        Case("paragraphs", "one\ntwo\n\nthree\n", [record("one\ntwo", 1), separator("\n"), separator("\n"), record("three", 4), separator("\n")]),
        Case(
            "CRLF", "one\r\ntwo\r\n\r\nthree\r\n",
            [record("one\r\ntwo", 1), separator("\r\n"), separator("\r\n"), record("three", 4), separator("\r\n")]),
        Case(
            "leading and trailing blank lines", "\n\nA\n\n\n",
            [separator("\n"), separator("\n"), record("A", 3), separator("\n"), separator("\n"), separator("\n")]),
        Case(
            "whitespace-only lines", "A\n  \t\nB\n \r\n",
            [record("A", 1), separator("\n"), separator("  \t\n"), record("B", 3), separator("\n"), separator(" \r\n")]),
        Case("no final newline", "A\nB", [record("A\nB", 1)]),
        Case("trailing blanks without a newline", "A\n\n   ", [record("A", 1), separator("\n"), separator("\n"), separator("   ")]),
        Case("indented content", "  A \n", [record("  A ", 1), separator("\n")]),
        Case(
            "multi-byte text", "Ереван\n\nԵրևան 😀",
            [record("Ереван", 1), separator("\n"), separator("\n"), record("Երևան 😀", 3)]),
        Case("a lone carriage return ends no line", "A\rB\n", [record("A\rB", 1), separator("\n")]),
    ]

    static let jsonCases: [Case] = [
        Case("lines", "{\"a\":1}\n{\"b\":2}\n", [record("{\"a\":1}", 1), separator("\n"), record("{\"b\":2}", 2), separator("\n")]),
        Case(
            "blank lines between", "{}\n\n  \n{}",
            [record("{}", 1), separator("\n"), separator("\n"), separator("  \n"), record("{}", 4)]),
        Case("CRLF", "{}\r\n{}\r\n", [record("{}", 1), separator("\r\n"), record("{}", 2), separator("\r\n")]),
        Case("leading blank line", "\r\n {} \n", [separator("\r\n"), record(" {} ", 2), separator("\n")]),
    ]

    @Test(arguments: textCases)
    func textIsCutIntoParagraphsAndSeparators(_ test: Case) {
        #expect(Self.split(test.input, format: .text) == test.pieces)
    }

    @Test(arguments: jsonCases)
    func jsonLinesAreCutIntoOneRecordPerLine(_ test: Case) {
        #expect(Self.split(test.input, format: .jsonLines) == test.pieces)
    }

    @Test(arguments: textCases)
    func textPiecesDoNotDependOnChunking(_ test: Case) {
        for size in 1...4 {
            #expect(Self.split(test.input, format: .text, chunkSize: size) == test.pieces, "reads of \(size)")
        }
    }

    @Test(arguments: jsonCases)
    func jsonPiecesDoNotDependOnChunking(_ test: Case) {
        for size in 1...4 {
            #expect(Self.split(test.input, format: .jsonLines, chunkSize: size) == test.pieces, "reads of \(size)")
        }
    }

    @Test(arguments: [1, 3, 64])
    func anOversizedJSONLineComesOutInPiecesBetweenNormalRecords(chunkSize: Int) {
        let long = "{\"text\":\"" + String(repeating: "Ж", count: 20) + "\"}"
        let input = "{\"a\":1}\n\(long)\r\n{}\n"
        let pieces = Self.canonical(Self.split(input, format: .jsonLines, maxRecordBytes: 16, chunkSize: chunkSize))
        #expect(
            pieces == [
                Self.record("{\"a\":1}", 1), Self.separator("\n"), .oversized(Array("\(long)\r\n".utf8), line: 2, first: true),
                Self.record("{}", 3), Self.separator("\n"),
            ])
    }

    @Test(arguments: [1, 5, 200])
    func anOversizedParagraphComesOutInPiecesBetweenNormalRecords(chunkSize: Int) {
        let input = "short\n\nthis paragraph is long\nand has a second line\n\nok\n"
        let pieces = Self.canonical(Self.split(input, format: .text, maxRecordBytes: 12, chunkSize: chunkSize))
        #expect(
            pieces == [
                Self.record("short", 1), Self.separator("\n\n"),
                .oversized(Array("this paragraph is long\nand has a second line\n".utf8), line: 3, first: true), Self.separator("\n"),
                Self.record("ok", 6), Self.separator("\n"),
            ])
    }

    @Test func onlyTheFirstPieceOfAnOversizedRecordIsMarkedFirst() {
        let pieces = Self.split(String(repeating: "x", count: 100) + "\n", format: .jsonLines, maxRecordBytes: 8, chunkSize: 10)
        let flags = pieces.compactMap { piece -> Bool? in
            if case .oversized(_, _, let first) = piece { return first }
            return nil
        }
        #expect(flags.count > 1)
        #expect(flags.first == true)
        #expect(flags.dropFirst().allSatisfy { !$0 })
    }

    /// A record just under the limit, then a whitespace-only line longer than the limit, cut by a
    /// read: the blank line is a separator, not part of any record, so nothing is oversized, however
    /// the input is read.
    @Test(arguments: [RecordSplitter.Format.text, .jsonLines])
    func aBlankLineCutByAReadDoesNotMakeAnythingOversized(format: RecordSplitter.Format) {
        let record = String(repeating: "a", count: 15)
        let blank = String(repeating: " ", count: 20)
        let input = "\(record)\n\(blank)\n"
        let whole = Self.split(input, format: format, maxRecordBytes: 16)
        #expect(Self.canonical(whole) == [Self.record(record, 1), Self.separator("\n\(blank)\n")])
        let cut = Self.split(input, format: format, maxRecordBytes: 16, chunkSize: 18)
        #expect(Self.canonical(cut) == Self.canonical(whole))
    }

    /// Random documents of short and long lines, blank and whitespace-only lines, CRLF and multi-byte
    /// letters, random limits, random reads: the piece bytes always concatenate to the input, and the
    /// pieces are those of the whole input read at once.
    @Test(arguments: [RecordSplitter.Format.text, .jsonLines])
    func piecesReproduceTheInputAndIgnoreChunking(format: RecordSplitter.Format) {
        let lines = ["{\"a\":1}", "short", "Ереван 😀", "", "   ", " \t", "\r", String(repeating: "long ", count: 9), String(repeating: " ", count: 20), "x\r"]
        for seed in UInt64(0)..<300 {
            var generator = SplitMix64(seed: seed)
            var input = (0..<Int.random(in: 0...12, using: &generator)).map { _ in lines[Int.random(in: 0..<lines.count, using: &generator)] }
                .joined(separator: "\n")
            if Bool.random(using: &generator) { input += "\n" }
            let limit = [4, 16, 40, 1000][Int.random(in: 0..<4, using: &generator)]
            let bytes = Array(input.utf8)
            var sizes: [Int] = []
            var total = 0
            while total < bytes.count {
                let size = Int.random(in: 1...9, using: &generator)
                sizes.append(size)
                total += size
            }
            let whole = Self.split(bytes, format: format, maxRecordBytes: limit, chunkSizes: [bytes.count])
            let chunked = Self.split(bytes, format: format, maxRecordBytes: limit, chunkSizes: sizes)
            #expect(Self.concatenated(chunked) == bytes, "seed \(seed): bytes lost or reordered in \(input.debugDescription)")
            #expect(Self.concatenated(whole) == bytes, "seed \(seed): bytes lost or reordered in \(input.debugDescription)")
            let same = Self.canonical(chunked) == Self.canonical(whole)
            #expect(same, "seed \(seed), limit \(limit), reads \(sizes): pieces depend on chunking for \(input.debugDescription)")
            if !same { break }
        }
    }

    // MARK: - Helpers

    static func record(_ text: String, _ line: Int) -> StreamPiece { .record(Array(text.utf8), line: line) }
    static func separator(_ text: String) -> StreamPiece { .separator(Array(text.utf8)) }

    static func split(_ text: String, format: RecordSplitter.Format, maxRecordBytes: Int = 1 << 20, chunkSize: Int? = nil) -> [StreamPiece] {
        let bytes = Array(text.utf8)
        return split(bytes, format: format, maxRecordBytes: maxRecordBytes, chunkSizes: [chunkSize ?? max(1, bytes.count)])
    }

    /// Feeds `bytes` in reads of `chunkSizes` (cycled), then finishes.
    static func split(_ bytes: [UInt8], format: RecordSplitter.Format, maxRecordBytes: Int, chunkSizes: [Int]) -> [StreamPiece] {
        var splitter = RecordSplitter(format: format, maxRecordBytes: maxRecordBytes)
        var pieces: [StreamPiece] = []
        var start = 0
        var read = 0
        while start < bytes.count {
            let end = min(bytes.count, start + max(1, chunkSizes[read % chunkSizes.count]))
            Array(bytes[start..<end]).withUnsafeBufferPointer { splitter.feed($0, into: &pieces) }
            start = end
            read += 1
        }
        splitter.finish(into: &pieces)
        return pieces
    }

    static func concatenated(_ pieces: [StreamPiece]) -> [UInt8] {
        pieces.flatMap { piece -> [UInt8] in
            switch piece {
            case .record(let bytes, _), .separator(let bytes), .oversized(let bytes, _, _): bytes
            }
        }
    }

    /// The pieces with each oversized record's parts joined, since how an oversized record is cut
    /// follows the reads.
    static func canonical(_ pieces: [StreamPiece]) -> [StreamPiece] {
        var result: [StreamPiece] = []
        for piece in pieces {
            if case .oversized(let bytes, _, false) = piece, case .oversized(let previous, let line, let first)? = result.last {
                result[result.count - 1] = .oversized(previous + bytes, line: line, first: first)
            } else if case .separator(let bytes) = piece, case .separator(let previous)? = result.last {
                // Separators are written unchanged: where one is cut does not matter.
                result[result.count - 1] = .separator(previous + bytes)
            } else {
                result.append(piece)
            }
        }
        return result
    }
}

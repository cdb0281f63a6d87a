@testable import Dragoman
import Testing

@Suite struct UTF8SanitizerTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var label: String
        var bytes: [UInt8]
        /// Stream offsets of the ill-formed subsequences, each one U+FFFD.
        var offsets: [Int]
        var testDescription: String { label }

        init(_ label: String, _ bytes: [UInt8], offsets: [Int]) {
            self.label = label
            self.bytes = bytes
            self.offsets = offsets
        }
    }

    static let cases: [Case] = [
        Case("valid mixed scripts", Array("Hello, Ереван, Երևան, 😀 €".utf8), offsets: []),
        Case("empty", [], offsets: []),
        Case("a lone continuation byte", [0x80], offsets: [0]),
        Case("a byte that is never UTF-8", Array("ab".utf8) + [0xFF] + Array("cd".utf8), offsets: [2]),
        Case("overlong two-byte form", [0xC0, 0x80], offsets: [0, 1]),
        Case("overlong two-byte form of DEL", [0xC1, 0xBF], offsets: [0, 1]),
        Case("overlong three-byte form", [0xE0, 0x80, 0x80], offsets: [0, 1, 2]),
        Case("overlong four-byte form", [0xF0, 0x80, 0x80, 0x80], offsets: [0, 1, 2, 3]),
        Case("an encoded surrogate", [0xED, 0xA0, 0x80], offsets: [0, 1, 2]),
        Case("beyond U+10FFFF", [0xF4, 0x90, 0x80, 0x80], offsets: [0, 1, 2, 3]),
        Case("a five-byte form", [0xF8, 0x88, 0x80, 0x80, 0x80], offsets: [0, 1, 2, 3, 4]),
        Case("F5 lead", [0xF5, 0x80], offsets: [0, 1]),
        Case("a truncated three-byte sequence before ASCII", [0xE2, 0x82] + Array("A".utf8), offsets: [0]),
        Case("a truncated four-byte sequence before a space", [0xF0, 0x9F, 0x98] + Array(" x".utf8), offsets: [0]),
        Case("a truncated sequence at the end", Array("aЖ".utf8) + [0xC3], offsets: [3]),
        Case("a truncated emoji at the end", Array("x".utf8) + [0xF0, 0x9F, 0x98], offsets: [1]),
        Case(
            "Unicode's maximal-subpart example (Table 3-8)",
            [0x61, 0xF1, 0x80, 0x80, 0xE1, 0x80, 0xC2, 0x62, 0x80, 0x63, 0x80, 0xBF, 0x64], offsets: [1, 4, 6, 8, 10, 11]),
        Case(
            "invalid bytes between multi-byte letters",
            Array("Ж".utf8) + [0xFF] + Array("😀".utf8) + [0xE2, 0x82] + Array("€".utf8), offsets: [2, 7]),
        Case(
            "invalid bytes inside long ASCII runs",
            Array("abcdefghijklmnop".utf8) + [0x80] + Array("qrstuvwxyz012345".utf8) + [0xC3] + Array("0123456789abcdef".utf8),
            offsets: [16, 33]),
        Case("Latin-1 text", [0x63, 0x61, 0x66, 0xE9, 0x20, 0x6E, 0x61, 0xEF, 0x76, 0x65], offsets: [3, 7]),
    ]

    @Test(arguments: cases)
    func wholeInputIsReplacedAsSwiftDecodes(_ test: Case) {
        let result = Self.sanitize([test.bytes])
        #expect(result.output == Self.swiftDecoded(test.bytes))
        #expect(result.offsets == test.offsets)
        #expect(result.offsets == Self.referenceOffsets(test.bytes))
    }

    @Test(arguments: cases)
    func everySplitIntoTwoChunksGivesTheSameResult(_ test: Case) {
        let expected = Self.swiftDecoded(test.bytes)
        for split in 0...test.bytes.count {
            let result = Self.sanitize([Array(test.bytes[..<split]), Array(test.bytes[split...])])
            #expect(result.output == expected, "split at \(split)")
            #expect(result.offsets == test.offsets, "split at \(split)")
        }
    }

    @Test(arguments: cases)
    func byteByByteGivesTheSameResult(_ test: Case) {
        let result = Self.sanitize(test.bytes.map { [$0] })
        #expect(result.output == Self.swiftDecoded(test.bytes))
        #expect(result.offsets == test.offsets)
    }

    /// Random byte strings, biased towards UTF-8 lead and continuation bytes, in random chunks.
    @Test func randomBytesInRandomChunksMatchSwiftsDecoder() {
        let pool: [UInt8] = [0x41, 0x20, 0x0A, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC2, 0xD0, 0xDF, 0xE0, 0xE1, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF4, 0xF5, 0xFF]
        for seed in UInt64(0)..<400 {
            var generator = SplitMix64(seed: seed)
            let bytes = (0..<Int.random(in: 0...40, using: &generator)).map { _ in pool[Int.random(in: 0..<pool.count, using: &generator)] }
            var chunks: [[UInt8]] = []
            var start = 0
            while start < bytes.count {
                let end = min(bytes.count, start + Int.random(in: 0...5, using: &generator))
                chunks.append(Array(bytes[start..<end]))
                start = end
            }
            let result = Self.sanitize(chunks)
            let matches = result.output == Self.swiftDecoded(bytes) && result.offsets == Self.referenceOffsets(bytes)
            #expect(matches, "seed \(seed): \(bytes.map { String($0, radix: 16) }) in chunks \(chunks.map(\.count))")
            if !matches { break }
        }
    }

    @Test func theOffsetCountsEveryByteFedOnceFinished() {
        var sanitizer = UTF8Sanitizer()
        var output: [UInt8] = []
        for chunk in [Array("Ж".utf8.prefix(1)), Array("Ж".utf8.suffix(1)) + [0xE2], [0x82]] {
            chunk.withUnsafeBufferPointer { sanitizer.feed($0, into: &output, invalid: { _ in }) }
        }
        #expect(sanitizer.offset == 4)
        sanitizer.finish(into: &output, invalid: { _ in })
        #expect(sanitizer.offset == 4)
        #expect(output == Array("Ж\u{FFFD}".utf8))
    }

    struct Stop: Error, Equatable {
        var offset: Int
    }

    @Test func aThrowingHandlerLeavesOutputEndingJustBeforeTheBadByte() {
        var sanitizer = UTF8Sanitizer()
        var output: [UInt8] = []
        let chunks: [[UInt8]] = [Array("ok Ж".utf8), [0xD0], Array(" ".utf8) + [0xFF]]
        #expect(throws: Stop(offset: 5)) {
            for chunk in chunks {
                try chunk.withUnsafeBufferPointer { (buffer) throws(Stop) in
                    try sanitizer.feed(buffer, into: &output, invalid: { (offset) throws(Stop) in throw Stop(offset: offset) })
                }
            }
        }
        #expect(output == Array("ok Ж".utf8))
    }

    // MARK: - Helpers

    static func sanitize(_ chunks: [[UInt8]]) -> (output: [UInt8], offsets: [Int]) {
        var sanitizer = UTF8Sanitizer()
        var output: [UInt8] = []
        var offsets: [Int] = []
        for chunk in chunks {
            chunk.withUnsafeBufferPointer { sanitizer.feed($0, into: &output, invalid: { offsets.append($0) }) }
        }
        sanitizer.finish(into: &output, invalid: { offsets.append($0) })
        return (output, offsets)
    }

    static func swiftDecoded(_ bytes: [UInt8]) -> [UInt8] {
        Array(String(decoding: bytes, as: UTF8.self).utf8)
    }

    /// The offsets of ill-formed subsequences as the standard library's UTF-8 parser finds them.
    static func referenceOffsets(_ bytes: [UInt8]) -> [Int] {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        var offsets: [Int] = []
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded): offset += encoded.count
            case .error(let length):
                offsets.append(offset)
                offset += length
            case .emptyInput: return offsets
            }
        }
    }
}

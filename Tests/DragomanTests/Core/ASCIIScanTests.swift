@testable import Dragoman
import Testing

@Suite struct ASCIIScanTests {
    /// Where two spaces in a row first start, the slow way.
    static func naiveSpacePair(_ bytes: [UInt8], from start: Int) -> Int {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] == 0x20 && bytes[index + 1] == 0x20 { return index }
            index += 1
        }
        return bytes.count
    }

    // Pairs at every position of an eight-byte load and across two loads, next to bytes that differ
    // from a space by one bit (! is 0x21, \0 and 0xA0) or are non-ASCII.
    @Test(arguments: [
        "", " ", "  ", "a  b", "ab cd ef  gh", "abcdefg  h", "abcdefgh  ", "abcdef  ", "!\u{0}  ", "a ! ! ! ! !  ",
        "\u{A0}\u{A0} \u{A0}  x", "Երևան  Баку", "1234567 1234567  ", "x x x x x x x x x x x x x x x x  y",
    ])
    func spacePairsAreFoundFromEveryStart(text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buffer in
            for start in 0...bytes.count {
                #expect(ASCIIScan.nextSpacePair(in: buffer, from: start) == Self.naiveSpacePair(bytes, from: start), "start \(start)")
            }
        }
    }

    @Test func spacePairsInRandomTextAgreeWithTheSlowSearch() {
        var random = SplitMix64(seed: 0x5EED)
        let alphabet: [UInt8] = [0x20, 0x20, 0x20, 0x21, 0x00, 0x61, 0xC2, 0xA0, 0x7F, 0xFF]
        for _ in 0..<500 {
            let bytes = (0..<Int(random.next() % 40)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            bytes.withUnsafeBufferPointer { buffer in
                for start in 0...bytes.count {
                    #expect(ASCIIScan.nextSpacePair(in: buffer, from: start) == Self.naiveSpacePair(bytes, from: start), "\(bytes) from \(start)")
                }
            }
        }
    }

    @Test func digitsInRandomBytesAgreeWithTheSlowSearch() {
        var random = SplitMix64(seed: 0xD161)
        // Digits beside the bytes a borrow or a XOR could confuse with them.
        let alphabet: [UInt8] = [0x30, 0x39, 0x2F, 0x3A, 0x00, 0x0A, 0x61, 0xB0, 0xB9, 0xFF, 0x20]
        for _ in 0..<500 {
            let bytes = (0..<Int(random.next() % 40)).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] }
            bytes.withUnsafeBufferPointer { buffer in
                for start in 0...bytes.count {
                    let slow = bytes[start...].firstIndex { $0 >= 0x30 && $0 <= 0x39 } ?? bytes.count
                    #expect(ASCIIScan.firstDigit(in: buffer, from: start) == slow, "\(bytes) from \(start)")
                }
            }
        }
    }
}

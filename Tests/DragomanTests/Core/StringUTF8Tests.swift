@testable import Dragoman
import Testing

@Suite struct StringUTF8Tests {
    @Test func utf8OffsetsBecomeScalarOffsetsInAnyOrder() {
        let text = "aé€😀b"  // scalars start at bytes 0, 1, 3, 6, 10; 11 bytes
        #expect(text.scalarOffsets(forUTF8Offsets: [10, 0, 6, 1, 3, 11]) == [4, 0, 3, 1, 2, 5])
        #expect(text.scalarOffsets(forUTF8Offsets: []) == [])
        #expect(text.scalarOffsets(forUTF8Offsets: [3, 3, 99]) == [2, 2, 5])
    }

    @Test(arguments: [(0..<3, "aé"), (3..<10, "€😀"), (10..<99, "b"), (-5..<1, "a"), (11..<11, ""), (40..<50, "")])
    func utf8SlicesAreClampedToTheString(range: Range<Int>, expected: String) {
        #expect("aé€😀b".utf8Slice(range) == expected)
    }

    @Test(arguments: ["", "abc", "Երևան €400 😀", "Şuşa\u{0301}", String(repeating: "Шуша ", count: 100)])
    func stringsOfVouchedBytesEqualDecodedOnes(text: String) {
        let bytes = Array(text.utf8)
        let made = bytes.withUnsafeBufferPointer { String(validUTF8: $0) }
        #expect(made == text)
        #expect(Array(made.utf8) == bytes)
    }

    @Test func utf8BufferIsTheStringsBytes() {
        let text = "Երևան 😀"
        #expect(text.withUTF8Buffer { Array($0) } == Array(text.utf8))
        #expect("".withUTF8Buffer { $0.count } == 0)
    }
}

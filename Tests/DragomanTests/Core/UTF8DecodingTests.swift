@testable import Dragoman
import Testing

@Suite struct UTF8DecodingTests {
    static let text = "a\u{7F}\u{80}é\u{7FF}\u{800}€Ե\u{FFFF}\u{10000}😀\u{10FFFF}z"

    @Test func everyScalarDecodesWithItsLength() {
        let bytes = Array(Self.text.utf8)
        var decoded: [UInt32] = []
        bytes.withUnsafeBufferPointer { buffer in
            var index = 0
            while index < buffer.count {
                let (value, length) = UTF8Decoding.scalar(in: buffer, at: index)
                decoded.append(value)
                index += length
            }
        }
        #expect(decoded == Self.text.unicodeScalars.map(\.value))
    }

    @Test func previousStartFindsTheScalarBeforeAnOffset() {
        var starts: [Int] = []
        var offset = 0
        for scalar in Self.text.unicodeScalars {
            starts.append(offset)
            offset += String(scalar).utf8.count
        }
        let ends = Array(starts.dropFirst()) + [offset]
        Array(Self.text.utf8).withUnsafeBufferPointer { buffer in
            #expect(ends.map { UTF8Decoding.previousStart(in: buffer, before: $0) } == starts)
        }
    }

    /// The fast path by block must agree with the Unicode tables it stands in for.
    @Test func wordScalarsAreLettersAndMarksForEveryScalarUpToPlaneTwo() {
        var disagreements: [String] = []
        for value in UInt32(0)..<0x3_0000 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let expected: Bool
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .nonspacingMark, .spacingMark,
                .enclosingMark:
                expected = true
            default:
                expected = false
            }
            if UTF8Decoding.isWordScalar(value) != expected { disagreements.append("U+\(String(value, radix: 16, uppercase: true))") }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) scalars: \(disagreements.prefix(20))")
    }
}

/// Decoding scalars straight from valid UTF-8 bytes, for stages that scan text by byte offset.
package enum UTF8Decoding {
    /// The scalar starting at `index` of valid UTF-8 and its length in bytes.
    @inlinable
    package static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (value: UInt32, length: Int) {
        let lead = UInt32(bytes[index])
        if lead < 0x80 { return (lead, 1) }
        if lead < 0xE0 {
            return ((lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2)
        }
        if lead < 0xF0 {
            return ((lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F), 3)
        }
        return (
            (lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
                | UInt32(bytes[index + 3] & 0x3F), 4
        )
    }

    /// The start of the scalar that ends just before `index`.
    @inlinable
    package static func previousStart(in bytes: UnsafeBufferPointer<UInt8>, before index: Int) -> Int {
        var start = index - 1
        while start > 0 && bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return start
    }

    /// Whether a scalar is a letter or a combining mark (part of a word).
    ///
    /// The blocks of the six languages are decided by range; only other scalars ask the Unicode
    /// tables (`generalCategory` costs some 300 instructions a call, measured as the hottest function
    /// of the repair stage before this fast path).
    @inlinable @inline(__always)
    package static func isWordScalar(_ value: UInt32) -> Bool {
        switch value {
        case 0x41...0x5A, 0x61...0x7A: return true
        case 0..<0x80: return false
        case 0xAA, 0xB5, 0xBA: return true
        case 0x80..<0xC0, 0xD7, 0xF7: return false
        case 0xC0..<0x2C2: return true  // Latin-1 letters, Latin Extended-A/B, IPA, modifier letters
        case 0x300..<0x370: return true  // combining diacritics
        case 0x400..<0x482, 0x483..<0x530: return true  // Cyrillic letters and combining marks
        case 0x531..<0x557, 0x560..<0x589: return true  // Armenian letters
        case 0x559: return true
        case 0x589...0x58F: return false  // Armenian full stop, hyphen, dram sign
        case 0x2000..<0x2070, 0x20A0..<0x20D0: return false  // general punctuation, currency signs
        default: return isWordScalarByCategory(value)
        }
    }

    /// ``isWordScalar(_:)``, by table below U+0800. A static `let` read in a loop calls swift_once
    /// at every access: read it once per text.
    package static let twoByteWordScalars = ScalarBits { isWordScalar($0) }

    /// The Unicode tables' answer, kept out of line: inlined, its set-up ran on every call, even
    /// for the letters the ranges above decide (measured: 12% of transliteration time).
    @usableFromInline @inline(never)
    package static func isWordScalarByCategory(_ value: UInt32) -> Bool {
        guard let scalar = Unicode.Scalar(value) else { return false }
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter, .nonspacingMark,
            .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }
}

/// A property of scalars kept as one bit per scalar below U+0800 (the two-byte sequences: Latin
/// beyond ASCII, Cyrillic, Armenian) and asked of its function above: a letter of these scripts
/// is one load, not a dozen range checks.
package struct ScalarBits: Sendable {
    @usableFromInline let bits: [UInt64]
    @usableFromInline let beyond: @Sendable (UInt32) -> Bool

    package init(_ property: @escaping @Sendable (UInt32) -> Bool) {
        bits = (0..<32).map { block in
            (0..<64).reduce(0) { bits, bit in property(UInt32(block * 64 + bit)) ? bits | 1 << UInt64(bit) : bits }
        }
        beyond = property
    }

    @inlinable @inline(always)
    package func contains(_ value: UInt32) -> Bool {
        value < 0x800 ? bits[Int(value >> 6)] >> UInt64(value & 63) & 1 != 0 : beyond(value)
    }
}

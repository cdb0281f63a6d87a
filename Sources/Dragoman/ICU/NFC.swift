internal import CICU

/// Unicode Normalization Form C through ICU's normalizer.
package enum NFC {
    /// Whether `scalar` can be skipped when looking for text to normalize: it is NFC-stable, never
    /// composes with a neighbour, and has no decomposition. True for the letters of every script
    /// Dragoman reads except a few combining marks, so most records never reach ICU.
    @inlinable
    package static func isInert(_ value: UInt32) -> Bool {
        switch value {
        case 0..<0x300: true  // ASCII, Latin-1, Latin Extended-A/B, IPA (ə), spacing modifiers
        case 0x400..<0x483, 0x48A..<0x530: true  // Cyrillic and supplement, without combining marks
        case 0x531..<0x557, 0x559..<0x58B: true  // Armenian letters and punctuation
        case 0x2010..<0x2028, 0x2030..<0x205F: true  // dashes, quotes, bullets, per-mille
        case 0x20A0..<0x20C1: true  // currency signs: € ₼ ֏ ₽ ₺ ₾
        default: false
        }
    }

    /// ``isInert(_:)``, by table below U+0800: the NFC repair reads it once per record and each
    /// Cyrillic or Armenian letter with one load, not the ranges' comparisons.
    package static let inertScalars = ScalarBits { isInert($0) }

    /// Whether NFC has a boundary before this scalar (it never combines with what precedes it).
    package static func hasBoundaryBefore(_ scalar: Unicode.Scalar) -> Bool {
        isInert(scalar.value) || cicu_nfc_has_boundary_before(Int32(bitPattern: scalar.value)) != 0
    }

    /// The NFC form of `text`.
    package static func normalize(_ text: String) throws(ICUError) -> String {
        let units = UTF16Text.units(text)
        if units.isEmpty { return text }
        var capacity = units.count + 16
        for _ in 0..<4 {
            var length: Int32 = 0
            var output = [UInt16](repeating: 0, count: capacity)
            let status = units.withUnsafeBufferPointer { source in
                output.withUnsafeMutableBufferPointer {
                    cicu_nfc_normalize(source.baseAddress, Int32(source.count), $0.baseAddress, Int32(capacity), &length)
                }
            }
            if status == CICU_BUFFER_OVERFLOW_ERROR {
                capacity = Int(length) + 16
                continue
            }
            guard !ICUError.isFailure(status) else { throw ICUError(code: status, operation: "NFC normalization") }
            return output.withUnsafeBufferPointer { UTF16Text.string(UnsafeBufferPointer(rebasing: $0[0..<Int(length)])) }
        }
        throw ICUError(code: CICU_BUFFER_OVERFLOW_ERROR, operation: "NFC normalization")
    }
}

internal import CICU

/// How the glossary compares text: scalar by scalar, after folding.
///
/// Two folds, both from ICU's case folding (`u_foldCase`):
/// - The **case** fold: case folded, and the four Turkic i letters (I İ ı i) made one, so a name
///   matches whether it was cased by Turkish or by English rules (`İSTANBUL`, `ISTANBUL`,
///   `istanbul`); `ё` as `е`; typographic apostrophes as `'`, dashes as `-`, every space as one
///   space.
/// - The **loose** fold: the case fold, then each letter reduced to its base letter (ş → s,
///   é → e), for glossaries matched without diacritics. The matcher's automaton is built over the
///   loose fold; each alias then checks the case fold (or the exact text) of what it matched,
///   as strict as its glossary and entry ask.
enum GlossaryFold {
    /// The fold of one space-like or joining scalar, or nil for other scalars.
    @inline(__always)
    static func punctuation(_ value: UInt32) -> UInt32? {
        switch value {
        case 0x20, 0x09, 0x0A, 0x0D, 0xA0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: 0x20
        case 0x27, 0x2019, 0x2018, 0x02BC, 0x02BB, 0x60, 0xB4: 0x27  // ' ’ ‘ ʼ ʻ ` ´
        case 0x2D, 0x2010, 0x2011, 0x2012, 0x2013: 0x2D  // hyphen-minus, hyphens, the en dash
        default: nil
        }
    }

    static let directLimit = 0x600
    /// Case and loose folds of every scalar below ``directLimit`` (Latin, Cyrillic, Armenian).
    /// The matcher reads them once per text: each read of a static `let` calls `swift_once`
    /// (measured: 2.8 M calls from the walk on the 4 MB corpus, two per step).
    static let caseTable: [UInt32] = (0..<UInt32(directLimit)).map(computeCase)
    static let looseTable: [UInt32] = (0..<UInt32(directLimit)).map { computeLoose(computeCase($0)) }
    /// ``isWord(_:)`` of every scalar below 0x800 (one or two bytes of UTF-8), for scans that read
    /// it once per text: a table read costs less than the ranges' comparisons.
    static let wordTable: [Bool] = (0..<UInt32(0x800)).map(isWord)

    private static func computeCase(_ value: UInt32) -> UInt32 {
        if let folded = punctuation(value) { return folded }
        switch value {
        case 0x49, 0x130, 0x131: return 0x69  // I İ ı → i
        case 0x401, 0x451: return 0x435  // Ё ё → е
        default: return UInt32(bitPattern: cicu_fold_case(Int32(bitPattern: value), 0))
        }
    }

    private static func computeLoose(_ folded: UInt32) -> UInt32 {
        // Only letters with a decomposition lose anything; ё is already е, й stays й.
        if folded == 0x439 { return folded }
        return UInt32(bitPattern: cicu_base_letter(Int32(bitPattern: folded)))
    }

    /// The case fold of a scalar.
    @inline(__always)
    static func caseFold(_ value: UInt32) -> UInt32 {
        value < UInt32(directLimit) ? caseTable[Int(value)] : (punctuation(value) ?? computeCase(value))
    }

    /// The loose fold of a scalar.
    @inline(__always)
    static func looseFold(_ value: UInt32) -> UInt32 {
        value < UInt32(directLimit) ? looseTable[Int(value)] : computeLoose(punctuation(value) ?? computeCase(value))
    }

    /// Case-folded scalars of a text, runs of spaces as one.
    static func caseScalars(_ text: String) -> [UInt32] {
        var result: [UInt32] = []
        for scalar in text.unicodeScalars {
            let folded = caseFold(scalar.value)
            if folded == 0x20 && (result.last == 0x20 || result.isEmpty) { continue }
            result.append(folded)
        }
        if result.last == 0x20 { result.removeLast() }
        return result
    }

    /// Whether two texts are the same but for case, by ICU's simple case folding and nothing else:
    /// whether writing one form for another changes more than case (`İstanbul` → `Istanbul` does:
    /// the dot goes).
    static func lowerEqual(_ first: String, _ second: String) -> Bool {
        // Over the UTF-8, not the scalar views' iterators (measured: 880 instructions a pair,
        // asked once per alias when a target's forms are made).
        var (first, second) = (first, second)
        return first.withUTF8 { left in
            second.withUTF8 { right in
                var (index, other) = (0, 0)
                while index < left.count && other < right.count {
                    let (a, aLength) = UTF8Decoding.scalar(in: left, at: index)
                    let (b, bLength) = UTF8Decoding.scalar(in: right, at: other)
                    guard a == b || lower(a) == lower(b) else { return false }
                    index += aLength
                    other += bLength
                }
                return index == left.count && other == right.count
            }
        }
    }

    @inline(__always)
    private static func lower(_ value: UInt32) -> UInt32 {
        if value < 0x80 { return value >= 0x41 && value <= 0x5A ? value | 0x20 : value }
        if value < UInt32(directLimit) { return strictTable[Int(value)] }
        return UInt32(bitPattern: cicu_fold_case(Int32(bitPattern: value), 0))
    }

    /// ICU's simple case folding and nothing else (İ stays İ), below ``directLimit``.
    private static let strictTable: [UInt32] = (0..<UInt32(directLimit)).map { UInt32(bitPattern: cicu_fold_case(Int32(bitPattern: $0), 0)) }

    /// The case fold of a text as a string (for comparing aliases).
    static func caseKey(_ text: String) -> String {
        var key = ""
        key.unicodeScalars.append(contentsOf: caseScalars(text).compactMap(Unicode.Scalar.init))
        return key
    }

    /// A 64-bit fingerprint (FNV-1a) of a language and a text's ``caseScalars(_:)`` (`folded`) or
    /// scalars as written: equal keys give equal fingerprints; unequal ones practically never do.
    static func fingerprint(_ text: String, language: Int, folded: Bool) -> UInt64 {
        var hash = FNV1a()
        hash.mix(UInt64(language) | 0x8000_0000)
        guard folded else {
            for scalar in text.unicodeScalars { hash.mix(UInt64(scalar.value)) }
            return hash.value
        }
        // As caseScalars: runs of spaces as one, none first or last.
        var started = false
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let value = caseFold(scalar.value)
            if value == 0x20 {
                pendingSpace = started
                continue
            }
            if pendingSpace { hash.mix(0x20) }
            pendingSpace = false
            started = true
            hash.mix(UInt64(value))
        }
        return hash.value
    }

    /// Whether a scalar is part of a word: letters, marks and digits (UAX #29's ALetter, Numeric
    /// and Extend, which is what separates words in every script here).
    @inline(__always)
    static func isWord(_ value: UInt32) -> Bool {
        UTF8Decoding.isWordScalar(value)
    }
}

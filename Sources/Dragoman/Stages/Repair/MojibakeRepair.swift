/// UTF-8 that was decoded as Windows-1252, Windows-1254 or Latin-1 and encoded again.
///
/// Each UTF-8 lead byte turned into a character such as `Ã`, `Å`, `É` or `â`, and each continuation
/// byte into one of `€‚…™` or U+00A0–U+00BF. A *unit* is a lead character followed by exactly the
/// continuation characters its lead byte asks for, whose bytes decode as UTF-8 to a character these
/// languages write (Latin, IPA ə, Cyrillic, Armenian, punctuation, currency, emoji). Units joined by
/// letters are repaired together with the word around them, so an annotation reads `KÉ™lbÉ™cÉ™r` →
/// `Kəlbəcər`.
///
/// "Clearly better" (ftfy is the anchor here): a group whose only units rest on a continuation that
/// also follows letters in real text (no-break space, « », °, ·) is left alone, unless its lead is
/// `Ã` or `Â`, which never precede those in the languages Dragoman reads.
struct MojibakeRepair: Stage {
    var name: String { RepairStage.stageName }

    func apply(to text: String, context: StageContext) throws(DragomanError) -> StageResult {
        let edits = text.withUTF8Buffer(Self.edits)
        return try StageResult(applying: edits, to: text)
    }

    private struct Unit {
        var range: Range<Int>
        var decoded: UInt32
        var weak: Bool
    }

    private static func edits(in bytes: UnsafeBufferPointer<UInt8>) -> [Edit] {
        var units: [Unit] = []
        var index = 0
        let count = bytes.count
        while index < count {
            index = ASCIIScan.firstNonASCII(in: bytes, from: index)
            guard index < count else { break }
            let byte = bytes[index]
            // Every lead character (U+00C2–U+00F4, and Ğ İ Ş ğ from Windows-1254) is 2 bytes in UTF-8
            // starting with C3, C4 or C5: anything else is skipped at byte speed.
            guard byte >= 0xC3 && byte <= 0xC5 else {
                index += 1
                continue
            }
            if let unit = unit(in: bytes, at: index) {
                units.append(unit)
                index = unit.range.upperBound
            } else {
                index += 2
            }
        }
        guard !units.isEmpty else { return [] }
        return group(units, in: bytes)
    }

    private static func leadByte(_ scalar: UInt32) -> (byte: UInt8, continuations: Int)? {
        guard let byte = LegacyCodePages.byteForScalar[scalar] else { return nil }
        switch byte {
        case 0xC2...0xDF: return (byte, 1)
        case 0xE0...0xEF: return (byte, 2)
        case 0xF0...0xF4: return (byte, 3)
        default: return nil
        }
    }

    private static func unit(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Unit? {
        let (leadScalar, leadLength) = UTF8Decoding.scalar(in: bytes, at: start)
        guard let (lead, needed) = leadByte(leadScalar) else { return nil }
        var value = UInt32(lead) & (needed == 1 ? 0x1F : needed == 2 ? 0x0F : 0x07)
        var index = start + leadLength
        var weak = false
        for position in 0..<needed {
            guard index < bytes.count else { return nil }
            let (scalar, length) = UTF8Decoding.scalar(in: bytes, at: index)
            guard let byte = LegacyCodePages.byteForScalar[scalar], byte >= 0x80 && byte <= 0xBF else { return nil }
            // The second byte of E0, ED, F0 and F4 sequences has a narrower range (no overlongs or surrogates).
            if position == 0 {
                switch lead {
                case 0xE0 where byte < 0xA0, 0xED where byte > 0x9F, 0xF0 where byte < 0x90, 0xF4 where byte > 0x8F:
                    return nil
                default: break
                }
            }
            if [0xA0, 0xAB, 0xBB, 0xB0, 0xB7].contains(scalar) { weak = true }
            value = value << 6 | UInt32(byte & 0x3F)
            index += length
        }
        guard isPlausible(value) else { return nil }
        if leadScalar == 0xC3 || leadScalar == 0xC2 { weak = false }
        return Unit(range: start..<index, decoded: value, weak: weak)
    }

    /// Characters a repaired unit may produce: what news in these six languages contains.
    private static func isPlausible(_ value: UInt32) -> Bool {
        switch value {
        case 0x80..<0x250: true  // Latin-1, Latin Extended-A/B (ş ğ ı İ Ə ž)
        case 0x259, 0x2BC, 0x2C6, 0x2DC: true  // ə, modifier apostrophe, circumflex, tilde
        case 0x300..<0x370: true  // combining diacritics
        case 0x400..<0x500: true  // Cyrillic
        case 0x531..<0x58B: true  // Armenian
        case 0x2000..<0x2070: true  // general punctuation
        case 0x20A0..<0x20C1: true  // currency signs
        case 0x2100..<0x2150: true  // letterlike: № ™
        case 0x1F300..<0x1FB00: true  // emoji
        default: false
        }
    }

    /// Joins units that share a word into one edit covering the word.
    private static func group(_ units: [Unit], in bytes: UnsafeBufferPointer<UInt8>) -> [Edit] {
        var edits: [Edit] = []
        var first = 0
        while first < units.count {
            var last = first
            while last + 1 < units.count, onlyLetters(in: bytes, units[last].range.upperBound..<units[last + 1].range.lowerBound) {
                last += 1
            }
            let members = units[first...last]
            defer { first = last + 1 }
            guard members.contains(where: { !$0.weak }) else { continue }
            var start = members[members.startIndex].range.lowerBound
            var end = members[last].range.upperBound
            let floor = edits.last?.range.upperBound ?? 0
            while start > floor {
                let previous = UTF8Decoding.previousStart(in: bytes, before: start)
                guard UTF8Decoding.isWordScalar(UTF8Decoding.scalar(in: bytes, at: previous).value) else { break }
                start = previous
            }
            let ceiling = last + 1 < units.count ? units[last + 1].range.lowerBound : bytes.count
            while end < ceiling {
                let (value, length) = UTF8Decoding.scalar(in: bytes, at: end)
                guard UTF8Decoding.isWordScalar(value) else { break }
                end += length
            }
            var replacement = String.UnicodeScalarView()
            var position = start
            for unit in members {
                appendScalars(of: bytes, position..<unit.range.lowerBound, to: &replacement)
                replacement.append(Unicode.Scalar(unit.decoded) ?? "\u{FFFD}")
                position = unit.range.upperBound
            }
            appendScalars(of: bytes, position..<end, to: &replacement)
            edits.append(Edit(stage: RepairStage.stageName, range: start..<end, replacement: String(replacement), data: ["kind": "mojibake"]))
        }
        return edits
    }

    private static func onlyLetters(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        var index = range.lowerBound
        while index < range.upperBound {
            let (value, length) = UTF8Decoding.scalar(in: bytes, at: index)
            guard UTF8Decoding.isWordScalar(value) else { return false }
            index += length
        }
        return true
    }

    private static func appendScalars(of bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, to view: inout String.UnicodeScalarView) {
        guard !range.isEmpty else { return }
        view.append(contentsOf: String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self).unicodeScalars)
    }
}

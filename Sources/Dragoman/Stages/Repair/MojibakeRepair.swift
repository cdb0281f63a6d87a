/// UTF-8 that was decoded as Windows-1252, Windows-1254 or Latin-1 and encoded again.
///
/// Each UTF-8 lead byte turned into a character such as `Ã`, `Å`, `É` or `â`, and each continuation
/// byte into one of `€‚…™` or U+00A0–U+00BF. A *unit* is a lead character followed by exactly the
/// continuation characters its lead byte asks for, whose bytes decode as UTF-8 to a character these
/// languages write (Latin, IPA ə, Cyrillic, Armenian, punctuation, currency, emoji). Units joined by
/// letters are repaired together with the word around them, so an annotation reads `KÉ™lbÉ™cÉ™r` →
/// `Kəlbəcər`.
///
/// "Clearly better" (ftfy is the anchor here; `scripts/compare_ftfy.py` measures both):
/// - A unit whose continuation also follows letters in real text (no-break space, « », °, ·) is
///   *weak*. A word whose units are all weak is repaired only when the record holds a strong unit
///   elsewhere, when the lead is `Ã` or `Â` (which never precede those characters in these
///   languages), or when the repaired letter belongs to the record's language (`Ä°` → `İ` in
///   Turkish and Azerbaijani, `Ð°` → `а` in Russian, `Õ«` → `ի` in Armenian).
/// - In a record with strong mojibake, bytes a scraper dropped (Windows-1252 and 1254 leave some
///   undefined, and C1 controls are often stripped) are restored where only one letter fits: in
///   Azerbaijani and Turkish records a lone `Æ` → `Ə`, `Å` → `Ş`/`ş`, `Ä` → `Ğ`/`ğ`, `É` → `ə`
///   inside a word, and anywhere `â€` before a non-continuation → `”`.
/// - Text encoded wrongly twice is repaired in up to three rounds, reported as one change.
struct MojibakeRepair: Stage {
    var name: String { RepairStage.stageName }

    /// Rounds of repair for text that was mis-decoded more than once.
    static let maxRounds = 3

    func apply(to text: String, context: StageContext) throws(DragomanError) -> StageResult {
        var current = text
        var map = OffsetMap.identity
        var edits: [Edit] = []
        for round in 0..<Self.maxRounds {
            let found = current.withUTF8Buffer { Self.edits(in: $0, context: context) }
            if found.isEmpty { break }
            let result = try StageResult(applying: found, to: current)
            if round == 0 { edits = found }
            map = map.followed(by: result.map)
            current = result.text
            if round > 0 {
                // Report each repaired region once, from the input to its final form.
                edits = map.regions.map { region in
                    Edit(stage: name, range: region.input, replacement: current.utf8Slice(region.output), data: ["kind": "mojibake"])
                }
            }
        }
        return StageResult(text: current, edits: edits, map: map)
    }

    private struct Unit {
        var range: Range<Int>
        var decoded: UInt32
        var weak: Bool
        /// Restored from a lead whose continuation was lost; used only beside strong mojibake.
        var restored = false
    }

    /// `context.language` is read only when a candidate needs it: detection is not free.
    private static func edits(in bytes: UnsafeBufferPointer<UInt8>, context: StageContext) -> [Edit] {
        var units: [Unit] = []
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte < 0x80 {
                index = ASCIIScan.firstNonASCII(in: bytes, from: index + 1)
                continue
            }
            // Every lead character (U+00C2–U+00F4, and Ğ İ Ş ğ from Windows-1254) is 2 bytes in UTF-8
            // starting with C3, C4 or C5: any other scalar is skipped whole (a Cyrillic or Armenian
            // word scalar by scalar here, not through the ASCII scan's set-up at each byte).
            guard byte >= 0xC3 && byte <= 0xC5 else {
                index += byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4
                continue
            }
            if let unit = unit(in: bytes, at: index, context: context) {
                units.append(unit)
                index = unit.range.upperBound
            } else if let unit = restoredUnit(in: bytes, at: index, context: context) {
                units.append(unit)
                index = unit.range.upperBound
            } else {
                index += 2
            }
        }
        guard !units.isEmpty else { return [] }
        let recordHasStrong = units.contains { !$0.weak && !$0.restored }
        if !recordHasStrong { units.removeAll { $0.restored } }
        return group(units, in: bytes, recordHasStrong: recordHasStrong)
    }

    private static func leadByte(_ scalar: UInt32) -> (byte: UInt8, continuations: Int)? {
        guard let byte = LegacyCodePages.byte(for: scalar) else { return nil }
        switch byte {
        case 0xC2...0xDF: return (byte, 1)
        case 0xE0...0xEF: return (byte, 2)
        case 0xF0...0xF4: return (byte, 3)
        default: return nil
        }
    }

    /// The byte a character stands for, if it is a UTF-8 continuation byte (0x80–0xBF).
    static func continuationByte(_ scalar: UInt32) -> UInt8? {
        guard let byte = LegacyCodePages.byte(for: scalar), byte >= 0x80 && byte <= 0xBF else { return nil }
        return byte
    }

    private static func unit(in bytes: UnsafeBufferPointer<UInt8>, at start: Int, context: StageContext) -> Unit? {
        let (leadScalar, leadLength) = UTF8Decoding.scalar(in: bytes, at: start)
        guard let (lead, needed) = leadByte(leadScalar) else { return nil }
        var value = UInt32(lead) & (needed == 1 ? 0x1F : needed == 2 ? 0x0F : 0x07)
        var index = start + leadLength
        var weak = false
        for position in 0..<needed {
            guard index < bytes.count else { return nil }
            let (scalar, length) = UTF8Decoding.scalar(in: bytes, at: index)
            guard let byte = continuationByte(scalar) else { return nil }
            // The second byte of E0, ED, F0 and F4 sequences has a narrower range (no overlongs or surrogates).
            if position == 0 {
                switch lead {
                case 0xE0 where byte < 0xA0, 0xED where byte > 0x9F, 0xF0 where byte < 0x90, 0xF4 where byte > 0x8F:
                    return nil
                default: break
                }
            }
            switch scalar {
            case 0xA0, 0xAB, 0xBB, 0xB0, 0xB7: weak = true
            default: break
            }
            value = value << 6 | UInt32(byte & 0x3F)
            index += length
        }
        guard isPlausible(value) else { return nil }
        if weak && (leadScalar == 0xC3 || leadScalar == 0xC2 || isLetter(value, of: context.language)) { weak = false }
        return Unit(range: start..<index, decoded: value, weak: weak)
    }

    /// A letter the record's language writes that no legitimate text spells as lead + continuation.
    private static func isLetter(_ value: UInt32, of language: LanguageTag) -> Bool {
        switch language {
        case .az, .tr: value == 0x130 || value == 0x131 || value == 0x18F || value == 0x259
        case .ru, .azCyrl: (0x410...0x44F).contains(value) || value == 0x401 || value == 0x451 || (0x492...0x4E9).contains(value)
        case .hy: (0x531...0x587).contains(value)
        case .fr, .en: false
        }
    }

    /// A lead whose continuation byte a scraper dropped (undefined in Windows-1252/1254, or a C1
    /// control stripped), where only one letter of the record's language fits.
    private static func restoredUnit(in bytes: UnsafeBufferPointer<UInt8>, at start: Int, context: StageContext) -> Unit? {
        let (lead, leadLength) = UTF8Decoding.scalar(in: bytes, at: start)
        // Only these leads can have lost a byte that one letter explains; return before any lookup.
        guard lead == 0xE2 || lead == 0xC4 || lead == 0xC5 || lead == 0xC6 || lead == 0xC9 else { return nil }
        let turkic = lead != 0xE2 && (context.language == .az || context.language == .tr)
        let end = start + leadLength
        let next = end < bytes.count ? UTF8Decoding.scalar(in: bytes, at: end).value : 0x20
        if lead == 0xE2 {
            // "â€" then no continuation: the lost byte was 0x9D, undefined in Windows-1252: ”.
            guard end < bytes.count, next == 0x20AC else { return nil }
            let after = end + 3 < bytes.count ? UTF8Decoding.scalar(in: bytes, at: end + 3).value : 0x20
            guard continuationByte(after) == nil else { return nil }
            return Unit(range: start..<end + 3, decoded: 0x201D, weak: false, restored: true)
        }
        guard turkic, continuationByte(next) == nil else { return nil }
        let previous = start > 0 ? UTF8Decoding.scalar(in: bytes, at: UTF8Decoding.previousStart(in: bytes, before: start)).value : 0x20
        let wordInitial = !UTF8Decoding.isWordScalar(previous)
        guard !wordInitial || UTF8Decoding.isWordScalar(next) else { return nil }
        guard UTF8Decoding.isWordScalar(previous) || UTF8Decoding.isWordScalar(next) else { return nil }
        let upper = wordInitial || (Unicode.Scalar(previous)?.properties.isUppercase ?? false)
        let decoded: UInt32
        switch lead {
        case 0xC6: decoded = 0x18F  // Æ: C6 8F, 8F undefined in both code pages → Ə
        case 0xC5: decoded = upper ? 0x15E : 0x15F  // Å: C5 9E (Ş) lost in Windows-1254, or 9F in Latin-1
        case 0xC4: decoded = upper ? 0x11E : 0x11F  // Ä: C4 9E/9F (Ğ ğ) lost in Windows-1254 or Latin-1
        case 0xC9: decoded = 0x259  // É: C9 99 (ə) lost in Latin-1
        default: return nil
        }
        return Unit(range: start..<end, decoded: decoded, weak: false, restored: true)
    }

    /// Characters a repaired unit may produce: what news in these six languages contains.
    private static func isPlausible(_ value: UInt32) -> Bool {
        switch value {
        case 0x80..<0x180: true  // Latin-1, Latin Extended-A (ş ğ ı İ ž)
        // From Latin Extended-B only the letters news in these languages writes: Ə, and the
        // Romanian Ș ș Ț ț. The rest (ǒ from `Ç’`, C7 92 read as Windows-1252) are how text as
        // written looks when taken for mojibake: Turkish `GÜÇ’` once became `GÜǒ`.
        case 0x18F, 0x218..<0x21C: true
        case 0x259, 0x2BC, 0x2C6, 0x2DC: true  // ə, modifier apostrophe, circumflex, tilde
        case 0x300..<0x370: true  // combining diacritics
        case 0x400..<0x500: true  // Cyrillic
        case 0x531..<0x590: true  // Armenian, with ֏
        case 0x2000..<0x2070: true  // general punctuation
        case 0x20A0..<0x20C1: true  // currency signs
        case 0x2100..<0x2150: true  // letterlike: № ™
        case 0x1F300..<0x1FB00: true  // emoji
        default: false
        }
    }

    /// Joins units that share a word into one edit covering the word.
    private static func group(_ units: [Unit], in bytes: UnsafeBufferPointer<UInt8>, recordHasStrong: Bool) -> [Edit] {
        var edits: [Edit] = []
        var first = 0
        while first < units.count {
            var last = first
            while last + 1 < units.count, onlyLetters(in: bytes, units[last].range.upperBound..<units[last + 1].range.lowerBound) {
                last += 1
            }
            let members = units[first...last]
            defer { first = last + 1 }
            guard recordHasStrong || members.contains(where: { !$0.weak }) else { continue }
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

/// Repairs inside words: schwa look-alikes, letters from the wrong script, invisible characters.
///
/// A word is a run of letters and marks (with invisible characters between them). Only words that
/// contain a suspect character or mix Latin and Cyrillic are looked at; the rest pass at byte speed.
/// - Schwa: in a Latin word, `ǝ`/`Ǝ` (U+01DD/U+018E, "turned e") and Cyrillic `ә`/`Ә` become
///   `ə`/`Ə`; `ä`/`Ä` do too when the record is Azerbaijani (older keyboards and Tatar layouts).
/// - Homoglyphs: in a word whose letters are mostly Latin, Cyrillic letters that look like Latin
///   ones become those (`Aghdаm` → `Aghdam`), and the reverse in mostly Cyrillic words (`Шушa` →
///   `Шуша`). A word with a minority letter that has no look-alike, or with as many letters of
///   each script, is left alone: that is a real mixed token, not a typo.
/// - Invisibles: soft hyphen, zero-width space, (non-)joiner, word joiner and BOM between two
///   letters are removed.
struct LetterRepair: Stage {
    let schwa: Bool
    let homoglyphs: Bool
    let invisibles: Bool
    var name: String { RepairStage.stageName }

    static let cyrillicToLatin: [UInt32: UInt32] = [
        0x430: 0x61, 0x435: 0x65, 0x43E: 0x6F, 0x440: 0x70, 0x441: 0x63, 0x443: 0x79, 0x445: 0x78, 0x456: 0x69,
        0x458: 0x6A, 0x455: 0x73, 0x501: 0x64, 0x4BB: 0x68, 0x4CF: 0x6C, 0x4D9: 0x259,
        0x410: 0x41, 0x412: 0x42, 0x415: 0x45, 0x41A: 0x4B, 0x41C: 0x4D, 0x41D: 0x48, 0x41E: 0x4F, 0x420: 0x50,
        0x421: 0x43, 0x422: 0x54, 0x425: 0x58, 0x423: 0x59, 0x406: 0x49, 0x408: 0x4A, 0x405: 0x53, 0x4D8: 0x18F,
    ]
    static let latinToCyrillic: [UInt32: UInt32] = [
        0x61: 0x430, 0x65: 0x435, 0x6F: 0x43E, 0x70: 0x440, 0x63: 0x441, 0x79: 0x443, 0x78: 0x445,
        0x41: 0x410, 0x42: 0x412, 0x45: 0x415, 0x4B: 0x41A, 0x4D: 0x41C, 0x48: 0x41D, 0x4F: 0x41E, 0x50: 0x420,
        0x43: 0x421, 0x54: 0x422, 0x58: 0x425, 0x259: 0x4D9, 0x18F: 0x4D8,
    ]
    /// Letters for which az-Cyrl has a look-alike that Russian lacks.
    static let latinToAzerbaijaniCyrillic: [UInt32: UInt32] = [0x6A: 0x458, 0x68: 0x4BB, 0x4A: 0x408, 0x48: 0x4BA]

    static func isInvisible(_ value: UInt32) -> Bool {
        value == 0xAD || value == 0x200B || value == 0x200C || value == 0x200D || value == 0x2060 || value == 0xFEFF
    }

    private static func isSuspect(_ value: UInt32) -> Bool {
        switch value {
        case 0xAD, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x1DD, 0x18E, 0x4D9, 0x4D8, 0xE4, 0xC4: true
        default: false
        }
    }

    /// What the word scan needs to know of a scalar, as bits: whether it is invisible, part of a
    /// word, suspect, Latin or Cyrillic.
    private enum Trait {
        static let invisible: UInt8 = 1, word: UInt8 = 2, suspect: UInt8 = 4, latin: UInt8 = 8, cyrillic: UInt8 = 16
    }

    private static func traits(of value: UInt32) -> UInt8 {
        if isInvisible(value) { return Trait.invisible }
        guard UTF8Decoding.isWordScalar(value) else { return 0 }
        var traits = Trait.word | (isSuspect(value) ? Trait.suspect : 0)
        switch Script(of: Unicode.Scalar(value) ?? " ") {
        case .latin: traits |= Trait.latin
        case .cyrillic: traits |= Trait.cyrillic
        default: break
        }
        return traits
    }

    /// ``traits(of:)`` of every scalar of one or two UTF-8 bytes (Latin, Cyrillic, Armenian): one
    /// load per scalar instead of the range checks and the script lookup (measured: the scan was
    /// the repair stage's largest cost).
    private static let shortTraits: [UInt8] = (0..<UInt32(0x800)).map(traits(of:))

    func apply(to text: String, context: StageContext) throws(DragomanError) -> StageResult {
        // Read once per record: every access to a static table goes through its lazy initializer.
        let shortTraits = Self.shortTraits
        let edits = text.withUTF8Buffer { bytes -> [Edit] in
            var edits: [Edit] = []
            var index = 0
            var floor = 0  // end of the last word examined
            let count = bytes.count
            while index < count {
                // A word of ASCII letters alone never needs these repairs: skip ASCII eight bytes at a time.
                index = ASCIIScan.firstNonASCII(in: bytes, from: index)
                guard index < count else { break }
                // The word around this non-ASCII scalar starts at the ASCII letters before it.
                var start = index
                while start > floor, ASCIIScan.isLetter(bytes[start - 1]) { start -= 1 }
                var latin = 0
                var cyrillic = 0
                var suspect = false
                var lastLetterEnd = start
                var position = start
                while position < count {
                    let byte = bytes[position]
                    if byte < 0x80 {
                        guard ASCIIScan.isLetter(byte) else { break }
                        latin += 1
                        position += 1
                        lastLetterEnd = position
                        continue
                    }
                    let (value, length) = UTF8Decoding.scalar(in: bytes, at: position)
                    let traits = value < 0x800 ? shortTraits[Int(value)] : Self.traits(of: value)
                    if traits & Trait.invisible != 0 {
                        // Inside the word only if a letter follows: the word ends at its last letter.
                        suspect = true
                    } else if traits & Trait.word != 0 {
                        if traits & Trait.suspect != 0 { suspect = true }
                        if traits & Trait.latin != 0 { latin += 1 } else if traits & Trait.cyrillic != 0 { cyrillic += 1 }
                        lastLetterEnd = position + length
                    } else {
                        break
                    }
                    position += length
                }
                if lastLetterEnd > start, suspect || (latin > 0 && cyrillic > 0),
                    let edit = repair(bytes, start..<lastLetterEnd, latin: latin, cyrillic: cyrillic, context: context)
                {
                    edits.append(edit)
                }
                // Resume after the word, or after the non-word scalar that stopped it.
                if position == index {
                    position += UTF8Decoding.scalar(in: bytes, at: position).length
                }
                floor = position
                index = position
            }
            return edits
        }
        return try StageResult(applying: edits, to: text)
    }

    private func repair(
        _ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, latin: Int, cyrillic: Int, context: StageContext
    ) -> Edit? {
        let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        let following = range.upperBound < bytes.count ? UTF8Decoding.scalar(in: bytes, at: range.upperBound).value : 0x20
        // Schwa look-alikes (Cyrillic ә, turned e) count as Latin letters for deciding the word's script.
        let cyrillicSchwas = word.unicodeScalars.filter { $0.value == 0x4D9 || $0.value == 0x4D8 }.count
        let latinWord = latin + cyrillicSchwas > cyrillic - cyrillicSchwas
        let cyrillicWord = cyrillic - cyrillicSchwas > latin
        let minorityMap: [UInt32: UInt32]?
        if homoglyphs && latinWord && cyrillic > cyrillicSchwas {
            minorityMap = Self.cyrillicToLatin
        } else if homoglyphs && cyrillicWord && latin > 0 {
            minorityMap = Self.latinToCyrillic.merging(Self.latinToAzerbaijaniCyrillic) { first, _ in first }
        } else {
            minorityMap = nil
        }
        // A minority letter without a look-alike means a real mixed token: leave its script alone.
        let mappable = minorityMap.map { map in
            word.unicodeScalars.allSatisfy { scalar in
                let script = Script(of: scalar)
                let minority = latinWord ? script == .cyrillic : script == .latin
                return !minority || map[scalar.value] != nil
            }
        } ?? false

        var kinds: Set<String> = []
        var output = String.UnicodeScalarView()
        let scalars = Array(word.unicodeScalars)
        for (position, scalar) in scalars.enumerated() {
            let value = scalar.value
            if Self.isInvisible(value) {
                if invisibles {
                    kinds.insert("invisible")
                    continue
                }
                output.append(scalar)
                continue
            }
            if schwa && latinWord {
                // `ä`/`Ä` stand for ə/Ə on old keyboards, but before a continuation character they
                // are mojibake of ğ/ı/İ (`Ä±`, `ÄŸ`), and an `Ä` after a lower-case letter is no
                // capital schwa either: leave those for the mojibake repair or as they are.
                let next = position + 1 < scalars.count ? scalars[position + 1].value : following
                let previousIsLower = position > 0 && scalars[position - 1].properties.isLowercase
                // The record's language is asked only here, where it decides (detection is not free).
                let oldKeyboard = (value == 0xE4 || value == 0xC4) && MojibakeRepair.continuationByte(next) == nil && context.language == .az
                let replacement: UInt32? =
                    switch value {
                    case 0x1DD, 0x4D9: 0x259
                    case 0x18E, 0x4D8: 0x18F
                    case 0xE4 where oldKeyboard: 0x259
                    case 0xC4 where oldKeyboard && !previousIsLower: 0x18F
                    default: nil
                    }
                if let replacement, let mapped = Unicode.Scalar(replacement) {
                    kinds.insert("schwa")
                    output.append(mapped)
                    continue
                }
            }
            if mappable, let map = minorityMap, let mapped = map[value].flatMap(Unicode.Scalar.init) {
                let script = Script(of: scalar)
                if latinWord ? script == .cyrillic : script == .latin {
                    kinds.insert("homoglyph")
                    output.append(mapped)
                    continue
                }
            }
            output.append(scalar)
        }
        guard !kinds.isEmpty else { return nil }
        return Edit(
            stage: RepairStage.stageName, range: range, replacement: String(output),
            data: ["kind": kinds.sorted().joined(separator: ",")])
    }
}

internal import CICU

/// Cheap detection of a record's language among the six Dragoman reads.
///
/// Looks at the first ``sampleScalars`` scalars only. The script of each letter comes from ICU
/// (`uscript_getScript`); within a script the choice rests on letters one language has and its
/// neighbour lacks, then on frequent function words:
/// - Armenian script → `hy`.
/// - Cyrillic with Azerbaijani-only letters (ә ҝ ғ ҹ һ ј ө ү) → `az-Cyrl`, otherwise `ru`.
/// - Latin with ə, or with Turkic letters (ı ş ğ) and the x and q that Turkish spelling lacks → `az`;
///   Turkic letters without them → `tr`; otherwise French or English by accents and function words.
public enum LanguageDetector {
    /// How many scalars of a record the detector reads.
    public static let sampleScalars = 4096

    public static func detect(_ text: String) -> LanguageTag {
        var counts = Counts()
        var word = ""
        var seen = 0
        for scalar in text.unicodeScalars {
            seen += 1
            if seen > sampleScalars { break }
            if scalar.properties.isAlphabetic {
                counts.add(scalar)
                if word.unicodeScalars.count < 16 { word.unicodeScalars.append(scalar) }
            } else if !word.isEmpty {
                counts.addWord(word)
                word = ""
            }
        }
        if !word.isEmpty { counts.addWord(word) }
        return counts.verdict
    }

    private struct Counts {
        var latin = 0, cyrillic = 0, armenian = 0
        var schwa = 0, xq = 0, turkic = 0, french = 0, azCyrillic = 0
        var enWords = 0, frWords = 0, trWords = 0

        mutating func add(_ scalar: Unicode.Scalar) {
            let value = scalar.value
            if value < 0x80 {
                latin += 1
                if value | 0x20 == 0x78 || value | 0x20 == 0x71 { xq += 1 }  // x, q
                return
            }
            switch value {
            case 0x259, 0x18F: schwa += 1  // ə Ə
            case 0x131, 0x130, 0x15F, 0x15E, 0x11F, 0x11E: turkic += 1  // ı İ ş Ş ğ Ğ
            case 0xE9, 0xE8, 0xEA, 0xE0, 0xE2, 0xEE, 0xF4, 0xFB, 0x153, 0xEB, 0xEF, 0xF9, 0xC9, 0xC8, 0xC0: french += 1
            case 0x4D9, 0x4D8, 0x49D, 0x49C, 0x493, 0x492, 0x4B9, 0x4B8, 0x4BB, 0x4BA, 0x458, 0x408, 0x4E9, 0x4E8, 0x4AF, 0x4AE:
                azCyrillic += 1
            default: break
            }
            switch cicu_script_of(Int32(bitPattern: value)) {
            case CICU_SCRIPT_LATIN: latin += 1
            case CICU_SCRIPT_CYRILLIC: cyrillic += 1
            case CICU_SCRIPT_ARMENIAN: armenian += 1
            default: break
            }
        }

        mutating func addWord(_ word: String) {
            switch word.lowercased() {
            case "the", "and", "of", "to", "in", "is", "was", "for", "on", "with", "said", "from", "by": enWords += 1
            case "le", "la", "les", "des", "et", "du", "une", "est", "pour", "dans", "sur", "qui", "au", "aux", "a": frWords += 1
            case "ve", "bir", "için", "ile", "olarak", "çok", "gibi", "değil", "ancak", "yüzde", "ise": trWords += 1
            default: break
            }
        }

        var verdict: LanguageTag {
            if armenian > latin && armenian > cyrillic { return .hy }
            if cyrillic > latin { return azCyrillic * 100 >= cyrillic || azCyrillic >= 3 ? .azCyrl : .ru }
            if schwa * 200 >= latin && schwa > 0 { return .az }
            if turkic > 0 || trWords > enWords + frWords {
                // Turkish spelling has no x or q; Azerbaijani uses both often (xalq, qəsəbə).
                return schwa > 0 || xq * 200 > latin ? .az : .tr
            }
            if french > 0 && french * 400 >= latin || frWords > enWords { return .fr }
            return .en
        }
    }
}

/// Words that start sentences with a capital letter without being names, per language: the
/// `names` scope leaves them alone at the start of a sentence. Function words, pronouns and the
/// most frequent sentence openers of news text; anything else capitalized counts as a name.
enum NameStopWords {
    static func contains(_ lowercased: String, language: LanguageTag) -> Bool {
        words(of: language).contains(lowercased)
    }

    /// The stop words of a language, lower-case.
    static func words(of language: LanguageTag) -> Set<String> {
        switch language {
        case .az, .azCyrl: azerbaijani
        case .tr: turkish
        case .hy: armenian
        case .ru: russian
        case .fr: french
        case .en: english
        }
    }

    /// Whether a word as written (UTF-8) is a stop word of the language once lower-cased, as
    /// `String.lowercased()` would: scalar by scalar. Below U+0600 by table, into bytes looked up by
    /// fingerprint (measured: making the string, lower-casing it and hashing it into the set cost
    /// some 3,000 instructions a sentence's first word). Bytes are compared, not strings: the table
    /// holds only scalars NFC leaves alone and never composes, so the lower-cased bytes are in NFC,
    /// as the stop words are, and equal bytes are equal strings. A word with any other scalar (a
    /// combining mark, Greek), or with a capital that lower-cases to two scalars (İ), takes the
    /// string's way.
    static func contains(_ word: UnsafeBufferPointer<UInt8>, language: LanguageTag) -> Bool {
        let lookup = Self.lookup
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: lookup.longest) { lowered in
            var hash = FNV1a()
            var length = 0
            var index = 0
            while index < word.count {
                let (value, scalarLength) = UTF8Decoding.scalar(in: word, at: index)
                var utf8: UInt32
                if value < 0x80 {
                    utf8 = value >= 0x41 && value <= 0x5A ? value + 0x20 : value
                } else {
                    guard value < 0x600, lookup.lower[Int(value)] != 0 else {
                        return contains(String(decoding: word, as: UTF8.self).lowercased(), language: language)
                    }
                    utf8 = lookup.lower[Int(value)]
                }
                while utf8 != 0 {
                    // Longer than every stop word, whatever the rest lower-cases to.
                    guard length < lowered.count else { return false }
                    let byte = UInt8(truncatingIfNeeded: utf8)
                    lowered[length] = byte
                    hash.mix(UInt64(byte))
                    length += 1
                    utf8 >>= 8
                }
                index += scalarLength
            }
            // Binary search of the fingerprints, then the bytes of each word that has this one.
            let words = lookup.languages[language.ordinal]
            var low = 0
            var high = words.count
            while low < high {
                let middle = (low + high) / 2
                if words[middle].fingerprint < hash.value { low = middle + 1 } else { high = middle }
            }
            let found = UnsafeBufferPointer(rebasing: lowered[..<length])
            while low < words.count && words[low].fingerprint == hash.value {
                if words[low].bytes.elementsEqual(found) { return true }
                low += 1
            }
            return false
        }
    }

    /// Single-scalar lower-case mappings below U+0600 and every language's stop words as bytes.
    private struct Lookup: Sendable {
        /// The lower case of each letter below U+0600 as UTF-8, the first byte lowest; 0 where it
        /// is not one scalar, where the scalar or its lower case is not inert to NFC
        /// (``NFC/isInert(_:)``), and for anything but letters of the stop words' scripts.
        let lower: [UInt32]
        /// By ``LanguageTag/ordinal``: each stop word's FNV-1a fingerprint and UTF-8, by fingerprint.
        let languages: [[(fingerprint: UInt64, bytes: [UInt8])]]
        /// The longest stop word, in bytes.
        let longest: Int
    }

    private static let lookup: Lookup = {
        let lower: [UInt32] = (0..<0x600).map { value in
            // Latin beyond ASCII, IPA (ə), Cyrillic and Armenian letters: the stop words' scripts.
            guard (0xC0..<0x2B0).contains(value) || (0x400..<0x588).contains(value) else { return 0 }
            guard NFC.isInert(UInt32(value)), let scalar = Unicode.Scalar(UInt32(value)) else { return 0 }
            let lowered = String(scalar).lowercased().unicodeScalars
            guard lowered.count == 1, let single = lowered.first, NFC.isInert(single.value) else { return 0 }
            return String(single).utf8.reversed().reduce(0) { $0 << 8 | UInt32($1) }
        }
        let languages = LanguageTag.allCases.map { language in
            words(of: language).map { word in
                var hash = FNV1a()
                for byte in word.utf8 { hash.mix(UInt64(byte)) }
                return (fingerprint: hash.value, bytes: Array(word.utf8))
            }.sorted { $0.fingerprint < $1.fingerprint }
        }
        return Lookup(lower: lower, languages: languages, longest: languages.joined().map(\.bytes.count).max() ?? 0)
    }()

    static let azerbaijani: Set<String> = [
        "bu", "bundan", "buna", "bunun", "o", "onun", "onlar", "bir", "hər", "lakin", "amma", "ancaq", "həmçinin", "eyni",
        "ən", "son", "ilk", "yeni", "artıq", "daha", "indi", "sonra", "əvvəl", "belə", "bununla", "nazir", "agentlik",
        "agentliyin", "ölkə", "və", "ki", "də", "da", "həm", "biz", "mən", "siz", "əgər", "çünki", "hazırda",
    ]
    static let turkish: Set<String> = [
        "bu", "bir", "ancak", "fakat", "ama", "ve", "ile", "da", "de", "o", "onlar", "her", "en", "son", "ilk", "yeni",
        "daha", "şu", "böylece", "ayrıca", "öte", "yandan", "biz", "ben", "siz", "eğer", "çünkü", "şimdi", "sonra",
        "önce", "bakan", "ajans", "proje", "verilere", "öncelikli", "uzmanlar",
    ]
    static let armenian: Set<String> = [
        "և", "այս", "այդ", "այն", "նա", "նրանք", "մենք", "բայց", "սակայն", "իսկ", "որ", "երբ", "եթե", "ըստ", "մինչ",
        "նաև", "ապա", "հետո", "արդեն", "կառավարության", "փորձագետների",
    ]
    static let russian: Set<String> = [
        "в", "во", "на", "по", "с", "со", "и", "но", "а", "к", "от", "для", "из", "о", "об", "это", "как", "что", "при",
        "после", "до", "около", "за", "уже", "также", "однако", "ещё", "еще", "так", "все", "всего", "он", "она", "они",
        "мы", "этот", "эта", "эти", "его", "их", "по", "согласно", "кроме", "если", "когда", "пока", "теперь",
    ]
    static let french: Set<String> = [
        "le", "la", "les", "l", "un", "une", "des", "du", "de", "en", "au", "aux", "et", "mais", "ce", "cette", "ces",
        "il", "elle", "ils", "elles", "on", "selon", "pour", "dans", "sur", "avec", "après", "avant", "quelque", "depuis",
    ]
    static let english: Set<String> = [
        "the", "a", "an", "in", "on", "at", "for", "of", "and", "but", "this", "that", "these", "those", "it", "its",
        "he", "she", "they", "we", "i", "as", "by", "to", "from", "with", "after", "before", "when", "while", "some",
        "according", "under", "over", "since", "during", "however", "also", "all", "both", "each", "there", "if",
    ]
}

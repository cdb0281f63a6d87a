/// What may follow a name's stem in one language: case and derivation suffixes after an
/// Azerbaijani or Turkish name, case endings of Russian and Armenian, the English possessive.
///
/// An alias is split into words; each word that inflects is stored as a stem and an inflection
/// class (``Inflection``); the matcher accepts the stem followed by one of the class's endings and
/// then the end of the word. A word that only starts like a name is not a match: `Шушенское` is
/// not `Шуша` (`енское` is no ending of `Шуша`), `Bakırköy` is not `Bakı`.
///
/// Endings are kept in the loose fold (``GlossaryFold``), as the matcher compares them.
struct Inflection: Hashable, Sendable {
    enum Family: Hashable, Sendable {
        /// Azerbaijani and Turkish suffixes, with vowel harmony and buffer consonants; the suffix
        /// is kept when the name is replaced (`Şuşada` → `Shusha'da`). A separator (`'`, `’`, `-`)
        /// may stand before it (`Karabağ'da`, `ANAMA-nın`).
        case turkic(language: LanguageTag, harmony: Harmony, endsInVowel: Bool, voiceless: Bool)
        /// Russian case endings of a declension class; the ending is part of the name, so a
        /// replacement drops it (or re-inflects, when the target is Russian too).
        case russian(RussianClass)
        /// Armenian case endings and articles (`-ում`, `-ի`, `-ից`, `-ով`, `-ը`, `-ն`).
        case armenian
        /// The English possessive (`Shusha's`).
        case english
    }

    /// The four vowel classes of Turkic harmony, by the stem's last vowel.
    enum Harmony: Hashable, Sendable {
        case backUnrounded, backRounded, frontUnrounded, frontRounded
    }

    /// Russian declension classes, by the word's nominative ending.
    enum RussianClass: Hashable, Sendable {
        /// Шуша, Москва: stem + а ы и е у ой ою.
        case feminineA
        /// -я nouns, -ия ones among them (Армения): stem + я и е ю ей ею.
        case feminineYa
        /// Карабах, Алиев, Ереван: stem + ∅ а у ом ым е.
        case consonant
        /// -ь nouns: stem + ь я ю ем е и ью ей.
        case softSign
        /// -й nouns (Дмитрий): stem + й я ю ем и е.
        case shortI
        /// Adjectives before a noun (Нагорный Карабах, Южная Осетия).
        case adjective
    }

    let family: Family
    /// The endings, loose-folded, the empty ending included where the bare stem is a form.
    let endings: Set<[UInt32]>
    /// Whether a separator may stand between stem and ending.
    var allowsSeparator: Bool {
        if case .turkic = family { return true }
        return false
    }
    /// Whether the ending is kept when the name is replaced.
    var keepsSuffix: Bool {
        if case .turkic = family { return true }
        return false
    }

    /// Whether the bare stem is a form (no ending).
    let acceptsBare: Bool

    init(_ family: Family) {
        self.family = family
        endings = Set(Self.endings(of: family).map { Array($0.unicodeScalars.map { GlossaryFold.looseFold($0.value) }) })
        acceptsBare = endings.contains([])
    }

    static func == (lhs: Inflection, rhs: Inflection) -> Bool { lhs.family == rhs.family }
    func hash(into hasher: inout Hasher) { hasher.combine(family) }

    /// The stem and inflection family of each word of an alias in `language`, for the matcher
    /// (which makes one ``Inflection``, with its endings, per family). Words that do not inflect
    /// get nil.
    static func classify(words: [String], language: LanguageTag) -> [(stem: String, family: Family?)] {
        var result: [(String, Family?)] = words.map { ($0, nil) }
        guard let last = words.last else { return [] }
        switch language {
        case .az, .tr:
            result[words.count - 1] = (last, turkicFamily(of: last, language: language))
        case .hy:
            result[words.count - 1] = (last, .armenian)
        case .en:
            result[words.count - 1] = (last, .english)
        case .ru:
            for (index, word) in words.enumerated() {
                let attributive = index < words.count - 1
                if let (stem, russianClass) = russianStem(of: word, attributive: attributive) {
                    result[index] = (stem, .russian(russianClass))
                }
            }
        case .fr, .azCyrl:
            break
        }
        return result
    }

    // MARK: Turkic

    private static let backVowels: Set<Character> = ["a", "ı", "o", "u", "A", "I", "O", "U"]
    private static let vowels: Set<Character> = ["a", "ı", "o", "u", "e", "ə", "i", "ö", "ü", "A", "I", "O", "U", "E", "Ə", "İ", "Ö", "Ü", "â", "î", "û"]

    static func turkicFamily(of word: String, language: LanguageTag) -> Family {
        var harmony = Harmony.frontUnrounded
        for character in word.reversed() where vowels.contains(character) {
            let lower = Character(String(character).lowercased())
            switch lower {
            case "a", "ı", "â": harmony = .backUnrounded
            case "o", "u", "û": harmony = .backRounded
            case "ö", "ü": harmony = .frontRounded
            default: harmony = .frontUnrounded
            }
            // "I" lower-cases to "i" by default rules; in a Turkic word it is ı.
            if character == "I" { harmony = .backUnrounded }
            break
        }
        let final = word.last.map { Character(String($0).lowercased()) }
        let endsInVowel = final.map { vowels.contains($0) } ?? false
        let voiceless = final.map { "çfhkpsşt".contains($0) } ?? false
        return .turkic(language: language, harmony: harmony, endsInVowel: endsInVowel, voiceless: voiceless)
    }

    /// Suffix templates: A (a/e, az a/ə), I (ı/i/u/ü), D (d, tr t after a voiceless sound),
    /// Y and N (buffer consonants after a vowel), K (az/tr accusative buffer: az n, tr y).
    /// The N forms of the cases are those after a possessive ending, which takes the pronominal n:
    /// `Xəzər dənizində`, `Laçın dəhlizindən`, `Hazar Denizi'ne`, `Van Gölü'nü`.
    private static let firstSuffixes = [
        "DA", "DAn", "YA", "KI", "NIn", "YlA", "DAkI", "lI", "lAr", "DIr", "cA", "ylA", "NdA", "NdAn", "NA", "NI", "NdAkI",
    ]
    private static let followers: [String: [String]] = [
        "DAkI": ["lAr", "nI", "nIn", "nA", "ndA", "ndAn"],
        "lI": ["lAr", "YA", "DIr", "nIn", "lArIn", "lArA", "lArI", "lArDA", "lArDAn"],
        "lAr": ["DA", "DAn", "A", "I", "In", "lA", "DIr"],
        "DAn": ["DIr"],
        "DA": ["DIr"],
    ]

    private static func endings(of family: Family) -> [String] {
        switch family {
        case .turkic(let language, let harmony, let endsInVowel, let voiceless):
            var result = [""]
            for first in firstSuffixes {
                guard let (once, state) = realize(first, language: language, harmony: harmony, endsInVowel: endsInVowel, voiceless: voiceless)
                else { continue }
                result.append(once)
                for second in followers[first] ?? [] {
                    if let (twice, _) = realize(second, language: language, harmony: state.0, endsInVowel: state.1, voiceless: state.2) {
                        result.append(once + twice)
                    }
                }
            }
            return result
        case .russian(let russianClass):
            switch russianClass {
            case .feminineA: return ["а", "ы", "и", "е", "у", "ой", "ою"]
            case .feminineYa: return ["я", "и", "е", "ю", "ей", "ею"]
            case .consonant: return ["", "а", "у", "ом", "ым", "е", "ой"]
            case .softSign: return ["ь", "я", "ю", "ем", "е", "и", "ью", "ей"]
            case .shortI: return ["й", "я", "ю", "ем", "и", "е"]
            case .adjective:
                return ["ый", "ий", "ой", "ого", "его", "ому", "ему", "ым", "им", "ом", "ем", "ая", "яя", "ую", "юю", "ое", "ее", "ые", "ие", "ых", "их", "ыми", "ими"]
            }
        case .armenian:
            // After a final vowel (Մոսկվա) a յ comes before the ending: Մոսկվայում, Մոսկվայից.
            return ["", "ի", "ից", "ում", "ով", "ը", "ն", "ին", "ու", "ուն", "յի", "յից", "յում", "յով", "յին"]
        case .english:
            return ["", "'s", "'"]
        }
    }

    /// A template realized after a stem of the given harmony and final sound; returns the suffix
    /// and the state after it, or nil when the template does not apply (a buffer after a consonant
    /// is simply dropped; `cA` exists in Turkish only).
    private static func realize(
        _ template: String, language: LanguageTag, harmony: Harmony, endsInVowel: Bool, voiceless: Bool
    ) -> (String, (Harmony, Bool, Bool))? {
        let front = harmony == .frontUnrounded || harmony == .frontRounded
        let az = language == .az
        if template == "cA" && az { return nil }
        var output = ""
        var previousIsVowel = endsInVowel
        var previousVoiceless = voiceless
        var currentHarmony = harmony
        for (offset, letter) in template.enumerated() {
            var written: Character?
            switch letter {
            case "A": written = front ? (az ? "ə" : "e") : "a"
            case "I":
                switch currentHarmony {
                case .backUnrounded: written = "ı"
                case .backRounded: written = "u"
                case .frontUnrounded: written = "i"
                case .frontRounded: written = "ü"
                }
            case "D": written = !az && previousVoiceless && offset == 0 ? "t" : "d"
            case "Y": written = previousIsVowel && offset == 0 ? "y" : nil
            case "N": written = previousIsVowel && offset == 0 ? "n" : nil
            case "K": written = previousIsVowel && offset == 0 ? (az ? "n" : "y") : nil
            case "c": written = !az && previousVoiceless && offset == 0 ? "ç" : "c"
            default: written = letter
            }
            guard let written else { continue }
            output.append(written)
            let isVowel = vowels.contains(written)
            previousIsVowel = isVowel
            previousVoiceless = "çfhkpsşt".contains(written)
            if isVowel {
                switch written {
                case "a", "ı": currentHarmony = .backUnrounded
                case "o", "u": currentHarmony = .backRounded
                case "ö", "ü": currentHarmony = .frontRounded
                default: currentHarmony = .frontUnrounded
                }
            }
        }
        return (output, (currentHarmony, previousIsVowel, previousVoiceless))
    }

    // MARK: Russian

    /// The stem and class of a Russian word, or nil for words that do not decline (Баку, Тбилиси,
    /// Ханкенди: ending in о е и у ю э ы) and for words not in Cyrillic.
    static func russianStem(of word: String, attributive: Bool) -> (String, RussianClass)? {
        let lower = word.lowercased()
        guard let last = lower.unicodeScalars.last, (0x430...0x44F).contains(last.value) || last.value == 0x451 else { return nil }
        // A stem keeps two letters at least: a shorter one (Ая, Ия) would put a slot at the root or
        // after one letter, so that any word made of an ending (ой, ая) or one letter and an
        // ending would match; such a word is matched as written.
        let length = word.unicodeScalars.count
        func drop(_ count: Int) -> String? {
            length - count >= 2 ? String(word.unicodeScalars.dropLast(count).map(Character.init)) : nil
        }
        if attributive, ["ый", "ий", "ой", "ая", "яя", "ое", "ее"].contains(where: { lower.hasSuffix($0) }) {
            return drop(2).map { ($0, .adjective) }
        }
        switch last {
        case "а": return drop(1).map { ($0, .feminineA) }
        case "я": return drop(1).map { ($0, .feminineYa) }
        case "ь": return drop(1).map { ($0, .softSign) }
        case "й": return drop(1).map { ($0, .shortI) }
        case "о", "е", "и", "у", "ю", "э", "ы", "ё": return nil
        default: return (word, .consonant)
        }
    }
}

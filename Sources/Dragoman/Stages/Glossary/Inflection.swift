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
        /// Adjectives, and names that decline as adjectives (Нагорный Карабах, Южная Осетия,
        /// Грозный, Достоевский, Навальная).
        case adjective
        /// Neuter nouns in -о after a neuter adjective (Онежское озеро): stem + о а у ом е.
        case neuterO
        /// Neuter nouns in -е after a neuter adjective (Каспийское море): stem + е я ю ем и.
        case neuterE
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

    /// Each ending (loose-folded) and the suffix templates it realizes (empty but for Turkic classes).
    private let templates: [[UInt32]: [String]]

    init(_ family: Family) {
        self.family = family
        // Each ending with the suffix templates it realizes (Turkic classes), the first found
        // where two give the same letters.
        var templates: [[UInt32]: [String]] = [:]
        for (ending, chain) in Self.endings(of: family) {
            let key = Self.folded(ending)
            if templates[key] == nil { templates[key] = chain }
        }
        endings = Set(templates.keys)
        acceptsBare = endings.contains([])
        self.templates = templates
    }

    private static func folded(_ text: String) -> [UInt32] {
        text.unicodeScalars.map { GlossaryFold.looseFold($0.value) }
    }

    /// A Turkic suffix read after an alias, made again for the form written in its place: the
    /// same suffixes with the harmony and final sound of `form`'s last word (`Ermənistana` →
    /// `Armenia'ya`, not `Armenia'a`). Nil when the suffix or the form does not allow it (a form
    /// not in Latin letters, a suffix the rules of `form` do not have).
    /// - Parameters:
    ///   - rules: az or tr, whose suffix rules apply (by default the class's own).
    ///   - alias: the alias matched. Where the form only romanizes it (its last vowel is the
    ///     alias's without diacritics: Iğdır → Igdir, Bakü → Baku), the vowel harmony stays the
    ///     alias's, as the name is still said that way (Igdir'deki would be wrong); where the form
    ///     is another name (Gence → Ganja, Fransa → France), the form's.
    func reharmonized(_ ending: String, after form: String, rules: LanguageTag? = nil, alias: String? = nil) -> String? {
        guard case .turkic(let language, _, _, _) = family, let chain = templates[Self.folded(ending)],
            let last = form.split(separator: " ").last.map(String.init), !last.isEmpty,
            last.unicodeScalars.allSatisfy({ $0.value < 0x250 || $0 == "\u{0259}" || $0 == "\u{018F}" })
        else { return nil }
        let rules = rules == .az || rules == .tr ? rules ?? .az : (language == .azCyrl ? LanguageTag.az : language)
        // A form in English spelling: a final y after a consonant is read as a vowel (Agency'ye).
        var spoken = last
        if spoken.count > 1, spoken.last == "y" || spoken.last == "Y", let before = spoken.dropLast().last, !Self.vowels.contains(before) {
            spoken = spoken.dropLast() + "i"
        }
        guard case .turkic(_, var harmony, var endsInVowel, var voiceless) = Self.turkicFamily(of: spoken, language: rules) else { return nil }
        if let aliasWord = alias?.split(separator: " ").last.map(String.init), let aliasVowel = Self.lastVowel(of: aliasWord),
            let formVowel = Self.lastVowel(of: spoken), Self.withoutDiacritics(aliasVowel) == formVowel,
            case .turkic(_, let aliasHarmony, _, _) = Self.turkicFamily(of: aliasWord, language: rules)
        {
            harmony = aliasHarmony
        }
        var result = ""
        for template in chain {
            guard let (realized, state) = Self.realize(template, language: rules, harmony: harmony, endsInVowel: endsInVowel, voiceless: voiceless)
            else { return nil }
            result += realized
            (harmony, endsInVowel, voiceless) = state
        }
        // Capitals written for capitals (ŞUŞADA → SHUSHA'DA).
        let capitals = ending.unicodeScalars.contains { $0.properties.isUppercase } && !ending.unicodeScalars.contains { $0.properties.isLowercase }
        return capitals ? result.uppercased() : result
    }

    /// One way a word of an alias is read: its stem, the class of the endings after it (nil: the
    /// word does not inflect), and what follows the ending inside the word (`-на-Дону`).
    struct Reading {
        var stem: String
        var family: Family?
        var tail = ""
    }

    static func == (lhs: Inflection, rhs: Inflection) -> Bool { lhs.family == rhs.family }
    func hash(into hasher: inout Hasher) { hasher.combine(family) }

    /// The stems and inflection families of each word of an alias in `language`, for the matcher
    /// (which makes one ``Inflection``, with its endings, per family): per word, its readings, the
    /// first the likeliest. A word that does not inflect has one reading with no family; a Russian
    /// word that may decline two ways has two (`Дмитрий Песков`: Дмитрий as a noun, Дмитрия, or
    /// as an adjective), and the matcher stores the alias under each.
    static func classify(words: [String], language: LanguageTag) -> [[Reading]] {
        var result: [[Reading]] = words.map { [Reading(stem: $0, family: nil)] }
        guard let last = words.last else { return [] }
        switch language {
        case .az, .tr:
            result[words.count - 1] = [Reading(stem: last, family: turkicFamily(of: last, language: language))]
        case .hy:
            result[words.count - 1] = armenianReadings(of: last).map { Reading(stem: $0, family: .armenian) }
        case .en:
            result[words.count - 1] = [Reading(stem: last, family: .english)]
        case .ru:
            for (index, word) in words.enumerated() {
                // Where a hyphenated name goes on with a preposition, its first part declines
                // (в Ростове-на-Дону, Франкфурте-на-Майне); otherwise its last (Санкт-Петербурга).
                var head = word
                var tail = ""
                if let hyphen = word.firstIndex(of: "-"), hyphen != word.startIndex,
                    ["-на-", "-над-", "-под-", "-в-"].contains(where: { word[hyphen...].hasPrefix($0) })
                {
                    head = String(word[..<hyphen])
                    tail = String(word[hyphen...])
                }
                let attributive = index < words.count - 1 || !tail.isEmpty
                let readings = russianReadings(of: head, attributive: attributive && tail.isEmpty, after: index > 0 ? words[index - 1] : nil)
                if !readings.isEmpty { result[index] = readings.map { Reading(stem: $0.stem, family: .russian($0.class), tail: tail) } }
            }
        case .azCyrl:
            result[words.count - 1] = [Reading(stem: last, family: turkicFamily(of: last, language: language))]
        case .fr:
            break
        }
        return result
    }

    // MARK: Turkic

    private static let backVowels: Set<Character> = ["a", "ı", "o", "u", "A", "I", "O", "U"]
    private static let vowels: Set<Character> = ["a", "ı", "o", "u", "e", "ə", "i", "ö", "ü", "A", "I", "O", "U", "E", "Ə", "İ", "Ö", "Ü", "â", "î", "û"]

    static func turkicFamily(of written: String, language: LanguageTag) -> Family {
        // An Azerbaijani Cyrillic word's harmony and final sound are its Latin spelling's.
        let word = language == .azCyrl ? azerbaijaniLatin(written) : written
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

    /// The last vowel of a word, lower-cased (a Turkic capital I as ı).
    private static func lastVowel(of word: String) -> Character? {
        guard let vowel = word.last(where: { vowels.contains($0) }) else { return nil }
        if vowel == "I" { return "ı" }
        return Character(String(vowel).lowercased())
    }

    /// A vowel as romanizations write it: ı → i, ü → u, ö → o, ə → a, â → a.
    private static func withoutDiacritics(_ vowel: Character) -> Character {
        switch vowel {
        case "ı", "î": "i"
        case "ü", "û": "u"
        case "ö": "o"
        case "ə", "â": "a"
        default: vowel
        }
    }

    /// Azerbaijani Cyrillic letters in the Latin alphabet (lower case), for harmony.
    private static let cyrillicToLatin: [Character: String] = [
        "а": "a", "ә": "ə", "б": "b", "в": "v", "г": "q", "ғ": "ğ", "д": "d", "е": "e", "ж": "j", "з": "z", "и": "i", "ы": "ı",
        "ј": "y", "й": "y", "к": "k", "ҝ": "g", "л": "l", "м": "m", "н": "n", "о": "o", "ө": "ö", "п": "p", "р": "r", "с": "s",
        "т": "t", "у": "u", "ү": "ü", "ф": "f", "х": "x", "һ": "h", "ч": "ç", "ҹ": "c", "ш": "ş", "я": "ya", "ю": "yu", "ё": "yo",
        "э": "e",
    ]

    /// The letters the suffixes use, Latin to Azerbaijani Cyrillic.
    private static let latinToCyrillic: [Character: Character] = [
        "a": "а", "ə": "ә", "e": "е", "ı": "ы", "i": "и", "u": "у", "ü": "ү", "o": "о", "ö": "ө", "d": "д", "t": "т", "n": "н",
        "l": "л", "r": "р", "y": "ј", "k": "к", "c": "ҹ", "ç": "ч", "s": "с", "z": "з", "m": "м",
    ]

    private static func azerbaijaniLatin(_ word: String) -> String {
        String(word.lowercased().flatMap { cyrillicToLatin[$0] ?? String($0) })
    }

    private static func azerbaijaniCyrillic(_ suffix: String) -> String {
        String(suffix.map { latinToCyrillic[$0] ?? $0 })
    }

    /// The Turkic endings (in Latin letters) with the templates each realizes; the empty one first.
    private static func turkicEndings(
        language: LanguageTag, harmony: Harmony, endsInVowel: Bool, voiceless: Bool
    ) -> [(ending: String, templates: [String])] {
        let rules = language == .azCyrl ? LanguageTag.az : language
        var result: [(ending: String, templates: [String])] = [("", [])]
        for first in firstSuffixes {
            guard let (once, state) = realize(first, language: rules, harmony: harmony, endsInVowel: endsInVowel, voiceless: voiceless)
            else { continue }
            result.append((once, [first]))
            for second in followers[first] ?? [] {
                if let (twice, _) = realize(second, language: rules, harmony: state.0, endsInVowel: state.1, voiceless: state.2) {
                    result.append((once + twice, [first, second]))
                }
            }
        }
        return result
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

    /// The endings of a class, each with the suffix templates it realizes (Turkic classes only).
    private static func endings(of family: Family) -> [(ending: String, templates: [String])] {
        switch family {
        case .turkic(let language, let harmony, let endsInVowel, let voiceless):
            // Azerbaijani in Cyrillic takes the Latin alphabet's suffixes, written in Cyrillic.
            let result = turkicEndings(language: language, harmony: harmony, endsInVowel: endsInVowel, voiceless: voiceless)
            return language == .azCyrl ? result.map { (azerbaijaniCyrillic($0.ending), $0.templates) } : result
        default:
            return plainEndings(of: family).map { ($0, []) }
        }
    }

    private static func plainEndings(of family: Family) -> [String] {
        switch family {
        case .turkic:
            return []
        case .russian(let russianClass):
            switch russianClass {
            case .feminineA: return ["а", "ы", "и", "е", "у", "ой", "ою"]
            case .feminineYa: return ["я", "и", "е", "ю", "ей", "ею"]
            case .consonant: return ["", "а", "у", "ом", "ым", "е", "ой"]
            case .softSign: return ["ь", "я", "ю", "ем", "е", "и", "ью", "ей"]
            case .shortI: return ["й", "я", "ю", "ем", "и", "е"]
            case .adjective:
                return ["ый", "ий", "ой", "ого", "его", "ому", "ему", "ым", "им", "ом", "ем", "ая", "яя", "ую", "юю", "ое", "ее", "ые", "ие", "ых", "их", "ыми", "ими"]
            case .neuterO: return ["о", "а", "у", "ом", "е"]
            case .neuterE: return ["е", "я", "ю", "ем", "и"]
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
            case "I" where !az && output.last == "k":
                // Turkish -ki does not follow the harmony (Karabağ'daki, Şuşa'dakiler).
                written = "i"
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

    // MARK: Armenian

    /// The stems an Armenian word declines from: itself, and where the stem alternates before an
    /// ending, the changed stem: a final ու becomes վ (Բաքու → Բաքվում, Բաքվի), and ու in a last
    /// syllable closed by one or two consonants drops (խումբ → խմբի, ջուր → ջրի).
    static func armenianReadings(of word: String) -> [String] {
        var scalars = Array(word.unicodeScalars)
        let u: [Unicode.Scalar] = ["\u{0578}", "\u{0582}"]  // ո ւ
        let capitalU: [[Unicode.Scalar]] = [["\u{0548}", "\u{0582}"], ["\u{0548}", "\u{0552}"]]  // Ու ՈՒ
        func isU(at index: Int) -> Bool {
            guard index >= 0 && index + 1 < scalars.count else { return false }
            let pair = Array(scalars[index...index + 1])
            return pair == u || capitalU.contains(pair)
        }
        let vowels: Set<UInt32> = [0x561, 0x565, 0x567, 0x568, 0x56B, 0x578, 0x585, 0x531, 0x535, 0x537, 0x538, 0x53B, 0x548, 0x555]
        var readings = [word]
        let count = scalars.count
        if count >= 4, isU(at: count - 2) {
            let capital = scalars[count - 2].value == 0x548 && scalars[count - 1].value == 0x552
            scalars.replaceSubrange((count - 2)..., with: [capital ? "\u{054E}" : "\u{057E}"])  // Վ վ
            readings.append(String(String.UnicodeScalarView(scalars)))
            return readings
        }
        for consonants in 1...2 where count >= consonants + 3 && isU(at: count - consonants - 2) {
            let tail = scalars[(count - consonants)...]
            guard tail.allSatisfy({ !vowels.contains($0.value) && $0.value != 0x582 && (0x531...0x586).contains($0.value) }) else { continue }
            scalars.removeSubrange((count - consonants - 2)..<(count - consonants))
            readings.append(String(String.UnicodeScalarView(scalars)))
            break
        }
        return readings
    }

    // MARK: Russian

    /// The stem and class of a Russian word (its likeliest reading), or nil for words that do not
    /// decline (Баку, Тбилиси, Ханкенди: ending in о е и у ю э ы) and for words not in Cyrillic.
    static func russianStem(of word: String, attributive: Bool) -> (String, RussianClass)? {
        russianReadings(of: word, attributive: attributive, after: nil).first.map { ($0.stem, $0.class) }
    }

    /// The ways a Russian word may decline, the likeliest first; none for a word that does not.
    /// - Parameters:
    ///   - attributive: the word stands before another word of the name (an adjective's place).
    ///   - previous: the word before it, which tells a neuter noun after a neuter adjective
    ///     (Каспийское море, declined) from a foreign name in -о or -е (Осло, Кале: not declined).
    static func russianReadings(of word: String, attributive: Bool, after previous: String?) -> [(stem: String, class: RussianClass)] {
        let lower = word.lowercased()
        guard let last = lower.unicodeScalars.last, (0x430...0x44F).contains(last.value) || last.value == 0x451 else { return [] }
        // A stem keeps two letters at least: a shorter one (Ая, Ия) would put a slot at the root or
        // after one letter, so that any word made of an ending (ой, ая) or one letter and an
        // ending would match; such a word is matched as written.
        let length = word.unicodeScalars.count
        func reading(_ drop: Int, _ russianClass: RussianClass) -> [(stem: String, class: RussianClass)] {
            guard length - drop >= 2 else { return [] }
            return [(String(word.unicodeScalars.dropLast(drop).map(Character.init)), russianClass)]
        }
        let adjectival = ["ый", "ий", "ой", "ая", "яя", "ое", "ее"].contains { lower.hasSuffix($0) }
        // -ский, -цкий, -ской: only adjectives (Достоевский, Донской); other -ий words are nouns as
        // often (Дмитрий, Георгий, Евгений) as adjectives (Великий, Нижний).
        let adjectiveOnly = ["ский", "цкий", "ской", "цкой"].contains { lower.hasSuffix($0) }
        if attributive && adjectival {
            if lower.hasSuffix("ий") && !adjectiveOnly { return reading(1, .shortI) + reading(2, .adjective) }
            return reading(2, .adjective)
        }
        if !attributive {
            if adjectiveOnly || lower.hasSuffix("ый") { return reading(2, .adjective) }  // Грозный, Навальный
            if lower.hasSuffix("ой") { return reading(2, .adjective) + reading(1, .shortI) }  // Толстой; Ной
            if lower.hasSuffix("ая") || lower.hasSuffix("яя") { return reading(2, .adjective) + reading(1, .feminineYa) }  // Навальная
            if lower.hasSuffix("ий") { return reading(1, .shortI) + reading(2, .adjective) }  // Дмитрий; Великий
        }
        switch last {
        case "а": return reading(1, .feminineA)
        case "я": return reading(1, .feminineYa)
        case "ь": return reading(1, .softSign)
        case "й": return reading(1, .shortI)
        case "о", "е":
            // A neuter noun after a neuter adjective declines; alone it is taken for a foreign name.
            guard let previous = previous?.lowercased(), previous.hasSuffix("ое") || previous.hasSuffix("ее") else { return [] }
            return reading(1, last == "о" ? .neuterO : .neuterE)
        case "и", "у", "ю", "э", "ы", "ё": return []
        default: return [(word, .consonant)]
        }
    }
}

/// The `english` schemes: how English-language media and official bodies romanize names from each
/// language Dragoman reads. Each is a ``LetterMap`` (or a chain), so the fast path and ICU's
/// transliterator run the very same table.
public enum EnglishSchemes {
    /// Azerbaijani (Latin): the English rules of the Cabinet of Ministers of Azerbaijan, Resolution
    /// No. 498 (2020). `Kəlbəcər` → `Kalbajar`, `Ağdam` → `Aghdam`, `İlham Əliyev` → `Ilham Aliyev`.
    public static let azerbaijani = LetterMap(
        name: "az-english",
        rules: [
            .init("ə", "a"), .init("x", "kh"), .init("c", "j"), .init("ç", "ch"), .init("ş", "sh"), .init("ğ", "gh"),
            .init("q", "g"), .init("ı", "i"), .init("İ", "I"), .init("ö", "o"), .init("ü", "u"), .init("j", "zh"),
        ])

    /// Azerbaijani Cyrillic to Azerbaijani Latin, the 1991 alphabet correspondence; the first pass of
    /// the az-Cyrl scheme. `Кәлбәҹәр` → `Kəlbəcər`.
    public static let azerbaijaniCyrillicToLatin = LetterMap(
        name: "az-Cyrl-az",
        rules: [
            .init("а", "a"), .init("б", "b"), .init("в", "v"), .init("г", "q"), .init("ғ", "ğ"), .init("д", "d"),
            .init("е", "e"), .init("ә", "ə"), .init("ж", "j"), .init("з", "z"), .init("и", "i"), .init("ы", "ı"),
            .init("ј", "y"), .init("к", "k"), .init("ҝ", "g"), .init("л", "l"), .init("м", "m"), .init("н", "n"),
            .init("о", "o"), .init("ө", "ö"), .init("п", "p"), .init("р", "r"), .init("с", "s"), .init("т", "t"),
            .init("у", "u"), .init("ү", "ü"), .init("ф", "f"), .init("х", "x"), .init("һ", "h"), .init("ч", "ç"),
            .init("ҹ", "c"), .init("ш", "ş"), .init("ю", "yu"), .init("я", "ya"), .init("ё", "yo"), .init("ц", "ts"),
            .init("щ", "şç"), .init("ъ", ""), .init("ь", ""), .init("э", "e"),
            // Not in the Azerbaijani Cyrillic alphabet (it writes ј), but in Russian spellings of
            // names that az-Cyrl text carries: Гусейн → Guseyn, not Guseйn.
            .init("й", "y"),
        ])

    /// Turkish as English media write Turkish names: the diacritics dropped, İ and ı as letters.
    /// `Şanlıurfa` → `Sanliurfa`, `Iğdır` → `Igdir`, `Çavuşoğlu` → `Cavusoglu`.
    public static let turkish = LetterMap(
        name: "tr-english",
        rules: [
            .init("ç", "c"), .init("ğ", "g"), .init("ı", "i"), .init("İ", "I"), .init("ö", "o"), .init("ş", "s"),
            .init("ü", "u"), .init("â", "a"), .init("î", "i"), .init("û", "u"),
        ])

    /// Armenian: Armenia's official romanization of 2011 as media use it, BGN 1981 letter values
    /// without aspiration apostrophes; ռ → r, ե → ye and ո → vo at word start, ու → u, և → ev/yev,
    /// ւ alone → v.
    /// `Ստեփանակերտ` → `Stepanakert`, `Երևան` → `Yerevan`, `Նիկոլ Փաշինյան` → `Nikol Pashinyan`.
    public static let armenian = LetterMap(
        name: "hy-english",
        rules: [
            .init("ու", "u"),
            .init("ա", "a"), .init("բ", "b"), .init("գ", "g"), .init("դ", "d"), .init("ե", "e", initial: "ye"),
            .init("զ", "z"), .init("է", "e"), .init("ը", "y"), .init("թ", "t"), .init("ժ", "zh"), .init("ի", "i"),
            .init("լ", "l"), .init("խ", "kh"), .init("ծ", "ts"), .init("կ", "k"), .init("հ", "h"), .init("ձ", "dz"),
            .init("ղ", "gh"), .init("ճ", "ch"), .init("մ", "m"), .init("յ", "y"), .init("ն", "n"), .init("շ", "sh"),
            .init("ո", "o", initial: "vo"), .init("չ", "ch"), .init("պ", "p"), .init("ջ", "j"), .init("ռ", "r"),
            .init("ս", "s"), .init("վ", "v"), .init("տ", "t"), .init("ր", "r"), .init("ց", "ts"), .init("փ", "p"),
            .init("ք", "k"), .init("օ", "o"), .init("ֆ", "f"), .init("և", "ev", initial: "yev"),
            // ւ outside ու: the classical orthography's consonant (BGN: v).
            .init("ւ", "v"),
        ])

    /// Russian: BGN/PCGN letter values without the primes ʹ ʺ and the middle dot. е and ё are ye at
    /// word start and after a vowel or a hard or soft sign (written as two-letter rules, so that
    /// both engines read the original letters), e after a consonant. `Кельбаджар` → `Kelbadzhar`,
    /// `Сергей Лавров` → `Sergey Lavrov`, `Алиев` → `Aliyev`.
    public static let russian: LetterMap = {
        var rules: [LetterMap.Rule] = []
        let vowels: [(String, String)] = [("а", "a"), ("е", "e"), ("ё", "e"), ("и", "i"), ("о", "o"), ("у", "u"), ("ы", "y"), ("э", "e"), ("ю", "yu"), ("я", "ya")]
        // A vowel, hard sign or soft sign followed by е or ё: the е is ye.
        for (vowel, value) in vowels {
            rules.append(.init(vowel + "е", value + "ye"))
            rules.append(.init(vowel + "ё", value + "ye"))
        }
        rules.append(.init("ье", "ye"))
        rules.append(.init("ьё", "ye"))
        rules.append(.init("ъе", "ye"))
        rules.append(.init("ъё", "ye"))
        rules += [
            .init("а", "a"), .init("б", "b"), .init("в", "v"), .init("г", "g"), .init("д", "d"), .init("е", "e", initial: "ye"),
            .init("ё", "e", initial: "ye"), .init("ж", "zh"), .init("з", "z"), .init("и", "i"), .init("й", "y"), .init("к", "k"),
            .init("л", "l"), .init("м", "m"), .init("н", "n"), .init("о", "o"), .init("п", "p"), .init("р", "r"), .init("с", "s"),
            .init("т", "t"), .init("у", "u"), .init("ф", "f"), .init("х", "kh"), .init("ц", "ts"), .init("ч", "ch"), .init("ш", "sh"),
            .init("щ", "shch"), .init("ъ", ""), .init("ы", "y"), .init("ь", ""), .init("э", "e"), .init("ю", "yu"), .init("я", "ya"),
        ]
        return LetterMap(name: "ru-english", rules: rules)
    }()

    /// The english schemes the transliterate stage applies to a record in `language`, with scope
    /// `all`, written as one ICU rule set: Armenian words by the Armenian table, Cyrillic words by the
    /// Russian one (by the Azerbaijani Cyrillic one in az-Cyrl records), Latin words by the table of
    /// the record's language. Scripts do not overlap, so one pass serves all; an az-Cyrl record takes
    /// a second pass from Azerbaijani Latin to English. One difference remains: the stage reads a
    /// Cyrillic word with Azerbaijani letters (ә ҹ ҝ …) as az-Cyrl in any record, which no rule set
    /// can say. For `uconv -x` and for checking the fast path against ICU on whole texts.
    public static func icuRules(forRecordIn language: LanguageTag) -> String {
        var first: [LetterMap] = []
        var second: [LetterMap] = []
        switch language {
        case .azCyrl:
            // Armenian in the second pass, beside the Latin it must not pass through (`Ճ` → `Ch`,
            // which the Azerbaijani pass would read as `c` + `h` → `Jh`).
            first.append(azerbaijaniCyrillicToLatin)
            second += [armenian, azerbaijani]
        case .az:
            first += [armenian, russian, azerbaijani]
        case .tr:
            first += [armenian, russian, turkish]
        case .hy, .ru, .fr, .en:
            first += [armenian, russian]
        }
        var text = LetterMap.variables + first.map(\.passRules).joined()
        if !second.isEmpty { text += ":: Null ;\n" + second.map(\.passRules).joined() }
        return text
    }

    /// The `english` scheme of a language, as a chain of letter maps.
    public static func chain(for language: LanguageTag) -> LetterMapChain? {
        switch language {
        case .az: LetterMapChain([azerbaijani])
        case .azCyrl: LetterMapChain([azerbaijaniCyrillicToLatin, azerbaijani])
        case .tr: LetterMapChain([turkish])
        case .hy: LetterMapChain([armenian])
        case .ru: LetterMapChain([russian])
        case .fr, .en: nil
        }
    }
}

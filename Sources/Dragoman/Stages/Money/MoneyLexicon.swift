/// The words and signs of money in the six languages: currency symbols, ISO codes, currency words
/// with their inflections, and magnitude words. Symbols are checked against CLDR through ICU in the
/// tests; words are the project's own, since CLDR has display names but not the inflected forms
/// news uses (manatdan, долларов, d'euros, դրամ).
enum MoneyLexicon {
    static let currencies = ["EUR", "USD", "GBP", "AZN", "AMD", "RUB", "TRY", "GEL", "CHF"]

    /// Signs written before or after the number.
    static let symbols: [(String, String)] = [
        ("US$", "USD"), ("€", "EUR"), ("$", "USD"), ("£", "GBP"), ("₼", "AZN"), ("֏", "AMD"), ("₽", "RUB"), ("₺", "TRY"),
        ("₾", "GEL"),
    ]
    /// The signs as UTF-8, for byte comparison.
    static let symbolBytes: [(bytes: [UInt8], symbol: String, iso: String)] = symbols.map { (Array($0.0.utf8), $0.0, $0.1) }

    /// Whether some sign starts with this byte (most numbers are followed by none).
    static let symbolFirstBytes: [Bool] = {
        var table = [Bool](repeating: false, count: 256)
        for (bytes, _, _) in symbolBytes { if let first = bytes.first { table[Int(first)] = true } }
        return table
    }()

    /// Codes as words: the ISO codes, and TL.
    static let codes: [String: String] = {
        var codes = Dictionary(uniqueKeysWithValues: currencies.map { ($0, $0) })
        codes["TL"] = "TRY"
        return codes
    }()

    /// Currency word stems (lower case) and how many letters of inflection may follow.
    static let stems: [(stem: String, iso: String, suffix: Int)] = [
        // en, fr
        ("euro", "EUR", 1), ("dollar", "USD", 1), ("pound", "GBP", 1), ("livre", "GBP", 1), ("sterling", "GBP", 0), ("manat", "AZN", 6),
        ("dram", "AMD", 6), ("ruble", "RUB", 1), ("rouble", "RUB", 1), ("lira", "TRY", 3), ("lari", "GEL", 2),
        ("franc", "CHF", 1),
        // tr, az
        ("avro", "EUR", 6), ("dolar", "USD", 6), ("sterlin", "GBP", 6), ("funt", "GBP", 6), ("rubl", "RUB", 6),
        ("lirə", "TRY", 6), ("frank", "CHF", 6),
        // ru
        ("евро", "EUR", 0), ("доллар", "USD", 3), ("фунт", "GBP", 3), ("манат", "AZN", 3), ("драм", "AMD", 3),
        ("рубл", "RUB", 3), ("руб", "RUB", 0), ("лир", "TRY", 2), ("лари", "GEL", 0), ("франк", "CHF", 3),
        // hy
        ("եվրո", "EUR", 4), ("դոլար", "USD", 4), ("ֆունտ", "GBP", 4), ("մանաթ", "AZN", 4), ("դրամ", "AMD", 4),
        ("ռուբլի", "RUB", 4), ("լիրա", "TRY", 4), ("լարի", "GEL", 4), ("ֆրանկ", "CHF", 4),
    ]

    /// Words that may stand before a currency word and belong to the amount ("US dollars").
    static let qualifiersBefore: Set<String> = [
        "us", "u.s.", "swiss", "türk", "швейцарских", "isviçre", "american", "british", "turkish", "abd", "abş", "турецких",
        "турецкая", "ամն", "azerbaijani", "armenian", "russian", "georgian",
    ]
    /// Glossary entities that qualify a currency word when they stand next to it (`ABD doları`,
    /// `долларов США`, `francs suisses`): the money stage takes their spans into the amount.
    static let qualifierEntities: Set<String> = [
        "united-states", "switzerland", "united-kingdom", "turkiye", "azerbaijan", "armenia", "russia", "georgia",
    ]
    /// Currency words that name money only with a qualifier: "pounds" alone is a weight, "livres"
    /// alone a book or a weight (`pounds sterling`, `British pounds`, `livres sterling`).
    static let needQualifier: Set<String> = ["pound", "livre"]
    /// Words that may follow a currency word and belong to it ("livres sterling", "долларов США").
    static let qualifiersAfter: Set<String> = [
        "sterling", "стерлингов", "стерлинга", "sterlinq", "сша", "américains", "us", "suisses", "lirası", "azerbaïdjanais",
    ]

    /// The stems as UTF-8 with their length in scalars: compared byte-wise, since String's
    /// `hasPrefix` walks grapheme clusters and was the money stage's hottest call.
    private static let stemBytes: [(bytes: [UInt8], scalars: Int, iso: String, suffix: Int)] = stems.map {
        (Array($0.stem.utf8), $0.stem.unicodeScalars.count, $0.iso, $0.suffix)
    }

    /// First letters (both cases) of every word the scanner looks for: stems, magnitudes,
    /// qualifiers, codes, and the French elisions d' and de. For scalars below 0x600, by index.
    private static let firstLetters: [Bool] = {
        var words = stems.map(\.stem) + Array(qualifiersBefore) + Array(qualifiersAfter) + Array(codes.keys) + ["d", "de"]
        for table in [english, french, turkish, azerbaijani, russian, armenian] { words += table.keys }
        var table = [Bool](repeating: false, count: 0x600)
        for word in words {
            guard let first = word.unicodeScalars.first else { continue }
            for form in [String(first).lowercased(), String(first).uppercased()] {
                for scalar in form.unicodeScalars where scalar.value < 0x600 { table[Int(scalar.value)] = true }
            }
        }
        return table
    }()

    /// Whether a word starting with this scalar could be a money word.
    static func mayStartWord(_ value: UInt32) -> Bool {
        value >= 0x600 || firstLetters[Int(value)]
    }

    /// The currency a lower-cased UTF-8 word of `scalars` scalars names, if any.
    static func currency(forLower word: ArraySlice<UInt8>, scalars: Int) -> String? {
        // Only the stems that start with the word's first letter (this runs for the word after
        // every number).
        for index in stemsByFirstScalar[firstScalarKey(word)] {
            let stem = stemBytes[index]
            if hasPrefix(word, stem.bytes), scalars - stem.scalars <= stem.suffix { return stem.iso }
        }
        return nil
    }

    /// A bucket for a word's first scalar: the scalar itself below U+0800 (ASCII and the two-byte
    /// letters: Latin, Cyrillic, Armenian), else 0. Cyrillic words all start with the byte D0 or
    /// D1, so the first byte alone would not tell them apart.
    static func firstScalarKey<Bytes: Collection<UInt8>>(_ word: Bytes) -> Int {
        guard let first = word.first else { return 0 }
        if first < 0x80 { return Int(first) }
        guard first >= 0xC2 && first <= 0xDF, word.count >= 2 else { return 0 }
        let second = word[word.index(after: word.startIndex)]
        return second & 0xC0 == 0x80 ? Int(first & 0x1F) << 6 | Int(second & 0x3F) : 0
    }

    /// Whether `word` starts with `prefix`, byte by byte.
    static func hasPrefix(_ word: ArraySlice<UInt8>, _ prefix: [UInt8]) -> Bool {
        guard word.count >= prefix.count else { return false }
        var position = word.startIndex
        for byte in prefix {
            guard word[position] == byte else { return false }
            position += 1
        }
        return true
    }

    /// Indices into ``stemBytes`` by ``firstScalarKey(_:)``.
    private static let stemsByFirstScalar: [[Int]] = buckets(stemBytes.map(\.bytes))

    /// Indices of `words` by ``firstScalarKey(_:)`` (0x800 buckets).
    private static func buckets(_ words: [[UInt8]]) -> [[Int]] {
        var table = [[Int]](repeating: [], count: 0x800)
        for (index, word) in words.enumerated() { table[firstScalarKey(word)].append(index) }
        return table
    }

    /// Byte forms of the word lists, compared without building strings.
    static let qualifiersBeforeBytes = qualifiersBefore.map { Array($0.utf8) }
    static let qualifiersAfterBytes = qualifiersAfter.map { Array($0.utf8) }
    static let needQualifierBytes = needQualifier.map { Array($0.utf8) }
    /// The ISO code a word written as a code names (`EUR`, `TL` → TRY), or nil. Codes are two or
    /// three capital ASCII letters: any other word is ruled out before a lookup (this runs for
    /// the word after every number).
    static func code(written word: UnsafeBufferPointer<UInt8>) -> String? {
        guard word.count == 2 || word.count == 3 else { return nil }
        var packed: UInt32 = 0
        for byte in word {
            guard byte >= 0x41 && byte <= 0x5A else { return nil }
            packed = packed << 8 | UInt32(byte)
        }
        return codesByPacked[packed]
    }

    private static let codesByPacked: [UInt32: String] = Dictionary(
        codes.compactMap { key, value in
            let bytes = Array(key.utf8)
            guard bytes.count == 2 || bytes.count == 3, bytes.allSatisfy({ $0 >= 0x41 && $0 <= 0x5A }) else { return nil }
            return (bytes.reduce(UInt32(0)) { $0 << 8 | UInt32($1) }, value)
        }, uniquingKeysWith: { first, _ in first })
    private static func bytesTable(_ table: [String: Int]) -> [([UInt8], Int, Int)] {
        table.map { (Array($0.key.utf8), $0.key.unicodeScalars.count, $0.value) }
    }
    private static let magnitudeBytes: [[([UInt8], Int, Int)]] = LanguageTag.allCases.map { language in
        var table = bytesTable(english)
        switch language {
        case .az: table += bytesTable(azerbaijani)
        case .tr: table += bytesTable(turkish)
        case .ru, .azCyrl: table += bytesTable(russian)
        case .hy: table += bytesTable(armenian)
        case .fr: table += bytesTable(french)
        case .en: break
        }
        return table
    }
    private static let inflectedMagnitudeLanguages: Set<LanguageTag> = [.az, .tr, .ru, .azCyrl, .hy]

    /// The magnitude a lower-cased UTF-8 word names in `language`, as a power of ten; inflected
    /// forms (`milyonluk`, `миллионов`) are a stem of four or more letters and up to four more.
    static func magnitude(lower word: ArraySlice<UInt8>, scalars: Int, language: () -> LanguageTag) -> Int? {
        // Words of every language at once; only the ones that mean something else elsewhere
        // (az "min", tr "bin", fr "mille"…) ask for the record's language, which may need detection.
        guard !word.isEmpty else { return nil }
        // Only the words that start with the same letter (this runs for the word after every number).
        let candidates = magnitudesByFirstScalar[firstScalarKey(word)]
        for candidate in candidates {
            let (bytes, _, power) = allMagnitudes[candidate]
            guard word.elementsEqual(bytes) else { continue }
            guard ambiguousMagnitudes.contains(where: { word.elementsEqual($0) }) else { return power }
            return magnitudeBytes[language().ordinal].contains { word.elementsEqual($0.0) } ? power : nil
        }
        for candidate in candidates {
            let (bytes, stemScalars, power) = allMagnitudes[candidate]
            guard stemScalars >= 4 && scalars >= stemScalars && scalars - stemScalars <= 4, hasPrefix(word, bytes) else { continue }
            return inflectedMagnitudeLanguages.contains(language()) ? power : nil
        }
        return nil
    }

    /// Whether a lower-cased magnitude word is one of English's long words (`million`,
    /// `billion`, `thousand`, `trillion`; not the abbreviations other languages share).
    static func isEnglishMagnitude(_ word: ArraySlice<UInt8>) -> Bool {
        englishLongMagnitudes.contains { word.elementsEqual($0) }
    }

    private static let englishLongMagnitudes: [[UInt8]] = ["thousand", "million", "millions", "billion", "billions", "trillion", "trillions"].map { Array($0.utf8) }

    /// Indices into ``allMagnitudes`` by ``firstScalarKey(_:)``.
    private static let magnitudesByFirstScalar: [[Int]] = buckets(allMagnitudes.map(\.0))

    private static let allMagnitudes: [([UInt8], Int, Int)] = {
        var seen: Set<[UInt8]> = []
        return magnitudeBytes.flatMap { $0 }.filter { seen.insert($0.0).inserted }
    }()
    /// Magnitude words that are ordinary words in another language.
    private static let ambiguousMagnitudes: [[UInt8]] = ["min", "bin", "mille", "md", "mds", "mlr", "k", "m", "mn", "tn", "к"].map { Array($0.utf8) }

    /// Words just before an amount that make it approximate (`about $1 million`); they stay in the
    /// text, and the amount's data says `approximate`.
    static let approximations: Set<String> = [
        "about", "around", "approximately", "nearly", "almost", "roughly", "some", "estimated",
        "около", "примерно", "почти", "порядка", "приблизительно",
        "təxminən", "təqribən", "yaklaşık", "yaklasik", "tahminen", "environ", "quelque", "presque",
        "մոտ", "շուրջ", "մոտավորապես",
    ]

    /// The approximation words as UTF-8, and the longest one's length in bytes.
    static let approximationBytes: [[UInt8]] = approximations.map { Array($0.utf8) }
    static let longestApproximation = approximationBytes.map(\.count).max() ?? 0

    // Magnitude words by language, as powers of ten.
    static let english: [String: Int] = [
        "thousand": 3, "thousands": 3, "k": 3, "million": 6, "millions": 6, "m": 6, "mn": 6, "mln": 6, "billion": 9,
        "billions": 9, "bn": 9, "trillion": 12, "trillions": 12, "tn": 12,
    ]
    static let french: [String: Int] = ["mille": 3, "milliard": 9, "milliards": 9, "md": 9, "mds": 9]
    static let turkish: [String: Int] = ["bin": 3, "milyon": 6, "mln": 6, "milyar": 9, "mlr": 9, "trilyon": 12]
    static let azerbaijani: [String: Int] = ["min": 3, "milyon": 6, "mln": 6, "milyard": 9, "mlrd": 9, "trilyon": 12]
    static let russian: [String: Int] = [
        "к": 3, "тыс": 3, "тыс.": 3, "тысяча": 3, "тысячи": 3, "тысяч": 3, "млн": 6, "млн.": 6, "миллион": 6, "миллиона": 6,
        "миллионов": 6, "млрд": 9, "млрд.": 9, "миллиард": 9, "миллиарда": 9, "миллиардов": 9, "трлн": 12,
    ]
    static let armenian: [String: Int] = ["հազար": 3, "միլիոն": 6, "մլն": 6, "միլիարդ": 9, "մլրդ": 9]

    /// How a target language writes a magnitude after a number.
    static func word(forPower power: Int, target: LanguageTag) -> String {
        switch (target, power) {
        case (.fr, 6): "millions"
        case (.fr, 9): "milliards"
        case (.ru, 6), (.azCyrl, 6): "млн"
        case (.ru, 9), (.azCyrl, 9): "млрд"
        case (.tr, 6), (.az, 6): "milyon"
        case (.tr, 9): "milyar"
        case (.az, 9): "milyard"
        case (.hy, 6): "միլիոն"
        case (.hy, 9): "միլիարդ"
        case (_, 12): "trillion"
        case (_, 9): "billion"
        default: "million"
        }
    }
}

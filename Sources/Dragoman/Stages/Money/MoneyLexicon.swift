/// The words and signs of money in the six languages: currency symbols, ISO codes, currency words
/// with their inflections, and magnitude words. Symbols are checked against CLDR through ICU in the
/// tests; words are the project's own, since CLDR has display names but not the inflected forms
/// news uses (manatdan, долларов, d'euros, դրամ).
enum MoneyLexicon {
    static let currencies = ["EUR", "USD", "GBP", "AZN", "AMD", "RUB", "TRY", "GEL", "CHF"]

    /// Signs written before or after the number: every sign CLDR gives one currency alone in the
    /// six languages (`₴` UAH, `₸` KZT, `₹` INR, `₪` ILS, `HK$`, `R$`, `$AU`), and the ones several
    /// share, with the currency news in these languages means by them (`$` USD, `£` GBP, `¥` JPY,
    /// `₩` KRW) and the forms agency copy writes (`C$` is Canada's dollar there, Nicaragua's
    /// córdoba in CLDR). Longest first, so `US$` and `HK$` are read before `$`.
    static let symbols: [(String, String)] = {
        var claims: [String: Set<String>] = [:]
        // The codes in use, in the locales whose signs differ from the codes (English's symbols and
        // narrow symbols, French's `$AU`): the other four add none, and every ICU call costs
        // some 20,000 instructions when the stage is first used.
        for code in CurrencyNames.isoCodes(current: true) {
            for (locale, style) in [("en", CurrencyNames.Style.symbol), ("en", .narrowSymbol), ("fr", .symbol)] {
                guard let symbol = CurrencyNames.name(of: code, locale: locale, style: style), symbol != code,
                    symbol.unicodeScalars.contains(where: { $0.properties.generalCategory == .currencySymbol }),
                    !symbol.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value == 0xA4 })
                else { continue }
                claims[symbol, default: []].insert(code)
            }
        }
        var symbols = claims.compactMap { symbol, codes in codes.count == 1 ? codes.first.map { (symbol, $0) } : nil }
        let chosen = ["US$": "USD", "$": "USD", "£": "GBP", "¥": "JPY", "₩": "KRW", "C$": "CAD", "Can$": "CAD", "Mex$": "MXN", "S$": "SGD"]
        symbols.removeAll { chosen[$0.0] != nil }
        symbols += chosen.map { ($0.key, $0.value) }
        return symbols.sorted { ($0.0.utf8.count, $0.0) > ($1.0.utf8.count, $1.0) }
    }()
    /// The signs as UTF-8, for byte comparison.
    static let symbolBytes: [(bytes: [UInt8], symbol: String, iso: String)] = symbols.map { (Array($0.0.utf8), $0.0, $0.1) }

    /// The signs written after a number: those that do not start with a letter (`5 HK$` is not
    /// written; `500 $US`, `5 ₸` are), and `US$`.
    static let suffixSymbolBytes = symbolBytes.filter { !ASCIIScan.isLetter($0.bytes[0]) || $0.symbol == "US$" }

    /// The indices in ``symbolBytes`` of the signs ending with each byte, and in
    /// ``suffixSymbolBytes`` of those starting with each byte: a number is compared with a few
    /// signs, not all.
    static let symbolsByLastByte: [[Int]] = {
        var table = [[Int]](repeating: [], count: 256)
        for (index, sign) in symbolBytes.enumerated() { if let last = sign.bytes.last { table[Int(last)].append(index) } }
        return table
    }()
    static let suffixSymbolsByFirstByte: [[Int]] = {
        var table = [[Int]](repeating: [], count: 256)
        for (index, sign) in suffixSymbolBytes.enumerated() { if let first = sign.bytes.first { table[Int(first)].append(index) } }
        return table
    }()

    /// Whether some sign written after a number starts with this byte (most numbers are followed by none).
    static let symbolFirstBytes: [Bool] = suffixSymbolsByFirstByte.map { !$0.isEmpty }

    /// Whether some sign ends with this byte (most numbers follow none).
    static let symbolLastBytes: [Bool] = symbolsByLastByte.map { !$0.isEmpty }

    /// Whether some sign ends with these two bytes (the one before the last, shifted by 8, and the
    /// last), for signs that end in a byte above 0x7F.
    static let symbolLastPairs: [Bool] = {
        var table = [Bool](repeating: false, count: 1 << 16)
        for sign in symbolBytes where sign.bytes.count >= 2 {
            table[Int(sign.bytes[sign.bytes.count - 2]) << 8 | Int(sign.bytes[sign.bytes.count - 1])] = true
        }
        return table
    }()

    /// Codes as words: every ISO 4217 code in use that ICU knows, and TL and RUR, which news
    /// writes for the lira and the rouble.
    static let codes: [String: String] = {
        var codes = Dictionary(uniqueKeysWithValues: currencies.map { ($0, $0) })
        for code in CurrencyNames.isoCodes(current: true) where !notCodes.contains(code) { codes[code] = code }
        codes["TL"] = "TRY"
        // The Russian rouble's code before 1998, still written in news (`RUR 65`).
        codes["RUR"] = "RUB"
        return codes
    }()

    /// Codes that are words, names or acronyms written in capitals far more often than money
    /// (`TOP 10 ALL-TIME`, `CUP 2022`, `COP29`, `PHP 7.4`, `SOS`, `RON`): never read as codes; their
    /// currencies are written by name or sign in news.
    static let notCodes: Set<String> = ["ALL", "ANG", "BAM", "BOB", "COP", "CUP", "MAD", "MOP", "PEN", "PHP", "RON", "SAR", "SOS", "TOP", "YER"]

    /// Codes that are also words but common in financial copy (`CAD 1.5 million`): before a
    /// number, a code only when the number has a separator; after one, always (`500 CAD`).
    static let wordCodes: Set<String> = ["CAD"]

    /// Whether three bytes spell one of ``wordCodes`` (compared as packed bytes: this runs for every
    /// amount written code first).
    static func isWordCode(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.count == 3 else { return false }
        return wordCodesPacked.contains(word.reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
    }

    private static let wordCodesPacked: [UInt32] = wordCodes.map { $0.utf8.reduce(UInt32(0)) { $0 << 8 | UInt32($1) } }

    /// The codes the scanner's first-letter and word-pair tables know as words: the nine it has
    /// always read and TL, RUR. Every other code is looked up by its capitals (``code(written:)``).
    static let commonCodes = currencies + ["TL", "RUR"]

    /// ``code(written:)`` for the common codes only.
    static func commonCode(written word: UnsafeBufferPointer<UInt8>) -> String? {
        guard let iso = code(written: word), commonCodeSet.contains(iso) else { return nil }
        return iso
    }

    private static let commonCodeSet = Set(currencies)

    /// Currency word stems (lower case) and how many letters of inflection may follow.
    static let stems: [(stem: String, iso: String, suffix: Int)] = [
        // en, fr
        ("euro", "EUR", 1), ("dollar", "USD", 6), ("pound", "GBP", 1), ("livre", "GBP", 1), ("sterling", "GBP", 0), ("manat", "AZN", 6),
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
        // Other currencies by the names news writes for them (yen, yuan, rupees, tenge, hryvnia,
        // zloty, forint, shekels, rand, ringgit), in each language, after the nine above.
        ("yen", "JPY", 0), ("yens", "JPY", 0), ("yuan", "CNY", 6), ("renminbi", "CNY", 0), ("rupee", "INR", 1), ("roupie", "INR", 1),
        ("tenge", "KZT", 6), ("tenqe", "KZT", 6), ("hryvnia", "UAH", 1), ("hryvnya", "UAH", 1), ("grivna", "UAH", 6), ("qrivna", "UAH", 6),
        ("zloty", "PLN", 2), ("zloti", "PLN", 6), ("zlotı", "PLN", 6), ("forint", "HUF", 6), ("shekel", "ILS", 1), ("şekel", "ILS", 6),
        ("rand", "ZAR", 1), ("ringgit", "MYR", 1),
        ("иен", "JPY", 3), ("йен", "JPY", 3), ("юан", "CNY", 3), ("рупи", "INR", 3), ("тенге", "KZT", 0), ("грив", "UAH", 3), ("злот", "PLN", 3),
        ("форинт", "HUF", 3), ("шекел", "ILS", 3),
        ("իեն", "JPY", 4), ("յուան", "CNY", 4), ("ռուփի", "INR", 4), ("տենգե", "KZT", 4), ("գրիվնա", "UAH", 4), ("զլոտի", "PLN", 4),
        ("ֆորինտ", "HUF", 4), ("շեկել", "ILS", 4),
    ]

    /// Subunit word stems (lower case), the currency each is a hundredth of (nil: a subunit of
    /// several, `cents`, `centimes`, `sent`, `цент`, `kopecks`, whose currency comes from the
    /// amount before it or the record's other amounts), and how many letters of inflection may
    /// follow. Azerbaijani `qəpik` inflects as `qəpiyə`, so its stem is `qəpi`.
    static let subunitStems: [(stem: String, iso: String?, suffix: Int)] = [
        // az, tr
        ("qəpi", "AZN", 6), ("kuruş", "TRY", 6), ("kurus", "TRY", 6), ("sent", nil, 3),
        // en, fr
        ("cent", nil, 1), ("centime", nil, 1), ("kopeck", nil, 1), ("kopek", nil, 1), ("qepik", "AZN", 1), ("gepik", "AZN", 1),
        ("qapik", "AZN", 1), ("qapick", "AZN", 1), ("pence", "GBP", 0), ("penny", "GBP", 0), ("tetri", "GEL", 0),
        // ru
        ("копе", "RUB", 5), ("цент", nil, 3), ("гяпик", "AZN", 3), ("гепик", "AZN", 3), ("пенс", "GBP", 3), ("тетри", "GEL", 0),
        ("евроцент", "EUR", 3),
        // hy
        ("ցենտ", nil, 4), ("լումա", "AMD", 4), ("կոպեկ", "RUB", 4),
    ]

    /// Words between a range's bounds (`from 3,000 to 10,000 euros`, `entre 50 et 60 dollars`, `от
    /// 5 до 7 млн рублей`), the ones that need no word before the first bound, and the words that
    /// open a range before it.
    static let rangeJoiners = Words(["to", "and", "et", "à", "до", "и"])
    static let rangeJoinersAlone = Words(["to", "до"])
    static let rangeOpeners = Words(["between", "from", "entre", "de", "от", "с", "между"])
    static let longestRangeOpener = ["between", "from", "entre", "de", "от", "с", "между"].map(\.utf8.count).max() ?? 0

    /// The currencies a word or sign read as `iso` may name where the text does not say which
    /// (the annotation of a flagged amount lists them): francs, a French `$`.
    static func sharedCurrencies(of iso: String) -> String {
        switch iso {
        case "CHF": "CHF FRF XAF XOF"
        case "USD": "CAD USD"
        default: iso
        }
    }

    /// Qualifiers that name a subunit's currency (`US cents`).
    static let subunitQualifiers: [String: String] = ["us": "USD", "u.s.": "USD", "american": "USD"]

    /// Currencies named by a word that several countries' money shares, read as the given code only
    /// with a qualifier (`Swiss francs`, `francs suisses`, `швейцарских франков`); alone (`100.000
    /// francs` in a French article is French francs, `francs CFA` West or Central African), the
    /// amount is left as written and flagged.
    static func isQualifiedOnly(_ iso: String) -> Bool {
        // One code: a comparison, not a hash per amount.
        iso == "CHF"
    }

    /// Words between an amount's main unit and its subunit (`1 рубль и 30 копеек`, `5 euros et 20
    /// centimes`), and after a price's bare cents (`1 euro 10 ou 1 euro 20`).
    static let conjunctionList = ["and", "et", "и", "və", "ve", "ou", "or", "или", "ya", "veya", "yaxud", "ու", "կամ"]
    static let conjunctions = Words(conjunctionList)

    /// Words that may stand before a currency word and belong to the amount ("US dollars").
    static let qualifiersBefore: Set<String> = [
        "us", "u.s.", "swiss", "türk", "швейцарских", "isviçre", "isveçrə", "american", "british", "turkish", "abd", "abş", "турецких",
        "турецкая", "ամն", "azerbaijani", "armenian", "russian", "georgian", "chinese", "japanese", "indian", "ukrainian",
        "китайских", "японских", "индийских", "украинских", "canadian", "australian", "singapore", "канадских", "австралийских",
    ]
    /// Qualifiers that make a dollar another country's (`Canadian dollars`, `dollars canadiens`,
    /// `австралийских долларов`).
    static let dollarQualifiers: [String: String] = [
        "canadian": "CAD", "australian": "AUD", "singapore": "SGD", "канадских": "CAD", "австралийских": "AUD", "canadiens": "CAD",
        "australiens": "AUD",
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
        "sterling", "стерлингов", "стерлинга", "sterlinq", "сша", "américains", "us", "suisses", "lirası", "azerbaïdjanais", "suisse", "canadiens", "australiens",
    ]

    /// Words as UTF-8 in one buffer, found by their first scalar (``firstScalarKey(_:)``) and
    /// compared byte-wise, each with a value. The lookups run for the words after many numbers:
    /// String's `hasPrefix` walks grapheme clusters (it was once the stage's hottest call), and
    /// walking arrays of byte arrays retained and released each word looked at.
    struct Words: Sendable {
        struct Entry: Sendable {
            /// Where the word's bytes are in ``text``.
            var start: Int
            var count: Int
            /// The word's length in scalars.
            var scalars: Int
            var value: Int
        }

        private var text: [UInt8] = []
        private var entries: [Entry] = []
        /// Where the entries of each first-scalar key start in ``entries`` (0x801 of them; the
        /// entries of one key keep the order they were given in).
        private var starts = [Int](repeating: 0, count: 0x801)

        init(_ words: [(word: String, value: Int)]) {
            let keyed = words.map { (key: firstScalarKey(Array($0.word.utf8)), word: $0.word, value: $0.value) }
            for key in 0..<0x800 {
                starts[key] = entries.count
                for item in keyed where item.key == key {
                    let bytes = Array(item.word.utf8)
                    entries.append(Entry(start: text.count, count: bytes.count, scalars: item.word.unicodeScalars.count, value: item.value))
                    text += bytes
                }
            }
            starts[0x800] = entries.count
        }

        init(_ words: some Sequence<String>) {
            self.init(words.map { (word: $0, value: 0) })
        }

        /// The indices of the entries with the first scalar of `word`: all that may equal it or
        /// start it.
        func candidates(for word: ArraySlice<UInt8>) -> Range<Int> {
            let key = firstScalarKey(word)
            return starts[key]..<starts[key + 1]
        }

        subscript(index: Int) -> Entry { entries[index] }

        /// Whether some word starts with this scalar.
        func mayHaveWord(startingWith scalar: UInt32) -> Bool {
            let key = scalar < 0x800 ? Int(scalar) : 0
            return starts[key] < starts[key + 1]
        }

        /// Whether the entry's word starts `word` (or is `word`).
        func starts(_ word: ArraySlice<UInt8>, with entry: Entry) -> Bool {
            guard entry.count <= word.count else { return false }
            var position = word.startIndex
            for index in entry.start..<entry.start + entry.count {
                guard text[index] == word[position] else { return false }
                position += 1
            }
            return true
        }

        /// The entry whose word is `word`.
        func entry(_ word: ArraySlice<UInt8>) -> Entry? {
            for index in candidates(for: word) {
                let entry = entries[index]
                if entry.count == word.count && starts(word, with: entry) { return entry }
            }
            return nil
        }

        func contains(_ word: ArraySlice<UInt8>) -> Bool { entry(word) != nil }

        /// Whether some entry's word starts `word`.
        func containsPrefix(of word: ArraySlice<UInt8>) -> Bool {
            candidates(for: word).contains { starts(word, with: entries[$0]) }
        }
    }

    /// The stems; each value is the stem's index in ``stems``.
    private static let stemWords = Words(stems.enumerated().map { (word: $0.element.stem, value: $0.offset) })
    private static let subunitWords = Words(subunitStems.enumerated().map { (word: $0.element.stem, value: $0.offset) })

    /// First letters (both cases) of every word the scanner looks for: stems, magnitudes,
    /// qualifiers, codes, and the French elisions d' and de. For scalars below 0x600, by index.
    private static let firstLetters: [Bool] = {
        var words = stems.map(\.stem) + subunitStems.map(\.stem) + conjunctionList + ["to", "à", "до"] + Array(qualifiersBefore) + Array(qualifiersAfter) + commonCodes + ["d", "de"]
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

    /// Words by their first two scalars: for each first scalar, a bit per second scalar (its value
    /// modulo 64; bit 0 for a word of one scalar). Two scalars rule out most words after a number
    /// (`yılında`, `people`, `percent`) before any lower-casing or lookup; a shared bit only lets a
    /// word through to the lookups.
    struct Pairs: Sendable {
        private let table: [UInt64]

        init(_ words: [String]) {
            // An abbreviation's full stop is looked up after the word (`млн.`); a one-letter word
            // is looked up alone before an apostrophe (`TL'lik`).
            var words = words
            words += words.filter { $0.hasSuffix(".") }.map { String($0.dropLast()) }
            words += words.filter { $0.unicodeScalars.count == 1 }.flatMap { [$0 + "'", $0 + "’"] }
            let scalars = words.map { $0.unicodeScalars.map(\.value) }
            var table = [UInt64](repeating: 0, count: Int(scalars.compactMap(\.first).max() ?? 0) + 1)
            for word in scalars {
                guard let first = word.first else { continue }
                table[Int(first)] |= 1 << ((word.count > 1 ? word[1] : 0) & 63)
            }
            self.table = table
        }

        /// Whether a word whose first two scalars, lower-cased, are `first` and `second` (0 for a
        /// word of one scalar) may be one of the words; `first` is `UInt32.max` for a word whose
        /// first scalars are not known as one scalar each, and then it may.
        func contains(first: UInt32, second: UInt32) -> Bool {
            if first == .max { return true }
            guard first < table.count else { return false }
            return table[Int(first)] >> (second & 63) & 1 != 0
        }
    }

    /// The words that make a number an amount when they follow it: magnitudes of every language,
    /// currency stems, codes, qualifiers before a currency word, the French `de` and `d'`.
    static let followerPairs = Pairs(
        stems.map(\.stem) + subunitStems.map(\.stem) + Array(qualifiersBefore) + commonCodes.map { $0.lowercased() } + ["de", "d'", "d’"]
            + magnitudeWords)

    /// The magnitude words of every language.
    static let magnitudePairs = Pairs(magnitudeWords)

    private static var magnitudeWords: [String] {
        [english, french, turkish, azerbaijani, russian, armenian].flatMap(\.keys)
    }

    /// The currency a lower-cased UTF-8 word of `scalars` scalars names, if any.
    static func currency(forLower word: ArraySlice<UInt8>, scalars: Int) -> String? {
        currencyStem(forLower: word, scalars: scalars).map { stems[$0].iso }
    }

    /// The index in ``stems`` of the stem a lower-cased UTF-8 word of `scalars` scalars starts with.
    static func currencyStem(forLower word: ArraySlice<UInt8>, scalars: Int) -> Int? {
        // Only the stems that start with the word's first letter (this runs for the word after
        // many numbers).
        let words = stemWords
        for index in words.candidates(for: word) {
            let stem = words[index]
            if scalars - stem.scalars <= stems[stem.value].suffix, words.starts(word, with: stem) { return stem.value }
        }
        return nil
    }

    /// Whether each of ``stems`` is a word no English text writes (`avro`, `dolar`, `евро`, `դրամ`):
    /// then a number before it is not written the English way, and its `.` or `,` needs no look at
    /// the record's language.
    /// Whether each of ``stems`` is read only in lower case: names that are also people's and
    /// organizations' (`Yuan Longping`, `RAND`), which a year before them would make an amount.
    static let stemNeedsLowerCase: [Bool] = stems.map { ["yuan", "rand", "yen", "yens"].contains($0.stem) }

    static let stemIsNotEnglish: [Bool] = stems.map { stem in
        stem.stem.unicodeScalars.contains { !$0.isASCII }
            || ["avro", "dolar", "sterlin", "funt", "rubl", "frank", "grivna", "qrivna", "zloti", "tenqe"].contains(stem.stem)
    }

    /// The subunit a lower-cased UTF-8 word of `scalars` scalars names, if any: `.some(nil)` for
    /// a subunit of several currencies.
    static func subunit(forLower word: ArraySlice<UInt8>, scalars: Int) -> String?? {
        let words = subunitWords
        for index in words.candidates(for: word) {
            let stem = words[index]
            if scalars - stem.scalars <= subunitStems[stem.value].suffix, words.starts(word, with: stem) {
                return .some(subunitStems[stem.value].iso)
            }
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

    /// The word lists in byte form, compared without building strings.
    static let qualifiersBeforeWords = Words(qualifiersBefore)
    static let qualifiersAfterWords = Words(qualifiersAfter)
    static let needQualifierWords = Words(needQualifier)
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
    /// The magnitude words a language reads: English's, and its own.
    private static func magnitudeWords(of language: LanguageTag) -> [String: Int] {
        switch language {
        case .az: english.merging(azerbaijani) { first, _ in first }
        case .tr: english.merging(turkish) { first, _ in first }
        case .ru, .azCyrl: english.merging(russian) { first, _ in first }
        case .hy: english.merging(armenian) { first, _ in first }
        case .fr: english.merging(french) { first, _ in first }
        case .en: english
        }
    }

    /// What is known of a magnitude word.
    struct Magnitude: Sendable {
        /// The power of ten.
        var power: Int
        /// It is an ordinary word in some language (``ambiguousMagnitudes``).
        var ambiguous: Bool
        /// A bit per language (by ordinal) that reads it.
        var languages: UInt32
    }

    /// The magnitude words of every language, each word once; each word's value is its index in
    /// `info`.
    private static let magnitudes: (words: Words, info: [Magnitude]) = {
        var words: [(word: String, value: Int)] = []
        var info: [Magnitude] = []
        var index: [String: Int] = [:]
        for language in LanguageTag.allCases {
            for (word, power) in magnitudeWords(of: language) {
                if let known = index[word] {
                    info[known].languages |= 1 << language.ordinal
                    continue
                }
                index[word] = info.count
                words.append((word, info.count))
                info.append(Magnitude(power: power, ambiguous: ambiguousMagnitudes.contains(word), languages: 1 << language.ordinal))
            }
        }
        return (Words(words), info)
    }()

    /// The magnitude a lower-cased UTF-8 word names in `language`, as a power of ten; inflected
    /// forms (`milyonluk`, `миллионов`) are a stem of four or more letters and up to four more.
    static func magnitude(lower word: ArraySlice<UInt8>, scalars: Int, language: () -> LanguageTag) -> Int? {
        // Words of every language at once; only the ones that mean something else elsewhere
        // (az "min", tr "bin", fr "mille"…) ask for the record's language, which may need detection.
        guard !word.isEmpty else { return nil }
        let (words, info) = magnitudes
        // Only the words that start with the same letter (this runs for the word after many numbers).
        if let entry = words.entry(word) {
            let magnitude = info[entry.value]
            guard magnitude.ambiguous else { return magnitude.power }
            return magnitude.languages >> language().ordinal & 1 != 0 ? magnitude.power : nil
        }
        for index in words.candidates(for: word) {
            // Stems that start a word start it with the same power (`milyar`, `milyard`).
            let stem = words[index]
            guard stem.scalars >= 4 && scalars >= stem.scalars && scalars - stem.scalars <= 4, words.starts(word, with: stem) else { continue }
            switch language() {
            case .az, .tr, .ru, .azCyrl, .hy: return info[stem.value].power
            case .fr, .en: return nil
            }
        }
        return nil
    }

    /// Whether a lower-cased magnitude word is one of English's long words (`million`,
    /// `billion`, `thousand`, `trillion`; not the abbreviations other languages share).
    static func isEnglishMagnitude(_ word: ArraySlice<UInt8>) -> Bool {
        englishLongMagnitudes.contains(word)
    }

    private static let englishLongMagnitudes = Words(["thousand", "million", "millions", "billion", "billions", "trillion", "trillions"])

    /// Magnitude words that are ordinary words in another language.
    private static let ambiguousMagnitudes: Set<String> = ["min", "bin", "mille", "md", "mds", "mlr", "k", "m", "mn", "tn", "к"]

    /// Words just before an amount that make it approximate (`about $1 million`); they stay in the
    /// text, and the amount's data says `approximate`.
    static let approximations: Set<String> = [
        "about", "around", "approximately", "nearly", "almost", "roughly", "some", "estimated",
        "около", "примерно", "почти", "порядка", "приблизительно",
        "təxminən", "təqribən", "yaklaşık", "yaklasik", "tahminen", "environ", "quelque", "presque",
        "մոտ", "շուրջ", "մոտավորապես",
    ]

    /// The approximation words as UTF-8, and the longest one's length in bytes.
    static let approximationWords = Words(approximations)
    static let longestApproximation = approximations.map(\.utf8.count).max() ?? 0

    // Magnitude words by language, as powers of ten.
    static let english: [String: Int] = [
        "thousand": 3, "thousands": 3, "k": 3, "million": 6, "millions": 6, "m": 6, "mn": 6, "mln": 6, "billion": 9,
        "billions": 9, "bn": 9, "trillion": 12, "trillions": 12, "tn": 12, "trn": 12,
        // South Asian magnitudes, in English copy about India and Pakistan (`₹500 crore`).
        "lakh": 5, "lakhs": 5, "crore": 7, "crores": 7,
    ]
    static let french: [String: Int] = ["mille": 3, "milliard": 9, "milliards": 9, "md": 9, "mds": 9]
    static let turkish: [String: Int] = ["bin": 3, "milyon": 6, "mln": 6, "milyar": 9, "mlr": 9, "trilyon": 12]
    static let azerbaijani: [String: Int] = ["min": 3, "milyon": 6, "mln": 6, "milyard": 9, "mlrd": 9, "trilyon": 12]
    static let russian: [String: Int] = [
        "к": 3, "тыс": 3, "тыс.": 3, "тысяча": 3, "тысячи": 3, "тысяч": 3, "млн": 6, "млн.": 6, "миллион": 6, "миллиона": 6,
        "миллионов": 6, "млрд": 9, "млрд.": 9, "миллиард": 9, "миллиарда": 9, "миллиардов": 9, "трлн": 12,
    ]
    static let armenian: [String: Int] = ["հազար": 3, "միլիոն": 6, "մլն": 6, "միլիարդ": 9, "մլրդ": 9, "տրիլիոն": 12, "տրլն": 12]

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

/// Seeded random input for the hardening property tests: text that mixes every script, separator,
/// escape and money form Dragoman reads, numbers far longer than any amount, deep runs of separators
/// between digits, and raw bytes that are mostly not UTF-8.
///
/// The same seed gives the same input, so a failing case names its seed and the seed reproduces it.
struct RandomText {
    /// The kinds of text ``text(_:)`` writes.
    enum Kind: String, CaseIterable, Sendable {
        /// Words, numbers, signs and marks from every script involved, joined by random separators.
        case unicode
        /// Numbers of about 500 digits (300 to 900), plain, grouped (`1.000.000…`, `1 000 000…`
        /// with NBSP, every separator in turn), with a long fraction, or with a currency.
        case hugeNumbers
        /// Digits with runs of mixed separators between them: `1.,2 .3'4’5 6`.
        case separators
    }

    private(set) var generator: SplitMix64

    init(seed: UInt64) {
        generator = SplitMix64(seed: seed)
    }

    // MARK: - Primitives

    mutating func int(_ range: ClosedRange<Int>) -> Int {
        Int.random(in: range, using: &generator)
    }

    mutating func chance(_ probability: Double) -> Bool {
        Double.random(in: 0..<1, using: &generator) < probability
    }

    mutating func pick<Element>(_ elements: [Element]) -> Element {
        elements[int(0...elements.count - 1)]
    }

    // MARK: - Pools

    static let latinLetters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZəƏşŞçÇğĞıİöÖüÜéèàâêëîïôûùœæÉÈÀÇǝä".unicodeScalars)
    static let cyrillicLetters = Array("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯәӘҹҸҝҜғҒһҺјЈөӨүҮ".unicodeScalars)
    static let armenianLetters: [Unicode.Scalar] =
        (0x531...0x556).compactMap(Unicode.Scalar.init) + (0x561...0x587).compactMap(Unicode.Scalar.init)
    static let armenianPunctuation = ["։", "՝", "՛", "՞", "՜", "«", "»", "-"]
    /// ASCII digits mostly, and some that are digits only to Unicode: Arabic-Indic, fullwidth,
    /// mathematical (astral) and superscript.
    static let otherDigits = ["٣", "٤", "５", "０", "𝟘", "𝟗", "²", "½", "Ⅻ", "߁", "३"]
    static let currencySigns = ["€", "$", "₼", "֏", "₽", "₺", "₾", "£", "US$", "AZN", "EUR", "USD", "RUB", "AMD", "TRY", "GEL", "GBP", "¥", "¢"]
    static let separators = [
        " ", " ", " ", "\u{00A0}", "\u{202F}", "\u{2009}", "'", "’", "-", "–", "—", ".", ",", ":", "/", "%", "\t",
        "\n", "\r\n", "\u{200B}", "\u{00AD}", "\u{FEFF}", "\u{2060}", "  ", "…", "·", "‘", "\"", "«", "»", "(", ")",
    ]
    static let combiningMarks = ["\u{0301}", "\u{0307}", "\u{0327}", "\u{0308}", "\u{0300}", "\u{0306}", "\u{030C}", "\u{20E3}", "\u{FE0F}"]
    static let astral = [
        "😀", "👍🏽", "🇦🇿", "🇦🇲", "👨‍👩‍👧", "🏳️‍🌈", "𐍈", "𝔄", "\u{1F4B6}", "\u{E0061}", "\u{10FFFF}", "\u{FFFD}", "\u{FFFF}",
        "1️⃣", "💶", "💵",
    ]
    static let controls = ["\u{0000}", "\u{0001}", "\u{001B}", "\u{007F}", "\u{0085}", "\u{2028}", "\u{2029}", "\r", "\u{000B}", "\u{000C}"]
    static let entities = [
        "&euro;", "&amp;", "&#x", "&#x20AC;", "&#8364;", "&#", "&", ";", "&nbsp;", "&lt;", "&gt;", "&quot;", "&amp;euro;",
        "&#xD800;", "&#x110000;", "&#0;", "&#99999999999999999999999;", "&#x0041", "&EUR;", "&euro", "&#x2028;", "&#1;",
        "&#xFFFFFFFFFFFFFFFF;", "&#X20ac;", "&Scaron;", "&shy;",
    ]
    static let escapes = ["\\$", "\\%", "\\\\", "\\_", "\\*", "\\", "\\&", "\\€", "\\\\$", "\\n"]
    /// UTF-8 read as Windows-1252 or Latin-1, as scrapers break it.
    static let mojibake = ["Ã¼", "â‚¬", "KÉ™lbÉ™cÉ™r", "Ä±", "Ã§", "ÅŸ", "Ã¶", "Ð¨ÑƒÑˆÐ°", "Ã", "â€™", "Ã¢â‚¬", "Ã‰"]
    static let glossaryWords = [
        "Şuşa", "Шуша", "Շուշի", "ANAMA", "Dağlıq Qarabağ", "Karabağ", "Qarabağ", "Bakı", "Ստեփանակերտ", "Ханкенди", "Xankəndi",
        "BMT", "ООН", "ՄԱԿ", "UN", "Ağdam", "Агдам", "Kəlbəcər", "Laçın", "Лачин", "Azərbaycan", "Армения", "Հայաստան",
        "ICRC", "МККК", "UNDP", "ATƏT", "ОБСЕ", "Franсе", "Франция", "ABD", "США", "Nagorno-Karabakh", "Shusha", "Füzuli",
        "Azərbaycan Respublikasının Minatəmizləmə Agentliyi", "Ilham Aliyev", "İlham Əliyev", "Пашинян", "Փաշինյան",
    ]
    static let suffixes = ["", "", "da", "nın", "'ya", "’da", "-nın", "а", "ой", "е", "ում", "ի", "ից", "ya", "dan", "lar", "'", "-", "ın", "ского"]
    static let moneyWords = [
        "avro", "manat", "manatdan", "евро", "млн", "млрд", "тыс.", "milyon", "milyard", "min", "դրամ", "долларов", "доллара США",
        "dollar", "dollars", "d'euros", "euros", "euro", "mln", "million", "billion", "лир", "lira", "ABD doları", "рублей", "lari",
        "միլիոն", "հազար", "մլն", "млн.", "bin", "TL", "₼-lik", "milyon avro", "миллиона", "mille", "millions d’euros",
    ]
    static let words = [
        "the", "and", "of", "və", "bu", "ilə", "bir", "и", "в", "на", "не", "և", "է", "որ", "le", "la", "de", "et", "des", "ve",
        "için", "said", "мин", "mina", "ականներ", "mayın", "déminage", "разминирование",
    ]

    // MARK: - Text

    /// One random text of the given kind.
    mutating func text(_ kind: Kind) -> String {
        switch kind {
        case .unicode: mixedUnicode(tokens: int(1...40))
        case .hugeNumbers: hugeNumberText()
        case .separators: separatorMixture()
        }
    }

    /// Random tokens from every pool, joined by random separators or by nothing.
    mutating func mixedUnicode(tokens: Int) -> String {
        var text = ""
        for _ in 0..<tokens {
            text += token()
            switch int(0...9) {
            case 0...5: text += " "
            case 6...7: text += pick(Self.separators)
            case 8: text += String(repeating: pick(Self.separators), count: int(1...4))
            default: break
            }
        }
        return text
    }

    private mutating func token() -> String {
        switch int(0...99) {
        case 0..<14: return word(from: Self.latinLetters)
        case 14..<24: return word(from: Self.cyrillicLetters)
        case 24..<32: return word(from: Self.armenianLetters) + (chance(0.2) ? pick(Self.armenianPunctuation) : "")
        case 32..<44: return number()
        case 44..<50: return pick(Self.currencySigns)
        case 50..<54: return pick(Self.separators)
        case 54..<58: return word(from: Self.latinLetters) + pick(Self.combiningMarks)
        case 58..<62: return pick(Self.astral)
        case 62..<66: return pick(Self.entities)
        case 66..<69: return pick(Self.escapes)
        case 69..<72: return pick(Self.mojibake)
        case 72..<82: return pick(Self.glossaryWords) + pick(Self.suffixes)
        case 82..<90: return pick(Self.moneyWords)
        case 90..<94: return pick(Self.words)
        case 94..<96: return pick(Self.controls)
        case 96..<98: return pick(Self.otherDigits)
        default:
            // A money phrase, written in one of the ways news writes them.
            let sign = pick(Self.currencySigns)
            let amount = number()
            switch int(0...3) {
            case 0: return sign + amount
            case 1: return amount + pick(["", " ", "\u{00A0}"]) + sign
            case 2: return amount + " " + pick(Self.moneyWords)
            default: return amount + " " + pick(["млн", "milyon", "million", "մլն", "min"]) + " " + pick(Self.moneyWords)
            }
        }
    }

    /// A word of 1 to 12 letters from one script, sometimes capitalised with a letter from another
    /// script inside (a homoglyph, as scraped text has them).
    private mutating func word(from letters: [Unicode.Scalar]) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<int(1...12) { scalars.append(pick(letters)) }
        if chance(0.1) {
            let intruder = pick([Self.latinLetters, Self.cyrillicLetters, Self.armenianLetters])
            scalars.append(pick(intruder))
            for _ in 0..<int(0...3) { scalars.append(pick(letters)) }
        }
        return String(scalars)
    }

    /// A number as news writes them: plain, grouped with one of the languages' separators, with a
    /// decimal part, or a year, a date, a time, a percentage.
    mutating func number() -> String {
        let digits = { (generator: inout RandomText, count: Int) -> String in
            String((0..<count).map { _ in Character(String(generator.int(0...9))) })
        }
        switch int(0...6) {
        case 0: return digits(&self, int(1...6))
        case 1:
            let group = pick([".", ",", " ", "\u{00A0}", "\u{202F}", "'", "’"])
            var text = String(int(1...999))
            for _ in 0..<int(1...4) { text += group + digits(&self, 3) }
            return text
        case 2: return digits(&self, int(1...4)) + pick([",", "."]) + digits(&self, int(1...3))
        case 3: return "\(int(1...31)).\(String(format2: int(1...12))).\(int(1990...2030))"
        case 4: return "\(int(0...23)):\(String(format2: int(0...59)))"
        case 5: return digits(&self, int(1...3)) + pick(["%", " %", "\u{202F}%"])
        default: return digits(&self, int(1...20))
        }
    }

    /// A sentence around a number of 500 digits or more.
    mutating func hugeNumberText() -> String {
        var number: String
        switch int(0...6) {
        case 0: number = randomDigits(500)
        case 1: number = "1" + String(repeating: pick([".000", ",000", " 000", "\u{00A0}000", "\u{202F}000", "'000", "’000"]), count: int(150...200))
        case 2: number = randomDigits(int(1...3)) + (0..<int(150...180)).map { _ in pick([".", ","]) + randomDigits(3) }.joined()
        case 3: number = randomDigits(int(300...520)) + pick([",", "."]) + randomDigits(int(100...400))
        case 4: number = "0." + String(repeating: "0", count: 499) + "1"
        case 5: number = String(repeating: "9", count: int(490...600))
        default:
            // Groups cut by every separator in turn, NBSP and narrow spaces among them.
            number = "1"
            for _ in 0..<int(150...200) { number += pick([".", ",", " ", "\u{00A0}", "\u{202F}", "\u{2009}"]) + randomDigits(3) }
        }
        switch int(0...5) {
        case 0: number = pick(Self.currencySigns) + number
        case 1: number += pick(["", " "]) + pick(Self.currencySigns)
        case 2: number += " " + pick(Self.moneyWords)
        case 3: number += " " + pick(["млн", "milyon", "million", "մլն", "min", "млрд", "milyard"]) + " " + pick(Self.moneyWords)
        case 4: number = "-" + number + "%"
        default: break
        }
        let before = chance(0.5) ? mixedUnicode(tokens: int(0...4)) + " " : ""
        let after = chance(0.5) ? " " + mixedUnicode(tokens: int(0...4)) : ""
        return before + number + after
    }

    /// Digits with a deep mixture of separators between them: `1.,2 .3'4’5 6`, sometimes after a
    /// currency sign or before a currency word.
    mutating func separatorMixture() -> String {
        let pool = [".", ",", " ", "\u{00A0}", "\u{202F}", "\u{2009}", "'", "’", "-", "–", ":", "/", "%", "\u{200B}", "\u{00AD}"]
        var text = chance(0.3) ? pick(Self.currencySigns) : ""
        for index in 0..<int(2...40) {
            if index > 0 {
                for _ in 0..<int(1...4) { text += pick(pool) }
            }
            text += randomDigits(int(1...4))
        }
        if chance(0.4) { text += pick(["", " "]) + pick(Self.currencySigns + Self.moneyWords) }
        if chance(0.3) { text = mixedUnicode(tokens: int(1...3)) + " " + text }
        return text
    }

    mutating func randomDigits(_ count: Int) -> String {
        var text = ""
        text.reserveCapacity(count)
        for _ in 0..<count { text.unicodeScalars.append(Unicode.Scalar(UInt8(ascii: "0") + UInt8(int(0...9)))) }
        return text
    }

    // MARK: - Bytes

    /// Bytes that are mostly not valid UTF-8: uniform noise, text with ill-formed sequences spliced
    /// in (truncated, overlong, surrogates, beyond U+10FFFF), and many line ends and blank lines so
    /// that a text stream holds several records.
    mutating func bytes(maxCount: Int = 400) -> [UInt8] {
        let bad: [[UInt8]] = [
            [0xFF], [0xFE], [0xC0, 0x80], [0xC1, 0xBF], [0xC3], [0xE2, 0x82], [0xF0, 0x9F, 0x98], [0x80], [0xBF],
            [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xE0, 0x80, 0xAF],
            [0xF8, 0x88, 0x80, 0x80, 0x80],
        ]
        var output: [UInt8] = []
        let target = int(0...maxCount)
        while output.count < target {
            switch int(0...9) {
            case 0...2: output += (0..<int(1...16)).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            case 3: output += pick(bad)
            case 4: output += pick([[0x0A], [0x0A, 0x0A], [0x0D, 0x0A], [0x0A, 0x20, 0x0A], [0x0A, 0x09, 0x0D, 0x0A], [0x0D]])
            default: output += Array(mixedUnicode(tokens: int(1...6)).utf8)
            }
        }
        return output
    }

    // MARK: - JSON

    /// `text` as a JSON string literal, escaped as a JSON writer might: quotes, backslashes and
    /// controls always, other characters (astral ones as surrogate pairs) and `/` now and then.
    mutating func jsonString(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += chance(0.5) ? "\\n" : "\\u000a"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "/": output += chance(0.3) ? "\\/" : "/"
            case _ where scalar.value < 0x20: output += "\\u" + Self.hex4(scalar.value)
            case _ where scalar.value >= 0x80 && chance(0.1):
                if scalar.value > 0xFFFF {
                    let value = scalar.value - 0x10000
                    output += "\\u" + Self.hex4(0xD800 + (value >> 10)) + "\\u" + Self.hex4(0xDC00 + (value & 0x3FF))
                } else {
                    output += chance(0.5) ? "\\u" + Self.hex4(scalar.value) : "\\u" + Self.hex4(scalar.value).uppercased()
                }
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }

    /// Lines no JSON object reader may accept: broken syntax, a missing or non-string `text`, a
    /// bad `lang`, control characters inside strings.
    static let brokenJSONLines = [
        #"{"text": "broken",}"#, "{", "}", #"{"text": "unterminated"#, "not json", #"{"id": 1}"#, #"{"text": 5}"#,
        #"{"text": null}"#, #"["text", "array"]"#, #"{"text": "a" "b"}"#, "{\"text\": \"tab\tinside\"}", #"{"text": "\x41"}"#,
        #"{"text": "\u12"}"#, #"{"text": "ok", "lang": "xx"}"#, #"{"text": "ok", "lang": 7}"#, #"{"text": "ok"} trailing"#,
        #"{text: "unquoted key"}"#, #"{"text": 'single'}"#, #"{"text": "ok",, "id": 2}"#, #""just a string""#, "{\"text\": \"a\u{0001}b\"}",
        #"{"text": "ok", "lang": "az-Latn-AZ-extra"}"#,
    ]

    /// Lines whose reading RFC 8259 leaves to the reader: lone surrogate escapes, a byte order mark
    /// before the object, a duplicate `text` member.
    static let doubtfulJSONLines = [
        #"{"text": "\ud800"}"#, #"{"text": "\udc00\ud800 x"}"#, "\u{FEFF}{\"text\": \"bom\"}", #"{"text": "a", "text": "b"}"#,
        #"{"text": "ok", "text": 1}"#,
    ]

    private static func hex4(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }
}

extension String {
    /// Two digits, zero-padded.
    fileprivate init(format2 value: Int) {
        self = value < 10 ? "0\(value)" : "\(value)"
    }
}

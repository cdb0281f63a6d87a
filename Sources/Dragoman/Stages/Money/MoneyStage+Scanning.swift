extension MoneyStage {
    /// The amount whose number starts at `start`, if a currency goes with it.
    /// `language` is asked only when the number may be an amount: most numbers are not, and the
    /// record's language may need detection.
    static func amount(
        in bytes: UnsafeBufferPointer<UInt8>, number first: WrittenNumber, floor: Int, language: () -> LanguageTag, scratch: inout [UInt8],
        qualifiers: [Range<Int>] = []
    ) -> Found? {
        let start = first.range.lowerBound
        let prefix = Self.prefix(in: bytes, before: start, floor: floor)
        var end = first.range.upperBound
        var second: WrittenNumber?
        var dashText = "-"
        if let (dash, afterDash) = rangeDash(in: bytes, at: end), afterDash < bytes.count,
            bytes[afterDash] >= 0x30 && bytes[afterDash] <= 0x39
        {
            dashText = UTF8Decoding.scalar(in: bytes, at: dash).value == 0x2013 ? "–" : "-"
            let next = WrittenNumber.read(bytes, at: afterDash)
            second = next
            end = next.range.upperBound
        }
        var power = 0
        // An English magnitude word (million, billion…) after a code says the writer wrote English:
        // `USD 9,587 billion` in a Russian record is Dragoman's own output, in English grouping.
        var englishMagnitude = false
        if let (magnitude, magnitudeEnd) = Self.magnitude(in: bytes, at: end, language: language, scratch: &scratch) {
            power = magnitude
            englishMagnitude = prefix != nil && MoneyLexicon.isEnglishMagnitude(scratch[...])
            end = magnitudeEnd
        }
        var currency = prefix?.currency
        if currency == nil {
            guard let (iso, suffixEnd) = Self.suffix(in: bytes, at: end, afterMagnitude: power > 0, scratch: &scratch, qualifiers: qualifiers) else { return nil }
            currency = iso
            end = suffixEnd
        }
        guard let currency else { return nil }
        let english = (prefix?.english ?? false) || englishMagnitude
        guard let low = first.value(in: bytes, language: language, englishStyle: english, amount: power == 0) else { return nil }
        let high = second?.value(in: bytes, language: language, englishStyle: english, amount: power == 0)
        if second != nil && high == nil { return nil }
        let amountStart = prefix?.start ?? start
        return Found(
            range: amountStart..<end, currency: currency, low: low, high: high, power: power, dash: dashText,
            approximate: approximationBefore(in: bytes, at: amountStart))
    }

    /// One space-like character (space, no-break space, narrow no-break space) at `index`.
    private static func space(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        guard index < bytes.count else { return nil }
        let (value, length) = UTF8Decoding.scalar(in: bytes, at: index)
        return WrittenNumber.isSpace(value) ? index + length : nil
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ text: String, endingAt end: Int, floor: Int) -> Int? {
        matches(bytes, Array(text.utf8), endingAt: end, floor: floor)
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ utf8: [UInt8], endingAt end: Int, floor: Int) -> Int? {
        let start = end - utf8.count
        guard start >= floor, start >= 0 else { return nil }
        return bytes[start..<end].elementsEqual(utf8) ? start : nil
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ utf8: [UInt8], at start: Int) -> Int? {
        guard start + utf8.count <= bytes.count else { return nil }
        return bytes[start..<start + utf8.count].elementsEqual(utf8) ? start + utf8.count : nil
    }

    /// A sign or code right before the number (one space allowed): `€400`, `US$ 5`, `EUR 400`.
    private static func prefix(in bytes: UnsafeBufferPointer<UInt8>, before start: Int, floor: Int) -> (start: Int, currency: String, english: Bool)? {
        // The number's start, then the start of one space before it (no array: this runs per number).
        var spaced: Int?
        if start > floor {
            let previous = UTF8Decoding.previousStart(in: bytes, before: start)
            if previous >= floor, WrittenNumber.isSpace(UTF8Decoding.scalar(in: bytes, at: previous).value) { spaced = previous }
        }
        for attempt in 0..<2 {
            guard let end = attempt == 0 ? start : spaced, end > floor else { continue }
            let last = bytes[end - 1]
            for (symbolBytes, symbol, iso) in MoneyLexicon.symbolBytes where symbolBytes.last == last {
                guard let symbolStart = matches(bytes, symbolBytes, endingAt: end, floor: floor) else { continue }
                // A$, C$, HK$ or "hk $" is another dollar: letters just before `$` (other than US)
                // mean it is not the US one.
                if symbol == "$", otherDollar(bytes, before: symbolStart) { return nil }
                if symbol == "$", let usStart = matches(bytes, "US ", endingAt: symbolStart, floor: floor) ?? matches(bytes, "U.S. ", endingAt: symbolStart, floor: floor),
                    usStart == 0 || !ASCIIScan.isLetter(bytes[usStart - 1])
                {
                    return (usStart, iso, true)
                }
                return (symbolStart, iso, ["$", "€", "£", "US$"].contains(symbol))
            }
            // A code: two or three capitals, not the end of a longer word.
            var codeStart = end
            while codeStart > floor, codeStart > end - 4, bytes[codeStart - 1] >= 0x41 && bytes[codeStart - 1] <= 0x5A { codeStart -= 1 }
            let length = end - codeStart
            if length >= 2 && length <= 3 && (codeStart == 0 || !ASCIIScan.isLetter(bytes[codeStart - 1])) {
                let code = String(decoding: UnsafeBufferPointer(rebasing: bytes[codeStart..<end]), as: UTF8.self)
                if let iso = MoneyLexicon.codes[code] { return (codeStart, iso, false) }
            }
        }
        return nil
    }

    /// Whether the letters right before a `$` (joined or one space away) name another dollar.
    private static func otherDollar(_ bytes: UnsafeBufferPointer<UInt8>, before index: Int) -> Bool {
        var end = index
        let spaced = end > 0 && bytes[end - 1] == 0x20
        if spaced { end -= 1 }
        var start = end
        while start > 0, end - start < 3, ASCIIScan.isLetter(bytes[start - 1]) { start -= 1 }
        guard start < end, start == 0 || !ASCIIScan.isLetter(bytes[start - 1]) else { return false }
        let letters = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self).lowercased()
        if letters == "us" { return false }
        // Joined (A$, C$, HK$, R$) any letters mark another dollar; with a space only the known
        // prefixes do, since "a $5 gift" is an article.
        return !spaced || ["c", "ca", "hk", "nz", "au", "s", "sg", "nt", "r"].contains(letters)
    }

    /// Whether a full stop at `index` ends an abbreviation (`руб.`, `млн.`) rather than the
    /// sentence: it does when text of the same sentence follows (a lower-case word, a digit, a comma).
    private static func abbreviationStop(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index < bytes.count, bytes[index] == 0x2E else { return false }
        var next = index + 1
        if next < bytes.count, bytes[next] == 0x2C || bytes[next] == 0x3B { return true }
        guard let afterSpace = space(in: bytes, at: next), afterSpace < bytes.count else { return false }
        next = afterSpace
        let (value, _) = UTF8Decoding.scalar(in: bytes, at: next)
        if value >= 0x30 && value <= 0x39 { return true }
        guard let scalar = Unicode.Scalar(value) else { return false }
        return scalar.properties.isLowercase
    }

    /// A dash between two numbers of a range (`5-10`, `5 – 10`); returns where the second may start.
    private static func rangeDash(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (Int, Int)? {
        var index = space(in: bytes, at: start) ?? start
        guard index < bytes.count else { return nil }
        let (value, length) = UTF8Decoding.scalar(in: bytes, at: index)
        guard value == 0x2D || value == 0x2013 else { return nil }
        let dash = index
        index += length
        return (dash, space(in: bytes, at: index) ?? index)
    }

    /// Lower-cases the word at `start` into `scratch` as UTF-8 (letters and marks, an inner
    /// apostrophe for `d'euros`), without building a string; returns where it ends and its length
    /// in scalars.
    static func lowerWord(in bytes: UnsafeBufferPointer<UInt8>, at start: Int, into scratch: inout [UInt8]) -> (end: Int, scalars: Int)? {
        scratch.removeAll(keepingCapacity: true)
        guard start < bytes.count, MoneyLexicon.mayStartWord(UTF8Decoding.scalar(in: bytes, at: start).value) else { return nil }
        var index = start
        var scalars = 0
        while index < bytes.count {
            // ASCII letters, the bulk of the words looked up, without decoding.
            let byte = bytes[index]
            if ASCIIScan.isLetter(byte) {
                scratch.append(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
                scalars += 1
                index += 1
                continue
            }
            let (value, length) = UTF8Decoding.scalar(in: bytes, at: index)
            let isApostrophe = (value == 0x27 || value == 0x2019) && index > start && index + length < bytes.count
                && UTF8Decoding.isWordScalar(UTF8Decoding.scalar(in: bytes, at: index + length).value)
            guard UTF8Decoding.isWordScalar(value) || isApostrophe else { break }
            if value < 0x80 {
                scratch.append(UInt8(value) >= 0x41 && UInt8(value) <= 0x5A ? UInt8(value) | 0x20 : UInt8(value))
            } else {
                Self.appendLowercase(value, to: &scratch)
            }
            scalars += 1
            index += length
        }
        return index > start ? (index, scalars) : nil
    }

    /// Appends the lower case of a scalar as UTF-8: by range for the alphabets here, by the Unicode
    /// tables otherwise.
    private static func appendLowercase(_ value: UInt32, to scratch: inout [UInt8]) {
        var lower = value
        switch value {
        case 0xDF...0xFF, 0x250...0x2AF, 0x430...0x45F, 0x561...0x587: break  // already lower case
        case 0xC0...0xDE where value != 0xD7: lower = value + 0x20
        case 0x410...0x42F: lower = value + 0x20
        case 0x400...0x40F: lower = value + 0x50
        case 0x531...0x556: lower = value + 0x30
        case 0x130: lower = 0x69  // İ → i (Turkish; the combining dot is not wanted here)
        case 0x100...0x137 where value & 1 == 0, 0x14A...0x177 where value & 1 == 0:
            lower = value + 1  // Latin Extended-A pairs capital, small (Ğğ, Şş)
        default:
            if value >= 0x80, let scalar = Unicode.Scalar(value), scalar.properties.isUppercase {
                scratch.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
                return
            }
        }
        // As UTF-8, without a string per scalar (this runs on every letter of every word looked up).
        switch lower {
        case 0..<0x80:
            scratch.append(UInt8(lower))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | lower >> 6))
            scratch.append(UInt8(0x80 | lower & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | lower >> 12))
            scratch.append(UInt8(0x80 | lower >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | lower & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | lower >> 18))
            scratch.append(UInt8(0x80 | lower >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | lower >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | lower & 0x3F))
        }
    }

    /// A magnitude word after the number, attached (`5m`, `1.1bn`) or after one space.
    private static func magnitude(in bytes: UnsafeBufferPointer<UInt8>, at start: Int, language: () -> LanguageTag, scratch: inout [UInt8]) -> (Int, Int)? {
        // The word right after the number, then after one space (no array: this runs per number).
        for attempt in 0..<2 {
            guard let position = attempt == 0 ? start : space(in: bytes, at: start),
                let (end, scalars) = lowerWord(in: bytes, at: position, into: &scratch)
            else { continue }
            if abbreviationStop(in: bytes, at: end) {
                scratch.append(0x2E)
                if let power = MoneyLexicon.magnitude(lower: scratch[...], scalars: scalars + 1, language: language) { return (power, end + 1) }
                scratch.removeLast()
            }
            if let power = MoneyLexicon.magnitude(lower: scratch[...], scalars: scalars, language: language) {
                // Single letters (m, k) only attached to the number: "5 m" is five metres.
                if scalars == 1 && position != start { continue }
                return (power, end)
            }
        }
        return nil
    }

    /// Whether the word just before `start` (one space between) makes the amount approximate.
    private static func approximationBefore(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard start > 1 else { return false }
        let spaceStart = UTF8Decoding.previousStart(in: bytes, before: start)
        guard WrittenNumber.isSpace(UTF8Decoding.scalar(in: bytes, at: spaceStart).value) else { return false }
        var wordStart = spaceStart
        while wordStart > 0 {
            let previous = UTF8Decoding.previousStart(in: bytes, before: wordStart)
            guard UTF8Decoding.isWordScalar(UTF8Decoding.scalar(in: bytes, at: previous).value) else { break }
            wordStart = previous
        }
        // Words longer than every approximation word are ruled out before any lower-casing.
        guard wordStart < spaceStart, spaceStart - wordStart <= MoneyLexicon.longestApproximation else { return false }
        var lower: [UInt8] = []
        lower.reserveCapacity(spaceStart - wordStart)
        var index = wordStart
        while index < spaceStart {
            let (value, length) = UTF8Decoding.scalar(in: bytes, at: index)
            if value < 0x80 {
                lower.append(UInt8(value) >= 0x41 && UInt8(value) <= 0x5A ? UInt8(value) | 0x20 : UInt8(value))
            } else {
                appendLowercase(value, to: &lower)
            }
            index += length
        }
        return MoneyLexicon.approximationBytes.contains { $0 == lower }
    }

    /// A sign after the number; a `$` followed by letters names another dollar (`$ c`, `$CAD`, `$ hk`).
    private static func suffixSymbol(in bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> (String, Int)? {
        guard position < bytes.count, MoneyLexicon.symbolFirstBytes[Int(bytes[position])] else { return nil }
        for (symbolBytes, symbol, iso) in MoneyLexicon.symbolBytes {
            guard let end = matches(bytes, symbolBytes, at: position) else { continue }
            if symbol == "$" {
                var letters = end
                if letters < bytes.count, bytes[letters] == 0x20 { letters += 1 }
                var count = 0
                while letters + count < bytes.count, ASCIIScan.isLetter(bytes[letters + count]) { count += 1 }
                let followed = letters + count >= bytes.count || !ASCIIScan.isLetter(bytes[letters + count])
                if count >= 1 && count <= 3 && followed {
                    let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[letters..<letters + count]), as: UTF8.self).lowercased()
                    if ["c", "ca", "cad", "hk", "hkd", "nz", "au", "aud", "s", "sg"].contains(word) { return nil }
                }
            }
            return (iso, end)
        }
        return nil
    }

    private static func isOne(of list: [[UInt8]], _ word: ArraySlice<UInt8>) -> Bool {
        list.contains { word.elementsEqual($0) }
    }

    /// The currency after the number (and magnitude): a sign, a code, or a currency word with its
    /// qualifiers (`US dollars`, `livres sterling`, `долларов США`, `d'euros`, `TL'lik`).
    /// A span the glossary wrote for a country that qualifies a currency (`United States` for
    /// `США` in `долларов США`), starting at `position`: where it ends.
    private static func qualifier(at position: Int, in qualifiers: [Range<Int>]) -> Int? {
        qualifiers.first { $0.lowerBound == position }?.upperBound
    }

    private static func suffix(
        in bytes: UnsafeBufferPointer<UInt8>, at start: Int, afterMagnitude: Bool, scratch: inout [UInt8], qualifiers: [Range<Int>] = []
    ) -> (String, Int)? {
        for attempt in 0..<2 {
            guard var position = attempt == 0 ? start : space(in: bytes, at: start) else { continue }
            // A country the glossary already wrote, before the currency word ("ABD doları").
            var qualified = false
            if let afterQualifier = qualifier(at: position, in: qualifiers), let afterSpace = space(in: bytes, at: afterQualifier) {
                position = afterSpace
                qualified = true
            }
            if let (iso, end) = suffixSymbol(in: bytes, at: position) { return (iso, end) }
            guard var (end, scalars) = lowerWord(in: bytes, at: position, into: &scratch) else { continue }
            let raw = UnsafeBufferPointer(rebasing: bytes[position..<end])
            if let iso = MoneyLexicon.code(written: raw) {
                // A code with a number after it belongs to that number (`in 2021 EUR 5 million`:
                // EUR 5 million, not 2,021 euros), as Dragoman itself writes amounts code first.
                if let afterSpace = space(in: bytes, at: end), afterSpace < bytes.count, bytes[afterSpace] >= 0x30 && bytes[afterSpace] <= 0x39 {
                    return nil
                }
                return (iso, end)
            }
            var word = scratch[...]
            // A Turkish suffix after an apostrophe belongs to the word (TL'lik, avro'ya); an
            // elision before it does not ("d'euros").
            if let apostrophe = raw.firstIndex(where: { $0 == 0x27 || $0 == 0xE2 }) {
                let head = UnsafeBufferPointer(rebasing: raw[..<apostrophe])
                if let iso = MoneyLexicon.code(written: head) { return (iso, end) }
                if let lowerApostrophe = word.firstIndex(where: { $0 == 0x27 || $0 == 0xE2 }) {
                    let skip = word[lowerApostrophe] == 0x27 ? 1 : 3  // ' or ’
                    if word[word.startIndex..<lowerApostrophe].elementsEqual([0x64]) {  // d'
                        word = word[(lowerApostrophe + skip)...]
                        scalars -= 2
                    } else {
                        scalars = word[word.startIndex..<lowerApostrophe].reduce(0) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
                        word = word[word.startIndex..<lowerApostrophe]
                    }
                }
            }
            // "millions de $".
            if afterMagnitude && word.elementsEqual([0x64, 0x65]), let afterSpace = space(in: bytes, at: end),
                let (iso, symbolEnd) = suffixSymbol(in: bytes, at: afterSpace)
            {
                return (iso, symbolEnd)
            }
            // "millions de dollars"; "US dollars", "Turkish lira", "ABD doları".
            if (afterMagnitude && word.elementsEqual([0x64, 0x65])) || isOne(of: MoneyLexicon.qualifiersBeforeBytes, word) {
                let isQualifier = !word.elementsEqual([0x64, 0x65])
                var next = scratch
                if let afterSpace = space(in: bytes, at: end), let (nextEnd, nextScalars) = lowerWord(in: bytes, at: afterSpace, into: &next),
                    MoneyLexicon.currency(forLower: next[...], scalars: nextScalars) != nil
                {
                    scratch = next
                    word = scratch[...]
                    scalars = nextScalars
                    end = nextEnd
                    qualified = isQualifier
                }
            }
            guard let iso = MoneyLexicon.currency(forLower: word, scalars: scalars) else { continue }
            if word.elementsEqual("руб".utf8), abbreviationStop(in: bytes, at: end) { end += 1 }
            let needsQualifier = MoneyLexicon.needQualifierBytes.contains { MoneyLexicon.hasPrefix(word, $0) }
            var after: [UInt8] = []
            if let afterSpace = space(in: bytes, at: end), let afterQualifier = qualifier(at: afterSpace, in: qualifiers) {
                end = afterQualifier
                qualified = true
            } else if let afterSpace = space(in: bytes, at: end), let (afterEnd, _) = lowerWord(in: bytes, at: afterSpace, into: &after),
                isOne(of: MoneyLexicon.qualifiersAfterBytes, after[...])
            {
                end = afterEnd
                qualified = true
            }
            if needsQualifier && !qualified { continue }
            return (iso, end)
        }
        return nil
    }

}

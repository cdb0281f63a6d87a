extension MoneyStage {
    /// The amount whose number starts at `start`, if a currency goes with it.
    static func amount(in bytes: UnsafeBufferPointer<UInt8>, at start: Int, floor: Int, language: LanguageTag) -> Found? {
        let prefix = Self.prefix(in: bytes, before: start, floor: floor)
        let first = WrittenNumber.read(bytes, at: start)
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
        if let (magnitude, magnitudeEnd) = Self.magnitude(in: bytes, at: end, language: language) {
            power = magnitude
            end = magnitudeEnd
        }
        var currency = prefix?.currency
        if currency == nil {
            guard let (iso, suffixEnd) = Self.suffix(in: bytes, at: end, afterMagnitude: power > 0) else { return nil }
            currency = iso
            end = suffixEnd
        }
        guard let currency else { return nil }
        let english = prefix?.english ?? false
        guard let low = first.value(language: language, englishStyle: english) else { return nil }
        let high = second?.value(language: language, englishStyle: english)
        if second != nil && high == nil { return nil }
        return Found(range: (prefix?.start ?? start)..<end, currency: currency, low: low, high: high, power: power, dash: dashText)
    }

    /// One space-like character (space, no-break space, narrow no-break space) at `index`.
    private static func space(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        guard index < bytes.count else { return nil }
        let (value, length) = UTF8Decoding.scalar(in: bytes, at: index)
        return WrittenNumber.space.contains(value) ? index + length : nil
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
        var ends = [start]
        if start > floor {
            let previous = UTF8Decoding.previousStart(in: bytes, before: start)
            if previous >= floor, WrittenNumber.space.contains(UTF8Decoding.scalar(in: bytes, at: previous).value) { ends.append(previous) }
        }
        for end in ends {
            for (symbolBytes, symbol, iso) in MoneyLexicon.symbolBytes {
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

    /// A lower-cased word at `start` (letters and marks, an inner apostrophe for `d'euros`, and a
    /// final full stop when `withStop`), and where it ends.
    private static func word(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (String, Int)? {
        var index = start
        while index < bytes.count {
            let (value, length) = UTF8Decoding.scalar(in: bytes, at: index)
            if UTF8Decoding.isWordScalar(value) {
                index += length
            } else if (value == 0x27 || value == 0x2019), index > start, index + length < bytes.count,
                UTF8Decoding.isWordScalar(UTF8Decoding.scalar(in: bytes, at: index + length).value)
            {
                index += length
            } else {
                break
            }
        }
        guard index > start else { return nil }
        let slice = UnsafeBufferPointer(rebasing: bytes[start..<index])
        // Most words here are ASCII: lower-case them byte by byte (String.lowercased() is costly).
        if slice.allSatisfy({ $0 < 0x80 }) {
            return (String(decoding: slice.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self), index)
        }
        return (String(decoding: slice, as: UTF8.self).lowercased(), index)
    }

    /// A magnitude word after the number, attached (`5m`, `1.1bn`) or after one space.
    private static func magnitude(in bytes: UnsafeBufferPointer<UInt8>, at start: Int, language: LanguageTag) -> (Int, Int)? {
        for position in [start, space(in: bytes, at: start)].compactMap({ $0 }) {
            guard let (word, end) = word(in: bytes, at: position) else { continue }
            if abbreviationStop(in: bytes, at: end), let power = MoneyLexicon.magnitude(word + ".", language: language) {
                return (power, end + 1)
            }
            if let power = MoneyLexicon.magnitude(word, language: language) {
                // Single letters (m, k) only attached to the number: "5 m" is five metres.
                if word.count == 1 && position != start { continue }
                return (power, end)
            }
        }
        return nil
    }

    /// The currency after the number (and magnitude): a sign, a code, or a currency word with its
    /// qualifiers (`US dollars`, `livres sterling`, `долларов США`, `d'euros`).
    private static func suffix(in bytes: UnsafeBufferPointer<UInt8>, at start: Int, afterMagnitude: Bool) -> (String, Int)? {
        for position in [start, space(in: bytes, at: start)].compactMap({ $0 }) {
            for (symbolBytes, _, iso) in MoneyLexicon.symbolBytes {
                if let end = matches(bytes, symbolBytes, at: position) { return (iso, end) }
            }
            guard var (word, end) = word(in: bytes, at: position) else { continue }
            if position == start, ASCIIScan.isLetter(bytes[position]) == false, word.isEmpty { continue }
            let raw = String(decoding: UnsafeBufferPointer(rebasing: bytes[position..<end]), as: UTF8.self)
            if let iso = MoneyLexicon.codes[raw] { return (iso, end) }
            // A Turkish suffix after an apostrophe belongs to the word: TL'lik, avro'ya.
            if let apostrophe = raw.firstIndex(where: { $0 == "'" || $0 == "’" }), apostrophe != raw.startIndex {
                let head = String(raw[..<apostrophe])
                if let iso = MoneyLexicon.codes[head] { return (iso, end) }
                if !head.lowercased().hasPrefix("d"), MoneyLexicon.currency(forWord: head.lowercased()) != nil { word = head.lowercased() }
            }
            // Elisions after a magnitude: "millions d'euros", "millions de dollars".
            for elision in ["d'", "d’"] where word.hasPrefix(elision) {
                word = String(word.dropFirst(elision.count))
            }
            if word == "de", afterMagnitude, let next = space(in: bytes, at: end), let (nextWord, nextEnd) = self.word(in: bytes, at: next) {
                word = nextWord
                end = nextEnd
            }
            var qualified = false
            if MoneyLexicon.qualifiersBefore.contains(word), let next = space(in: bytes, at: end),
                let (nextWord, nextEnd) = self.word(in: bytes, at: next), MoneyLexicon.currency(forWord: nextWord) != nil
            {
                word = nextWord
                end = nextEnd
                qualified = true
            }
            guard let iso = MoneyLexicon.currency(forWord: word) else { continue }
            if word == "руб", abbreviationStop(in: bytes, at: end) { end += 1 }
            if let next = space(in: bytes, at: end), let (after, afterEnd) = self.word(in: bytes, at: next),
                MoneyLexicon.qualifiersAfter.contains(after)
            {
                end = afterEnd
                qualified = true
            }
            if !qualified && MoneyLexicon.needQualifier.contains(where: { word.hasPrefix($0) }) { continue }
            return (iso, end)
        }
        return nil
    }
}

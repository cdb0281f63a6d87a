extension MoneyStage {
    /// The amount whose number starts at `start`, if a currency goes with it.
    /// `language` is asked only when the number may be an amount: most numbers are not, and the
    /// record's language may need detection. Where a currency goes with the number but its reading
    /// as an amount is refused (`$0841.492`), `refusedEnd` becomes where the amount would end.
    static func amount(
        in bytes: UnsafeBufferPointer<UInt8>, number first: WrittenNumber, floor: Int, language: inout RecordLanguageCache, scratch: inout LowerWord,
        marks: [StageContext.Mark] = [], refusedEnd: inout Int, lookAhead: Bool = true
    ) -> Found? {
        let start = first.range.lowerBound
        var prefix = mayHavePrefix(bytes, before: start, floor: floor) ? Self.prefix(in: bytes, before: start, floor: floor) : nil
        // `TOP 10`, `CUP 2022`: a code that is also a word goes before a number with a separator only.
        if let code = prefix, first.separatorCount == 0, code.start + 3 <= start,
            MoneyLexicon.isWordCode(UnsafeBufferPointer(rebasing: bytes[code.start..<code.start + 3]))
        {
            prefix = nil
        }
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
        // Most numbers (years, counts, dates) have no currency: without a sign or code before the
        // number, one of the words, signs or spans of an amount must follow it (attached, or after
        // one space), which the first scalars tell before any word is lower-cased and looked up.
        let spaced = space(in: bytes, at: end)
        let starts = (wordStart(in: bytes, at: end), spaced.flatMap { wordStart(in: bytes, at: $0) })
        let followerPairs = MoneyLexicon.followerPairs
        // A code in capitals (`500 KZT`) follows as well: the codes of every currency are not in the
        // word pairs, which would let through most words after numbers.
        let followers = (
            starts.0.map(followerPairs.contains) ?? false || (end < bytes.count && bytes[end] >= 0x41 && bytes[end] <= 0x5A && codeWord(in: bytes, at: end) != nil),
            starts.1.map(followerPairs.contains) ?? false
                || (spaced.map { $0 < bytes.count && bytes[$0] >= 0x41 && bytes[$0] <= 0x5A && codeWord(in: bytes, at: $0) != nil } ?? false)
        )
        if prefix == nil, !followers.0, !followers.1, !signOrQualifier(bytes, at: end, marks: marks),
            !(spaced.map { signOrQualifier(bytes, at: $0, marks: marks) } ?? false)
        {
            guard lookAhead, second == nil else { return nil }
            return rangeFirstBound(in: bytes, number: first, end: end, power: 0, english: false, language: &language, scratch: &scratch, marks: marks)
        }
        var power = 0
        // An English magnitude word (million, billion…) after a code says the writer wrote English:
        // `USD 9,587 billion` in a Russian record is Dragoman's own output, in English grouping.
        var englishMagnitude = false
        // Whether a magnitude word may start there: most words after an amount's number are
        // currency words, which are lower-cased only once, for ``suffix``.
        let magnitudePairs = MoneyLexicon.magnitudePairs
        let magnitudes = (starts.0.map(magnitudePairs.contains) ?? false, starts.1.map(magnitudePairs.contains) ?? false)
        if magnitudes.0 || magnitudes.1,
            let (magnitude, magnitudeEnd) = Self.magnitude(in: bytes, at: end, candidates: magnitudes, language: &language, scratch: &scratch)
        {
            power = magnitude
            englishMagnitude = prefix != nil && MoneyLexicon.isEnglishMagnitude(scratch.bytes)
            end = magnitudeEnd
        }
        // An exchange rate, not a range: a sign or code before the first number and another
        // currency after the second (`$1 - 387.05 drams`). The first number is the amount here; the
        // second is read as its own.
        if let prefix, second != nil, power == 0, let after = Self.suffix(in: bytes, at: end, afterMagnitude: false, followers: nil, scratch: &scratch, marks: marks),
            after.iso != prefix.currency
        {
            second = nil
            end = first.range.upperBound
        }
        let english = (prefix?.english ?? false) || englishMagnitude
        // An amount in several parts, magnitudes descending (`4 milyard 465,7 milyon manat`, `355
        // min 500 manat`, `1 млрд. 826 млн. 861,84 тыс. долларов`, `$5 млрд 565 млн`): one amount.
        var parts = power > 0 && second == nil ? furtherParts(in: bytes, after: end, power: power, english: english, language: &language, scratch: &scratch) : []
        var currency = prefix.map { Currency(iso: $0.currency, end: end) }
        if let prefix, let prefixCurrency = currency {
            // After a sign or code, only parts with a magnitude: `$5 млрд 565 человек` is no amount of 5,000,000,565.
            while let last = parts.last, last.power == 0 { parts.removeLast() }
            end = parts.last?.end ?? end
            // `between $20 and $30 million`: the first bound takes the second's magnitude.
            if lookAhead, power == 0, second == nil, parts.isEmpty,
                let partner = rangePartner(in: bytes, start: prefix.start, end: end, language: &language, scratch: &scratch, marks: marks),
                partner.currency == prefixCurrency.iso, partner.power > 0
            {
                power = partner.power
            }
        } else {
            // The currency after the last part; a part it does not follow is no part.
            var found: Currency?
            while true {
                let at = parts.last?.end ?? end
                let lastPower = parts.last?.power ?? power
                found = Self.suffix(in: bytes, at: at, afterMagnitude: lastPower > 0, followers: parts.isEmpty && power == 0 ? followers : nil, scratch: &scratch, marks: marks)
                // An abbreviation's full stop before a currency written with a capital (`mln. Manat`,
                // `mln.ABŞ dolları`), which ``abbreviationStop(in:at:)`` takes for a sentence's end.
                if found == nil, lastPower > 0, at < bytes.count, bytes[at] == 0x2E {
                    found = Self.suffix(in: bytes, at: at + 1, afterMagnitude: true, followers: nil, scratch: &scratch, marks: marks)
                }
                if found != nil || parts.isEmpty { break }
                parts.removeLast()
            }
            guard let found else {
                guard lookAhead, second == nil, parts.isEmpty else { return nil }
                return rangeFirstBound(in: bytes, number: first, end: end, power: power, english: english, language: &language, scratch: &scratch, marks: marks)
            }
            currency = found
            end = found.end
            // A magnitude word after the currency belongs to the amount too (`1₼ млн`, `475.029 ₺
            // milyard`, `5 USD млн`): written code first, the number stands right before it, where a
            // second pass reads it as the amount's magnitude (``magnitude(in:at:candidates:language:scratch:)``,
            // the same rule: attached, or after one space but for single letters).
            if power == 0 && !found.subunit {
                let after = (wordStart(in: bytes, at: end), space(in: bytes, at: end).flatMap { wordStart(in: bytes, at: $0) })
                let candidates = (after.0.map(magnitudePairs.contains) ?? false, after.1.map(magnitudePairs.contains) ?? false)
                if candidates.0 || candidates.1,
                    let (magnitude, magnitudeEnd) = Self.magnitude(in: bytes, at: end, candidates: candidates, language: &language, scratch: &scratch)
                {
                    power = magnitude
                    end = magnitudeEnd
                }
            }
        }
        guard var currency else { return nil }
        if currency.turkicOnly {
            let record = language.value()
            guard record == .az || record == .tr else { return nil }
        }
        // A range goes up: `2016 - 675 millions $` is a year and an amount (read on its own).
        if let second, let low = first.value(in: bytes, language: { language.value() }, englishStyle: false, amount: power == 0),
            let high = second.value(in: bytes, language: { language.value() }, englishStyle: false, amount: power == 0), low.isGreater(than: high)
        {
            return nil
        }
        if currency.dollarSign, language.value() == .fr { currency.ambiguous = .currency }
        let amountStart = prefix?.start ?? start
        let afterLetter = amountStart > 0
            && UTF8Decoding.isWordScalar(UTF8Decoding.scalar(in: bytes, at: UTF8Decoding.previousStart(in: bytes, before: amountStart)).value)
        // One `.` or `,` before three digits that the record's language reads as a decimal point
        // (`1,881 euros` in French, `12.809 rubles` in English) may be a price to three decimals or
        // a thousands separator: left as written, flagged. Not after an ISO code, written the
        // international way (`EUR 400,000`, as Dragoman writes amounts), and not with an English
        // magnitude word, which says English (`USD 9,587 billion`).
        let codeFirst = prefix.map { prefix in
            prefix.start + 3 <= bytes.count && prefix.currency.utf8.elementsEqual(bytes[prefix.start..<prefix.start + 3])
        } ?? false
        let signEnglish = (prefix?.english ?? false) && !englishMagnitude
        if parts.isEmpty, currency.ambiguous == nil, !codeFirst,
            first.groupingIsAmbiguous(in: bytes, language: { language.value() }, englishStyle: signEnglish, magnitude: power > 0, notEnglish: currency.notEnglish)
                || second?.groupingIsAmbiguous(in: bytes, language: { language.value() }, englishStyle: signEnglish, magnitude: power > 0, notEnglish: currency.notEnglish) == true
        {
            currency.ambiguous = .grouping
        }
        // A doubtful value is not read; a doubtful currency's amount is, for a config that names
        // the feed's dollar or franc (``MoneyStage/CurrencyDefaults``).
        if let reason = currency.ambiguous, reason != .currency {
            return Found(
                range: amountStart..<end, currency: currency.iso, low: ExactDecimal(integer: "0"), high: nil, power: 0, ambiguous: reason,
                subunit: currency.subunit)
        }
        // A bare `$` before the number (not `US$`, `US $`, `A$`).
        if let prefix, prefix.currency == "USD", bytes[prefix.start] == 0x24, prefix.start + 1 == start || space(in: bytes, at: prefix.start + 1) == start {
            currency.plainDollar = true
        }
        guard var low = first.value(in: bytes, language: { language.value() }, englishStyle: english, amount: power == 0) else {
            refusedEnd = end
            return nil
        }
        var high = second?.value(in: bytes, language: { language.value() }, englishStyle: english, amount: power == 0)
        if second != nil && high == nil {
            refusedEnd = end
            return nil
        }
        // Written code first, an amount whose currency followed it stands right before what came
        // after the currency: a whole number below 1,000 there runs into a group of three digits
        // one space on (`5₽ 153` → `RUB 5 153`, which a second pass reads as RUB 5,153). Then the
        // currency is not this number's (a sign goes to the next one: `5RUB 153`).
        if prefix == nil, power == 0, let next = space(in: bytes, at: end), next < bytes.count,
            bytes[next] >= 0x30 && bytes[next] <= 0x39, WrittenNumber.read(bytes, at: next).first.count == 3
        {
            let last = high ?? low
            if last.fraction.isEmpty && last.integer.utf8.count <= 3 { return nil }
        }
        if !parts.isEmpty {
            // The sum, written with the first part's magnitude word when that keeps it short
            // (`AMD 19.95 billion`), else in full (`AZN 4,465,700,000`, not `AZN 4.4657 billion`).
            var total = low.scaled(byPowerOfTen: power)
            for part in parts { total = total.adding(part.value.scaled(byPowerOfTen: part.power)) }
            let shortened = total.divided(byPowerOfTen: power).withoutTrailingZeros
            if (power == 6 || power == 9 || power == 12) && shortened.fraction.utf8.count <= 2 {
                low = shortened
            } else {
                low = total
                power = 0
            }
        }
        if currency.subunit {
            // Hundredths of the currency: `50 qəpik` is AZN 0.50.
            low = low.scaled(byPowerOfTen: power).divided(byPowerOfTen: 2)
            high = high?.scaled(byPowerOfTen: power).divided(byPowerOfTen: 2)
            power = 0
        } else if power == 0, second == nil, parts.isEmpty, low.fraction.isEmpty,
            let (cents, centsEnd) = subunitAfter(in: bytes, at: end, currency: currency.iso, bareCents: currency.word, scratch: &scratch)
        {
            // The main unit and its subunit: `22 manat 91 qəpik`, `1 рубль и 30 копеек`, `1 euro 50`.
            low = low.adding(cents)
            end = centsEnd
        }
        return Found(
            range: amountStart..<end, currency: currency.iso, low: low, high: high, power: power, dash: dashText,
            approximate: approximationBefore(in: bytes, at: amountStart, scratch: &scratch), afterLetter: afterLetter, ambiguous: currency.ambiguous,
            subunit: currency.subunit, plainDollar: currency.plainDollar)
    }

    /// One part of an amount in several parts: its value, its magnitude as a power of ten, and
    /// where it ends.
    struct Part {
        var value: ExactDecimal
        var power: Int
        var end: Int
    }

    /// The parts after a number and its magnitude of `power` (`4 milyard`) that continue the amount
    /// with smaller magnitudes (`465,7 milyon`), the last of them perhaps with none (`355 min
    /// 500`). Each part is below the magnitude before it (`465,7` < 1,000), so `5 milyon 2 milyon`
    /// or `2 milyard 2021` is not one amount.
    private static func furtherParts(
        in bytes: UnsafeBufferPointer<UInt8>, after start: Int, power: Int, english: Bool, language: inout RecordLanguageCache, scratch: inout LowerWord
    ) -> [Part] {
        var parts: [Part] = []
        var previous = power
        var end = start
        while previous > 0, var next = space(in: bytes, at: end), next < bytes.count {
            // `69 million and 700 thousand`: a conjunction between parts, before a part with a
            // magnitude (`2 million and 3 dollars` may be two things).
            var joined = false
            if !(bytes[next] >= 0x30 && bytes[next] <= 0x39) {
                guard let afterWord = conjunctionBeforeDigit(in: bytes, at: next, scratch: &scratch) else { break }
                next = afterWord
                joined = true
            }
            let number = WrittenNumber.read(bytes, at: next)
            let after = number.range.upperBound
            guard rangeDash(in: bytes, at: after) == nil else { break }
            let starts = (wordStart(in: bytes, at: after), space(in: bytes, at: after).flatMap { wordStart(in: bytes, at: $0) })
            let magnitudePairs = MoneyLexicon.magnitudePairs
            let candidates = (starts.0.map(magnitudePairs.contains) ?? false, starts.1.map(magnitudePairs.contains) ?? false)
            var partPower = 0
            var partEnd = after
            if candidates.0 || candidates.1,
                let (magnitude, magnitudeEnd) = Self.magnitude(in: bytes, at: after, candidates: candidates, language: &language, scratch: &scratch)
            {
                partPower = magnitude
                partEnd = magnitudeEnd
            }
            guard partPower < previous, !joined || partPower > 0,
                let value = number.value(in: bytes, language: { language.value() }, englishStyle: english, amount: false),
                value.integerDigits <= previous - partPower
            else { break }
            parts.append(Part(value: value, power: partPower, end: partEnd))
            previous = partPower
            end = partEnd
        }
        return parts
    }

    /// A conjunction (`and`, `və`, `и`, `et`; at most five bytes) at `position` with a space and a
    /// digit after it: where the digit is. Most amounts are followed by words, which are not
    /// lower-cased for this.
    private static func conjunctionBeforeDigit(in bytes: UnsafeBufferPointer<UInt8>, at position: Int, scratch: inout LowerWord) -> Int? {
        var wordEnd = position
        while wordEnd < bytes.count, wordEnd - position <= 5, bytes[wordEnd] != 0x20 { wordEnd += 1 }
        guard wordEnd - position <= 5, wordEnd + 1 < bytes.count, bytes[wordEnd] == 0x20, bytes[wordEnd + 1] >= 0x30 && bytes[wordEnd + 1] <= 0x39,
            mayBeOne(of: MoneyLexicon.conjunctions, in: bytes, at: position), let (readEnd, _) = scratch.readOther(bytes, at: position),
            readEnd == wordEnd, MoneyLexicon.conjunctions.contains(scratch.other)
        else { return nil }
        return wordEnd + 1
    }

    /// A subunit after an amount's main unit (`22 manat` + ` 91 qəpik`, ` və 91 qəpik`, `1 рубль` + `
    /// и 30 копеек`), or two bare digits a price writes for it (`1 euro 50`, then the sentence or
    /// `ou`, `et`…): its value in the main unit and where it ends. A subunit of another currency
    /// (`5 manat 20 kuruş`) is not this amount's.
    private static func subunitAfter(
        in bytes: UnsafeBufferPointer<UInt8>, at end: Int, currency: String, bareCents: Bool, scratch: inout LowerWord
    ) -> (ExactDecimal, Int)? {
        guard var position = space(in: bytes, at: end), position < bytes.count else { return nil }
        var joined = false
        if !(bytes[position] >= 0x30 && bytes[position] <= 0x39) {
            guard let afterWord = conjunctionBeforeDigit(in: bytes, at: position, scratch: &scratch) else { return nil }
            position = afterWord
            joined = true
        }
        var digitsEnd = position
        while digitsEnd < bytes.count, digitsEnd - position <= 2, bytes[digitsEnd] >= 0x30 && bytes[digitsEnd] <= 0x39 { digitsEnd += 1 }
        let count = digitsEnd - position
        guard count == 1 || count == 2 else { return nil }
        let cents = ExactDecimal(digits: bytes, integer: position..<digitsEnd, fraction: nil).divided(byPowerOfTen: 2)
        if let wordStart = space(in: bytes, at: digitsEnd), let (wordEnd, scalars) = scratch.readOther(bytes, at: wordStart),
            let subunit = MoneyLexicon.subunit(forLower: scratch.other, scalars: scalars)
        {
            return subunit == nil || subunit == currency ? (cents, wordEnd) : nil
        }
        // Bare cents: two digits, then the sentence's punctuation or end, or a conjunction.
        guard bareCents, !joined, count == 2 else { return nil }
        guard digitsEnd < bytes.count else { return (cents, digitsEnd) }
        let next = bytes[digitsEnd]
        if next == 0x2C || next == 0x2E || next == 0x3B || next == 0x29 || next == 0x21 || next == 0x3F {
            let following = digitsEnd + 1
            return following < bytes.count && bytes[following] >= 0x30 && bytes[following] <= 0x39 ? nil : (cents, digitsEnd)
        }
        if let wordStart = space(in: bytes, at: digitsEnd), mayBeOne(of: MoneyLexicon.conjunctions, in: bytes, at: wordStart),
            let (wordEnd, _) = scratch.readOther(bytes, at: wordStart), MoneyLexicon.conjunctions.contains(scratch.other),
            wordEnd < bytes.count, bytes[wordEnd] == 0x20
        {
            return (cents, digitsEnd)
        }
        return nil
    }

    /// Whether a sign or a span the glossary wrote for a country may start at `position`. Where
    /// neither does and no word that may follow an amount's number (``MoneyLexicon/followerPairs``),
    /// neither ``magnitude(in:at:candidates:language:scratch:)`` nor
    /// ``suffix(in:at:afterMagnitude:followers:scratch:marks:)`` finds anything.
    private static func signOrQualifier(_ bytes: UnsafeBufferPointer<UInt8>, at position: Int, marks: [StageContext.Mark]) -> Bool {
        guard position < bytes.count else { return false }
        return MoneyLexicon.symbolFirstBytes[Int(bytes[position])] || qualifier(at: position, in: marks) != nil
    }

    /// The first two scalars of the word at `start` lower-cased as ``lowerWord(in:at:into:)``
    /// would, for ``MoneyLexicon/Pairs``: nil where that reads no word, `UInt32.max` first when a
    /// lower case is more than one scalar (left to the lookups).
    private static func wordStart(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (first: UInt32, second: UInt32)? {
        guard start < bytes.count else { return nil }
        let (value, length) = UTF8Decoding.scalar(in: bytes, at: start)
        guard MoneyLexicon.mayStartWord(value), UTF8Decoding.isWordScalar(value) else { return nil }
        guard let first = singleLowercase(value) else { return (.max, 0) }
        var second: UInt32 = 0
        let next = start + length
        if next < bytes.count {
            let (nextValue, nextLength) = UTF8Decoding.scalar(in: bytes, at: next)
            let isApostrophe = (nextValue == 0x27 || nextValue == 0x2019) && next + nextLength < bytes.count
                && UTF8Decoding.isWordScalar(UTF8Decoding.scalar(in: bytes, at: next + nextLength).value)
            if UTF8Decoding.isWordScalar(nextValue) || isApostrophe {
                guard let lower = singleLowercase(nextValue) else { return (.max, 0) }
                second = lower
            }
        }
        return (first, second)
    }

    /// One space-like character (space, no-break space, narrow no-break space) at `index`.
    private static func space(in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Int? {
        guard index < bytes.count else { return nil }
        let (value, length) = UTF8Decoding.scalar(in: bytes, at: index)
        return WrittenNumber.isSpace(value) ? index + length : nil
    }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ text: StaticString, endingAt end: Int, floor: Int) -> Int? {
        text.withUTF8Buffer { utf8 in
            let start = end - utf8.count
            guard start >= floor, start >= 0 else { return nil }
            return bytes[start..<end].elementsEqual(utf8) ? start : nil
        }
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

    /// Whether a sign or code may end right before `start`, or before one space there: the byte
    /// before it ends a sign or is a capital. Most numbers follow punctuation or a space after a
    /// lower-case word, and are ruled out here before ``prefix(in:before:floor:)``.
    @inline(__always)
    private static func mayHavePrefix(_ bytes: UnsafeBufferPointer<UInt8>, before start: Int, floor: Int) -> Bool {
        guard start > floor else { return false }
        let symbolLastBytes = MoneyLexicon.symbolLastBytes
        let symbolLastPairs = MoneyLexicon.symbolLastPairs
        func mayEnd(_ end: Int) -> Bool {
            let last = bytes[end - 1]
            // A sign's last byte after 0x7F is a continuation byte that most Cyrillic and Armenian
            // letters end with too: the two last bytes tell `₽` from `м`.
            if last >= 0x80 { return end >= 2 && symbolLastPairs[Int(bytes[end - 2]) << 8 | Int(last)] }
            return symbolLastBytes[Int(last)] || last >= 0x41 && last <= 0x5A
        }
        if mayEnd(start) { return true }
        let previous = UTF8Decoding.previousStart(in: bytes, before: start)
        return previous > floor && WrittenNumber.isSpace(UTF8Decoding.scalar(in: bytes, at: previous).value) && mayEnd(previous)
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
            for index in MoneyLexicon.symbolsByLastByte[Int(bytes[end - 1])] {
                let (symbolBytes, symbol, iso) = MoneyLexicon.symbolBytes[index]
                guard let symbolStart = matches(bytes, symbolBytes, endingAt: end, floor: floor) else { continue }
                // A sign that starts with letters (`HK$`, `R$`) is no sign at the end of a word.
                if ASCIIScan.isLetter(symbolBytes[0]), symbolStart > 0, ASCIIScan.isLetter(bytes[symbolStart - 1]) { continue }
                // A$, C$, HK$ or "hk $" is another dollar: letters just before `$` (other than US)
                // mean it is not the US one.
                if symbol == "$", otherDollar(bytes, before: symbolStart) { return nil }
                if symbol == "$", let usStart = matches(bytes, "US ", endingAt: symbolStart, floor: floor) ?? matches(bytes, "U.S. ", endingAt: symbolStart, floor: floor),
                    usStart == 0 || !ASCIIScan.isLetter(bytes[usStart - 1])
                {
                    return (usStart, iso, true)
                }
                // The signs of English-language copy: `$ € £`, and dollars marked by letters.
                let english = switch symbol {
                case "$", "€", "£", "US$": true
                default: symbolBytes.last == 0x24 && ASCIIScan.isLetter(symbolBytes[0])
                }
                return (symbolStart, iso, english)
            }
            // A code: two or three capitals, not the end of a longer word.
            var codeStart = end
            while codeStart > floor, codeStart > end - 4, bytes[codeStart - 1] >= 0x41 && bytes[codeStart - 1] <= 0x5A { codeStart -= 1 }
            let length = end - codeStart
            if length >= 2 && length <= 3 && (codeStart == 0 || !ASCIIScan.isLetter(bytes[codeStart - 1])),
                let iso = MoneyLexicon.code(written: UnsafeBufferPointer(rebasing: bytes[codeStart..<end]))
            {
                return (codeStart, iso, false)
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
    /// in scalars, or nil (and leaves `scratch` as it was) if no word starts there.
    static func lowerWord(in bytes: UnsafeBufferPointer<UInt8>, at start: Int, into scratch: inout WordBuffer) -> (end: Int, scalars: Int)? {
        guard start < bytes.count, MoneyLexicon.mayStartWord(UTF8Decoding.scalar(in: bytes, at: start).value) else { return nil }
        // Where the word ends, and whether the lower case of each of its scalars is as long
        // (ASCII letters, apostrophes, the two-byte letters of the alphabets here): then the word
        // is copied whole and lower-cased in place. Appended scalar by scalar, each letter cost
        // some hundred instructions.
        var index = start
        var scalars = 0
        var inPlace = true
        while index < bytes.count {
            if ASCIIScan.isLetter(bytes[index]) {
                scalars += 1
                index += 1
                continue
            }
            let (value, length) = UTF8Decoding.scalar(in: bytes, at: index)
            let isApostrophe = (value == 0x27 || value == 0x2019) && index > start && index + length < bytes.count
                && UTF8Decoding.isWordScalar(UTF8Decoding.scalar(in: bytes, at: index + length).value)
            guard UTF8Decoding.isWordScalar(value) || isApostrophe else { break }
            if !isApostrophe && (length != 2 || (rangeLowercase(value) ?? 0) < 0x80) { inPlace = false }
            scalars += 1
            index += length
        }
        guard index > start else { return nil }
        setLowercase(of: bytes[start..<index], inPlace: inPlace, into: &scratch)
        return (index, scalars)
    }

    /// Sets `scratch` to the lower case of `word`; `inPlace` when each of its scalars' lower case
    /// is as long in UTF-8 (ASCII letters, apostrophes, the two-byte letters that
    /// ``rangeLowercase(_:)`` lower-cases to two bytes).
    static func setLowercase(of word: Slice<UnsafeBufferPointer<UInt8>>, inPlace: Bool, into scratch: inout WordBuffer) {
        if inPlace {
            scratch.set(capacity: word.count) { lower in
                _ = lower.update(fromContentsOf: UnsafeBufferPointer(rebasing: word))
                var position = 0
                while position < lower.count {
                    let lead = lower[position]
                    if lead < 0x80 {
                        if lead >= 0x41 && lead <= 0x5A { lower[position] = lead | 0x20 }
                        position += 1
                    } else if lead < 0xE0 {
                        let value = UInt32(lead & 0x1F) << 6 | UInt32(lower[position + 1] & 0x3F)
                        if let known = rangeLowercase(value) {
                            lower[position] = UInt8(0xC0 | known >> 6)
                            lower[position + 1] = UInt8(0x80 | known & 0x3F)
                        }
                        position += 2
                    } else {
                        position += 3  // ’
                    }
                }
                return position
            }
            return
        }
        // Scalar by scalar, by the Unicode tables for scalars the ranges do not cover (rare).
        var lower: [UInt8] = []
        let bytes = word.base
        var index = word.startIndex
        while index < word.endIndex {
            let (value, length) = UTF8Decoding.scalar(in: bytes, at: index)
            if value < 0x80 {
                lower.append(UInt8(value) >= 0x41 && UInt8(value) <= 0x5A ? UInt8(value) | 0x20 : UInt8(value))
            } else {
                appendLowercase(value, to: &lower)
            }
            index += length
        }
        scratch.set(capacity: lower.count) { $0.update(fromContentsOf: lower) }
    }

    /// Whether the lower case of the word at `start` may be one of `words`, by its first scalar.
    private static func mayBeOne(of words: MoneyLexicon.Words, in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard start < bytes.count else { return false }
        // A scalar whose lower case is more than one scalar is left to the lookup.
        guard let first = singleLowercase(UTF8Decoding.scalar(in: bytes, at: start).value) else { return true }
        return words.mayHaveWord(startingWith: first)
    }

    /// Appends the lower case of a scalar as UTF-8: by range for the alphabets here, by the Unicode
    /// tables otherwise.
    private static func appendLowercase(_ value: UInt32, to scratch: inout [UInt8]) {
        var lower = value
        if let known = rangeLowercase(value) {
            lower = known
        } else if let scalar = Unicode.Scalar(value), scalar.properties.isUppercase {
            scratch.append(contentsOf: scalar.properties.lowercaseMapping.utf8)
            return
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

    /// The lower case of a non-ASCII scalar for the alphabets here, by range; nil for other scalars.
    private static func rangeLowercase(_ value: UInt32) -> UInt32? {
        switch value {
        case 0xDF...0xFF, 0x250...0x2AF, 0x430...0x45F, 0x561...0x587: value  // already lower case
        case 0xC0...0xDE where value != 0xD7: value + 0x20
        case 0x410...0x42F: value + 0x20
        case 0x400...0x40F: value + 0x50
        case 0x531...0x556: value + 0x30
        case 0x130: 0x69  // İ → i (Turkish; the combining dot is not wanted here)
        // Latin Extended-A pairs capital, small (Ğğ, Şş); ı too is small. The small ones were
        // asked of the Unicode tables, some 300 instructions each, on every ı, ğ and ş.
        case 0x100...0x137 where value & 1 == 0, 0x14A...0x177 where value & 1 == 0: value + 1
        case 0x101...0x137, 0x14B...0x177: value
        default: nil
        }
    }

    /// The lower case of a scalar as ``lowerWord(in:at:into:)`` writes it, when it is one scalar.
    @inline(__always)
    private static func singleLowercase(_ value: UInt32) -> UInt32? {
        if value < 0x80 { return value >= 0x41 && value <= 0x5A ? value | 0x20 : value }
        return rangeLowercase(value) ?? tableLowercase(value)
    }

    private static func tableLowercase(_ value: UInt32) -> UInt32? {
        guard let scalar = Unicode.Scalar(value), scalar.properties.isUppercase else { return value }
        let lower = scalar.properties.lowercaseMapping.unicodeScalars
        return lower.count == 1 ? lower.first?.value : nil
    }

    /// A magnitude word after the number, attached (`5m`, `1.1bn`) or after one space;
    /// `candidates` tells whether a word at either place may be one (``MoneyLexicon/magnitudePairs``).
    private static func magnitude(
        in bytes: UnsafeBufferPointer<UInt8>, at start: Int, candidates: (Bool, Bool), language: inout RecordLanguageCache, scratch: inout LowerWord
    ) -> (Int, Int)? {
        // The word right after the number, then after one space (no array: this runs per number).
        for attempt in 0..<2 {
            guard attempt == 0 ? candidates.0 : candidates.1, let position = attempt == 0 ? start : space(in: bytes, at: start),
                let (end, scalars) = scratch.read(bytes, at: position)
            else { continue }
            if abbreviationStop(in: bytes, at: end) {
                scratch.appendFullStop()
                if let power = MoneyLexicon.magnitude(lower: scratch.bytes, scalars: scalars + 1, language: { language.value() }) { return (power, end + 1) }
                scratch.removeFullStop()
            }
            if let power = MoneyLexicon.magnitude(lower: scratch.bytes, scalars: scalars, language: { language.value() }) {
                // Single letters (m, k) only attached to the number: "5 m" is five metres.
                if scalars == 1 && position != start { continue }
                return (power, end)
            }
        }
        return nil
    }

    /// Whether the word just before `start` (one space between) makes the amount approximate.
    private static func approximationBefore(in bytes: UnsafeBufferPointer<UInt8>, at start: Int, scratch: inout LowerWord) -> Bool {
        wordBefore(in: bytes, at: start, isOneOf: MoneyLexicon.approximationWords, longest: MoneyLexicon.longestApproximation, scratch: &scratch)
    }

    /// Whether the word just before `start` (one space between) is one of `words`, the longest of
    /// which has `longest` bytes.
    private static func wordBefore(
        in bytes: UnsafeBufferPointer<UInt8>, at start: Int, isOneOf words: MoneyLexicon.Words, longest: Int, scratch: inout LowerWord
    ) -> Bool {
        guard start > 1 else { return false }
        let spaceStart = UTF8Decoding.previousStart(in: bytes, before: start)
        guard WrittenNumber.isSpace(UTF8Decoding.scalar(in: bytes, at: spaceStart).value) else { return false }
        var wordStart = spaceStart
        var inPlace = true
        // Words longer than every word looked for are ruled out as soon as they are, and words
        // whose first letter starts none before any lower-casing (this runs for every amount).
        while wordStart > 0 {
            let previous = UTF8Decoding.previousStart(in: bytes, before: wordStart)
            let (value, length) = UTF8Decoding.scalar(in: bytes, at: previous)
            guard UTF8Decoding.isWordScalar(value) else { break }
            guard spaceStart - previous <= longest else { return false }
            if value >= 0x80 && (length != 2 || (rangeLowercase(value) ?? 0) < 0x80) { inPlace = false }
            wordStart = previous
        }
        guard wordStart < spaceStart, mayBeOne(of: words, in: bytes, at: wordStart) else { return false }
        scratch.setLowercase(of: bytes[wordStart..<spaceStart], inPlace: inPlace)
        return words.contains(scratch.bytes)
    }

    /// A range's first bound, with no currency of its own (`3,000` in `from 3,000 to 10,000 euros`,
    /// `20` in `between 20 and 30 million dollars`): it takes the currency of the second, and its
    /// magnitude if it has none, when it is not above the second.
    private static func rangeFirstBound(
        in bytes: UnsafeBufferPointer<UInt8>, number first: WrittenNumber, end: Int, power: Int, english: Bool, language: inout RecordLanguageCache,
        scratch: inout LowerWord, marks: [StageContext.Mark]
    ) -> Found? {
        let start = first.range.lowerBound
        guard let partner = rangePartner(in: bytes, start: start, end: end, language: &language, scratch: &scratch, marks: marks) else { return nil }
        let shared = power > 0 ? power : partner.power
        guard let low = first.value(in: bytes, language: { language.value() }, englishStyle: english, amount: shared == 0),
            !low.scaled(byPowerOfTen: shared).isGreater(than: partner.low.scaled(byPowerOfTen: partner.power)),
            !first.groupingIsAmbiguous(in: bytes, language: { language.value() }, englishStyle: false, magnitude: shared > 0)
        else { return nil }
        return Found(
            range: start..<end, currency: partner.currency, low: low, high: nil, power: shared,
            approximate: approximationBefore(in: bytes, at: start, scratch: &scratch))
    }

    /// The amount a range's first number leans on: after `end`, a word that joins a range's
    /// bounds (`to`, `and`, `et`, `à`, `до`, `и`) and a number that is an amount (`from 3,000 to
    /// 10,000 euros`, `between $20 and $30 million`). Only `to` and `до` join without a word that
    /// opens a range before the first number (`between`, `from`, `entre`, `de`, `от`, `с`): `5 and
    /// 10 dollars` may be two things.
    private static func rangePartner(
        in bytes: UnsafeBufferPointer<UInt8>, start: Int, end: Int, language: inout RecordLanguageCache, scratch: inout LowerWord,
        marks: [StageContext.Mark]
    ) -> Found? {
        guard let wordStart = space(in: bytes, at: end), wordStart < bytes.count, mayBeOne(of: MoneyLexicon.rangeJoiners, in: bytes, at: wordStart) else {
            return nil
        }
        var wordEnd = wordStart
        while wordEnd < bytes.count, wordEnd - wordStart <= 5, bytes[wordEnd] != 0x20 { wordEnd += 1 }
        guard wordEnd - wordStart <= 5, let next = space(in: bytes, at: wordEnd), next < bytes.count else { return nil }
        // The second bound, perhaps after a sign (`$30 million`), before any word is lower-cased.
        var digit = next
        while digit < bytes.count, digit - next < 4, !(bytes[digit] >= 0x30 && bytes[digit] <= 0x39), bytes[digit] != 0x20 { digit += 1 }
        guard digit < bytes.count, bytes[digit] >= 0x30 && bytes[digit] <= 0x39,
            let (readEnd, _) = scratch.readOther(bytes, at: wordStart), readEnd == wordEnd, MoneyLexicon.rangeJoiners.contains(scratch.other)
        else { return nil }
        let opens = MoneyLexicon.rangeJoinersAlone.contains(scratch.other)
            || wordBefore(in: bytes, at: start, isOneOf: MoneyLexicon.rangeOpeners, longest: MoneyLexicon.longestRangeOpener, scratch: &scratch)
        guard opens else { return nil }
        var refused = 0
        guard let partner = amount(
            in: bytes, number: WrittenNumber.read(bytes, at: digit), floor: next, language: &language, scratch: &scratch, marks: marks, refusedEnd: &refused,
            lookAhead: false),
            partner.ambiguous == nil, !partner.currency.isEmpty, !partner.subunit, partner.high == nil
        else { return nil }
        return partner
    }

    /// Whether a number follows a sign or code written after a number, attached or (`spaced`)
    /// after one space: then the sign or code belongs to that number. A code does after a space
    /// (`in 2021 EUR 5 million`: EUR 5 million, not 2,021 euros), as Dragoman itself writes
    /// amounts code first; a sign does not (`1250€ 600`: EUR 1,250). Attached, either does:
    /// `7USD725` taken as USD 7 would be written `USD 7725`, which a second pass reads as USD 7,725.
    private static func numberFollows(_ bytes: UnsafeBufferPointer<UInt8>, at end: Int, spaced: Bool) -> Bool {
        let next = spaced ? space(in: bytes, at: end) ?? end : end
        return next < bytes.count && bytes[next] >= 0x30 && bytes[next] <= 0x39
    }

    /// An ISO code written in capitals at `position`, two or three letters and then no letter:
    /// its currency and where it ends.
    private static func codeWord(in bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> (String, Int)? {
        var end = position
        while end < bytes.count, end - position < 4, bytes[end] >= 0x41 && bytes[end] <= 0x5A { end += 1 }
        // `TL'lik`, `TL’ye` are words with a suffix, read as words.
        guard end - position >= 2, end - position <= 3, end == bytes.count || !ASCIIScan.isLetter(bytes[end]) && bytes[end] != 0x27 && bytes[end] != 0xE2,
            let iso = MoneyLexicon.code(written: UnsafeBufferPointer(rebasing: bytes[position..<end]))
        else { return nil }
        return (iso, end)
    }

    /// A sign after the number; a `$` followed by letters names another dollar (`$ c`, `$CAD`, `$ hk`).
    private static func suffixSymbol(in bytes: UnsafeBufferPointer<UInt8>, at position: Int) -> (String, Int)? {
        guard position < bytes.count, MoneyLexicon.symbolFirstBytes[Int(bytes[position])] else { return nil }
        for index in MoneyLexicon.suffixSymbolsByFirstByte[Int(bytes[position])] {
            let (symbolBytes, symbol, iso) = MoneyLexicon.suffixSymbolBytes[index]
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

    /// A span the glossary wrote for a country that qualifies a currency (`United States` for
    /// `США` in `долларов США`), starting at `position`: where it ends. The marks' entities are
    /// read only for a mark at `position` (reading every mark's up front, once per record, was
    /// some 40 M instructions on the benchmark corpus: a dictionary lookup per glossary change).
    private static func qualifier(at position: Int, in marks: [StageContext.Mark]) -> Int? {
        for index in marks.indices where marks[index].range.lowerBound == position {
            let mark = marks[index]
            if mark.stage == GlossaryStage.stageName && MoneyLexicon.qualifierEntities.contains(mark.data["id"] ?? "") {
                return mark.range.upperBound
            }
        }
        return nil
    }

    /// The currency after the number (and magnitude): a sign, a code, or a currency word with its
    /// qualifiers (`US dollars`, `livres sterling`, `долларов США`, `d'euros`, `TL'lik`).
    /// `followers`, when known, tells whether a word right at `start` or after one space may be
    /// one that follows an amount's number (``MoneyLexicon/followerPairs``).
    private static func suffix(
        in bytes: UnsafeBufferPointer<UInt8>, at start: Int, afterMagnitude: Bool, followers: (Bool, Bool)?, scratch: inout LowerWord,
        marks: [StageContext.Mark]
    ) -> Currency? {
        for attempt in 0..<2 {
            guard var position = attempt == 0 ? start : space(in: bytes, at: start) else { continue }
            // A country the glossary already wrote, before the currency word ("ABD doları").
            var qualified = false
            // The country a qualifier gives a dollar (`Canadian dollars`).
            var dollarCountry: String?
            // Where the currency word starts (after a qualifier: `Japanese yen`).
            var currencyWordStart = position
            if let afterQualifier = qualifier(at: position, in: marks), let afterSpace = space(in: bytes, at: afterQualifier) {
                position = afterSpace
                currencyWordStart = afterSpace
                qualified = true
            }
            if let (iso, end) = suffixSymbol(in: bytes, at: position) {
                let bare = end == position + 1 && bytes[position] == 0x24
                return numberFollows(bytes, at: end, spaced: false) ? nil : Currency(iso: iso, end: end, dollarSign: bare, plainDollar: bare)
            }
            // A code in capitals (`500 KZT`), read by its bytes before any word is lower-cased.
            if let (iso, end) = codeWord(in: bytes, at: position) {
                return numberFollows(bytes, at: end, spaced: true) ? nil : Currency(iso: iso, end: end)
            }
            let mayFollow = qualified ? nil : attempt == 0 ? followers?.0 : followers?.1
            guard mayFollow ?? (wordStart(in: bytes, at: position).map(MoneyLexicon.followerPairs.contains) ?? false),
                var (end, scalars) = scratch.read(bytes, at: position)
            else { continue }
            let raw = UnsafeBufferPointer(rebasing: bytes[position..<end])
            if let iso = MoneyLexicon.code(written: raw) {
                return numberFollows(bytes, at: end, spaced: true) ? nil : Currency(iso: iso, end: end)
            }
            var word = scratch.bytes
            // A Turkish suffix after an apostrophe belongs to the word (TL'lik, avro'ya); an
            // elision before it does not ("d'euros").
            if let apostrophe = raw.firstIndex(where: { $0 == 0x27 || $0 == 0xE2 }) {
                let head = UnsafeBufferPointer(rebasing: raw[..<apostrophe])
                if let iso = MoneyLexicon.code(written: head) { return Currency(iso: iso, end: end) }
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
            let isDe = word.count == 2 && word.first == 0x64 && word.last == 0x65
            // "millions de $".
            if afterMagnitude && isDe, let afterSpace = space(in: bytes, at: end),
                let (iso, symbolEnd) = suffixSymbol(in: bytes, at: afterSpace)
            {
                return Currency(iso: iso, end: symbolEnd)
            }
            // "millions de dollars"; "US dollars", "Turkish lira", "ABD doları".
            if (afterMagnitude && isDe) || MoneyLexicon.qualifiersBeforeWords.contains(word) {
                let isQualifier = !isDe
                var next = scratch
                // `US cents`: the qualifier names the subunit's currency.
                if isQualifier, !afterMagnitude, let qualifierCurrency = MoneyLexicon.subunitQualifiers[String(decoding: word, as: UTF8.self)],
                    let afterSpace = space(in: bytes, at: end), let (nextEnd, nextScalars) = next.read(bytes, at: afterSpace),
                    let subunit = MoneyLexicon.subunit(forLower: next.bytes, scalars: nextScalars), subunit == nil || subunit == qualifierCurrency
                {
                    return Currency(iso: qualifierCurrency, end: nextEnd, subunit: true)
                }
                if let afterSpace = space(in: bytes, at: end), let (nextEnd, nextScalars) = next.read(bytes, at: afterSpace),
                    MoneyLexicon.currency(forLower: next.bytes, scalars: nextScalars) != nil
                {
                    if isQualifier { dollarCountry = MoneyLexicon.dollarQualifiers[String(decoding: word, as: UTF8.self)] }
                    currencyWordStart = afterSpace
                    scratch = next
                    word = scratch.bytes
                    scalars = nextScalars
                    end = nextEnd
                    qualified = isQualifier
                }
            }
            guard let stemIndex = MoneyLexicon.currencyStem(forLower: word, scalars: scalars) else {
                // A subunit (`50 qəpik`, `66 kuruş`, `34 cents`, `95 centimes d'euros`).
                guard !afterMagnitude, let subunit = MoneyLexicon.subunit(forLower: word, scalars: scalars) else { continue }
                // `sent` is a cent in Azerbaijani and Turkish only (`120 sent letters`).
                var found = Currency(iso: subunit ?? "", end: end, subunit: true, turkicOnly: word.starts(with: "sent".utf8))
                if subunit == nil, let (iso, qualifiedEnd) = elidedCurrency(in: bytes, after: end, scratch: &scratch) {
                    found.iso = iso
                    found.end = qualifiedEnd
                }
                return found
            }
            if MoneyLexicon.stemNeedsLowerCase[stemIndex], bytes[currencyWordStart] >= 0x41 && bytes[currencyWordStart] <= 0x5A { continue }
            var iso = MoneyLexicon.stems[stemIndex].iso
            if word.count == 6 && word.elementsEqual("руб".utf8), abbreviationStop(in: bytes, at: end) { end += 1 }
            let needsQualifier = MoneyLexicon.needQualifierWords.containsPrefix(of: word)
            if let afterSpace = space(in: bytes, at: end), let afterQualifier = qualifier(at: afterSpace, in: marks) {
                end = afterQualifier
                qualified = true
            } else if let afterSpace = space(in: bytes, at: end), mayBeOne(of: MoneyLexicon.qualifiersAfterWords, in: bytes, at: afterSpace),
                let (afterEnd, _) = scratch.readOther(bytes, at: afterSpace),
                MoneyLexicon.qualifiersAfterWords.contains(scratch.other)
            {
                end = afterEnd
                qualified = true
                dollarCountry = MoneyLexicon.dollarQualifiers[String(decoding: scratch.other, as: UTF8.self)]
            }
            if needsQualifier && !qualified { continue }
            if iso == "USD", let dollarCountry { iso = dollarCountry }
            // Francs alone are Swiss, French or CFA francs: which one the text cannot say.
            if !qualified && MoneyLexicon.isQualifiedOnly(iso) { return Currency(iso: iso, end: end, ambiguous: .currency) }
            return Currency(
                iso: iso, end: end, word: true, notEnglish: MoneyLexicon.stemIsNotEnglish[stemIndex], plainDollar: iso == "USD" && !qualified)
        }
        return nil
    }


    /// `d'euro`, `d'euros` after a subunit word (`95 centimes d'euros`): the currency and where it
    /// ends.
    private static func elidedCurrency(in bytes: UnsafeBufferPointer<UInt8>, after end: Int, scratch: inout LowerWord) -> (String, Int)? {
        guard let position = space(in: bytes, at: end), position + 2 < bytes.count, bytes[position] | 0x20 == 0x64,
            let (wordEnd, _) = scratch.readOther(bytes, at: position)
        else { return nil }
        let word = scratch.other
        guard let apostrophe = word.firstIndex(where: { $0 == 0x27 || $0 == 0xE2 }) else { return nil }
        let rest = word[(apostrophe + (word[apostrophe] == 0x27 ? 1 : 3))...]
        let scalars = rest.reduce(0) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 }
        return MoneyLexicon.currency(forLower: rest, scalars: scalars).map { ($0, wordEnd) }
    }

    /// A currency written after the number: its code, where it ends, whether it is a subunit
    /// (`qəpik`; `iso` empty for a subunit of several currencies, `cents`), and why it cannot be
    /// read as an amount of one currency (`francs` alone).
    struct Currency {
        var iso: String
        var end: Int
        var subunit = false
        var ambiguous: Ambiguity?
        /// A currency word (`lira`, `euros`), not a sign or code: only after one may a price's
        /// bare cents follow (`1 euro 50`; `5€ 10` is two numbers).
        var word = false
        /// A currency word no English text writes (`avro`, `евро`): the number is not English.
        var notEnglish = false
        /// A bare `$` after the number: in French, Canada's way of writing its dollar (`675
        /// millions $`), which France writes for the US one only with a qualifier (`$US`).
        var dollarSign = false
        /// A dollar no sign or word says the country of (`$5`, `5 dollars`; not `US$`, `US dollars`).
        var plainDollar = false
        /// A word that names money only in Azerbaijani and Turkish (`sent`).
        var turkicOnly = false
    }
}

/// A word lower-cased into a buffer reused for every word, and which word it is: the magnitude and
/// the currency after a number are looked for in the same words, which are lower-cased once.
struct LowerWord {
    private var buffer = WordBuffer(capacity: 32)
    /// The word in ``bytes``: where it starts and ends in the text, and its length in scalars; nil
    /// once ``bytes`` are changed otherwise.
    private var word: (start: Int, end: Int, scalars: Int)?
    /// A second buffer, for the word after a currency word (``readOther(_:at:)``).
    private var otherBuffer = WordBuffer(capacity: 0)

    /// The lower-cased UTF-8 (``MoneyStage/lowerWord(in:at:into:)``).
    var bytes: ArraySlice<UInt8> { buffer.bytes }
    var other: ArraySlice<UInt8> { otherBuffer.bytes }

    /// The end and length in scalars of the word at `start`, now in ``bytes``; nil if none starts
    /// there.
    mutating func read(_ text: UnsafeBufferPointer<UInt8>, at start: Int) -> (end: Int, scalars: Int)? {
        if let word, word.start == start { return (word.end, word.scalars) }
        let read = MoneyStage.lowerWord(in: text, at: start, into: &buffer)
        word = read.map { (start, $0.end, $0.scalars) }
        return read
    }

    /// ``read(_:at:)`` into ``other``, leaving ``bytes`` as they are.
    mutating func readOther(_ text: UnsafeBufferPointer<UInt8>, at start: Int) -> (end: Int, scalars: Int)? {
        MoneyStage.lowerWord(in: text, at: start, into: &otherBuffer)
    }

    /// Makes ``bytes`` the lower case of `text` (``MoneyStage/setLowercase(of:inPlace:into:)``).
    mutating func setLowercase(of text: Slice<UnsafeBufferPointer<UInt8>>, inPlace: Bool) {
        word = nil
        MoneyStage.setLowercase(of: text, inPlace: inPlace, into: &buffer)
    }

    /// Adds a full stop to ``bytes`` (an abbreviation: `млн.`), and takes it off again.
    mutating func appendFullStop() {
        word = nil
        buffer.append(0x2E)
    }

    mutating func removeFullStop() {
        word = nil
        buffer.removeLast()
    }
}

/// Bytes written in place into storage kept from word to word: Array's `append` and `removeAll`,
/// paid per byte and per word, cost more than the lower-casing itself.
struct WordBuffer {
    /// The first ``count`` bytes are the word's; it grows and never shrinks.
    private var storage: [UInt8]
    private(set) var count = 0

    init(capacity: Int) {
        storage = [UInt8](repeating: 0, count: capacity)
    }

    /// The word's bytes.
    var bytes: ArraySlice<UInt8> { storage[0..<count] }

    /// Makes the bytes those that `write` writes into room for `capacity` bytes (it returns how
    /// many it wrote).
    mutating func set(capacity: Int, _ write: (UnsafeMutableBufferPointer<UInt8>) -> Int) {
        if storage.count < capacity { storage.append(contentsOf: repeatElement(0, count: capacity - storage.count)) }
        count = storage.withUnsafeMutableBufferPointer { write(UnsafeMutableBufferPointer(rebasing: $0[0..<capacity])) }
    }

    mutating func append(_ byte: UInt8) {
        if count == storage.count { storage.append(byte) } else { storage[count] = byte }
        count += 1
    }

    mutating func removeLast() {
        count -= 1
    }
}

/// Finds money amounts in running text and writes each in one form for the target language.
///
/// An amount is a number with a currency: a sign (€ $ US$ £ ₼ ֏ ₽ ₺ ₾) or ISO code before or after
/// it, or a currency word after it in any of the six languages, inflected or not (`avro`,
/// `manattan`, `долларов`, `d'euros`, `դրամ`), with an optional magnitude word between (`400 min
/// avro`, `2,5 млрд долларов`, `1,5 million d'euros`) or after a currency after the number (`1₼
/// млн`). Numbers are read in the record language's own format (`1.000` is a thousand in Turkish,
/// one in English); an English-style sign before the number (`€400,000`) means English grouping in
/// any language. A number without a currency is never money, so dates, years, counts and
/// percentages stay as they are.
///
/// Output (style `code`, target English): `€400,000` → `EUR 400,000`, `400 min avro` →
/// `EUR 400,000` (thousands multiplied in), `1,5 milyard ₼` → `AZN 1.5 billion` (millions and
/// billions kept as a word). The target's number format comes from ICU's number formatter for the
/// target locale. Each amount's annotation carries `amount` (exact decimal) and `currency`
/// (`low`/`high` for a range such as `$5-10 million`).
public struct MoneyStage: Stage {
    /// How an amount is written: `EUR 400,000` (code), `€400,000` (symbol), `400,000 euros` (name).
    public enum Style: String, Sendable, CaseIterable {
        /// `EUR 400,000`
        case code
        /// `€400,000`
        case symbol
        /// `400,000 euros`
        case name
    }

    /// What happens to numbers that are not money.
    public enum Numbers: String, Sendable, CaseIterable {
        /// Left as written.
        case keep
        /// Rewritten in the target's format (`97.000 mayın` → `97,000 mayın` for English). Only
        /// numbers written with a grouping or decimal separator that the record's language reads
        /// unambiguously: a plain run of digits may be a year, a phone number or a code, and a date
        /// (21.09.2021) or time (14:30) is no number.
        case target
    }

    public static let stageName = "money"
    public var name: String { Self.stageName }
    /// The spans it reads: the glossary stage's (entities that qualify a currency: `долларов США`).
    public var readsMarks: Set<String>? { [GlossaryStage.stageName] }
    public let style: Style
    public let numbers: Numbers
    private let formatters: [DecimalFormatter]

    /// Reference rates and the currency to add a converted amount in: `EUR 400,000 (≈ USD 472,752)`.
    public let conversion: (rates: ExchangeRates, target: String)?

    /// What a bare `$` and `francs` mean in this feed.
    public let defaults: CurrencyDefaults

    public init(
        style: Style = .code, numbers: Numbers = .keep, conversion: (rates: ExchangeRates, target: String)? = nil, defaults: CurrencyDefaults = CurrencyDefaults()
    ) throws(DragomanError) {
        self.defaults = defaults
        self.style = style
        self.numbers = numbers
        self.conversion = conversion
        var formatters: [DecimalFormatter] = []
        for language in LanguageTag.allCases {
            do throws(ICUError) {
                formatters.append(try DecimalFormatter(locale: language.icuLocale))
            } catch {
                throw .icu(error)
            }
        }
        self.formatters = formatters
    }

    public func apply(to text: String, context: StageContext) throws(DragomanError) -> StageResult {
        var found: [Found] = []
        var plain: [(WrittenNumber, ExactDecimal)] = []
        // Whether a subunit of several currencies (`cents`) was found, to be given one.
        var genericSubunits = false
        var language = RecordLanguageCache(context: context)
        // Countries the glossary wrote may qualify a currency word (долларов США → долларов United
        // States); their marks are read only where a currency word may be (``qualifier(at:in:)``).
        let marks = context.marks
        text.withUTF8Buffer { bytes in
            var index = 0
            var floor = 0
            // Where the last number refused as an amount with its currency ends (``amount(in:number:floor:language:scratch:marks:refusedEnd:)``).
            var refusedEnd = 0
            var scratch = LowerWord()
            let count = bytes.count
            while true {
                index = ASCIIScan.firstDigit(in: bytes, from: index)
                guard index < count else { break }
                // A digit inside a word (A4, COVID19) starts no amount, unless the word is a code (USD3.14).
                if index > 0, ASCIIScan.isLetter(bytes[index - 1]), !Self.codeEnds(bytes, at: index) {
                    index = Self.skipDigits(bytes, from: index)
                    continue
                }
                let number = WrittenNumber.read(bytes, at: index)
                if let amount = Self.amount(in: bytes, number: number, floor: floor, language: &language, scratch: &scratch, marks: marks, refusedEnd: &refusedEnd) {
                    // Room for a record's amounts at once, not one reallocation per amount.
                    if found.isEmpty { found.reserveCapacity(8) }
                    found.append(amount)
                    if amount.currency.isEmpty { genericSubunits = true }
                    floor = amount.range.upperBound
                    index = amount.range.upperBound
                } else {
                    index = number.range.upperBound
                    // A number with a currency that was refused as an amount (`$0841.492`: no group
                    // of four digits before a grouping `.`) is no plain number either: rewritten as
                    // one (`$841.492`), a second pass reads it as an amount, here a thousand times
                    // larger (`USD 841,492`). It stays as written, as does a range's second number.
                    if numbers == .target, number.range.lowerBound >= refusedEnd, number.separatorCount > 0, !Self.continuesNumber(bytes, at: index),
                        !Self.inDigitSequence(bytes, number.range),
                        let value = number.value(in: bytes, language: { language.value() }, englishStyle: false)
                    {
                        plain.append((number, value))
                        floor = index
                    }
                }
            }
        }
        guard !found.isEmpty || !plain.isEmpty else { return StageResult(unchanged: text) }
        if defaults.dollar != nil || defaults.franc != nil { applyDefaults(to: &found) }
        if genericSubunits { Self.resolveSubunits(&found) }
        let formatter = formatters[context.target.ordinal]
        var edits: [Edit] = []
        edits.reserveCapacity(found.count + plain.count)
        var buffer: [UInt8] = []
        buffer.reserveCapacity(64)
        do throws(ICUError) {
            for index in found.indices {
                if let reason = found[index].ambiguous {
                    // Left as written; only a reader of the annotations learns why.
                    if context.recordsEdits {
                        var data = ["ambiguous": reason.rawValue]
                        if reason == .currency {
                            data["currencies"] = MoneyLexicon.sharedCurrencies(of: found[index].currency)
                        } else if !found[index].currency.isEmpty {
                            data["currency"] = found[index].currency
                        }
                        edits.append(Edit(stage: name, range: found[index].range, replacement: text.utf8Slice(found[index].range), data: data))
                    }
                    continue
                }
                edits.append(try edit(for: found[index], formatter: formatter, target: context.target, describe: context.recordsEdits, buffer: &buffer))
            }
            for (number, value) in plain {
                let formatted = try formatter.format(value.description)
                let written = text.utf8Slice(number.range)
                if formatted != written {
                    edits.append(Edit(stage: name, range: number.range, replacement: formatted, data: ["number": value.description]))
                }
            }
        } catch {
            throw .icu(error)
        }
        return try StageResult(applying: edits, to: text)
    }

    /// The feed's dollar for bare dollars, its franc for francs alone.
    private func applyDefaults(to found: inout [Found]) {
        for index in found.indices {
            if found[index].plainDollar, let dollar = defaults.dollar {
                found[index].currency = dollar
                if found[index].ambiguous == .currency { found[index].ambiguous = nil }
            } else if found[index].ambiguous == .currency, found[index].currency == "CHF", let franc = defaults.franc {
                found[index].currency = franc
                found[index].ambiguous = nil
            }
        }
    }

    /// Gives a subunit of several currencies (`cents`, `kopecks`) the currency of the record's
    /// other amounts, when they have one; else it is flagged (`subunit`).
    private static func resolveSubunits(_ found: inout [Found]) {
        // The main units' currencies: `20 qapicks (11 cents)` gives cents no currency. A flagged
        // amount's counts where only its value is in doubt (`grouping`).
        let currencies = Set(
            found.lazy.filter { !$0.currency.isEmpty && !$0.subunit && ($0.ambiguous == nil || $0.ambiguous == .grouping) }.map(\.currency))
        for index in found.indices where found[index].currency.isEmpty && found[index].ambiguous == nil {
            if currencies.count == 1, let currency = currencies.first {
                found[index].currency = currency
            } else {
                found[index].ambiguous = .subunit
            }
        }
    }

    /// Whether a number goes on past what was read (`1.2.3`, `21.09.2021`, `14:30`, `1-2`): then
    /// it is a version, date, time or code, not a number to reformat.
    private static func continuesNumber(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index < bytes.count else { return false }
        let byte = bytes[index]
        if byte == 0x3A || byte == 0x2F || byte == 0x2D { return true }  // : / -
        guard byte == 0x2E || byte == 0x2C, index + 1 < bytes.count else { return false }
        return bytes[index + 1] >= 0x30 && bytes[index + 1] <= 0x39
    }

    /// Whether a number stands in a run of digit groups (a phone number: `+994 12 555 12 34`).
    private static func inDigitSequence(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        func isDigit(_ index: Int) -> Bool { index >= 0 && index < bytes.count && bytes[index] >= 0x30 && bytes[index] <= 0x39 }
        let before = range.lowerBound - 1
        if before >= 0, bytes[before] == 0x2B { return true }  // +
        if before >= 0, bytes[before] == 0x20, isDigit(before - 1) || (before >= 1 && bytes[before - 1] == 0x2B) { return true }
        return range.upperBound < bytes.count && bytes[range.upperBound] == 0x20 && isDigit(range.upperBound + 1)
    }

    /// Whether a currency code ends right at `index` (`USD` in `USD3.14`).
    private static func codeEnds(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        var start = index
        while start > 0, start > index - 4, bytes[start - 1] >= 0x41 && bytes[start - 1] <= 0x5A { start -= 1 }
        guard index - start >= 2, start == 0 || !ASCIIScan.isLetter(bytes[start - 1]) else { return false }
        // Only the common codes run into their number (`USD3.14`); any code would make `COP29`, the
        // climate conference, an amount in Colombian pesos.
        return MoneyLexicon.commonCode(written: UnsafeBufferPointer(rebasing: bytes[start..<index])) != nil
    }

    private static func skipDigits(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        while index < bytes.count, bytes[index] >= 0x30 && bytes[index] <= 0x39 { index += 1 }
        return index
    }

    /// The record's language, asked of the context only when a number's reading depends on it (the
    /// record's language may need detection), then kept. Passed on `inout`: a closure that captured
    /// the context copied it at every call it was passed to (some 20 M instructions on the
    /// benchmark corpus).
    struct RecordLanguageCache {
        let context: StageContext
        var resolved: LanguageTag?

        init(context: StageContext) {
            self.context = context
        }

        mutating func value() -> LanguageTag {
            if let resolved { return resolved }
            let language = context.language
            resolved = language
            return language
        }
    }

    /// Why an amount is left as written (the annotation's `ambiguous`).
    enum Ambiguity: String {
        /// One `.` or `,` before three digits that may be a decimal point (`1,881 euros`).
        case grouping
        /// A currency word several currencies share (`francs`).
        case currency
        /// A subunit of several currencies with no main unit to take one from (`34 cents`).
        case subunit
    }

    /// An amount found in the text.
    struct Found {
        var range: Range<Int>
        var currency: String
        var low: ExactDecimal
        var high: ExactDecimal?
        /// The magnitude written after the number, as a power of ten.
        var power: Int
        /// The dash of a range as written (hyphen or en dash).
        var dash = "-"
        /// Preceded by a word such as "about" or "около".
        var approximate = false
        /// Starts right after a letter (`milyon₼5`): a code written there needs a space before it.
        var afterLetter = false
        /// Why the amount cannot be read with certainty: then it stays as written, and its
        /// annotation says so.
        var ambiguous: Ambiguity?
        /// Written in a subunit (`50 qəpik`, `34 cents`).
        var subunit = false
        /// A dollar no sign or word says the country of (`$5`, `5 dollars`).
        var plainDollar = false
    }

    /// The currencies a feed means by a bare `$` or `dollars` and by `francs`: a Canadian desk's
    /// `$` is CAD, a Swiss desk's `francs` CHF (the config's `dollar` and `franc`). Without them a
    /// dollar is USD (a French `675 millions $` is flagged) and francs are flagged.
    public struct CurrencyDefaults: Sendable, Equatable {
        public var dollar: String?
        public var franc: String?

        public init(dollar: String? = nil, franc: String? = nil) {
            self.dollar = dollar
            self.franc = franc
        }
    }

    /// The edit for an amount; its data only when `describe` (no one reads it otherwise). `buffer`
    /// is a scratch buffer for the replacement's bytes.
    private func edit(for amount: Found, formatter: DecimalFormatter, target: LanguageTag, describe: Bool, buffer: inout [UInt8]) throws(ICUError) -> Edit {
        // Thousands are multiplied in; millions and more stay a word, as agency copy writes them.
        // (Magnitudes without a word in the target, lakh and crore, are multiplied in.)
        let keepWord = amount.power == 6 || amount.power == 9 || amount.power == 12
        let shown = { (value: ExactDecimal) -> ExactDecimal in keepWord ? value : value.scaled(byPowerOfTen: amount.power) }
        // Written as UTF-8 into one buffer, made a string once: string by string, the appends cost
        // more than the rest of the edit.
        buffer.removeAll(keepingCapacity: true)
        if style == .code {
            // Glued to the word before it, the code would be no code to a second pass (`nAZN 2₼`
            // reads as `nAZN AZN 2`): it gets a space.
            if amount.afterLetter { buffer.append(0x20) }
            var currency = amount.currency
            currency.withUTF8 { buffer.append(contentsOf: $0) }
            buffer.append(0x20)
        }
        try formatter.format(shown(amount.low).description, appendingTo: &buffer)
        if let high = amount.high {
            buffer.append(contentsOf: amount.dash.utf8)
            try formatter.format(shown(high).description, appendingTo: &buffer)
        }
        if keepWord {
            buffer.append(0x20)
            var word = MoneyLexicon.word(forPower: amount.power, target: target)
            word.withUTF8 { buffer.append(contentsOf: $0) }
        }
        let written = String(decoding: buffer, as: UTF8.self)
        var replacement: String
        switch style {
        case .code:
            replacement = written  // code, space, amount
        case .symbol:
            let symbol = CurrencyNames.name(of: amount.currency, locale: target.icuLocale, style: .symbol) ?? amount.currency
            replacement = symbol.unicodeScalars.contains { $0.properties.isAlphabetic } ? symbol + " " + written : symbol + written
        case .name:
            let category = amount.high == nil && !keepWord && amount.low.isOne ? "one" : "other"
            let name = CurrencyNames.pluralName(of: amount.currency, locale: target.icuLocale, category: category) ?? amount.currency
            replacement = written + " " + name
        }
        var data: [String: String] = [:]
        if let (rates, target) = conversion, amount.currency != target, amount.high == nil,
            let converted = rates.convert(amount.low.scaled(byPowerOfTen: amount.power), from: amount.currency, to: target)
        {
            // Agency copy adds the equivalent in brackets; the rate's date goes in the annotation.
            replacement += " (≈ \(target) \(try formatter.format(converted.description)))"
            data["converted"] = converted.description
            data["converted_currency"] = target
            data["rate_date"] = rates.date
        }
        guard describe else { return Edit(stage: name, range: amount.range, replacement: replacement) }
        data["currency"] = amount.currency
        if amount.approximate { data["approximate"] = "true" }
        if let high = amount.high {
            data["low"] = amount.low.scaled(byPowerOfTen: amount.power).description
            data["high"] = high.scaled(byPowerOfTen: amount.power).description
        } else {
            data["amount"] = amount.low.scaled(byPowerOfTen: amount.power).description
        }
        return Edit(stage: name, range: amount.range, replacement: replacement, data: data)
    }
}

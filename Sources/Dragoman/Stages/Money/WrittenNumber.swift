/// A number as written in running text: digit groups and the separators between them, before it
/// is known which separator is the decimal point.
///
/// It holds ranges of the scanned bytes and what ``value(in:language:englishStyle:amount:)`` asks
/// of the separators, not the separators themselves: the money stage reads every number of every
/// record, and arrays of groups and separators were two allocations per number with a separator.
struct WrittenNumber {
    var range: Range<Int>
    /// The first digit group.
    var first: Range<Int>
    /// How many separators (and digit groups after the first) there are.
    var separatorCount = 0
    /// The first and the last separator (0 without any).
    var firstSeparator: UInt32 = 0
    var lastSeparator: UInt32 = 0
    /// The last digit group (the first without a separator).
    var lastGroup: Range<Int>
    /// Whether the last separator is written nowhere before it (then it may be a decimal point).
    var lastSeparatorIsUnique = true
    /// Whether every separator before the last is alike with the first (the same, or both
    /// spaces), and whether the last one is.
    var alikeBeforeLast = true
    var lastAlike = true
    /// Whether every digit group between the first and the last has three digits.
    var middleGroupsOfThree = true

    init(range: Range<Int>, first: Range<Int>) {
        self.range = range
        self.first = first
        self.lastGroup = first
    }

    /// Space, no-break space, narrow no-break space, thin space: the grouping spaces.
    static func isSpace(_ value: UInt32) -> Bool {
        value == 0x20 || value == 0xA0 || value == 0x202F || value == 0x2009
    }

    /// A bit per separator a number may have, to tell whether one was written before.
    private static func separatorBit(_ separator: UInt32) -> UInt8 {
        switch separator {
        case 0x2C: 1
        case 0x2E: 2
        case 0x27: 4
        case 0x20: 8
        case 0xA0: 16
        case 0x202F: 32
        default: 64  // thin space
        }
    }

    /// Reads digits and separators at `start` (a digit). A space-like separator joins only a group of
    /// exactly three digits (`3 418`, `1 000 000`), so that `in 2021 12 mines` stays apart.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> WrittenNumber {
        let count = bytes.count
        func digits(from position: Int) -> Int {
            var end = position
            while end < count, bytes[end] >= 0x30 && bytes[end] <= 0x39 { end += 1 }
            return end
        }
        var index = digits(from: start)
        var number = WrittenNumber(range: start..<index, first: start..<index)
        // The separators before the last one, a bit each.
        var seen: UInt8 = 0
        while index < count {
            let (separator, length) = UTF8Decoding.scalar(in: bytes, at: index)
            guard separator == 0x2C || separator == 0x2E || separator == 0x27 || isSpace(separator) else { break }
            let next = index + length
            guard next < count, bytes[next] >= 0x30 && bytes[next] <= 0x39 else { break }
            let end = digits(from: next)
            if isSpace(separator) || separator == 0x27 {
                guard end - next == 3 else { break }
            }
            if number.separatorCount == 0 {
                number.firstSeparator = separator
            } else {
                seen |= separatorBit(number.lastSeparator)
                number.alikeBeforeLast = number.alikeBeforeLast && number.lastAlike
                number.middleGroupsOfThree = number.middleGroupsOfThree && number.lastGroup.count == 3
            }
            number.lastSeparator = separator
            number.lastSeparatorIsUnique = seen & separatorBit(separator) == 0
            let first = number.firstSeparator
            number.lastAlike = separator == first || (isSpace(separator) && isSpace(first))
            number.lastGroup = next..<end
            number.separatorCount += 1
            index = end
        }
        number.range = start..<index
        return number
    }

    /// Whether, read as an amount with no magnitude word, the number's one `.` or `,` before
    /// exactly three digits is what `language` (or English style, after €, $ or £) writes as its
    /// decimal point: then `1,881 euros` may be a price to three decimals or 1,881 euros, and
    /// ``value(in:language:englishStyle:amount:)`` would guess grouping.
    ///
    /// With a magnitude word (`$462,564 млн`), the separator is ambiguous where the sign's English
    /// style and the record's language disagree: `462.564` million in a Russian text, `462,564`
    /// million in an English one.
    ///
    /// `notEnglish`: the currency word is one English does not write (`avro`), so the text's
    /// decimal point is a comma, without asking the record's language.
    func groupingIsAmbiguous(
        in bytes: UnsafeBufferPointer<UInt8>, language: () -> LanguageTag, englishStyle: Bool, magnitude: Bool = false, notEnglish: Bool = false
    ) -> Bool {
        guard separatorCount == 1, lastGroup.count == 3, lastSeparator == 0x2C || lastSeparator == 0x2E,
            first.count <= 3, !bytes[first].allSatisfy({ $0 == 0x30 })
        else { return false }
        // The record's language is asked last: detecting it is not free.
        if magnitude { return englishStyle && lastSeparator == 0x2C && language() != .en }
        if englishStyle { return lastSeparator == 0x2E }
        if notEnglish { return lastSeparator == 0x2C }
        return lastSeparator == (language() == .en ? 0x2E : 0x2C)
    }

    /// The value, reading separators the way `language` writes numbers; `englishStyle` when a sign
    /// before the number (€400,000, $472,752) says the writer used English grouping. `bytes` are
    /// the bytes the number was read from.
    ///
    /// `language` is asked only when the reading depends on it (one `.` or `,` before exactly three
    /// digits): detecting a record's language is not free.
    ///
    /// `amount`: the number is an amount of money with no magnitude word. Then one separator
    /// before exactly three digits is grouping in every language (`EUR 400,000` in a Turkish text,
    /// `400.000 avro` in an English one): money is not written to three decimals, and Dragoman's
    /// own output must read back as the same amount.
    func value(in bytes: UnsafeBufferPointer<UInt8>, language: () -> LanguageTag, englishStyle: Bool, amount: Bool = false) -> ExactDecimal? {
        guard separatorCount > 0 else {
            return ExactDecimal(digits: bytes, integer: first, fraction: nil)
        }
        let pointLike = lastSeparator == 0x2C || lastSeparator == 0x2E
        // One point-like separator at the end is the decimal point unless it is followed by exactly
        // three digits and is not the writer's decimal point (400.000 in Turkish, 1,500 in English).
        var isDecimal = pointLike && lastSeparatorIsUnique
        if isDecimal && lastGroup.count == 3 && amount {
            // No grouping starts with a zero group: `0,151 euro` is a decimal in every language.
            isDecimal = bytes[first].allSatisfy { $0 == 0x30 }
        } else if isDecimal && lastGroup.count == 3 {
            let preferred: UInt32 = englishStyle || language() == .en ? 0x2E : 0x2C  // the decimal point
            isDecimal = lastSeparator == preferred
        }
        // The grouping separators: all but a decimal point.
        if !isDecimal || separatorCount > 1 {
            // All alike, three digits in every group after the first.
            let alike = isDecimal ? alikeBeforeLast : alikeBeforeLast && lastAlike
            let groupsOfThree = isDecimal ? middleGroupsOfThree : middleGroupsOfThree && lastGroup.count == 3
            guard alike, groupsOfThree, first.count <= 3 else { return nil }
            if isDecimal && firstSeparator == lastSeparator { return nil }
        }
        // The integer's digits are the digits up to the decimal point: no separator byte is a digit.
        let integer = first.lowerBound..<(isDecimal ? lastGroup.lowerBound : lastGroup.upperBound)
        return ExactDecimal(digits: bytes, integer: integer, fraction: isDecimal ? lastGroup : nil)
    }
}

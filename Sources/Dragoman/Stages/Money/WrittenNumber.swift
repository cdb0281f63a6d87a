/// A number as written in running text: digit groups and the separators between them, before it
/// is known which separator is the decimal point.
///
/// It holds ranges of the scanned bytes, not strings: the money stage reads every number of every
/// record, and most are plain digit runs (years, counts) that allocate nothing here.
struct WrittenNumber {
    var range: Range<Int>
    /// The first digit group.
    var first: Range<Int>
    /// The digit groups after the first, each after the separator of the same index.
    var rest: [Range<Int>] = []
    var separators: [UInt32] = []

    /// Space, no-break space, narrow no-break space, thin space: the grouping spaces.
    static func isSpace(_ value: UInt32) -> Bool {
        value == 0x20 || value == 0xA0 || value == 0x202F || value == 0x2009
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
        while index < count {
            let (separator, length) = UTF8Decoding.scalar(in: bytes, at: index)
            guard separator == 0x2C || separator == 0x2E || separator == 0x27 || isSpace(separator) else { break }
            let next = index + length
            guard next < count, bytes[next] >= 0x30 && bytes[next] <= 0x39 else { break }
            let end = digits(from: next)
            if isSpace(separator) || separator == 0x27 {
                guard end - next == 3 else { break }
            }
            number.rest.append(next..<end)
            number.separators.append(separator)
            index = end
        }
        number.range = start..<index
        return number
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
        func text(_ ranges: some Sequence<Range<Int>>) -> String {
            var utf8: [UInt8] = []
            for range in ranges { utf8.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range])) }
            return String(decoding: utf8, as: UTF8.self)
        }
        guard let lastSeparator = separators.last, let lastGroup = rest.last else {
            return ExactDecimal(integer: text(CollectionOfOne(first)))
        }
        let sameAsLast = separators.count { $0 == lastSeparator }
        let pointLike = lastSeparator == 0x2C || lastSeparator == 0x2E
        // One point-like separator at the end is the decimal point unless it is followed by exactly
        // three digits and is not the writer's decimal point (400.000 in Turkish, 1,500 in English).
        var isDecimal = pointLike && sameAsLast == 1
        if isDecimal && lastGroup.count == 3 && amount {
            isDecimal = false
        } else if isDecimal && lastGroup.count == 3 {
            let preferred: UInt32 = englishStyle || language() == .en ? 0x2E : 0x2C  // the decimal point
            isDecimal = lastSeparator == preferred
        }
        let grouping = isDecimal ? separators.dropLast() : separators[...]
        let laterGroups = isDecimal ? rest.dropLast() : rest[...]
        if let firstSeparator = grouping.first {
            // Grouping separators: all alike, three digits in every group after the first.
            guard grouping.allSatisfy({ $0 == firstSeparator || (Self.isSpace($0) && Self.isSpace(firstSeparator)) }),
                laterGroups.allSatisfy({ $0.count == 3 }), first.count <= 3
            else { return nil }
            if isDecimal && firstSeparator == lastSeparator { return nil }
        }
        return ExactDecimal(integer: text([first] + laterGroups), fraction: isDecimal ? text(CollectionOfOne(lastGroup)) : "")
    }
}

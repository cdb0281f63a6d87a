/// A number as written in running text: digit groups and the separators between them, before it
/// is known which separator is the decimal point.
struct WrittenNumber {
    var range: Range<Int>
    /// The digit groups, as ASCII digits.
    var groups: [Substring]
    var separators: [UInt32]

    /// Space, no-break space, narrow no-break space, thin space: the grouping spaces.
    static func isSpace(_ value: UInt32) -> Bool {
        value == 0x20 || value == 0xA0 || value == 0x202F || value == 0x2009
    }

    /// Reads digits and separators at `start` (a digit). A space-like separator joins only a group of
    /// exactly three digits (`3 418`, `1 000 000`), so that `in 2021 12 mines` stays apart.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> WrittenNumber {
        var groupRanges: [Range<Int>] = []
        var separators: [UInt32] = []
        var index = start
        let count = bytes.count
        func digits(from position: Int) -> Int {
            var end = position
            while end < count, bytes[end] >= 0x30 && bytes[end] <= 0x39 { end += 1 }
            return end
        }
        var end = digits(from: index)
        groupRanges.append(index..<end)
        index = end
        while index < count {
            let (separator, length) = UTF8Decoding.scalar(in: bytes, at: index)
            guard separator == 0x2C || separator == 0x2E || separator == 0x27 || isSpace(separator) else { break }
            let next = index + length
            guard next < count, bytes[next] >= 0x30 && bytes[next] <= 0x39 else { break }
            end = digits(from: next)
            if isSpace(separator) || separator == 0x27 {
                guard end - next == 3 else { break }
            }
            groupRanges.append(next..<end)
            separators.append(separator)
            index = end
        }
        // One string for all the digits; groups are slices of it.
        var digitsText = ""
        var slices: [Range<Int>] = []
        for range in groupRanges {
            let lower = digitsText.utf8.count
            digitsText += String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
            slices.append(lower..<digitsText.utf8.count)
        }
        let utf8 = digitsText.utf8
        let groups = slices.map { Substring(utf8[utf8.index(utf8.startIndex, offsetBy: $0.lowerBound)..<utf8.index(utf8.startIndex, offsetBy: $0.upperBound)]) }
        return WrittenNumber(range: start..<index, groups: groups, separators: separators)
    }

    /// The value, reading separators the way `language` writes numbers; `englishStyle` when a sign
    /// before the number (€400,000, $472,752) says the writer used English grouping.
    ///
    /// `language` is asked only when the reading depends on it (one `.` or `,` before exactly three
    /// digits): detecting a record's language is not free.
    func value(language: () -> LanguageTag, englishStyle: Bool) -> ExactDecimal? {
        guard let lastSeparator = separators.last, let lastGroup = groups.last else {
            return ExactDecimal(integer: String(groups[0]))
        }
        let sameAsLast = separators.filter { $0 == lastSeparator }.count
        let pointLike = lastSeparator == 0x2C || lastSeparator == 0x2E
        // One point-like separator at the end is the decimal point unless it is followed by exactly
        // three digits and is not the writer's decimal point (400.000 in Turkish, 1,500 in English).
        var isDecimal = pointLike && sameAsLast == 1
        if isDecimal && lastGroup.count == 3 {
            let preferred: UInt32 = englishStyle || language() == .en ? 0x2E : 0x2C  // the decimal point
            isDecimal = lastSeparator == preferred
        }
        let grouping = isDecimal ? separators.dropLast() : separators[...]
        let integerGroups = isDecimal ? groups.dropLast() : groups[...]
        if let first = grouping.first {
            // Grouping separators: all alike, three digits in every group after the first.
            guard grouping.allSatisfy({ $0 == first || (Self.isSpace($0) && Self.isSpace(first)) }),
                integerGroups.dropFirst().allSatisfy({ $0.count == 3 }), let lead = integerGroups.first, lead.count <= 3
            else { return nil }
            if isDecimal && first == lastSeparator { return nil }
        }
        let integer = integerGroups.joined()
        return ExactDecimal(integer: integer, fraction: isDecimal ? String(lastGroup) : "")
    }
}

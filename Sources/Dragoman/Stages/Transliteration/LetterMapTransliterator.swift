/// The compiled form of a ``LetterMap``: a lookup by source letter, with the same semantics as the
/// ICU rules the map generates, at Swift speed and on any number of threads.
///
/// It reads and writes UTF-8 bytes, with every target pre-encoded in each case form, so that a
/// word costs no allocation unless it changes (measured: per-word strings, arrays and hashing
/// cost more than the transliteration itself).
public struct LetterMapTransliterator: Sendable {
    /// One case form of a rule's source. Plain values only: targets live in one shared byte buffer,
    /// so the hot loop copies no reference and touches no reference count.
    private struct Entry: Sendable {
        /// The second scalar of a two-letter source, or 0.
        var second: UInt32
        var form: Form
        /// Offsets into `bytes` of the targets [lower, capitals, first capital], then the same for
        /// the word-initial target; `lengths` likewise.
        var offsets: (Int32, Int32, Int32, Int32, Int32, Int32)
        var lengths: (Int32, Int32, Int32, Int32, Int32, Int32)

        func target(initial: Bool, variant: Int) -> (Int, Int) {
            switch (initial, variant) {
            case (false, 0): (Int(offsets.0), Int(lengths.0))
            case (false, 1): (Int(offsets.1), Int(lengths.1))
            case (false, _): (Int(offsets.2), Int(lengths.2))
            case (true, 0): (Int(offsets.3), Int(lengths.3))
            case (true, 1): (Int(offsets.4), Int(lengths.4))
            case (true, _): (Int(offsets.5), Int(lengths.5))
            }
        }
    }

    private enum Form: Sendable { case lower, capital, allCapitals }

    /// All entries, grouped by first scalar; `ranges` gives each scalar's group.
    private let entries: [Entry]
    private let bytes: [UInt8]
    /// Scalars below ``directLimit`` (Latin, IPA, Cyrillic, Armenian) find their group by index.
    private let direct: [Int64]
    private let other: [UInt32: Int64]
    private static let directLimit: UInt32 = 0x600

    /// Packs a group as start << 32 | count; -1 for none.
    private func group(_ value: UInt32) -> Int64 {
        value < Self.directLimit ? direct[Int(value)] : (other[value] ?? -1)
    }

    public init(_ map: LetterMap) {
        var groups: [UInt32: [Entry]] = [:]
        var bytes: [UInt8] = []
        func store(_ text: String) -> (Int32, Int32) {
            let start = Int32(bytes.count)
            bytes.append(contentsOf: text.utf8)
            return (start, Int32(text.utf8.count))
        }
        // Two-letter sources first: the longest match wins.
        let ordered = map.rules.sorted { $0.source.unicodeScalars.count > $1.source.unicodeScalars.count }
        for rule in ordered {
            let scalars = Array(rule.source.unicodeScalars)
            guard let first = scalars.first else { continue }
            let second = scalars.count > 1 ? scalars[1] : nil
            let initial = rule.initial ?? rule.target
            let forms = [rule.target, rule.target.uppercased(), LetterMap.capitalized(rule.target), initial, initial.uppercased(), LetterMap.capitalized(initial)].map(store)
            let offsets = (forms[0].0, forms[1].0, forms[2].0, forms[3].0, forms[4].0, forms[5].0)
            let lengths = (forms[0].1, forms[1].1, forms[2].1, forms[3].1, forms[4].1, forms[5].1)
            func add(_ key: Unicode.Scalar, _ second: Unicode.Scalar?, _ form: Form) {
                groups[key.value, default: []].append(Entry(second: second?.value ?? 0, form: form, offsets: offsets, lengths: lengths))
            }
            switch LetterMap.forms(of: rule.source) {
            case .capitalOnly:
                add(first, second, .capital)
            case .lowerOnly:
                add(first, second, .lower)
            case .all:
                add(first, second, .lower)
                let upperFirst = Self.upper(first)
                if let second { add(upperFirst, Self.upper(second), .allCapitals) }
                add(upperFirst, second, .capital)
            }
        }
        var entries: [Entry] = []
        var direct = [Int64](repeating: -1, count: Int(Self.directLimit))
        var other: [UInt32: Int64] = [:]
        for (key, list) in groups.sorted(by: { $0.key < $1.key }) {
            let packed = Int64(entries.count) << 32 | Int64(list.count)
            entries += list
            if key < Self.directLimit { direct[Int(key)] = packed } else { other[key] = packed }
        }
        self.entries = entries
        self.bytes = bytes
        self.direct = direct
        self.other = other
    }

    private static func upper(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        String(scalar).uppercased().unicodeScalars.first ?? scalar
    }

    /// Whether any rule starts with this scalar.
    public func handles(_ value: UInt32) -> Bool {
        group(value) >= 0
    }

    /// Transliterates UTF-8 `input` (whole scalars), appending UTF-8 to `output`.
    ///
    /// - Parameter previous: the output scalar before `input` (nil at the start of the text), for
    ///   the word-start and capital-neighbour contexts.
    public func transliterate(_ input: UnsafeBufferPointer<UInt8>, previous: UInt32? = nil, into output: inout [UInt8]) {
        entries.withUnsafeBufferPointer { entries in
            bytes.withUnsafeBufferPointer { targets in
                var last = previous
                var index = 0
                let count = input.count
                // Bytes without a rule are copied in runs, not scalar by scalar.
                var unchanged = 0
                defer { output.append(contentsOf: UnsafeBufferPointer(rebasing: input[unchanged..<count])) }
                while index < count {
                    let (value, length) = UTF8Decoding.scalar(in: input, at: index)
                    let packed = group(value)
                    var matched = -1
                    var consumed = length
                    if packed >= 0 {
                        let start = Int(packed >> 32)
                        for candidate in start..<start + Int(packed & 0xFFFF_FFFF) {
                            let second = entries[candidate].second
                            if second != 0 {
                                guard index + length < count else { continue }
                                let (next, nextLength) = UTF8Decoding.scalar(in: input, at: index + length)
                                guard next == second else { continue }
                                consumed = length + nextLength
                            } else {
                                consumed = length
                            }
                            matched = candidate
                            break
                        }
                    }
                    guard matched >= 0 else {
                        last = value
                        index += length
                        continue
                    }
                    // Combining marks on a rewritten letter go with it (see ``LetterMap``). The
                    // next letter is decoded only when its lead byte may start a mark.
                    while index + consumed < count, Self.mayStartMark(input[index + consumed]) {
                        let (mark, markLength) = UTF8Decoding.scalar(in: input, at: index + consumed)
                        guard Self.isMark(mark) else { break }
                        consumed += markLength
                    }
                    if unchanged < index { output.append(contentsOf: UnsafeBufferPointer(rebasing: input[unchanged..<index])) }
                    let entry = entries[matched]
                    let atWordStart = !(last.map(UTF8Decoding.isWordScalar) ?? false)
                    let variant: Int
                    switch entry.form {
                    case .lower: variant = 0
                    case .allCapitals: variant = 1
                    case .capital:
                        let next = index + consumed < count ? UTF8Decoding.scalar(in: input, at: index + consumed).value : nil
                        let besideCapital = (last.map(Self.isCapital) ?? false) || (next.map(Self.isCapital) ?? false)
                        variant = besideCapital ? 1 : 2
                    }
                    let (offset, targetLength) = entry.target(initial: atWordStart, variant: variant)
                    if targetLength > 0 {
                        let produced = UnsafeBufferPointer(rebasing: targets[offset..<offset + targetLength])
                        output.append(contentsOf: produced)
                        last = UTF8Decoding.scalar(in: produced, at: UTF8Decoding.previousStart(in: produced, before: produced.count)).value
                    }
                    index += consumed
                    unchanged = index
                }
            }
        }
    }

    /// Whether a UTF-8 lead byte may start a combining mark: U+0300–U+037F (0xCC, 0xCD),
    /// U+0480–U+04BF (0xD2), or U+0580 and up (0xD6 and up). ASCII, Latin and most Cyrillic and
    /// Armenian letters start with other bytes, and cost no decoding.
    @inline(always)
    static func mayStartMark(_ lead: UInt8) -> Bool {
        lead == 0xCC || lead == 0xCD || lead == 0xD2 || lead >= 0xD6
    }

    /// ICU's `[:M:]`. Below U+0591 (Latin, Greek, Cyrillic, Armenian) by range: the Unicode tables
    /// cost some 300 instructions a call.
    @inline(always)
    static func isMark(_ value: UInt32) -> Bool {
        switch value {
        case 0x300..<0x370, 0x483..<0x48A: true
        case 0..<0x591: false
        default: isMarkByCategory(value)
        }
    }

    @inline(never)
    private static func isMarkByCategory(_ value: UInt32) -> Bool {
        switch Unicode.Scalar(value)?.properties.generalCategory {
        case .nonspacingMark?, .spacingMark?, .enclosingMark?: true
        default: false
        }
    }

    /// ICU's `[:Lu:]`.
    @inline(always)
    static func isCapital(_ value: UInt32) -> Bool {
        value < 0x80 ? value &- 0x41 < 26 : isCapitalBeyondASCII(value)
    }

    /// Out of line, as the Unicode tables' answer is apart from it: in one function, their set-up
    /// and the capitals table's initialization check ran on every call, ASCII included (measured:
    /// 77 instructions a call).
    @inline(never)
    private static func isCapitalBeyondASCII(_ value: UInt32) -> Bool {
        value < 0x600 ? capitals[Int(value)] : isCapitalByCategory(value)
    }

    @inline(never)
    private static func isCapitalByCategory(_ value: UInt32) -> Bool {
        Unicode.Scalar(value)?.properties.generalCategory == .uppercaseLetter
    }

    /// `[:Lu:]` below 0x600 (Latin, Cyrillic, Armenian), by index: the Unicode tables cost some
    /// 300 instructions a call, and this is asked beside every capital letter.
    private static let capitals: [Bool] = (0..<0x600).map { Unicode.Scalar(UInt32($0))?.properties.generalCategory == .uppercaseLetter }
}

/// A compiled ``LetterMapChain``.
public struct LetterMapChainTransliterator: Sendable {
    /// The first pass, held apart from the others: reading a pass out of an array (or an optional)
    /// copies it and retains its tables, for every word.
    private let first: LetterMapTransliterator
    private let rest: [LetterMapTransliterator]
    /// For scalars below 0x600: whether some pass has a rule for it (read for every letter).
    private let handled: [Bool]

    public init(_ chain: LetterMapChain) {
        let passes = chain.passes.map(LetterMapTransliterator.init)
        first = passes.first ?? LetterMapTransliterator(LetterMap(name: "empty", rules: []))
        rest = Array(passes.dropFirst())
        handled = (0..<0x600).map { value in passes.contains { $0.handles(UInt32(value)) } }
    }

    /// Whether some pass has a rule for this scalar (a word without one cannot change).
    public func handles(_ value: UInt32) -> Bool {
        if value < 0x600 { return handled[Int(value)] }
        return first.handles(value) || rest.contains { $0.handles(value) }
    }

    /// Transliterates UTF-8 bytes: every pass over the whole input in turn.
    public func transliterate(_ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) {
        guard !rest.isEmpty else {
            first.transliterate(bytes, into: &output)
            return
        }
        var current: [UInt8] = []
        first.transliterate(bytes, into: &current)
        for pass in rest {
            var next: [UInt8] = []
            next.reserveCapacity(current.count + 8)
            current.withUnsafeBufferPointer { pass.transliterate($0, into: &next) }
            current = next
        }
        output.append(contentsOf: current)
    }

    /// Transliterates a text.
    public func transliterate(_ text: String) -> String {
        var output: [UInt8] = []
        text.withUTF8Buffer { transliterate($0, into: &output) }
        return String(decoding: output, as: UTF8.self)
    }
}

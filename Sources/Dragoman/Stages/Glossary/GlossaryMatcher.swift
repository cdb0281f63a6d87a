/// Finds every alias of a set of glossaries in a text at once: leftmost-longest, at word
/// boundaries, with inflected forms.
///
/// The aliases are compiled into one trie over the loose fold (``GlossaryFold``), each word of an
/// alias that inflects stored as its stem followed by a *slot*: an edge that consumes one ending of
/// the word's ``Inflection`` class and then requires the end of the word. Matching starts at every
/// word start, walks the trie as long as the text follows it (spaces of any kind and number count
/// as one), and keeps the longest complete alias that passes its strictness check (diacritics,
/// case). Starting only at word starts and restarting after a match gives the leftmost-longest
/// matches of the whole glossary, as an Aho-Corasick automaton would, without failure links: a
/// match cannot start inside a word.
///
/// Work per word is the length of the longest alias prefix it follows, so matching speed depends
/// little on the number of aliases (measured by `scripts/bench_glossary.py`).
struct GlossaryMatcher: Sendable {
    /// One alias as compiled.
    struct Alias: Sendable {
        var entry: Int32
        var language: LanguageTag
        /// The alias as the glossary writes it, and its lower-cased scalars (``GlossaryFold/lowerScalars(_:)``).
        var name: String
        var nameKey: [UInt32]
        /// The alias's own scalars (stems only, one space between words), case-folded: what a
        /// diacritic-sensitive alias requires the text to fold to.
        var caseKey: [UInt32]
        /// The alias's scalars as written (stems only, spaces and punctuation folded): what a
        /// case-sensitive alias requires.
        var exactKey: [UInt32]
        var strictness: Strictness
        /// Matches only in records of its own language: an acronym of one to three letters
        /// (Turkish `AA` is Anadolu Ajansı, English `AA` a battery size; `AB` is the EU in Turkish
        /// and a blood type in English).
        var ownLanguageOnly: Bool
        /// The class of the alias's last word, when it inflects.
        var lastInflection: Int32
    }

    enum Strictness: UInt8, Sendable {
        case exact, diacritics, loose
    }

    /// A match in a text's UTF-8.
    struct Match: Sendable, Equatable {
        var range: Range<Int>
        /// Where the stem of the last word ends: `range.upperBound` unless an ending follows.
        var stemEnd: Int
        /// The alias matched.
        var alias: Int32
        /// The inflection class whose ending was read after the last stem, or -1.
        var inflection: Int32
    }

    // The trie, frozen: node n's edges are labels[edgeStart[n]..<edgeStart[n + 1]] (sorted) and
    // the same slice of targets.
    private let edgeStart: [Int32]
    private let labels: [UInt32]
    private let targets: [Int32]
    /// Per node: bit 0 terminal, bit 1 has slots.
    private let flags: [UInt8]
    private let terminals: [Int32: [Int32]]
    private let slots: [Int32: [(inflection: Int32, target: Int32)]]
    /// The root's children by first scalar below 0x600.
    private let rootDirect: [Int32]

    let aliases: [Alias]
    let inflections: [Inflection]

    /// Compiles the aliases of `entries`. `insensitive` per entry: its glossary matches without
    /// diacritics.
    init(entries: [Glossary.Entry], diacriticsInsensitive: [Bool]) {
        var builder = Builder()
        var aliases: [Alias] = []
        // One Inflection (its endings generated) per family, not per alias.
        var inflectionIndex: [Inflection.Family: Int32] = [:]
        var inflections: [Inflection] = []
        func index(of family: Inflection.Family) -> Int32 {
            if let known = inflectionIndex[family] { return known }
            let new = Int32(inflections.count)
            inflections.append(Inflection(family))
            inflectionIndex[family] = new
            return new
        }
        for (entryIndex, entry) in entries.enumerated() {
            let strictness: Strictness = entry.caseSensitive ? .exact : (diacriticsInsensitive[entryIndex] ? .loose : .diacritics)
            for language in LanguageTag.allCases {
                // Armenian writes the ligature և in lower case and ԵՎ in capitals (ԵՐԵՎԱՆ for
                // Երևան): an alias with և is also stored with եվ.
                var names = entry.names[language] ?? []
                if language == .hy {
                    names += names.filter { $0.contains("\u{0587}") }.map { $0.replacingLigature() }
                }
                for name in names {
                    let words = name.split(whereSeparator: { GlossaryFold.punctuation($0.unicodeScalars.first?.value ?? 0) == 0x20 }).map(String.init)
                    guard !words.isEmpty else { continue }
                    let classified = Inflection.classify(words: words, language: language)
                    var node: Int32 = 0
                    var caseKey: [UInt32] = []
                    var exactKey: [UInt32] = []
                    var last: Int32 = -1
                    for (position, (stem, family)) in classified.enumerated() {
                        if position > 0 {
                            node = builder.child(of: node, label: 0x20)
                            caseKey.append(0x20)
                            exactKey.append(0x20)
                        }
                        for scalar in stem.unicodeScalars {
                            node = builder.child(of: node, label: GlossaryFold.looseFold(scalar.value))
                            caseKey.append(GlossaryFold.caseFold(scalar.value))
                            exactKey.append(GlossaryFold.punctuation(scalar.value) ?? scalar.value)
                        }
                        if let family {
                            last = index(of: family)
                            node = builder.slot(of: node, inflection: last)
                        } else {
                            last = -1
                        }
                    }
                    let alias = Int32(aliases.count)
                    aliases.append(
                        Alias(entry: Int32(entryIndex), language: language, name: name, nameKey: GlossaryFold.lowerScalars(name), caseKey: caseKey, exactKey: exactKey, strictness: strictness,
                            ownLanguageOnly: Self.isShortAcronym(name), lastInflection: last))
                    builder.terminals[node, default: []].append(alias)
                }
            }
        }
        self.aliases = aliases
        self.inflections = inflections
        // Freeze.
        var edgeStart: [Int32] = []
        edgeStart.reserveCapacity(builder.edges.count + 1)
        var labels: [UInt32] = []
        var targets: [Int32] = []
        var flags = [UInt8](repeating: 0, count: builder.edges.count)
        for (node, edges) in builder.edges.enumerated() {
            edgeStart.append(Int32(labels.count))
            for (label, target) in edges.sorted(by: { $0.0 < $1.0 }) {
                labels.append(label)
                targets.append(target)
            }
            if builder.terminals[Int32(node)] != nil { flags[node] |= 1 }
            if builder.slots[Int32(node)] != nil { flags[node] |= 2 }
        }
        edgeStart.append(Int32(labels.count))
        var rootDirect = [Int32](repeating: -1, count: 0x600)
        for (label, target) in builder.edges.first ?? [] where label < 0x600 { rootDirect[Int(label)] = target }
        self.edgeStart = edgeStart
        self.labels = labels
        self.targets = targets
        self.flags = flags
        self.terminals = builder.terminals
        self.slots = builder.slots
        self.rootDirect = rootDirect
    }

    /// The trie under construction: edges per node as small arrays (most nodes have one).
    private struct Builder {
        var edges: [[(UInt32, Int32)]] = [[]]
        var terminals: [Int32: [Int32]] = [:]
        var slots: [Int32: [(inflection: Int32, target: Int32)]] = [:]

        mutating func child(of node: Int32, label: UInt32) -> Int32 {
            if let existing = edges[Int(node)].first(where: { $0.0 == label }) { return existing.1 }
            let new = Int32(edges.count)
            edges.append([])
            edges[Int(node)].append((label, new))
            return new
        }

        mutating func slot(of node: Int32, inflection: Int32) -> Int32 {
            if let existing = slots[node]?.first(where: { $0.inflection == inflection }) { return existing.target }
            let new = Int32(edges.count)
            edges.append([])
            slots[node, default: []].append((inflection, new))
            return new
        }
    }

    /// One to three letters, all capitals (`AA`, `AB`, `UN`, `ABD`, `ԱՄՆ`).
    static func isShortAcronym(_ name: String) -> Bool {
        let scalars = name.unicodeScalars.filter { $0.value != 0x2E }  // U.S.
        return (1...3).contains(scalars.count) && scalars.allSatisfy { $0.properties.isUppercase }
    }

    @inline(__always)
    private func child(of node: Int32, label: UInt32) -> Int32 {
        if node == 0 {
            if label < 0x600 { return rootDirect[Int(label)] }
        }
        var low = Int(edgeStart[Int(node)])
        var high = Int(edgeStart[Int(node) + 1])
        if high - low <= 8 {
            while low < high {
                if labels[low] == label { return targets[low] }
                low += 1
            }
            return -1
        }
        while low < high {
            let middle = (low + high) / 2
            let value = labels[middle]
            if value == label { return targets[middle] }
            if value < label { low = middle + 1 } else { high = middle }
        }
        return -1
    }

    /// Every match in `bytes`, leftmost-longest, in order.
    /// - Parameter language: the record's language, asked only when a short acronym matches (it
    ///   may need detection).
    func matches(in bytes: UnsafeBufferPointer<UInt8>, language: @escaping () -> LanguageTag = { .en }) -> [Match] {
        var result: [Match] = []
        var walker = Walker(matcher: self, bytes: bytes, language: language)
        var index = 0
        let count = bytes.count
        var previousIsWord = false
        while index < count {
            let byte = bytes[index]
            let (value, length) = byte < 0x80 ? (UInt32(byte), 1) : UTF8Decoding.scalar(in: bytes, at: index)
            let isWord = GlossaryFold.isWord(value)
            if isWord && !previousIsWord, walker.longest(from: index) {
                let match = walker.best
                result.append(match)
                index = match.range.upperBound
                previousIsWord = index > 0 && GlossaryFold.isWord(UTF8Decoding.scalar(in: bytes, at: UTF8Decoding.previousStart(in: bytes, before: index)).value)
                continue
            }
            previousIsWord = isWord
            index += length
        }
        return result
    }

    /// The search from one start: a depth-first walk of the trie along the text, branching only at
    /// slots.
    private struct Walker {
        let matcher: GlossaryMatcher
        let bytes: UnsafeBufferPointer<UInt8>
        var best = Match(range: 0..<0, stemEnd: 0, alias: -1, inflection: -1)
        /// The text's scalars consumed by trie edges, case-folded and as written (for the checks).
        var caseStack: [UInt32] = []
        var exactStack: [UInt32] = []
        /// Scratch for the ending read after a stem.
        var ending: [UInt32] = []
        var start = 0

        let language: () -> LanguageTag
        private var recordLanguage: LanguageTag?

        init(matcher: GlossaryMatcher, bytes: UnsafeBufferPointer<UInt8>, language: @escaping () -> LanguageTag) {
            self.matcher = matcher
            self.bytes = bytes
            self.language = language
            caseStack.reserveCapacity(64)
            exactStack.reserveCapacity(64)
        }

        mutating func longest(from start: Int) -> Bool {
            self.start = start
            best = Match(range: start..<start, stemEnd: start, alias: -1, inflection: -1)
            caseStack.removeAll(keepingCapacity: true)
            exactStack.removeAll(keepingCapacity: true)
            walk(node: 0, at: start, afterSlot: -1, stemEnd: start)
            return best.alias >= 0
        }

        private func isWord(at index: Int) -> Bool {
            index < bytes.count && GlossaryFold.isWord(UTF8Decoding.scalar(in: bytes, at: index).value)
        }

        private func endsWord(_ index: Int) -> Bool {
            // The match's last scalar is not part of a word, or the text's next one is not.
            guard index < bytes.count else { return true }
            let lastIsWord = index > start && GlossaryFold.isWord(UTF8Decoding.scalar(in: bytes, at: UTF8Decoding.previousStart(in: bytes, before: index)).value)
            return !lastIsWord || !isWord(at: index)
        }

        private mutating func walk(node startNode: Int32, at startIndex: Int, afterSlot: Int32, stemEnd startStemEnd: Int) {
            var node = startNode
            var index = startIndex
            var slotUsed = afterSlot
            var stemEnd = startStemEnd
            let depth = caseStack.count
            defer {
                if caseStack.count > depth {
                    caseStack.removeLast(caseStack.count - depth)
                    exactStack.removeLast(exactStack.count - depth)
                }
            }
            while true {
                let flags = matcher.flags[Int(node)]
                if flags & 1 != 0, slotUsed >= 0 || endsWord(index) {
                    consider(node: node, end: index, stemEnd: slotUsed >= 0 ? stemEnd : index, inflection: slotUsed)
                }
                if flags & 2 != 0, let slots = matcher.slots[node] {
                    for (inflection, target) in slots {
                        let (bare, suffixed) = endings(of: matcher.inflections[Int(inflection)], at: index)
                        if let bare { walk(node: target, at: bare, afterSlot: inflection, stemEnd: index) }
                        if let suffixed { walk(node: target, at: suffixed, afterSlot: inflection, stemEnd: index) }
                    }
                }
                guard index < bytes.count else { return }
                let byte = bytes[index]
                let (value, length) = byte < 0x80 ? (UInt32(byte), 1) : UTF8Decoding.scalar(in: bytes, at: index)
                let folded = GlossaryFold.looseFold(value)
                var next = index + length
                if folded == 0x20 {
                    // Any run of spaces is one space.
                    while next < bytes.count {
                        let (following, followingLength) = UTF8Decoding.scalar(in: bytes, at: next)
                        guard GlossaryFold.punctuation(following) == 0x20 else { break }
                        next += followingLength
                    }
                }
                let child = matcher.child(of: node, label: folded)
                guard child >= 0 else { return }
                caseStack.append(GlossaryFold.caseFold(value))
                exactStack.append(folded == 0x20 ? 0x20 : (GlossaryFold.punctuation(value) ?? value))
                node = child
                index = next
                slotUsed = -1
                stemEnd = index
            }
        }

        /// Where the endings of `inflection` that stand at `index` end: the empty ending (the word
        /// ends here) and a non-empty one (the rest of the word is an ending of the class).
        private mutating func endings(of inflection: Inflection, at index: Int) -> (Int?, Int?) {
            var bare: Int?
            if inflection.acceptsBare, index >= bytes.count || !isWord(at: index) { bare = index }
            guard index < bytes.count else { return (bare, nil) }
            var position = index
            if inflection.allowsSeparator {
                let (value, length) = UTF8Decoding.scalar(in: bytes, at: position)
                let folded = GlossaryFold.punctuation(value)
                if folded == 0x27 || folded == 0x2D, isWord(at: position + length) { position += length }
            }
            guard position < bytes.count else { return (bare, nil) }
            let (firstValue, _) = UTF8Decoding.scalar(in: bytes, at: position)
            guard inflection.firstScalars.contains(GlossaryFold.looseFold(firstValue)) else { return (bare, nil) }
            ending.removeAll(keepingCapacity: true)
            var end = position
            while end < bytes.count {
                let (value, length) = UTF8Decoding.scalar(in: bytes, at: end)
                let folded = GlossaryFold.looseFold(value)
                // The English possessive's apostrophe belongs to the ending.
                guard GlossaryFold.isWord(value) || (folded == 0x27 && end == position) else { break }
                ending.append(folded)
                end += length
                if ending.count > inflection.longest { return (bare, nil) }
            }
            guard end > index, !ending.isEmpty, inflection.endings.contains(ending) else { return (bare, nil) }
            return (bare, end)
        }

        private mutating func consider(node: Int32, end: Int, stemEnd: Int, inflection: Int32) {
            guard end > best.range.upperBound || best.alias < 0, let candidates = matcher.terminals[node] else { return }
            for candidate in candidates {
                let alias = matcher.aliases[Int(candidate)]
                switch alias.strictness {
                case .exact: guard exactStack == alias.exactKey else { continue }
                case .diacritics: guard caseStack == alias.caseKey else { continue }
                case .loose: break
                }
                // An inflected ending must belong to this alias's own class (Şuşa's az suffixes
                // are not a Russian alias's endings).
                if inflection >= 0 && alias.lastInflection != inflection { continue }
                if alias.ownLanguageOnly {
                    let record = recordLanguage ?? language()
                    recordLanguage = record
                    guard record == alias.language || (record == .azCyrl && alias.language == .az) else { continue }
                }
                best = Match(range: start..<end, stemEnd: stemEnd, alias: candidate, inflection: inflection)
                return
            }
        }
    }
}

extension String {
    /// The Armenian ligature և written out as եվ (reformed orthography's capitals: ԵՎ).
    fileprivate func replacingLigature() -> String {
        var result = ""
        for scalar in unicodeScalars {
            if scalar == "\u{0587}" { result += "\u{0565}\u{057E}" } else { result.unicodeScalars.append(scalar) }
        }
        return result
    }
}

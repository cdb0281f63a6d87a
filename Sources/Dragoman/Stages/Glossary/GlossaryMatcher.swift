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
    /// One alias as compiled: plain values only, so reading one per match retains nothing.
    struct Alias: Sendable {
        var entry: Int32
        var language: LanguageTag
        var strictness: Strictness
        /// Matches only in records of its own language: an acronym of one to three letters
        /// (Turkish `AA` is Anadolu Ajansı, English `AA` a battery size; `AB` is the EU in Turkish
        /// and a blood type in English).
        var ownLanguageOnly: Bool
        /// Whether the alias has no lower-case letter (`ANAMA`, `AA`): its canonical form is then
        /// not written in capitals for a match written in capitals.
        var writtenInCapitals: Bool
    }

    /// One way an alias is stored in the trie: an alias whose words may decline two ways (a
    /// Russian -ий word: noun or adjective) is stored once per reading.
    struct Key: Sendable {
        var alias: Int32
        /// The class of the last word's reading, when it inflects.
        var lastInflection: Int32
        /// What a strict alias requires the text it matched to fold to, in ``GlossaryMatcher/strictKeys``:
        /// the case-folded scalars (stems only, one space between words) of a diacritic-sensitive
        /// alias; the scalars as written (spaces and punctuation folded) of a case-sensitive one.
        var strictStart: Int32
        var strictCount: Int32
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

    /// A node of the frozen trie: where its edges, slots (an ending of an inflection class, then
    /// the word's end) and terminal keys are, in one place, so that a step of a walk reads one
    /// node, then its edges.
    private struct TrieNode {
        var edgeStart: Int32
        var edgeEnd: Int32
        var slotStart: Int32
        var slotEnd: Int32
        var terminalStart: Int32
        var terminalEnd: Int32
    }

    private struct Edge {
        var label: UInt32
        /// In the trie, with ``GlossaryMatcher/stops`` set where the target has terminal keys or
        /// slots.
        var target: Int32
    }

    /// Set in a trie edge's target (and the root's direct table) where the target node has
    /// terminal keys or slots, the nodes where a walk stops to consider them: a step to any other
    /// node reads nothing of it but its edges.
    private static let stops: Int32 = 0x4000_0000

    private struct Slot {
        var inflection: Int32
        var target: Int32
    }

    /// The nodes, depth first from the root (0); each node's edges sorted by label; each node's
    /// terminal keys in glossary order.
    private let trie: [TrieNode]
    private let edges: [Edge]
    private let slots: [Slot]
    private let terminalKeys: [Int32]
    /// The root's children by first scalar below 0x600 (as edge targets, ``stops`` included).
    private let rootDirect: [Int32]

    /// Per inflection class: what the walk needs of it, and the root of its endings' trie.
    struct Endings {
        var acceptsBare: Bool
        var allowsSeparator: Bool
        var root: Int32
    }

    private struct EndingNode {
        var edgeStart: Int32
        var edgeEnd: Int32
        var isEnd: Bool
    }

    /// By inflection class (as ``inflections``).
    let endings: [Endings]
    /// The non-empty endings of every class, one trie per class.
    private let endingNodes: [EndingNode]
    private let endingEdges: [Edge]

    let aliases: [Alias]
    /// The aliases' keys; a node's terminals are keys.
    private let keys: [Key]
    /// The aliases as the glossaries write them, by alias.
    let names: [String]
    /// The strict keys' scalars (``Key/strictStart``).
    let strictKeys: [UInt32]
    let inflections: [Inflection]

    /// Compiles the aliases of `entries`. `insensitive` per entry: its glossary matches without
    /// diacritics.
    ///
    /// Each alias becomes a key of labels (loose-folded scalars, a space between words, a slot
    /// label after a stem that inflects); the keys are sorted and the trie built from them in one
    /// pass, each key sharing the nodes of its common prefix with the one before. No table of
    /// children is needed, nodes come in depth-first order (a node's subtree is near it), and each
    /// node's edges come out sorted by label.
    init(entries: [Glossary.Entry], diacriticsInsensitive: [Bool]) {
        var aliases: [Alias] = []
        var keys: [Key] = []
        var names: [String] = []
        var strictKeys: [UInt32] = []
        var labels: [UInt32] = []
        var keyStarts: [Int32] = [0]
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
                guard var forms = entry.names[language] else { continue }
                if language == .hy {
                    forms += forms.filter { $0.contains("\u{0587}") }.map { $0.replacingLigature() }
                }
                for name in forms {
                    let words = name.split(whereSeparator: { GlossaryFold.punctuation($0.unicodeScalars.first?.value ?? 0) == 0x20 }).map(String.init)
                    guard !words.isEmpty else { continue }
                    // Each combination of the words' readings is a key (rarely more than two).
                    var readings: [[Inflection.Reading]] = [[]]
                    for alternatives in Inflection.classify(words: words, language: language) {
                        readings = Array(readings.flatMap { prefix in alternatives.map { prefix + [$0] } }.prefix(8))
                    }
                    let alias = Int32(aliases.count)
                    for reading in readings {
                        let strictStart = strictKeys.count
                        var last: Int32 = -1
                        func append(_ text: String) {
                            for scalar in text.unicodeScalars {
                                labels.append(GlossaryFold.looseFold(scalar.value))
                                switch strictness {
                                case .exact: strictKeys.append(GlossaryFold.punctuation(scalar.value) ?? scalar.value)
                                case .diacritics: strictKeys.append(GlossaryFold.caseFold(scalar.value))
                                case .loose: break
                                }
                            }
                        }
                        for (position, word) in reading.enumerated() {
                            if position > 0 {
                                labels.append(0x20)
                                if strictness != .loose { strictKeys.append(0x20) }
                            }
                            append(word.stem)
                            if let family = word.family {
                                last = index(of: family)
                                labels.append(Self.slotLabel | UInt32(last))
                            } else {
                                last = -1
                            }
                            if !word.tail.isEmpty {
                                // The rest of the word after its ending (`-на-Дону`): the ending is no
                                // longer the alias's last.
                                append(word.tail)
                                last = -1
                            }
                        }
                        keyStarts.append(Int32(labels.count))
                        keys.append(Key(alias: alias, lastInflection: last, strictStart: Int32(strictStart), strictCount: Int32(strictKeys.count - strictStart)))
                    }
                    aliases.append(
                        Alias(
                            entry: Int32(entryIndex), language: language, strictness: strictness, ownLanguageOnly: Self.isShortAcronym(name),
                            writtenInCapitals: name.unicodeScalars.allSatisfy { !$0.properties.isLowercase }))
                    names.append(name)
                }
            }
        }
        self.aliases = aliases
        self.keys = keys
        self.names = names
        self.strictKeys = strictKeys
        self.inflections = inflections
        (endings, endingNodes, endingEdges) = Self.endingTries(inflections)

        // The keys in order; equal keys in alias order.
        let order = labels.withUnsafeBufferPointer { pool in
            keyStarts.withUnsafeBufferPointer { starts in
                (0..<Int32(keys.count)).sorted { left, right in
                    let a = UnsafeBufferPointer(rebasing: pool[Int(starts[Int(left)])..<Int(starts[Int(left) + 1])])
                    let b = UnsafeBufferPointer(rebasing: pool[Int(starts[Int(right)])..<Int(starts[Int(right) + 1])])
                    for offset in 0..<min(a.count, b.count) where a[offset] != b[offset] { return a[offset] < b[offset] }
                    return a.count != b.count ? a.count < b.count : left < right
                }
            }
        }
        // The trie, depth first: edges and slots as (from, label, to) in the order made.
        var edgeFrom: [Int32] = []
        var edgeLabel: [UInt32] = []
        var slotFrom: [Int32] = []
        var slotInflection: [Int32] = []
        var edgeTarget: [Int32] = []
        var slotTarget: [Int32] = []
        var terminalNode = [Int32](repeating: 0, count: keys.count)
        var nodeCount: Int32 = 1
        var path: [Int32] = [0]  // the nodes along the previous key
        var previous = 0..<0
        for keyIndex in order {
            let key = Int(keyStarts[Int(keyIndex)])..<Int(keyStarts[Int(keyIndex) + 1])
            var common = 0
            while common < key.count, common < previous.count, labels[key.lowerBound + common] == labels[previous.lowerBound + common] { common += 1 }
            path.removeLast(path.count - 1 - common)
            for offset in common..<key.count {
                let label = labels[key.lowerBound + offset]
                let from = path[path.count - 1]
                if label & Self.slotLabel != 0 {
                    slotFrom.append(from)
                    slotInflection.append(Int32(label & ~Self.slotLabel))
                    slotTarget.append(nodeCount)
                } else {
                    edgeFrom.append(from)
                    edgeLabel.append(label)
                    edgeTarget.append(nodeCount)
                }
                path.append(nodeCount)
                nodeCount += 1
            }
            terminalNode[Int(keyIndex)] = path[path.count - 1]
            previous = key
        }
        let nodes = Int(nodeCount)
        // Grouped by node: a stable counting sort keeps each node's edges in label order.
        let edgeStart = Self.starts(of: edgeFrom, nodes: nodes)
        var edges = [Edge](repeating: Edge(label: 0, target: 0), count: edgeFrom.count)
        var fill = edgeStart
        for edge in edgeFrom.indices {
            let node = Int(edgeFrom[edge])
            edges[Int(fill[node])] = Edge(label: edgeLabel[edge], target: edgeTarget[edge])
            fill[node] += 1
        }
        let slotStart = Self.starts(of: slotFrom, nodes: nodes)
        var slots = [Slot](repeating: Slot(inflection: 0, target: 0), count: slotFrom.count)
        fill = slotStart
        for slot in slotFrom.indices {
            let node = Int(slotFrom[slot])
            slots[Int(fill[node])] = Slot(inflection: slotInflection[slot], target: slotTarget[slot])
            fill[node] += 1
        }
        let terminalStart = Self.starts(of: terminalNode, nodes: nodes)
        var terminalKeys = [Int32](repeating: 0, count: terminalNode.count)
        fill = terminalStart
        for (keyIndex, node) in terminalNode.enumerated() {
            terminalKeys[Int(fill[Int(node)])] = Int32(keyIndex)
            fill[Int(node)] += 1
        }
        let trie = (0..<nodes).map { node in
            TrieNode(
                edgeStart: edgeStart[node], edgeEnd: edgeStart[node + 1], slotStart: slotStart[node], slotEnd: slotStart[node + 1],
                terminalStart: terminalStart[node], terminalEnd: terminalStart[node + 1])
        }
        for edge in edges.indices {
            let target = trie[Int(edges[edge].target)]
            if target.terminalEnd > target.terminalStart || target.slotEnd > target.slotStart { edges[edge].target |= Self.stops }
        }
        self.trie = trie
        var rootDirect = [Int32](repeating: -1, count: 0x600)
        for edge in edges[Int(edgeStart[0])..<Int(edgeStart[1])] where edge.label < 0x600 { rootDirect[Int(edge.label)] = edge.target }
        self.edges = edges
        self.slots = slots
        self.terminalKeys = terminalKeys
        self.rootDirect = rootDirect
    }

    /// The tries of the classes' non-empty endings (loose-folded scalars), flat.
    private static func endingTries(_ inflections: [Inflection]) -> ([Endings], [EndingNode], [Edge]) {
        var endings: [Endings] = []
        var nodes: [EndingNode] = []
        var edges: [Edge] = []
        for inflection in inflections {
            // Built with a dictionary per node (endings are few), then flattened breadth first.
            var children: [[UInt32: Int]] = [[:]]
            var isEnd = [false]
            for ending in inflection.endings where !ending.isEmpty {
                var node = 0
                for label in ending {
                    if let next = children[node][label] {
                        node = next
                    } else {
                        children.append([:])
                        isEnd.append(false)
                        children[node][label] = children.count - 1
                        node = children.count - 1
                    }
                }
                isEnd[node] = true
            }
            let base = Int32(nodes.count)
            for (node, edgesOut) in children.enumerated() {
                let start = Int32(edges.count)
                for (label, target) in edgesOut.sorted(by: { $0.key < $1.key }) { edges.append(Edge(label: label, target: base + Int32(target))) }
                nodes.append(EndingNode(edgeStart: start, edgeEnd: Int32(edges.count), isEnd: isEnd[node]))
            }
            endings.append(Endings(acceptsBare: inflection.acceptsBare, allowsSeparator: inflection.allowsSeparator, root: base))
        }
        return (endings, nodes, edges)
    }

    @inline(__always)
    private func endingChild(of node: Int32, label: UInt32) -> Int32 {
        let item = endingNodes[Int(node)]
        // Sorted by label; a class's first letters are a few dozen (Turkic suffixes).
        var low = Int(item.edgeStart)
        var high = Int(item.edgeEnd)
        while low < high {
            let middle = (low + high) / 2
            let value = endingEdges[middle].label
            if value == label { return endingEdges[middle].target }
            if value < label { low = middle + 1 } else { high = middle }
        }
        return -1
    }

    /// The label of a slot of inflection class n in a key: `slotLabel | n`, above every scalar.
    private static let slotLabel: UInt32 = 0x8000_0000

    /// Per node, where its items start in a list grouped by node (`nodes + 1` values).
    private static func starts(of owners: [Int32], nodes: Int) -> [Int32] {
        var starts = [Int32](repeating: 0, count: nodes + 1)
        for owner in owners { starts[Int(owner) + 1] += 1 }
        for node in 0..<nodes { starts[node + 1] += starts[node] }
        return starts
    }

    /// One to three letters, all capitals (`AA`, `AB`, `UN`, `ABD`, `ԱՄՆ`).
    static func isShortAcronym(_ name: String) -> Bool {
        let scalars = name.unicodeScalars.filter { $0.value != 0x2E }  // U.S.
        return (1...3).contains(scalars.count) && scalars.allSatisfy { $0.properties.isUppercase }
    }

    /// Every match in `bytes`, leftmost-longest, in order.
    /// - Parameter language: the record's language, asked only when a short acronym matches (it
    ///   may need detection).
    func matches(in bytes: UnsafeBufferPointer<UInt8>, language: @escaping () -> LanguageTag = { .en }) -> [Match] {
        // The arrays every step of a walk reads, as buffer pointers for the whole text: no bounds
        // check, no swift_once for the static tables.
        trie.withUnsafeBufferPointer { trie in
            edges.withUnsafeBufferPointer { edges in
                rootDirect.withUnsafeBufferPointer { rootDirect in
                    GlossaryFold.looseTable.withUnsafeBufferPointer { looseFolds in
                        GlossaryFold.caseTable.withUnsafeBufferPointer { caseFolds in
                            GlossaryFold.wordTable.withUnsafeBufferPointer { words in
                                var walk = Walk(
                                    bytes: bytes, trie: trie, edges: edges, rootDirect: rootDirect, looseFolds: looseFolds, caseFolds: caseFolds,
                                    words: words, language: language)
                                defer { walk.read.deallocate() }
                                return scan(&walk)
                            }
                        }
                    }
                }
            }
        }
    }

    /// The matches in the walk's text, from a walk at each word's start.
    private func scan(_ walk: inout Walk) -> [Match] {
        var result: [Match] = []
        let (bytes, words) = (walk.bytes, walk.words)
        var index = 0
        let count = bytes.count
        // Scalar by scalar, a walk at each word's start; here the scalar before `index` is never
        // part of a word.
        while index < count {
            // Decoded here: a word's first scalar is also the walk's first step.
            var value = UInt32(bytes[index])
            var length = 1
            var isWord: Bool
            if value < 0x80 {
                isWord = (value | 0x20) &- 0x61 < 26  // A-Z a-z
            } else if value < 0xE0 {
                value = (value & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)
                length = 2
                isWord = words[Int(value)]
            } else {
                (value, length) = UTF8Decoding.scalar(in: bytes, at: index)
                isWord = GlossaryFold.isWord(value)
            }
            guard isWord else {
                index += length
                continue
            }
            if longest(from: index, first: value, length: length, &walk) {
                let match = walk.best
                if result.capacity == 0 { result.reserveCapacity(16) }
                result.append(match)
                index = match.range.upperBound
                // A match that ends inside a word (an alias ending in a hyphen or an apostrophe
                // does not) starts nothing before the word ends.
                guard Self.wordScalar(in: bytes, at: UTF8Decoding.previousStart(in: bytes, before: index), words: words).isWord else { continue }
            } else {
                index += length
            }
            // The rest of the word.
            while index < count {
                (isWord, length) = Self.wordScalar(in: bytes, at: index, words: words)
                guard isWord else { break }
                index += length
            }
        }
        return result
    }

    /// The state of the search over one text, and the arrays every step reads.
    private struct Walk {
        let bytes: UnsafeBufferPointer<UInt8>
        let trie: UnsafeBufferPointer<TrieNode>
        let edges: UnsafeBufferPointer<Edge>
        let rootDirect: UnsafeBufferPointer<Int32>
        /// ``GlossaryFold/looseTable``, ``GlossaryFold/caseTable`` and ``GlossaryFold/wordTable``.
        let looseFolds: UnsafeBufferPointer<UInt32>
        let caseFolds: UnsafeBufferPointer<UInt32>
        let words: UnsafeBufferPointer<Bool>
        /// Whether the trie's root has neither terminal keys nor slots.
        let rootIsPlain: Bool
        /// The best match from ``start`` so far.
        var best = Match(range: 0..<0, stemEnd: 0, alias: -1, inflection: -1)
        var start = 0
        /// The text's scalars consumed by trie edges as written, the first of a run of spaces with
        /// ``spaceRun`` set. A strict alias folds them when it is reached (some 100,000 times on
        /// the 4 MB corpus), not every step of every walk (1.7 million): one push a step, where
        /// two stacks took a case fold and a punctuation fold each.
        var read = ScalarStack()
        let language: () -> LanguageTag
        var recordLanguage: LanguageTag?

        init(
            bytes: UnsafeBufferPointer<UInt8>, trie: UnsafeBufferPointer<TrieNode>, edges: UnsafeBufferPointer<Edge>,
            rootDirect: UnsafeBufferPointer<Int32>, looseFolds: UnsafeBufferPointer<UInt32>, caseFolds: UnsafeBufferPointer<UInt32>,
            words: UnsafeBufferPointer<Bool>, language: @escaping () -> LanguageTag
        ) {
            self.bytes = bytes
            self.trie = trie
            rootIsPlain = trie[0].terminalEnd == trie[0].terminalStart && trie[0].slotEnd == trie[0].slotStart
            self.edges = edges
            self.rootDirect = rootDirect
            self.looseFolds = looseFolds
            self.caseFolds = caseFolds
            self.words = words
            self.language = language
        }
    }

    // The helpers are static, given what they read: a method of the walk, called on it in place,
    // copied it first (177 bytes).

    /// Whether the scalar at `index` is part of a word (``GlossaryFold/isWord(_:)``), and its
    /// length; `words` is ``GlossaryFold/wordTable``.
    @inline(__always)
    private static func wordScalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int, words: UnsafeBufferPointer<Bool>) -> (isWord: Bool, length: Int) {
        let lead = bytes[index]
        if lead < 0x80 { return ((lead | 0x20) &- 0x61 < 26, 1) }  // A-Z a-z
        if lead < 0xE0 { return (words[Int(lead & 0x1F) << 6 | Int(bytes[index + 1] & 0x3F)], 2) }
        let (value, length) = UTF8Decoding.scalar(in: bytes, at: index)
        return (GlossaryFold.isWord(value), length)
    }

    /// The loose fold of a scalar; `looseFolds` is ``GlossaryFold/looseTable``.
    @inline(__always)
    private static func looseFold(_ value: UInt32, _ looseFolds: UnsafeBufferPointer<UInt32>) -> UInt32 {
        value < UInt32(GlossaryFold.directLimit) ? looseFolds[Int(value)] : GlossaryFold.looseFold(value)
    }

    /// Whether a match from `start` ending at `index` ends a word: its last scalar is not part of
    /// a word, or the text's next one is not.
    private static func endsWord(_ index: Int, from start: Int, in bytes: UnsafeBufferPointer<UInt8>, words: UnsafeBufferPointer<Bool>) -> Bool {
        guard index < bytes.count else { return true }
        let lastIsWord = index > start && wordScalar(in: bytes, at: UTF8Decoding.previousStart(in: bytes, before: index), words: words).isWord
        return !lastIsWord || !wordScalar(in: bytes, at: index, words: words).isWord
    }

    /// Marks the first scalar of a run of spaces in ``Walk/read``, above every scalar.
    private static let spaceRun: UInt32 = 0x4000_0000

    /// The search from one start: a depth-first walk of the trie along the text, branching only
    /// at slots. Whether it found a match (``Walk/best``).
    /// - Parameters:
    ///   - value: the scalar at `start`, of `length` bytes.
    @inline(__always)
    private func longest(from start: Int, first value: UInt32, length: Int, _ walk: inout Walk) -> Bool {
        // The first step, from the root, by its direct table: a word's first scalar is never a
        // space, and the root has no terminal key or slot (no alias is empty, no stem either).
        let folded = Self.looseFold(value, walk.looseFolds)
        guard folded < UInt32(walk.rootDirect.count), folded != 0x20, walk.rootIsPlain else {
            walk.start = start
            walk.best = Match(range: start..<start, stemEnd: start, alias: -1, inflection: -1)
            walk.read.count = 0
            self.walk(&walk, node: 0, at: start, afterSlot: -1, stemEnd: start)
            return walk.best.alias >= 0
        }
        let target = walk.rootDirect[Int(folded)]
        guard target >= 0 else { return false }
        walk.start = start
        walk.best = Match(range: start..<start, stemEnd: start, alias: -1, inflection: -1)
        walk.read.count = 0
        walk.read.push(value)
        var (node, index) = (target & ~Self.stops, start + length)
        if target & Self.stops == 0 {
            // Most walks end before a node with anything to consider: no call to `walk` for them.
            (node, index) = Self.follow(&walk, from: node, at: index)
            guard node >= 0 else { return false }
        }
        self.walk(&walk, node: node, at: index, afterSlot: -1, stemEnd: index)
        return walk.best.alias >= 0
    }

    private func walk(_ walk: inout Walk, node startNode: Int32, at startIndex: Int, afterSlot: Int32, stemEnd: Int) {
        var node = startNode
        var index = startIndex
        var slotUsed = afterSlot
        let depth = walk.read.count
        defer { walk.read.count = depth }
        while true {
            let item = walk.trie[Int(node)]
            if item.terminalEnd > item.terminalStart, slotUsed >= 0 || Self.endsWord(index, from: walk.start, in: walk.bytes, words: walk.words) {
                consider(&walk, node: node, end: index, stemEnd: slotUsed >= 0 ? stemEnd : index, inflection: slotUsed)
            }
            if item.slotEnd > item.slotStart {
                for slot in Int(item.slotStart)..<Int(item.slotEnd) {
                    let (inflection, target) = (slots[slot].inflection, slots[slot].target)
                    let (bare, suffixed) = endings(of: inflection, at: index, in: walk.bytes, looseFolds: walk.looseFolds)
                    if let bare { self.walk(&walk, node: target, at: bare, afterSlot: inflection, stemEnd: index) }
                    if let suffixed { self.walk(&walk, node: target, at: suffixed, afterSlot: inflection, stemEnd: index) }
                }
            }
            (node, index) = Self.follow(&walk, from: node, at: index)
            guard node >= 0 else { return }
            slotUsed = -1
        }
    }

    /// Follows the text along the trie's edges from `node` at `index` to the next node with a
    /// terminal key or a slot, and returns it and where it is in the text; node -1 where the text
    /// leaves the trie first (or ends). Most steps of most walks are here, in a loop of their own
    /// that keeps most of its state in registers (measured: some 45 instructions a step, against
    /// 70 in the walk's loop).
    private static func follow(_ walk: inout Walk, from start: Int32, at startIndex: Int) -> (node: Int32, index: Int) {
        let bytes = walk.bytes
        let count = bytes.count
        let (trie, edges, looseFolds) = (walk.trie, walk.edges, walk.looseFolds)
        var read = walk.read
        defer { walk.read = read }
        var node = start
        var index = startIndex
        while index < count {
            // Decoded and folded here, by the tables for scalars below 0x600.
            // (Offsets in the text do not overflow.)
            var value = UInt32(bytes[index])
            var next = index &+ 1
            if value >= 0x80 {
                if value < 0xE0 {
                    value = (value & 0x1F) << 6 | UInt32(bytes[next] & 0x3F)
                    next &+= 1
                } else {
                    let length: Int
                    (value, length) = UTF8Decoding.scalar(in: bytes, at: index)
                    next = index + length
                }
            }
            let folded = looseFold(value, looseFolds)
            var written = value
            if folded == 0x20 {
                // Any run of spaces is one space.
                written |= spaceRun
                while next < count {
                    let (following, followingLength) = UTF8Decoding.scalar(in: bytes, at: next)
                    guard GlossaryFold.punctuation(following) == 0x20 else { break }
                    next += followingLength
                }
            }
            // The child along `folded` (the root's edges are searched too, when a walk starts at
            // the root without its direct table).
            var target: Int32 = -1
            let item = trie[Int(node)]
            var low = Int(item.edgeStart)
            var high = Int(item.edgeEnd)
            if high - low <= 8 {
                while low < high {
                    if edges[low].label == folded {
                        target = edges[low].target
                        break
                    }
                    low &+= 1
                }
            } else {
                while low < high {
                    let middle = (low + high) / 2
                    let label = edges[middle].label
                    if label == folded {
                        target = edges[middle].target
                        break
                    }
                    if label < folded { low = middle + 1 } else { high = middle }
                }
            }
            guard target >= 0 else { return (-1, index) }
            read.push(written)
            node = target & ~stops
            index = next
            if target & stops != 0 { return (node, index) }
        }
        return (-1, index)
    }

    /// Where the endings of `inflection` that stand at `index` end: the empty ending (the word
    /// ends here) and a non-empty one (the rest of the word is an ending of the class, read
    /// along the class's ending trie: most words that run on past a stem fail at once).
    private func endings(of inflection: Int32, at index: Int, in bytes: UnsafeBufferPointer<UInt8>, looseFolds: UnsafeBufferPointer<UInt32>) -> (Int?, Int?) {
        let endings = self.endings[Int(inflection)]
        guard index < bytes.count else { return (endings.acceptsBare ? index : nil, nil) }
        // Each scalar decoded once: the one after the stem decides most calls.
        var (value, length) = UTF8Decoding.scalar(in: bytes, at: index)
        var isWord = GlossaryFold.isWord(value)
        let bare: Int? = endings.acceptsBare && !isWord ? index : nil
        var position = index
        if endings.allowsSeparator, !isWord, let separator = GlossaryFold.punctuation(value), separator == 0x27 || separator == 0x2D,
            position + length < bytes.count
        {
            let (next, nextLength) = UTF8Decoding.scalar(in: bytes, at: position + length)
            if GlossaryFold.isWord(next) {
                position += length
                (value, length, isWord) = (next, nextLength, true)
            }
        }
        var node = endings.root
        var end = position
        while true {
            let folded = Self.looseFold(value, looseFolds)
            // The English possessive's apostrophe belongs to the ending.
            guard isWord || (folded == 0x27 && end == position) else { break }
            node = endingChild(of: node, label: folded)
            guard node >= 0 else { return (bare, nil) }
            end += length
            guard end < bytes.count else { break }
            (value, length) = UTF8Decoding.scalar(in: bytes, at: end)
            isWord = GlossaryFold.isWord(value)
        }
        guard end > position, endingNodes[Int(node)].isEnd else { return (bare, nil) }
        return (bare, end)
    }

    /// Whether the scalars read, folded as `strictness` says, equal a strict alias's key.
    /// `caseFolds` is ``GlossaryFold/caseTable``.
    private func matches(_ read: ScalarStack, _ key: Key, _ strictness: Strictness, caseFolds: UnsafeBufferPointer<UInt32>) -> Bool {
        guard read.count == Int(key.strictCount) else { return false }
        let start = Int(key.strictStart)
        for offset in 0..<read.count {
            var value = read.base[offset]
            let folded: UInt32
            if strictness == .exact {
                // As written, a run of spaces as one space.
                folded = value & Self.spaceRun != 0 ? 0x20 : GlossaryFold.punctuation(value) ?? value
            } else {
                // Case folded, a run of spaces as its first scalar.
                value &= ~Self.spaceRun
                folded = value < UInt32(GlossaryFold.directLimit) ? caseFolds[Int(value)] : GlossaryFold.caseFold(value)
            }
            if folded != strictKeys[start + offset] { return false }
        }
        return true
    }

    private func consider(_ walk: inout Walk, node: Int32, end: Int, stemEnd: Int, inflection: Int32) {
        // The longest match; of equally long ones, the glossaries' first alias (whichever
        // path through the trie reached it first).
        let best = walk.best
        guard best.alias < 0 || end >= best.range.upperBound else { return }
        let item = walk.trie[Int(node)]
        for terminal in Int(item.terminalStart)..<Int(item.terminalEnd) {
            let key = keys[Int(terminalKeys[terminal])]
            let candidate = key.alias
            if end == best.range.upperBound && best.alias >= 0 && candidate >= best.alias { return }
            let alias = aliases[Int(candidate)]
            if alias.strictness != .loose {
                guard matches(walk.read, key, alias.strictness, caseFolds: walk.caseFolds) else { continue }
            }
            // An inflected ending must belong to this alias's own class (Şuşa's az suffixes
            // are not a Russian alias's endings).
            if inflection >= 0 && key.lastInflection != inflection { continue }
            if alias.ownLanguageOnly {
                let record = walk.recordLanguage ?? walk.language()
                walk.recordLanguage = record
                guard record == alias.language || (record == .azCyrl && alias.language == .az) else { continue }
            }
            walk.best = Match(range: walk.start..<end, stemEnd: stemEnd, alias: candidate, inflection: inflection)
            return
        }
    }
}

/// A stack of scalars in memory of its own, pushed once per step of a walk: no uniqueness check
/// or capacity check beyond one comparison per push. Deallocated by its owner.
private struct ScalarStack {
    private(set) var base: UnsafeMutablePointer<UInt32>
    private var capacity: Int
    /// The scalars pushed; set lower to pop.
    var count = 0

    init() {
        capacity = 64
        base = .allocate(capacity: capacity)
    }

    @inline(__always)
    mutating func push(_ value: UInt32) {
        if count == capacity { grow() }
        base[count] = value
        count += 1
    }

    private mutating func grow() {
        let larger = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity * 2)
        larger.update(from: base, count: count)
        base.deallocate()
        base = larger
        capacity *= 2
    }

    func deallocate() {
        base.deallocate()
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

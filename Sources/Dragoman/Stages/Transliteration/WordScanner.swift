/// The words of a record that the transliterate stage looks at, by UTF-8 offset: every word (scope
/// `all`), or only the words that start with a capital (scope `names`, and the capitalized words
/// a record writes inside sentences). A word is a run of letters and marks
/// (``UTF8Decoding/isWordScalar(_:)``).
///
/// Looking for capitals skips the rest eight bytes at a time: most words start lower-case, and
/// reading each of them to its end cost more than the rest of the stage (measured: 17 instructions
/// a byte, for each of two passes). Whether a word starts a sentence is asked of the text before
/// it (``startsSentence(at:)``), only for the few words that need to know.
struct WordScanner {
    /// A word's bytes `start..<end` and its first scalar.
    typealias Word = (start: Int, end: Int, first: UInt32)

    private let bytes: UnsafeBufferPointer<UInt8>
    private let capitalizedOnly: Bool
    /// Read once per record: a static `let` read in the loop calls swift_once at every access.
    private let tables = Tables.shared
    private var index = 0
    /// Reading only capitalized words, the words read so far (for ``capitalizedWords()``); ``next()``
    /// hands out those it has not yet.
    private var kept: [Word] = []
    private var handedOut = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>, capitalizedOnly: Bool) {
        self.bytes = bytes
        self.capitalizedOnly = capitalizedOnly
    }

    /// The next word.
    @inline(always)
    mutating func next() -> Word? {
        if handedOut < kept.count {
            handedOut += 1
            return kept[handedOut - 1]
        }
        guard capitalizedOnly else { return nextWord() }
        guard let word = nextCapitalized() else { return nil }
        if kept.isEmpty { kept.reserveCapacity(16) }
        kept.append(word)
        handedOut += 1
        return word
    }

    /// Reading only capitalized words: all of them, those after the last one ``next()`` returned
    /// read now (``next()`` hands them out later without reading them again).
    mutating func capitalizedWords() -> [Word] {
        while capitalizedOnly, let word = nextCapitalized() { kept.append(word) }
        return kept
    }

    @inline(always)
    private mutating func nextWord() -> Word? {
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            var value = UInt32(byte)
            var length = 1
            if byte < 0x80 {
                // Spaces, digits and punctuation, most of what is not a word, without decoding.
                guard ASCIIScan.isLetter(byte) else {
                    index += 1
                    continue
                }
            } else {
                (value, length) = UTF8Decoding.scalar(in: bytes, at: index)
                guard tables.wordScalars.contains(value) else {
                    index += length
                    continue
                }
            }
            let start = index
            index = wordEnd(after: index + length)
            return (start, index, value)
        }
        return nil
    }

    @inline(always)
    private mutating func nextCapitalized() -> Word? {
        let count = bytes.count
        while true {
            index = ASCIIScan.firstCapitalOrNonASCII(in: bytes, from: index)
            guard index < count else { return nil }
            let (value, length) = UTF8Decoding.scalar(in: bytes, at: index)
            if tables.startsName(value) {
                let start = index
                index = wordEnd(after: index + length)
                // A capital inside a word (McDonald) starts none.
                if start == 0 || !followsWordScalar(start) { return (start, index, value) }
            } else if tables.wordScalars.contains(value) {
                // A letter that is no capital: no word starts before the end of its word
                // (Cyrillic and Armenian words are read to their end here, not letter by letter).
                index = wordEnd(after: index + length)
            } else {
                index += length
            }
        }
    }

    /// The end of the word whose scalars run on from `start`.
    @inline(always)
    private func wordEnd(after start: Int) -> Int {
        let count = bytes.count
        var end = start
        while end < count {
            // ASCII letters, the bulk of Latin words, eight at a time.
            let byte = bytes[end]
            if byte < 0x80 {
                guard ASCIIScan.isLetter(byte) else { break }
                end = ASCIIScan.firstNonLetter(in: bytes, from: end + 1)
                continue
            }
            let (next, nextLength) = UTF8Decoding.scalar(in: bytes, at: end)
            guard tables.wordScalars.contains(next) else { break }
            end += nextLength
        }
        return end
    }

    /// Whether the scalar before `index` (> 0) is part of a word.
    private func followsWordScalar(_ index: Int) -> Bool {
        let previous = bytes[index - 1]
        if previous < 0x80 { return ASCIIScan.isLetter(previous) }
        let start = UTF8Decoding.previousStart(in: bytes, before: index)
        return tables.wordScalars.contains(UTF8Decoding.scalar(in: bytes, at: start).value)
    }

    /// Whether the word at `start` starts a sentence: no word comes before it, or . ! ? … ։ ՜ ՞ or
    /// a newline stands between it and the word before.
    func startsSentence(at start: Int) -> Bool {
        var index = start
        while index > 0 {
            let byte = bytes[index - 1]
            if byte < 0x80 {
                // Spaces and punctuation, most of what comes between words, without decoding.
                if ASCIIScan.isLetter(byte) { return false }
                if byte == 0x2E || byte == 0x21 || byte == 0x3F || byte == 0x0A { return true }  // . ! ? newline
                index -= 1
                continue
            }
            index = UTF8Decoding.previousStart(in: bytes, before: index)
            let value = UTF8Decoding.scalar(in: bytes, at: index).value
            if tables.wordScalars.contains(value) { return false }
            if value == 0x2026 || value == 0x589 || value == 0x55C || value == 0x55E { return true }  // … ։ ՜ ՞
        }
        return true
    }

    /// Whether a word starting with this scalar may be a name: it starts with a capital. (Below
    /// 0x600 the capitals are the only upper-case letters; the Unicode tables are asked only above.)
    static func startsName(_ value: UInt32) -> Bool {
        LetterMapTransliterator.isCapital(value) || (value >= 0x600 && (Unicode.Scalar(value)?.properties.isUppercase ?? false))
    }

    private struct Tables: Sendable {
        static let shared = Tables()

        let wordScalars = UTF8Decoding.twoByteWordScalars
        /// A word scalar that may start a name.
        private let nameStarts = ScalarBits { UTF8Decoding.isWordScalar($0) && WordScanner.startsName($0) }

        /// Whether a word may start with this scalar and be a name.
        @inline(always)
        func startsName(_ value: UInt32) -> Bool {
            nameStarts.contains(value)
        }
    }
}

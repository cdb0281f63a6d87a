/// Romanizes the words of a record: every word, or only proper names.
///
/// The scheme is chosen by each word's language, which the stage takes from the record's language
/// and the word's script, and nothing else (only a glossary can know that a Turkish record's
/// `Şuşa` is an Azerbaijani name):
/// - Armenian script → `hy`.
/// - Cyrillic → `az-Cyrl` in an az-Cyrl record or when the word has ә ҹ ҝ ғ һ ј ө ү; else `ru`.
/// - Latin → `az` in Azerbaijani records, `tr` in Turkish ones; left alone in English and French.
///
/// Scope `all` changes every such word (for a target that cannot read the source script at all);
/// scope `names` only capitalized words, skipping a sentence's first word when it is a common word
/// of the language, and never a span the glossary stage wrote (glossary forms win: `Bakı` → `Baku`,
/// not `Baki`).
///
/// Records for a target written in another script (ru, hy, az-Cyrl) pass unchanged.
///
/// Each change is annotated with `data: {"scheme": …, "from": language}`.
/// Before: `Ստեփանակերտ` (hy) — after: `Stepanakert`.
public struct TransliterationStage: Stage {
    /// Which words change: every word of a transliterated language, or proper names only.
    public enum Scope: String, Sendable, CaseIterable {
        case all, names
    }

    public static let stageName = "transliterate"
    public var name: String { Self.stageName }
    /// The spans it reads: the glossary stage's (glossary forms are never romanized).
    public var readsMarks: Set<String>? { [GlossaryStage.stageName] }
    public let scope: Scope
    /// The scheme per language.
    public let schemes: [LanguageTag: TransliterationScheme]
    /// Compiled schemes and annotation data by ``LanguageTag/ordinal`` (arrays, not dictionaries:
    /// they are read for every word).
    private let compiled: [CompiledScheme]
    private let annotationData: [[String: String]]

    /// The languages that have a transliteration.
    public static let languages: [LanguageTag] = [.az, .azCyrl, .tr, .hy, .ru]

    /// - Parameter schemes: per language; languages not named use `english`.
    /// - Throws: ``DragomanError/icu(_:)`` when ICU cannot open a transform.
    public init(scope: Scope = .names, schemes: [LanguageTag: TransliterationScheme] = [:]) throws(DragomanError) {
        self.scope = scope
        var all: [LanguageTag: TransliterationScheme] = [:]
        var compiled: [LanguageTag: CompiledScheme] = [:]
        for language in Self.languages {
            let scheme = schemes[language] ?? .english
            all[language] = scheme
            do throws(ICUError) {
                if let engine = try Self.compile(scheme, for: language) { compiled[language] = engine }
            } catch {
                throw .icu(error)
            }
        }
        self.schemes = all
        self.compiled = LanguageTag.allCases.map { compiled[$0] ?? .none }
        self.annotationData = LanguageTag.allCases.map { ["scheme": all[$0]?.name ?? "none", "from": $0.rawValue] }
    }

    private static func compile(_ scheme: TransliterationScheme, for language: LanguageTag) throws(ICUError) -> CompiledScheme? {
        switch scheme {
        case .english:
            return EnglishSchemes.chain(for: language).map { .letterMap(LetterMapChainTransliterator($0)) }
        case .bgn:
            return try bgnID(for: language).map { id throws(ICUError) in .icu(try ICUTransform(id: id)) }
        case .ascii:
            return .icu(try ICUTransform(rules: TransliterationScheme.asciiRules, name: "Dragoman-ASCII"))
        case .custom(let custom):
            if let rules = custom.rules { return .icu(try ICUTransform(rules: rules, name: "Dragoman-Custom")) }
            return .icu(try ICUTransform(id: custom.name))
        case .none:
            return nil
        }
    }

    private static func bgnID(for language: LanguageTag) -> String? {
        TransliterationScheme.bgnID(for: language)
    }

    public func apply(to text: String, context: StageContext) throws(DragomanError) -> StageResult {
        // Romanizing is for readers of Latin script: a Russian or Armenian target keeps its script.
        guard context.target.writesLatin else { return StageResult(unchanged: text) }
        var scan = Scan()
        text.withUTF8Buffer { bytes in scan = romanize(bytes, context: context) }
        if let failure = scan.failure { throw .icu(failure) }
        guard scan.changed else { return StageResult(unchanged: text) }
        // Words cut at scalar boundaries and the engines' valid UTF-8: no validation again.
        let output = scan.output.withUnsafeBufferPointer { String(validUTF8: $0) }
        guard context.recordsEdits else { return StageResult(text: output, edits: [], map: .identity) }
        return StageResult(text: output, edits: scan.edits, map: OffsetMap(regions: scan.regions))
    }

    /// What one pass over a record produced.
    private struct Scan {
        var output: [UInt8] = []
        var changed = false
        var edits: [Edit] = []
        var regions: [OffsetMap.Region] = []
        var failure: ICUError?
    }

    /// The pass over a record's bytes. Its state lives in locals, not in variables a closure
    /// captures: a captured variable is boxed, and reading the engine out of a box retains it for
    /// every word.
    private func romanize(_ bytes: UnsafeBufferPointer<UInt8>, context: StageContext) -> Scan {
        var scan = Scan()
        let marks = context.marks
        let recordsEdits = context.recordsEdits
        // The record's language may need detection: resolve it at the first word, not before.
        var recordLanguage: LanguageTag?
        var engineLanguage: LanguageTag?
        var engine = CompiledScheme.none
        // Words the record writes capitalized inside a sentence: made when first needed.
        var midSentence: [UInt64]?
        // The output is built while scanning: one pass, no second walk to apply the edits.
        var output: [UInt8] = []
        var copied = 0
        let count = bytes.count
        // Names start with a capital: in that scope the other words are not even read.
        var words = WordScanner(bytes, capitalizedOnly: scope == .names)
        while let (wordStart, end, _) = words.next() {
            let word = UnsafeBufferPointer(rebasing: bytes[wordStart..<end])
            let language = recordLanguage ?? context.language
            recordLanguage = language
            guard let wordLanguage = Self.language(of: word, record: language) else { continue }
            // The engine is looked up when the word language changes, not per word: reading an
            // enum payload out of the array retains its tables.
            if wordLanguage != engineLanguage {
                engineLanguage = wordLanguage
                engine = compiled[wordLanguage.ordinal]
            }
            guard engine.mayChange(word) else { continue }
            // An ISO currency code (`JPY`, `CAD`, as the money stage writes amounts) is no name:
            // romanized, `JPY` became `ZHPY` in an Azerbaijani record's second pass.
            if scope == .names, word.count == 3, MoneyLexicon.code(written: word) != nil { continue }
            if scope == .names, words.startsSentence(at: wordStart),
                !Self.isNameAtSentenceStart(word, at: wordStart..<end, in: bytes, language: language, midSentence: &midSentence, words: &words)
            {
                continue
            }
            // Glossary forms win over rules, in either scope.
            // (Marks read in place: collecting the glossary's ranges first cost an array per record,
            // and copied each mark.)
            if !marks.isEmpty {
                let range = wordStart..<end
                if marks.contains(where: { $0.stage == "glossary" && $0.range.overlaps(range) }) { continue }
            }
            // The word is written straight into the output, after the text since the last word
            // written; comparing afterwards costs less than a scratch buffer per word.
            if output.capacity == 0 { output.reserveCapacity(count + count / 8) }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<wordStart]))
            let written = output.count
            do throws(ICUError) {
                try engine.transliterate(word, into: &output)
            } catch {
                scan.failure = error
                return scan
            }
            var replaced = wordStart..<end
            // A name written as nothing (a lone `Ь`) between two spaces takes the one after it
            // along: left, the two spaces would be collapsed only by a second pass's repair. (Scope
            // `all` keeps to the ICU rules `--print-icu-rules` prints, which cannot say it.)
            if scope == .names, output.count == written, wordStart > 0, end < count, bytes[wordStart - 1] == 0x20, bytes[end] == 0x20 {
                replaced = wordStart..<end + 1
            }
            copied = replaced.upperBound
            let unchanged = output.withUnsafeBufferPointer { UnsafeBufferPointer(rebasing: $0[written...]).elementsEqual(word) }
            if unchanged { continue }
            scan.changed = true
            // Describing the change costs more than making it: only when asked.
            guard recordsEdits else { continue }
            scan.regions.append(OffsetMap.Region(input: replaced, output: written..<output.count))
            let replacement = output.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[written...]), as: UTF8.self) }
            scan.edits.append(Edit(stage: name, range: replaced, replacement: replacement, data: annotationData[wordLanguage.ordinal]))
        }
        if scan.changed { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<count])) }
        scan.output = output
        return scan
    }

    /// Whether a capitalized word that starts a sentence is a name. Every sentence's first word is
    /// capitalized, so it counts as a name only when it is not a common word of the language (the
    /// stop list) and something else says so: the next word is capitalized too (`Ильхам Алиев
    /// заявил`), or the record writes the word capitalized inside a sentence as well. Otherwise
    /// (`Крупнейший взнос…`) it stays as written: an untouched name is better than a romanized
    /// common word.
    static func isNameAtSentenceStart(
        _ word: UnsafeBufferPointer<UInt8>, at range: Range<Int>, in bytes: UnsafeBufferPointer<UInt8>, language: LanguageTag,
        midSentence: inout [UInt64]?, words: inout WordScanner
    ) -> Bool {
        if NameStopWords.contains(word, language: language) { return false }
        // The next word, after spaces.
        var next = range.upperBound
        while next < bytes.count, bytes[next] == 0x20 { next += 1 }
        if next > range.upperBound, next < bytes.count {
            let value = UTF8Decoding.scalar(in: bytes, at: next).value
            if LetterMapTransliterator.isCapital(value) { return true }
        }
        // The same word elsewhere, inside a sentence: one pass over the record, once (searching
        // the record for each sentence's first word was quadratic in a long record).
        if midSentence == nil { midSentence = capitalizedInsideSentences(bytes, words: &words) }
        guard let midSentence else { return false }
        return contains(fingerprint(word), sorted: midSentence)
    }

    /// The words a text writes with a capital inside a sentence (not after . ! ? … or a newline),
    /// from the capitalized words the stage's scan reads (not read again).
    /// Each word as its ``fingerprint(_:)``, sorted: no string is made per word, and a binary
    /// search costs less than hashing into a set (measured: a set insertion cost more than the
    /// scan of the word).
    static func capitalizedInsideSentences(_ bytes: UnsafeBufferPointer<UInt8>, words: inout WordScanner) -> [UInt64] {
        let capitalized = words.capitalizedWords()
        var found: [UInt64] = []
        found.reserveCapacity(capitalized.count)
        for (start, end, first) in capitalized where LetterMapTransliterator.isCapital(first) && !words.startsSentence(at: start) {
            found.append(fingerprint(UnsafeBufferPointer(rebasing: bytes[start..<end])))
        }
        found.sort()
        return found
    }

    private static func contains(_ fingerprint: UInt64, sorted: [UInt64]) -> Bool {
        var low = 0
        var high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if sorted[middle] < fingerprint { low = middle + 1 } else { high = middle }
        }
        return low < sorted.count && sorted[low] == fingerprint
    }

    /// A 64-bit FNV-1a hash of a word's bytes: two words of one record practically never share one.
    static func fingerprint(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = FNV1a()
        for byte in word { hash.mix(UInt64(byte)) }
        return hash.value
    }

    /// ә ҹ ҝ ғ һ ј ө ү and their capitals: letters Azerbaijani Cyrillic has and Russian lacks.
    static func isAzerbaijaniCyrillic(_ value: UInt32) -> Bool {
        switch value {
        case 0x4D9, 0x4D8, 0x4B9, 0x4B8, 0x49D, 0x49C, 0x493, 0x492, 0x4BB, 0x4BA, 0x458, 0x408, 0x4E9, 0x4E8, 0x4AF, 0x4AE: true
        default: false
        }
    }

    /// The language of a word: the record's language and the word's script, nothing more.
    static func language(of word: UnsafeBufferPointer<UInt8>, record: LanguageTag) -> LanguageTag? {
        var index = 0
        var script = Script.inherited
        if let first = word.first, first < 0x80 {
            script = .latin  // a word here starts with a letter: an ASCII one is Latin
            index = word.count
        }
        while index < word.count {
            let (value, length) = UTF8Decoding.scalar(in: word, at: index)
            script = Script(of: Unicode.Scalar(value) ?? " ")
            if script != .inherited { break }
            index += length
        }
        switch script {
        case .armenian:
            return .hy
        case .cyrillic:
            if record == .azCyrl { return .azCyrl }
            var position = 0
            while position < word.count {
                let (value, length) = UTF8Decoding.scalar(in: word, at: position)
                if isAzerbaijaniCyrillic(value) { return .azCyrl }
                position += length
            }
            return .ru
        case .latin:
            switch record {
            case .az, .azCyrl: return .az
            case .tr: return .tr
            default: return nil
            }
        default:
            return nil
        }
    }
}

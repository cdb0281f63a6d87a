/// How words of one language are romanized.
public enum TransliterationScheme: Sendable, Hashable {
    /// The forms English-language media use (``EnglishSchemes``), compiled for speed.
    case english
    /// ICU's BGN/PCGN transforms as they are (`Armenian-Latin/BGN`, `Russian-Latin/BGN`,
    /// `Azerbaijani-Latin/BGN`).
    case bgn
    /// `Any-Latin; Latin-ASCII`, with ə → a first (ə is a base letter, so Latin-ASCII keeps it).
    case ascii
    /// ICU rules from a file, or a system or compound ID.
    case custom(CustomTransform)
    /// Leave the language's words alone.
    case none

    /// The name configs use.
    public var name: String {
        switch self {
        case .english: "english"
        case .bgn: "bgn"
        case .ascii: "ascii"
        case .custom: "custom"
        case .none: "none"
        }
    }

    /// ICU rules or a transliterator ID supplied by the user.
    public struct CustomTransform: Sendable, Hashable {
        /// Rule text, or nil for an ID.
        public var rules: String?
        /// The ID, or the file the rules came from.
        public var name: String

        public init(rules: String?, name: String) {
            self.rules = rules
            self.name = name
        }
    }

    /// The rules of the `ascii` scheme.
    static let asciiRules = "ə > a ; Ə > A ; :: Any-Latin ; :: Latin-ASCII ;"

    /// ICU's BGN transform for a language, where ICU has one.
    static func bgnID(for language: LanguageTag) -> String? {
        switch language {
        case .az, .azCyrl: "Azerbaijani-Latin/BGN"
        case .hy: "Armenian-Latin/BGN"
        case .ru: "Russian-Latin/BGN"
        case .tr, .fr, .en: nil
        }
    }
}

/// A compiled scheme: what the stage calls per word.
enum CompiledScheme: Sendable {
    case letterMap(LetterMapChainTransliterator)
    case icu(ICUTransform)
    /// No transliteration for the language. A case, not an optional: binding an optional's payload
    /// copies it, which the per-word loop cannot afford.
    case none

    /// Appends the word's transliteration as UTF-8.
    func transliterate(_ word: UnsafeBufferPointer<UInt8>, into output: inout [UInt8]) throws(ICUError) {
        switch self {
        case .letterMap(let map):
            map.transliterate(word, into: &output)
        case .icu(let transform):
            output.append(contentsOf: try transform.apply(String(decoding: word, as: UTF8.self)).utf8)
        case .none:
            output.append(contentsOf: word)
        }
    }

    /// Whether the word could change at all (the compiled maps know; ICU is asked anyway).
    func mayChange(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        let map: LetterMapChainTransliterator
        switch self {
        case .letterMap(let letterMap): map = letterMap
        case .icu: return true
        case .none: return false
        }
        var index = 0
        while index < word.count {
            let (value, length) = UTF8Decoding.scalar(in: word, at: index)
            if map.handles(value) { return true }
            index += length
        }
        return false
    }
}

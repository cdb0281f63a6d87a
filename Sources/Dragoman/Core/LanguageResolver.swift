
/// A record's language, detected only if a stage asks for it.
///
/// Detection reads the record (``LanguageDetector``); most stages never need the language for most
/// records (the repair stage asks only when a letter is ambiguous), and measured on the benchmark
/// corpus eager detection was a fifth of the repair-only run time. One resolver serves one record,
/// possibly asked by several stages; the answer is computed once.
final class LanguageResolver: Sendable {
    private let selection: LanguageSelection
    private let text: String
    private let cache = Locked<LanguageTag?>(nil)

    init(_ selection: LanguageSelection, text: String) {
        self.selection = selection
        self.text = text
    }

    var language: LanguageTag {
        if case .fixed(let tag) = selection { return tag }
        return cache.withLock { cached in
            if let cached { return cached }
            let detected = LanguageDetector.detect(text)
            cached = detected
            return detected
        }
    }
}

/// Either a language known up front or one resolved on first use.
enum RecordLanguage: Sendable {
    case known(LanguageTag)
    case deferred(LanguageResolver)

    init(_ selection: LanguageSelection, text: String) {
        switch selection {
        case .fixed(let tag): self = .known(tag)
        case .auto: self = .deferred(LanguageResolver(selection, text: text))
        }
    }

    var value: LanguageTag {
        switch self {
        case .known(let tag): tag
        case .deferred(let resolver): resolver.language
        }
    }
}

/// A language Dragoman reads or writes.
///
/// Tags are BCP 47 in form. Parsing is case-insensitive, accepts `_` for `-`, the explicit Latin
/// script for Azerbaijani (`az-Latn`) and a region subtag (`tr-TR`); anything else is
/// ``DragomanError/unknownLanguage(_:)``.
public enum LanguageTag: String, Sendable, Hashable, CaseIterable, Codable {
    /// Azerbaijani in Latin script (the official script since 1991).
    case az
    /// Azerbaijani in Cyrillic script (ә ҝ ғ ҹ һ ј ө ү ы), still seen in older and Russian-market text.
    case azCyrl = "az-Cyrl"
    case tr, hy, ru, fr, en

    /// Parses a tag such as `az`, `AZ-cyrl`, `tr_TR` or `az-Latn-AZ`.
    public init(parsing text: String) throws(DragomanError) {
        let parts = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "-" || $0 == "_" }).map { $0.lowercased() }
        guard let language = parts.first, !parts.contains(where: \.isEmpty) else { throw .unknownLanguage(text) }
        var script: String?
        var index = 1
        if index < parts.count, parts[index].count == 4 {
            script = parts[index]
            index += 1
        }
        if index < parts.count, parts[index].count == 2 || parts[index].count == 3, parts[index].allSatisfy(\.isLetter) || parts[index].allSatisfy(\.isNumber) {
            index += 1
        }
        guard index == parts.count else { throw .unknownLanguage(text) }
        switch (language, script) {
        case ("az", nil), ("az", "latn"): self = .az
        case ("az", "cyrl"): self = .azCyrl
        case ("tr", nil), ("tr", "latn"): self = .tr
        case ("hy", nil), ("hy", "armn"): self = .hy
        case ("ru", nil), ("ru", "cyrl"): self = .ru
        case ("fr", nil), ("fr", "latn"): self = .fr
        case ("en", nil), ("en", "latn"): self = .en
        default: throw .unknownLanguage(text)
        }
    }

    /// The ICU locale ID used for this language's locale data (number formats, case mapping).
    public var icuLocale: String {
        switch self {
        case .az: "az_AZ"
        case .azCyrl: "az_Cyrl_AZ"
        case .tr: "tr_TR"
        case .hy: "hy_AM"
        case .ru: "ru_RU"
        case .fr: "fr_FR"
        case .en: "en_US"
        }
    }

    // Hashed and compared by position, not by the raw value's text (dictionaries keyed by language
    // are read per alias when a glossary loads).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(ordinal)
    }

    public static func == (lhs: LanguageTag, rhs: LanguageTag) -> Bool {
        lhs.ordinal == rhs.ordinal
    }

    /// The position in ``allCases``, for tables indexed by language.
    public var ordinal: Int {
        switch self {
        case .az: 0
        case .azCyrl: 1
        case .tr: 2
        case .hy: 3
        case .ru: 4
        case .fr: 5
        case .en: 6
        }
    }

    /// Whether the language is written in Latin script (az, tr, fr, en).
    public var writesLatin: Bool {
        switch self {
        case .az, .tr, .fr, .en: true
        case .azCyrl, .hy, .ru: false
        }
    }

    /// The base language without script (`az` for both Azerbaijani scripts).
    public var baseLanguage: String {
        self == .azCyrl ? "az" : rawValue
    }
}

/// The source language of a record: given, or detected from the text.
public enum LanguageSelection: Sendable, Hashable, CustomStringConvertible {
    case auto
    case fixed(LanguageTag)

    /// Parses `auto` or a ``LanguageTag``.
    public init(parsing text: String) throws(DragomanError) {
        if text.lowercased() == "auto" {
            self = .auto
        } else {
            self = .fixed(try LanguageTag(parsing: text))
        }
    }

    /// The language for `text`: the fixed one, or ``LanguageDetector/detect(_:)``.
    public func resolve(for text: String) -> LanguageTag {
        switch self {
        case .auto: LanguageDetector.detect(text)
        case .fixed(let tag): tag
        }
    }

    public var description: String {
        switch self {
        case .auto: "auto"
        case .fixed(let tag): tag.rawValue
        }
    }
}

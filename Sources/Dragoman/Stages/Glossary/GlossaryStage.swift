/// Maps every written form of a known entity to the canonical form the style policy names, and
/// records the entity.
///
/// All aliases of all glossaries are matched at once, leftmost-longest, at word boundaries, with
/// inflected forms (``GlossaryMatcher``, ``Inflection``): `Dağlıq Qarabağ` wins over `Qarabağ`,
/// `Şuşada` is `Şuşa` with the suffix `da`, `в Шуше` is `Шуша`, `Шушенское` is nothing.
///
/// What is written (``Policy``): the canonical form (`replace`), nothing (`annotate`), or both
/// (`Shusha (Şuşa)`). An Azerbaijani or Turkish suffix is kept after the canonical form, joined as
/// ``SuffixJoin`` says (`Şuşada` → `Shusha'da`); a Russian or Armenian case ending is part of the
/// name and goes with it (`в Шуше` → `в Shusha`), except when the target is the alias's own
/// language, where the canonical form takes the same ending. A form that already is the canonical
/// one is left as written and still annotated.
///
/// Each match is annotated with `data: {"id", "type", "canonical", "suffix"?, "glossary"}`.
/// Before: `Şuşada mina` (az) — after: `Shusha'da mina`.
public struct GlossaryStage: Stage {
    public static let stageName = "glossary"
    public var name: String { Self.stageName }

    public enum Policy: String, Sendable, CaseIterable {
        /// Write the canonical form.
        case replace
        /// Leave the text; annotate only.
        case annotate
        /// Write the canonical form and the original in brackets.
        case both
    }

    /// How a kept Turkic suffix joins the canonical form.
    public enum SuffixJoin: String, Sendable, CaseIterable {
        /// `Shusha'da`, the way Turkish writes suffixes on proper names.
        case apostrophe
        /// `Shushada`.
        case attach
        /// `Shusha`.
        case drop
    }

    public let glossaries: [Glossary]
    public let style: String?
    public let policy: Policy
    public let suffix: SuffixJoin
    private let entries: [Glossary.Entry]
    private let glossaryNames: [String]
    private let matcher: GlossaryMatcher

    /// - Throws: ``DragomanError/invalidConfiguration(_:at:)`` when the glossaries conflict (an id
    ///   twice, an alias claimed by two entities in one language).
    public init(glossaries: [Glossary], style: String? = nil, policy: Policy = .replace, suffix: SuffixJoin = .apostrophe) throws(DragomanError) {
        let problems = Glossary.check(glossaries)
        if let first = problems.first {
            let more = problems.count > 1 ? " (and \(problems.count - 1) more; run `dragoman glossary check`)" : ""
            throw .invalidConfiguration(first.message + more, at: first.location)
        }
        self.glossaries = glossaries
        self.style = style
        self.policy = policy
        self.suffix = suffix
        var entries: [Glossary.Entry] = []
        var insensitive: [Bool] = []
        var names: [String] = []
        for glossary in glossaries {
            for entry in glossary.entries {
                entries.append(entry)
                insensitive.append(glossary.diacriticsInsensitive)
                names.append(glossary.name)
            }
        }
        self.entries = entries
        self.glossaryNames = names
        matcher = GlossaryMatcher(entries: entries, diacriticsInsensitive: insensitive)
    }

    /// The number of aliases compiled.
    public var aliasCount: Int { matcher.aliases.count }

    public func apply(to text: String, context: StageContext) throws(DragomanError) -> StageResult {
        let matches = text.withUTF8Buffer { matcher.matches(in: $0) }
        guard !matches.isEmpty else { return StageResult(unchanged: text) }
        var edits: [Edit] = []
        edits.reserveCapacity(matches.count)
        for match in matches {
            let alias = matcher.aliases[Int(match.alias)]
            let entry = entries[Int(alias.entry)]
            let written = text.utf8Slice(match.range)
            let stem = text.utf8Slice(match.range.lowerBound..<match.stemEnd)
            var ending = match.stemEnd < match.range.upperBound ? text.utf8Slice(match.stemEnd..<match.range.upperBound) : ""
            let inflection = match.inflection >= 0 ? matcher.inflections[Int(match.inflection)] : nil
            let keepsSuffix = inflection?.keepsSuffix ?? false
            if keepsSuffix, let first = ending.unicodeScalars.first, let folded = GlossaryFold.punctuation(first.value), folded == 0x27 || folded == 0x2D {
                ending = String(ending.unicodeScalars.dropFirst())
            }
            var canonical = entry.canonical(for: context.target, style: style)
            let allCapitals = stem.count > 1 && !entry.caseSensitive && stem.unicodeScalars.allSatisfy { !$0.properties.isLowercase }
                && stem.unicodeScalars.contains { $0.properties.isUppercase }
            if allCapitals { canonical = canonical.uppercased() }
            var replacement: String
            let canonicalKey = GlossaryFold.caseKey(canonical)
            if canonicalKey == GlossaryFold.caseKey(alias.name) || canonicalKey == GlossaryFold.caseKey(stem) {
                // Already the canonical form (in any case): leave it as written.
                replacement = written
            } else {
                replacement = canonical
                if !ending.isEmpty, let inflection {
                    if keepsSuffix {
                        switch suffix {
                        case .apostrophe: replacement += (context.target == .az ? "" : "'") + ending
                        case .attach: replacement += ending
                        case .drop: break
                        }
                    } else if context.target == alias.language, let reinflected = Self.reinflect(canonical, like: inflection, ending: ending, language: alias.language) {
                        replacement = reinflected
                    }
                }
            }
            switch policy {
            case .replace: break
            case .annotate: replacement = written
            case .both: if replacement != written { replacement += " (" + written + ")" }
            }
            guard context.recordsEdits || replacement != written else { continue }
            var data = ["id": entry.id, "type": entry.type.rawValue, "canonical": canonical, "glossary": glossaryNames[Int(alias.entry)]]
            if !ending.isEmpty { data["suffix"] = ending }
            edits.append(Edit(stage: name, range: match.range, replacement: replacement, data: data))
        }
        return try StageResult(applying: edits, to: text)
    }

    /// The canonical form with the ending the matched form had, when the canonical form's last
    /// word declines in the same class (`в Степанакерте` → `в Ханкенди` stays nominative, Ханкенди
    /// does not decline; `Карабахе` → `Карабахе`).
    private static func reinflect(_ canonical: String, like inflection: Inflection, ending: String, language: LanguageTag) -> String? {
        guard case .russian(let russianClass) = inflection.family else { return nil }
        var words = canonical.split(separator: " ").map(String.init)
        guard let last = words.last, let (stem, canonicalClass) = Inflection.russianStem(of: last, attributive: false), canonicalClass == russianClass
        else { return nil }
        words[words.count - 1] = stem + ending
        return words.joined(separator: " ")
    }
}

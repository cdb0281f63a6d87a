
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
    /// The spans it reads: none.
    public var readsMarks: Set<String>? { [] }

    /// What is written for a match.
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
    /// By target: computed on first use, so a match costs no string folding and a glossary of
    /// 100,000 entries does not fold them for targets never asked for.
    private let targetForms: TargetFormsCache
    private let suffixes = SuffixCache()

    /// - Throws: ``DragomanError/invalidConfiguration(_:at:)`` when the glossaries conflict (an id
    ///   twice, an alias claimed by two entities in one language).
    public init(glossaries: [Glossary], style: String? = nil, policy: Policy = .replace, suffix: SuffixJoin = .apostrophe) throws(DragomanError) {
        // A glossary parsed alone was checked then; glossaries together are checked here.
        let problems = glossaries.count == 1 && glossaries[0].checkedAlone ? [] : Glossary.check(glossaries)
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
        targetForms = TargetFormsCache(entries: entries, glossaryNames: names, style: style)
    }

    /// The number of aliases compiled.
    public var aliasCount: Int { matcher.aliases.count }

    public func apply(to text: String, context: StageContext) throws(DragomanError) -> StageResult {
        let target = context.target
        var edits: [Edit] = []
        text.withUTF8Buffer { bytes in
            let matches = matcher.matches(in: bytes, language: { context.language })
            guard !matches.isEmpty else { return }
            let forms = targetForms.forms(for: target)
            edits.reserveCapacity(matches.count)
            var index = 0
            while index < matches.count {
                var match = matches[index]
                index += 1
                // "Full name (ACRONYM)" of one entity: writing the canonical form twice
                // ("ANAMA (ANAMA)") says nothing. A full name already in the target language stays
                // with its acronym; a foreign one becomes the canonical form, once.
                if policy == .replace, index < matches.count, let closing = Self.bracketed(match, matches[index], in: bytes),
                    matcher.aliases[Int(match.alias)].entry == matcher.aliases[Int(matches[index].alias)].entry
                {
                    if matcher.aliases[Int(match.alias)].language == target {
                        // Both as written, still annotated.
                        for kept in [match, matches[index]] {
                            if let edit = edit(for: kept, in: bytes, target: target, forms: forms, describe: context.recordsEdits, keep: true, recordLanguage: { context.language }) { edits.append(edit) }
                        }
                        index += 1
                        continue
                    }
                    index += 1
                    guard var edit = edit(for: match, in: bytes, target: target, forms: forms, describe: context.recordsEdits, recordLanguage: { context.language }) else { continue }
                    match.range = match.range.lowerBound..<closing
                    edit.range = match.range
                    if context.recordsEdits, edit.replacement == String(decoding: UnsafeBufferPointer(rebasing: bytes[edit.range]), as: UTF8.self) { continue }
                    edits.append(edit)
                    continue
                }
                if let edit = edit(for: match, in: bytes, target: target, forms: forms, describe: context.recordsEdits, recordLanguage: { context.language }) { edits.append(edit) }
            }
        }
        guard !edits.isEmpty else { return StageResult(unchanged: text) }
        return try StageResult(applying: edits, to: text)
    }

    /// The edit for one match, or nil when it changes nothing and no one reads annotations.
    private func edit(
        for match: GlossaryMatcher.Match, in bytes: UnsafeBufferPointer<UInt8>, target: LanguageTag, forms: TargetForms, describe: Bool, keep: Bool = false,
        recordLanguage: () -> LanguageTag
    ) -> Edit? {
        let alias = matcher.aliases[Int(match.alias)]
        let entryIndex = Int(alias.entry)
        let entry = entries[entryIndex]
        func slice(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
        let inflection = match.inflection >= 0 ? matcher.inflections[Int(match.inflection)] : nil
        var endingStart = match.stemEnd
        if inflection?.keepsSuffix == true, endingStart < match.range.upperBound {
            // The separator before a Turkic suffix (' ’ -) is not part of the suffix.
            let (value, length) = UTF8Decoding.scalar(in: bytes, at: endingStart)
            if let folded = GlossaryFold.punctuation(value), folded == 0x27 || folded == 0x2D { endingStart += length }
        }
        let ending = endingStart < match.range.upperBound ? slice(endingStart..<match.range.upperBound) : ""
        var canonical = forms.canonical[entryIndex]
        var replacement: String?
        if keep || GlossaryFold.lowerEqual(matcher.names[Int(match.alias)], forms.canonical[entryIndex]) {
            // Already the canonical form (in any case, and only case: İstanbul is not Istanbul):
            // leave it as written.
            replacement = nil
        } else {
            // Capitals written for capitals (ŞUŞA → SHUSHA), unless the alias itself is in
            // capitals (an acronym: AA → Anadolu Agency, not ANADOLU AGENCY).
            if !entry.caseSensitive && !alias.writtenInCapitals
                && Self.allCapitals(UnsafeBufferPointer(rebasing: bytes[match.range.lowerBound..<match.stemEnd]))
            {
                canonical = canonical.uppercased()
            }
            var written = canonical
            if !ending.isEmpty, let inflection {
                if case .english = inflection.family {
                    // The possessive keeps its own apostrophe: Britain’s → United Kingdom’s.
                    written += ending
                } else if inflection.keepsSuffix {
                    // The suffix made again for the form written (Ermənistana → Armenia'ya).
                    // By the record's rules where it is Turkish or Azerbaijani (the alias matched may
                    // be the other language's same spelling: Fransa'ya).
                    let record = recordLanguage()
                    let rules: LanguageTag = record == .tr || record == .az ? record : (record == .azCyrl ? .az : alias.language)
                    let key = SuffixCache.Key(alias: match.alias, rules: rules, form: canonical, ending: ending)
                    let shown = suffixes.value(for: key) {
                        inflection.reharmonized(ending, after: canonical, rules: rules, alias: matcher.names[Int(match.alias)]) ?? ending
                    }
                    switch suffix {
                    case .apostrophe: written += (target == .az ? "" : "'") + shown
                    case .attach: written += shown
                    case .drop: break
                    }
                } else if target == alias.language, let reinflected = Self.reinflect(canonical, like: inflection, ending: ending) {
                    written = reinflected
                }
            }
            replacement = written
        }
        switch policy {
        case .replace: break
        case .annotate: replacement = nil
        case .both: if let changed = replacement { replacement = changed + " (" + slice(match.range) + ")" }
        }
        guard describe else {
            guard let replacement else { return nil }
            return Edit(stage: name, range: match.range, replacement: replacement)
        }
        // The entry's annotation data is made once per target; a match copies it (a retain).
        var data = forms.data[entryIndex]
        if canonical != forms.canonical[entryIndex] { data["canonical"] = canonical }
        if !ending.isEmpty { data["suffix"] = ending }
        return Edit(stage: name, range: match.range, replacement: replacement ?? slice(match.range), data: data)
    }

    /// Where `second` ends with its closing bracket, when it stands in brackets right after
    /// `first`: `first (second)`.
    private static func bracketed(_ first: GlossaryMatcher.Match, _ second: GlossaryMatcher.Match, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        let between = UnsafeBufferPointer(rebasing: bytes[first.range.upperBound..<second.range.lowerBound])
        guard between.elementsEqual([0x20, 0x28]) || between.elementsEqual([0x28]) else { return nil }
        let end = second.range.upperBound
        guard second.stemEnd == end, end < bytes.count, bytes[end] == 0x29 else { return nil }
        return end + 1
    }

    /// Whether the letters of a span are all capitals (two or more): `ŞUŞA`, not `Şuşa` or `Ş`.
    private static func allCapitals(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        var capitals = 0
        while index < bytes.count {
            let (value, length) = UTF8Decoding.scalar(in: bytes, at: index)
            index += length
            guard GlossaryFold.isWord(value) else { continue }
            let folded = GlossaryFold.caseFold(value)
            // A letter that folds to itself is lower case (or caseless: ə's capital is Ə, which folds).
            if folded == value && value != 0x131 { return false }
            capitals += 1
        }
        return capitals > 1
    }

    /// Kept suffixes made again for the forms written, by alias, rules, form and suffix: making
    /// one reads the words' letters, and a run meets the same few suffixes on the same names again
    /// and again. At most 65,536 are kept.
    final class SuffixCache: Sendable {
        struct Key: Hashable, Sendable {
            var alias: Int32
            var rules: LanguageTag
            var form: String
            var ending: String
        }

        private let table = Locked<[Key: String]>([:])

        func value(for key: Key, make: () -> String) -> String {
            if let known = table.withLock({ $0[key] }) { return known }
            let made = make()
            table.withLock { table in
                if table.count < 65_536 { table[key] = made }
            }
            return made
        }
    }

    /// ``TargetForms`` per target language, made when first asked for.
    final class TargetFormsCache: Sendable {
        private let entries: [Glossary.Entry]
        private let glossaryNames: [String]
        private let style: String?
        private let cache = Locked<[TargetForms?]>(Array(repeating: nil, count: LanguageTag.allCases.count))

        init(entries: [Glossary.Entry], glossaryNames: [String], style: String?) {
            self.entries = entries
            self.glossaryNames = glossaryNames
            self.style = style
        }

        func forms(for target: LanguageTag) -> TargetForms {
            if let made = cache.withLock({ $0[target.ordinal] }) { return made }
            // Made outside the lock; two threads may both make it, one wins.
            let made = TargetForms(entries: entries, glossaryNames: glossaryNames, target: target, style: style)
            return cache.withLock { cached in
                if let first = cached[target.ordinal] { return first }
                cached[target.ordinal] = made
                return made
            }
        }
    }

    /// Canonical forms for one target language, and the annotation data of a match, per entry.
    final class TargetForms: Sendable {
        let canonical: [String]
        let data: [[String: String]]

        init(entries: [Glossary.Entry], glossaryNames: [String], target: LanguageTag, style: String?) {
            let forms = entries.map { $0.canonical(for: target, style: style) }
            canonical = forms
            data = entries.indices.map { index in
                ["id": entries[index].id, "type": entries[index].type.rawValue, "canonical": forms[index], "glossary": glossaryNames[index]]
            }
        }
    }

    /// The canonical form with the ending the matched form had, when the canonical form's last
    /// word declines in the same class (`в Степанакерте` → `в Ханкенди` stays nominative, Ханкенди
    /// does not decline; `Карабахе` → `Карабахе`).
    private static func reinflect(_ canonical: String, like inflection: Inflection, ending: String) -> String? {
        guard case .russian(let russianClass) = inflection.family else { return nil }
        var words = canonical.split(separator: " ").map(String.init)
        guard let last = words.last, let (stem, canonicalClass) = Inflection.russianStem(of: last, attributive: false), canonicalClass == russianClass
        else { return nil }
        words[words.count - 1] = stem + ending
        return words.joined(separator: " ")
    }
}

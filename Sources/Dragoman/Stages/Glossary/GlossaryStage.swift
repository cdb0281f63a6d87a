
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
        matcher = GlossaryMatcher(entries: entries, diacriticsInsensitive: insensitive)
        targetForms = TargetFormsCache(entries: entries, glossaryNames: names, aliases: matcher, style: style)
    }

    /// The number of aliases compiled.
    public var aliasCount: Int { matcher.aliases.count }

    public func apply(to text: String, context: StageContext) throws(DragomanError) -> StageResult {
        var result: StageResult?
        text.withUTF8Buffer { bytes in
            let edits = edits(in: bytes, context: context)
            guard !edits.isEmpty else { return }
            result = Self.result(of: edits, on: bytes, describe: context.recordsEdits)
        }
        return result ?? StageResult(unchanged: text)
    }

    /// What ``StageResult/init(applying:to:)`` makes of `edits` (in order, none overlapping, on
    /// the scalar boundaries the matcher found), without its checks. The edits and the map only
    /// when described (describing costs more than writing).
    private static func result(of edits: [Edit], on bytes: UnsafeBufferPointer<UInt8>, describe: Bool) -> StageResult {
        var regions: [OffsetMap.Region] = []
        let text = StageResult.write(edits, into: bytes, regions: &regions, describe: describe)
        guard describe else { return StageResult(text: text, edits: [], map: .identity) }
        return StageResult(text: text, edits: edits, map: OffsetMap(regions: regions))
    }

    /// The edits of a record's matches, in order.
    private func edits(in bytes: UnsafeBufferPointer<UInt8>, context: StageContext) -> [Edit] {
        var edits: [Edit] = []
        let matches = matcher.matches(in: bytes, language: { context.language })
        guard !matches.isEmpty else { return edits }
        let target = context.target
        let describe = context.recordsEdits
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
                        if let edit = edit(for: kept, in: bytes, forms: forms, context: context, keep: true) {
                            edits.append(edit)
                        }
                    }
                    index += 1
                    continue
                }
                index += 1
                guard var edit = edit(for: match, in: bytes, forms: forms, context: context) else { continue }
                match.range = match.range.lowerBound..<closing
                edit.range = match.range
                if describe, edit.replacement == String(decoding: UnsafeBufferPointer(rebasing: bytes[edit.range]), as: UTF8.self) { continue }
                edits.append(edit)
                continue
            }
            if let edit = edit(for: match, in: bytes, forms: forms, context: context) {
                edits.append(edit)
            }
        }
        return edits
    }

    /// The edit for one match, or nil when it changes nothing and no one reads annotations.
    private func edit(
        for match: GlossaryMatcher.Match, in bytes: UnsafeBufferPointer<UInt8>, forms: TargetForms, context: StageContext, keep: Bool = false
    ) -> Edit? {
        let (target, describe) = (context.target, context.recordsEdits)
        // Plain values only: copying the entry or the Inflection retained their strings and tables
        // (measured: ten retains and releases a match).
        let alias = matcher.aliases[Int(match.alias)]
        let entryIndex = Int(alias.entry)
        func slice(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
        let family = match.inflection >= 0 ? matcher.inflections[Int(match.inflection)].family : nil
        var keepsSuffix = false
        if case .turkic = family { keepsSuffix = true }
        var endingStart = match.stemEnd
        if keepsSuffix, endingStart < match.range.upperBound {
            // The separator before a Turkic suffix (' ’ -) is not part of the suffix.
            let (value, length) = UTF8Decoding.scalar(in: bytes, at: endingStart)
            if let folded = GlossaryFold.punctuation(value), folded == 0x27 || folded == 0x2D { endingStart += length }
        }
        let ending = endingStart < match.range.upperBound ? slice(endingStart..<match.range.upperBound) : ""
        var canonical = forms.canonical[entryIndex]
        var replacement: String?
        if keep || forms.isCanonical[Int(match.alias)] {
            // Already the canonical form (in any case, and only case: İstanbul is not Istanbul):
            // leave it as written.
            replacement = nil
        } else {
            // Capitals written for capitals (ŞUŞA → SHUSHA), unless the alias itself is in
            // capitals (an acronym: AA → Anadolu Agency, not ANADOLU AGENCY).
            if alias.strictness != .exact && !alias.writtenInCapitals
                && Self.allCapitals(UnsafeBufferPointer(rebasing: bytes[match.range.lowerBound..<match.stemEnd]))
            {
                canonical = canonical.uppercased()
            }
            var written = canonical
            if !ending.isEmpty, let family {
                if case .english = family {
                    // The possessive keeps its own apostrophe: Britain’s → United Kingdom’s.
                    written += ending
                } else if keepsSuffix {
                    // The suffix made again for the form written (Ermənistana → Armenia'ya).
                    // By the record's rules where it is Turkish or Azerbaijani (the alias matched may
                    // be the other language's same spelling: Fransa'ya).
                    let record = context.language
                    let rules: LanguageTag = record == .tr || record == .az ? record : (record == .azCyrl ? .az : alias.language)
                    let key = SuffixCache.Key(alias: match.alias, rules: rules, form: canonical, ending: ending)
                    let shown = suffixes.value(for: key) {
                        matcher.inflections[Int(match.inflection)].reharmonized(ending, after: canonical, rules: rules, alias: matcher.names[Int(match.alias)])
                            ?? ending
                    }
                    switch suffix {
                    case .apostrophe: written += (target == .az ? "" : "'") + shown
                    case .attach: written += shown
                    case .drop: break
                    }
                } else if target == alias.language, let reinflected = Self.reinflect(canonical, like: family, ending: ending) {
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
        // The entry's annotation data is made once per target, and with a suffix once per suffix;
        // a match copies it (a retain).
        var data: [String: String]
        if canonical != forms.canonical[entryIndex] {
            data = forms.data[entryIndex]
            data["canonical"] = canonical
            if !ending.isEmpty { data["suffix"] = ending }
        } else if ending.isEmpty {
            data = forms.data[entryIndex]
        } else {
            data = forms.data(for: entryIndex, suffix: ending, as: UnsafeBufferPointer(rebasing: bytes[endingStart..<match.range.upperBound]))
        }
        return Edit(stage: name, range: match.range, replacement: replacement ?? slice(match.range), data: data)
    }

    /// Where `second` ends with its closing bracket, when it stands in brackets right after
    /// `first`: `first (second)`.
    private static func bracketed(_ first: GlossaryMatcher.Match, _ second: GlossaryMatcher.Match, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        // " (" or "(": compared byte by byte, not with arrays made for each pair of matches.
        let gap = second.range.lowerBound - first.range.upperBound
        guard gap == 1 || gap == 2, bytes[second.range.lowerBound - 1] == 0x28, gap == 1 || bytes[first.range.upperBound] == 0x20 else { return nil }
        let end = second.range.upperBound
        guard second.stemEnd == end, end < bytes.count, bytes[end] == 0x29 else { return nil }
        return end + 1
    }

    /// Whether the letters of a span are all capitals (two or more): `ŞUŞA`, not `Şuşa` or `Ş`.
    private static func allCapitals(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        var capitals = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                // ASCII letters without the tables: a capital folds to its small letter.
                index += 1
                if byte &- 0x61 < 26 { return false }
                if byte &- 0x41 < 26 { capitals += 1 }
                continue
            }
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
        /// The aliases as written and their entries, by alias.
        private let aliasNames: [String]
        private let aliasEntries: [Int32]
        private let style: String?
        private let cache = Locked<[TargetForms?]>(Array(repeating: nil, count: LanguageTag.allCases.count))

        init(entries: [Glossary.Entry], glossaryNames: [String], aliases: GlossaryMatcher, style: String?) {
            self.entries = entries
            self.glossaryNames = glossaryNames
            aliasNames = aliases.names
            aliasEntries = aliases.aliases.map(\.entry)
            self.style = style
        }

        func forms(for target: LanguageTag) -> TargetForms {
            if let made = cache.withLock({ $0[target.ordinal] }) { return made }
            // Made outside the lock; two threads may both make it, one wins.
            let made = TargetForms(entries: entries, glossaryNames: glossaryNames, aliasNames: aliasNames, aliasEntries: aliasEntries, target: target, style: style)
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
        /// By alias: whether the alias is its entry's canonical form in any case, and only case
        /// (``GlossaryFold/lowerEqual(_:_:)``; İstanbul is not Istanbul), so that a match of it
        /// is left as written. Asked once per alias here, not once per match (measured: 280
        /// instructions a match).
        let isCanonical: [Bool]
        /// An entry's data with a suffix, by entry and suffix: adding the suffix copies the
        /// dictionary (measured: 930 instructions, and as much again to free the copy later), and a
        /// run meets the same few endings of the same names again and again. At most 65,536 are
        /// kept.
        private let suffixed = Locked<[SuffixedKey: [String: String]]>([:])

        /// An entry and a suffix of up to 16 bytes: hashed as integers, not as a string (which
        /// hashes its normalized form: measured, 760 instructions a lookup).
        private struct SuffixedKey: Hashable {
            var entry: Int
            var count: Int
            /// The suffix's UTF-8, first byte lowest.
            var low: UInt64
            var high: UInt64
        }

        init(entries: [Glossary.Entry], glossaryNames: [String], aliasNames: [String], aliasEntries: [Int32], target: LanguageTag, style: String?) {
            let forms = entries.map { $0.canonical(for: target, style: style) }
            canonical = forms
            isCanonical = zip(aliasNames, aliasEntries).map { name, entry in GlossaryFold.lowerEqual(name, forms[Int(entry)]) }
            data = entries.indices.map { index in
                ["id": entries[index].id, "type": entries[index].type.rawValue, "canonical": forms[index], "glossary": glossaryNames[index]]
            }
        }

        /// The data of `entry` with `suffix` (whose UTF-8 is `bytes`) added.
        func data(for entry: Int, suffix: String, as bytes: UnsafeBufferPointer<UInt8>) -> [String: String] {
            guard bytes.count <= 16 else {
                var made = data[entry]
                made["suffix"] = suffix
                return made
            }
            var key = SuffixedKey(entry: entry, count: bytes.count, low: 0, high: 0)
            for (offset, byte) in bytes.enumerated() {
                if offset < 8 { key.low |= UInt64(byte) << (offset * 8) } else { key.high |= UInt64(byte) << ((offset - 8) * 8) }
            }
            if let known = suffixed.withLock({ $0[key] }) { return known }
            var made = data[entry]
            made["suffix"] = suffix
            suffixed.withLock { table in
                if table.count < 65_536 { table[key] = made }
            }
            return made
        }
    }

    /// The canonical form with the ending the matched form had, when the canonical form's last
    /// word declines in the same class (`в Степанакерте` → `в Ханкенди` stays nominative, Ханкенди
    /// does not decline; `Карабахе` → `Карабахе`).
    private static func reinflect(_ canonical: String, like family: Inflection.Family, ending: String) -> String? {
        guard case .russian(let russianClass) = family else { return nil }
        var words = canonical.split(separator: " ").map(String.init)
        guard let last = words.last, let (stem, canonicalClass) = Inflection.russianStem(of: last, attributive: false), canonicalClass == russianClass
        else { return nil }
        words[words.count - 1] = stem + ending
        return words.joined(separator: " ")
    }
}

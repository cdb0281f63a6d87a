internal import Yams

/// A glossary file: entities (places, people, organizations, terms) with their written forms per
/// language and the canonical form to write per target language.
///
/// ```yaml
/// version: 1
/// name: places-caucasus            # optional; defaults to the file name
/// match: {diacritics: sensitive}   # or insensitive: Şuşa also matches Susa
/// entries:
///   - id: shusha
///     type: place                  # place | person | org | term
///     names:                       # aliases per language, preferred form first
///       az: [Şuşa]
///       ru: [Шуша]
///       hy: [Շուշի]
///       en: [Shusha, Shushi]
///     canonical: {en: Shusha}      # optional; default: the first name of the target language
///     styles:                      # optional alternative canonical forms a config can choose
///       hy-official: {en: Shushi}
///     case: sensitive              # optional: match only as written (acronyms)
///     note: free text
/// ```
/// ``parse(yaml:path:)`` reports every problem with its file, line and column;
/// ``init(yaml:path:)`` throws the first.
public struct Glossary: Sendable, Hashable {
    /// The glossary format version this Dragoman reads.
    public static let currentVersion = 1

    /// What an entry names.
    public enum EntryType: String, Sendable, Hashable, CaseIterable {
        case place, person, org, term
    }

    /// One entity.
    public struct Entry: Sendable, Hashable {
        public var id: String
        public var type: EntryType
        /// Aliases per language, the preferred form first.
        public var names: [LanguageTag: [String]]
        /// The form written for a target language, where it is not the first name of that language.
        public var canonical: [LanguageTag: String] = [:]
        /// Alternative canonical forms by style name.
        public var styles: [String: [LanguageTag: String]] = [:]
        /// Match only as written (acronyms that are words in lower case: ANAMA, anama).
        public var caseSensitive = false
        public var note: String?
        /// Where the entry is written.
        public var location: SourceLocation?

        public init(
            id: String, type: EntryType, names: [LanguageTag: [String]], canonical: [LanguageTag: String] = [:],
            styles: [String: [LanguageTag: String]] = [:], caseSensitive: Bool = false, note: String? = nil, at location: SourceLocation? = nil
        ) {
            self.id = id
            self.type = type
            self.names = names
            self.canonical = canonical
            self.styles = styles
            self.caseSensitive = caseSensitive
            self.note = note
            self.location = location
        }

        /// The form to write for `target` under `style`: the style's form, else the canonical
        /// form, else the first name in the target language, else the English one.
        public func canonical(for target: LanguageTag, style: String? = nil) -> String {
            if let style, let form = styles[style]?[target] { return form }
            if let form = canonical[target] ?? names[target]?.first { return form }
            if let style, let form = styles[style]?[.en] { return form }
            // In a fixed language order: a dictionary's own order changes from run to run.
            return canonical[.en] ?? names[.en]?.first ?? LanguageTag.allCases.lazy.compactMap { names[$0]?.first }.first ?? id
        }
    }

    /// A mistake in a glossary file, located.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public var message: String
        public var location: SourceLocation?

        public init(_ message: String, at location: SourceLocation?) {
            self.message = message
            self.location = location
        }

        public var description: String {
            guard let location else { return "error: \(message)" }
            return "\(location): error: \(message)"
        }
    }

    public var name: String
    /// Whether matching ignores diacritics for this glossary's entries (Şuşa also matches Susa).
    public var diacriticsInsensitive = false
    public var entries: [Entry]
    /// The file it was read from, for messages.
    public var path: String?
    /// Whether ``check(_:)`` found nothing in this glossary alone (set by parsing; a stage built
    /// from it alone need not check again). Not part of equality.
    var checkedAlone = false

    public static func == (lhs: Glossary, rhs: Glossary) -> Bool {
        lhs.name == rhs.name && lhs.diacriticsInsensitive == rhs.diacriticsInsensitive && lhs.entries == rhs.entries && lhs.path == rhs.path
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(entries.count)
    }

    public init(name: String, entries: [Entry], diacriticsInsensitive: Bool = false, path: String? = nil) {
        self.name = name
        self.entries = entries
        self.diacriticsInsensitive = diacriticsInsensitive
        self.path = path
    }

    /// Parses a glossary, throwing its first problem.
    public init(yaml: String, path: String) throws(DragomanError) {
        let (glossary, problems) = Self.parse(yaml: yaml, path: path)
        if let first = problems.first {
            let more = problems.count > 1 ? " (and \(problems.count - 1) more; run `dragoman glossary check \(path)`)" : ""
            throw .invalidConfiguration(first.message + more, at: first.location)
        }
        guard let glossary else { throw .invalidConfiguration("not a glossary", at: SourceLocation(path: path, line: 1)) }
        self = glossary
    }

    /// Parses a glossary and lists every problem: syntax, unknown keys, unknown language codes,
    /// empty names, duplicate ids and aliases claimed twice within the file. The glossary is nil
    /// only when the file cannot be read as one at all.
    public static func parse(yaml: String, path: String) -> (Glossary?, [Problem]) {
        var problems: [Problem] = []
        let document: YAMLDocument
        if let read = YAMLDocument(reading: yaml) {
            document = read
        } else {
            do {
                document = try YAMLDocument(composing: yaml)
            } catch let error as YamlError {
                return (nil, [Self.syntaxProblem(error, path: path)])
            } catch {
                return (nil, [Problem("cannot read YAML: \(error)", at: SourceLocation(path: path, line: 1))])
            }
        }
        let at = { (node: YAMLDocument.Index?) -> SourceLocation in document.location(node, path: path) }
        let root = document.root
        guard let root, let mapping = document.mapping(root) else {
            return (nil, [Problem("a glossary must be a mapping with 'version' and 'entries'", at: at(root))])
        }
        var version: Int?
        var name = Self.defaultName(path)
        var insensitive = false
        var entries: [Entry] = []
        var sawEntries = false
        for (keyNode, value) in mapping {
            switch document.string(keyNode) ?? "" {
            case "version":
                guard let number = document.int(value) else {
                    problems.append(Problem("'version' must be a whole number", at: at(value)))
                    continue
                }
                if number != currentVersion {
                    problems.append(Problem("glossary version \(number) is not known to this Dragoman (it reads version \(currentVersion))", at: at(value)))
                }
                version = number
            case "name":
                if let text = document.string(value), !text.isEmpty { name = text } else { problems.append(Problem("'name' must be text", at: at(value))) }
            case "match":
                guard let options = document.mapping(value) else {
                    problems.append(Problem("'match' must be a mapping such as {diacritics: insensitive}", at: at(value)))
                    continue
                }
                for (optionKey, optionValue) in options {
                    guard document.string(optionKey) == "diacritics" else {
                        problems.append(Problem("unknown key '\(document.string(optionKey) ?? "")' in 'match' (known: diacritics)", at: at(optionKey)))
                        continue
                    }
                    switch document.string(optionValue) {
                    case "sensitive": insensitive = false
                    case "insensitive": insensitive = true
                    default: problems.append(Problem("'diacritics' must be sensitive or insensitive", at: at(optionValue)))
                    }
                }
            case "entries":
                sawEntries = true
                guard let sequence = document.sequence(value) else {
                    problems.append(Problem("'entries' must be a list", at: at(value)))
                    continue
                }
                for node in sequence {
                    if let entry = Self.entry(node, in: document, at: at, problems: &problems) { entries.append(entry) }
                }
            default:
                problems.append(Problem("unknown key '\(document.string(keyNode) ?? "")' (known: version, name, match, entries)", at: at(keyNode)))
            }
        }
        if version == nil { problems.append(Problem("missing 'version: \(currentVersion)'", at: at(root))) }
        if !sawEntries { problems.append(Problem("missing 'entries'", at: at(root))) }
        var glossary = Glossary(name: name, entries: entries, diacriticsInsensitive: insensitive, path: path)
        let conflicts = check([glossary])
        glossary.checkedAlone = conflicts.isEmpty
        problems += conflicts
        return (glossary, problems)
    }

    private static func entry(
        _ node: YAMLDocument.Index, in document: YAMLDocument, at: (YAMLDocument.Index?) -> SourceLocation, problems: inout [Problem]
    ) -> Entry? {
        guard let mapping = document.mapping(node) else {
            problems.append(Problem("an entry must be a mapping with 'id', 'type' and 'names'", at: at(node)))
            return nil
        }
        var id: String?
        var type: EntryType?
        var names: [LanguageTag: [String]] = [:]
        var canonical: [LanguageTag: String] = [:]
        var styles: [String: [LanguageTag: String]] = [:]
        var caseSensitive = false
        var note: String?
        func languageMap(_ value: YAMLDocument.Index, what: String) -> [LanguageTag: String] {
            guard let map = document.mapping(value) else {
                problems.append(Problem("'\(what)' must map language codes to forms", at: at(value)))
                return [:]
            }
            var result: [LanguageTag: String] = [:]
            for (languageNode, form) in map {
                guard let language = Self.language(languageNode, in: document, at: at, problems: &problems) else { continue }
                guard let text = document.string(form), !text.trimmingSpaces.isEmpty else {
                    problems.append(Problem("'\(what)' for \(language.rawValue) must be a non-empty form", at: at(form)))
                    continue
                }
                result[language] = text
            }
            return result
        }
        for (keyNode, value) in mapping {
            switch document.string(keyNode) ?? "" {
            case "id":
                if let text = document.string(value), !text.isEmpty { id = text } else { problems.append(Problem("'id' must be text", at: at(value))) }
            case "type":
                if let parsed = document.string(value).flatMap(EntryType.init(rawValue:)) {
                    type = parsed
                } else {
                    problems.append(Problem("'type' must be place, person, org or term, not '\(document.string(value) ?? "")'", at: at(value)))
                }
            case "names":
                guard let map = document.mapping(value) else {
                    problems.append(Problem("'names' must map language codes to lists of names", at: at(value)))
                    continue
                }
                for (languageNode, list) in map {
                    guard let language = Self.language(languageNode, in: document, at: at, problems: &problems) else { continue }
                    let items = document.sequence(list).map(Array.init) ?? [list]
                    var forms: [String] = []
                    for item in items {
                        guard let text = document.string(item), !text.trimmingSpaces.isEmpty else {
                            problems.append(Problem("empty name for \(language.rawValue)", at: at(item)))
                            continue
                        }
                        if !forms.contains(text) { forms.append(text) }
                    }
                    names[language, default: []] += forms
                }
            case "canonical":
                canonical = languageMap(value, what: "canonical")
            case "styles":
                guard let map = document.mapping(value) else {
                    problems.append(Problem("'styles' must map style names to {language: form}", at: at(value)))
                    continue
                }
                for (styleNode, forms) in map {
                    guard let style = document.string(styleNode), !style.isEmpty else { continue }
                    styles[style] = languageMap(forms, what: "styles.\(style)")
                }
            case "case":
                switch document.string(value) {
                case "sensitive": caseSensitive = true
                case "insensitive": caseSensitive = false
                default: problems.append(Problem("'case' must be sensitive or insensitive", at: at(value)))
                }
            case "note", "source", "sources":
                note = document.string(value)
            default:
                problems.append(
                    Problem("unknown key '\(document.string(keyNode) ?? "")' in an entry (known: id, type, names, canonical, styles, case, note)", at: at(keyNode)))
            }
        }
        guard let id else {
            problems.append(Problem("an entry needs an 'id'", at: at(node)))
            return nil
        }
        if names.values.allSatisfy(\.isEmpty) { problems.append(Problem("entry '\(id)' has no names", at: at(node))) }
        return Entry(
            id: id, type: type ?? .term, names: names, canonical: canonical, styles: styles, caseSensitive: caseSensitive, note: note,
            at: at(node))
    }

    private static func language(
        _ node: YAMLDocument.Index, in document: YAMLDocument, at: (YAMLDocument.Index?) -> SourceLocation, problems: inout [Problem]
    ) -> LanguageTag? {
        let text = document.string(node) ?? ""
        do throws(DragomanError) {
            return try LanguageTag(parsing: text)
        } catch {
            let known = LanguageTag.allCases.map(\.rawValue).joined(separator: ", ")
            problems.append(Problem("unknown language code '\(text)' (known: \(known))", at: at(node)))
            return nil
        }
    }

    /// Problems across glossaries loaded together: an id used twice, and an alias claimed by two
    /// entities in one language (compared as the matcher compares them: case and the Turkic i
    /// letters folded, so `İstanbul` and `ISTANBUL` are one alias).
    public static func check(_ glossaries: [Glossary]) -> [Problem] {
        var problems: [Problem] = []
        var ids: [String: SourceLocation?] = [:]
        // Aliases by a fingerprint of their key (no string made per alias: this check is a good
        // part of loading 100,000 aliases); keys compared only when fingerprints meet.
        struct Claim {
            var glossary: Int
            var entry: Int
            var language: LanguageTag
            var alias: String
        }
        var claims: [Claim] = []
        let total = glossaries.reduce(0) { $0 + $1.entries.count * 2 }
        var fingerprints = IntegerTable(capacity: total)
        ids.reserveCapacity(total / 2)
        // Keys whose fingerprints met another key's (practically never): compared as strings.
        var collided: [AliasKey: Int] = [:]
        func key(_ claim: Claim) -> AliasKey {
            let entry = glossaries[claim.glossary].entries[claim.entry]
            return AliasKey(language: claim.language, folded: entry.caseSensitive ? claim.alias : GlossaryFold.caseKey(claim.alias))
        }
        for (glossaryIndex, glossary) in glossaries.enumerated() {
            for (entryIndex, entry) in glossary.entries.enumerated() {
                if let first = ids[entry.id] {
                    problems.append(Problem("duplicate id '\(entry.id)' (first at \(first.map { "\($0)" } ?? "?"))", at: entry.location))
                } else {
                    ids[entry.id] = entry.location
                }
                for language in LanguageTag.allCases {
                    for alias in entry.names[language] ?? [] {
                        let claim = Claim(glossary: glossaryIndex, entry: entryIndex, language: language, alias: alias)
                        let new = Int32(claims.count)
                        var held = Int(fingerprints.insert(GlossaryFold.fingerprint(alias, language: language.ordinal, folded: !entry.caseSensitive), new))
                        if held == Int(new) {
                            claims.append(claim)
                            continue
                        }
                        let claimKey = key(claim)
                        if key(claims[held]) != claimKey {
                            // Another key with the same fingerprint.
                            if let earlier = collided[claimKey] {
                                held = earlier
                            } else {
                                collided[claimKey] = claims.count
                                claims.append(claim)
                                continue
                            }
                        }
                        let claimed = glossaries[claims[held].glossary].entries[claims[held].entry]
                        guard claimed.id != entry.id else { continue }
                        problems.append(
                            Problem(
                                "alias '\(alias)' (\(language.rawValue)) of '\(entry.id)' is already an alias of '\(claimed.id)' (at \(claimed.location.map { "\($0)" } ?? "?"))",
                                at: entry.location))
                    }
                }
            }
        }
        return problems
    }

    /// The names of the glossaries shipped with Dragoman (embedded in the library).
    public static var shippedNames: [String] { ShippedGlossaries.files.map(\.name) }

    /// A shipped glossary's YAML text by name.
    public static func shippedYAML(_ name: String) -> String? {
        ShippedGlossaries.files.first { $0.name == name }?.yaml
    }

    /// A shipped glossary by name (`places-caucasus`).
    public static func shipped(_ name: String) throws(DragomanError) -> Glossary {
        guard let file = ShippedGlossaries.files.first(where: { $0.name == name }) else {
            throw .invalidConfiguration("no shipped glossary '\(name)' (shipped: \(shippedNames.joined(separator: ", ")))", at: nil)
        }
        return try Glossary(yaml: file.yaml, path: "glossaries/\(name).yaml")
    }

    /// Reads a glossary file.
    public static func load(path: String) throws(DragomanError) -> Glossary {
        guard let text = ConfigFiles.read(path) else { throw .io("cannot read glossary", path: path) }
        return try Glossary(yaml: text, path: path)
    }

    /// A config's glossary item: a shipped glossary's name, or a file (a path with `/` or ending in
    /// `.yaml`/`.yml`, relative to the config file at `location`).
    static func named(_ item: String, relativeTo location: SourceLocation?) throws(DragomanError) -> Glossary {
        if !item.contains("/") && !item.hasSuffix(".yaml") && !item.hasSuffix(".yml") {
            do throws(DragomanError) {
                return try shipped(item)
            } catch {
                throw .invalidConfiguration("\(error)", at: location)
            }
        }
        return try load(path: ConfigFiles.resolve(item, relativeTo: location?.path))
    }

    private struct AliasKey: Hashable {
        var language: LanguageTag
        var folded: String
    }

    /// `places-caucasus` for `glossaries/places-caucasus.yaml`.
    static func defaultName(_ path: String) -> String {
        var name = Substring(path)
        if let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
        for suffix in [".yaml", ".yml"] where name.hasSuffix(suffix) { name = name.dropLast(suffix.count) }
        return String(name)
    }

    private static func syntaxProblem(_ error: YamlError, path: String) -> Problem {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return Problem("YAML: \(problem)", at: SourceLocation(path: path, line: mark.line, column: mark.column))
        default:
            return Problem("YAML: \(error)", at: SourceLocation(path: path, line: 1))
        }
    }
}

extension String {
    /// Without leading and trailing spaces and newlines (Foundation-free).
    var trimmingSpaces: Substring {
        let isSpace = { (character: Character) in character.isWhitespace }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return self[first...last]
    }
}

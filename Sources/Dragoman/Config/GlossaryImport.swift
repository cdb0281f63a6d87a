/// Reads the glossary formats terminology tools and translation services export, so that a
/// termbase can become a Dragoman glossary (``Glossary/yamlText(header:)`` writes it out).
///
/// - TBX (ISO 30042:2019 TBX-Basic and TBX-Min, in either data-category style, and the older
///   `martif` TBX 2008 layout): one entry per `conceptEntry`/`termEntry`, its terms per `langSec`/
///   `langSet`, ordered preferred first and deprecated last. ``tbx(_:path:)``.
/// - CSV/TSV: a header row of language codes, one entity per row. ``delimited(_:path:)``.
///
/// Every problem is a ``DragomanError/invalidConfiguration(_:at:)`` located at `file:line:column`
/// (delimited rows: `file:line`). The imported glossary passes ``Glossary/check(_:)``, as a YAML
/// glossary must: an alias claimed by two concepts is an error here too.
///
/// Before (TBX):
/// ```xml
/// <conceptEntry id="C-17"><descrip type="subjectField">places</descrip>
///   <langSec xml:lang="az"><termSec><term>Şuşa</term></termSec></langSec>
///   <langSec xml:lang="en"><termSec><term>Shusha</term>
///     <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
/// </conceptEntry>
/// ```
/// After: `{id: c-17, type: place, names: {az: [Şuşa], en: [Shusha]}, note: "subject field: places"}`.
public enum GlossaryImport {
    /// Reads a glossary file, choosing the reader by extension: `.tbx`/`.xml` TBX, `.csv`/`.tsv`/
    /// `.txt` delimited, `.yaml`/`.yml` Dragoman's own format (``Glossary/load(path:)``).
    public static func load(path: String) throws(DragomanError) -> Glossary {
        let fileName = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        let ext = fileName.lastIndex(of: ".").map { fileName[fileName.index(after: $0)...].lowercased() } ?? ""
        let reader: (String, String) throws(DragomanError) -> Glossary
        switch ext {
        case "yaml", "yml": return try Glossary.load(path: path)
        case "tbx", "xml": reader = tbx
        case "csv", "tsv", "txt": reader = delimited
        default:
            throw .invalidConfiguration(
                "cannot tell the glossary format of '\(fileName)' (known extensions: .tbx, .xml, .csv, .tsv, .txt, .yaml, .yml)", at: nil)
        }
        guard let text = ConfigFiles.read(path) else { throw .io("cannot read glossary", path: path) }
        return try reader(text, path)
    }

    // MARK: - TBX

    /// Reads a TBX termbase.
    ///
    /// - A concept's `id` becomes the entry id, lowercased to ASCII letters, digits and hyphens; a
    ///   concept without one gets the slug of its English term (else its first term). Ids are made
    ///   unique with `-2`, `-3`….
    /// - Terms per language (`xml:lang` read by ``LanguageTag/init(parsing:)``; several `langSec`s of
    ///   one language merge): `administrativeStatus` preferred first, then admitted and unmarked
    ///   terms, then transliterated forms, then deprecated or superseded ones, each group in document
    ///   order. A deprecated term is still an alias (it is seen in text) but never the form written:
    ///   a language whose terms are all deprecated gets the English form as its canonical one.
    /// - `case: sensitive` when every term is an `acronym` (or `initialism`) of at most 5 letters.
    /// - Type: `termNote type="entityType"` or `descrip type="type"` (place, person, org, term), else
    ///   a `subjectField` naming places, people or organizations, else `term`.
    /// - Note: the `definition` (the concept's, else the English one, else the first) and the
    ///   subject field.
    /// - Both data-category styles: `<termNote type="administrativeStatus">` and
    ///   `<administrativeStatus>`, `<descrip type="subjectField">` and `<subjectField>`; namespace
    ///   prefixes are ignored.
    ///
    /// A concept without terms is skipped.
    public static func tbx(_ text: String, path: String) throws(DragomanError) -> Glossary {
        var reader = XMLReader(text: text, path: path)
        let root = try reader.document()
        guard ["tbx", "martif"].contains(root.name.lowercased()) else {
            throw .invalidConfiguration(
                "not a TBX file: the root element is <\(root.qualifiedName)> (expected <tbx> or <martif>)", at: reader.location(root.offset))
        }
        var concepts: [XMLElement] = []
        root.collect(into: &concepts, stopAt: []) { ["conceptEntry", "termEntry"].contains($0.name) }
        var ids = IdAllocator()
        var entries: [Glossary.Entry] = []
        for concept in concepts {
            if let entry = try Self.entry(concept, reader: reader, ids: &ids) { entries.append(entry) }
        }
        return try checked(Glossary(name: glossaryName(path), entries: entries, path: path))
    }

    /// One term of a concept, with what the TBX says about it.
    private struct Term {
        var form: String
        var language: LanguageTag
        var rank: Int
        var acronym: Bool
    }

    private static func entry(_ concept: XMLElement, reader: XMLReader, ids: inout IdAllocator) throws(DragomanError) -> Glossary.Entry? {
        let langSecNames: Set<String> = ["langSec", "langSet"]
        var conceptLevel: [XMLElement] = []
        concept.collect(into: &conceptLevel, stopAt: langSecNames) { _ in true }
        var langSecs: [XMLElement] = []
        concept.collect(into: &langSecs, stopAt: langSecNames) { langSecNames.contains($0.name) }

        var terms: [Term] = []
        var explicitType: Glossary.EntryType?
        var subjectFields: [String] = []
        var conceptDefinition: String?
        var languageDefinitions: [(LanguageTag, String)] = []

        for element in conceptLevel {
            switch category(of: element) {
            case "subjectField":
                let value = element.normalizedText
                if !value.isEmpty, !subjectFields.contains(value) { subjectFields.append(value) }
            case "definition":
                if conceptDefinition == nil, !element.normalizedText.isEmpty { conceptDefinition = element.normalizedText }
            case "type", "entityType":
                if explicitType == nil { explicitType = entryType(element.normalizedText) }
            default: break
            }
        }
        for langSec in langSecs {
            guard let lang = langSec.attribute("lang") else {
                throw .invalidConfiguration("<\(langSec.qualifiedName)> without xml:lang", at: reader.location(langSec.offset))
            }
            let language: LanguageTag
            do throws(DragomanError) {
                language = try LanguageTag(parsing: lang.value.trimmingSpaces.description)
            } catch {
                let known = LanguageTag.allCases.map(\.rawValue).joined(separator: ", ")
                throw .invalidConfiguration("unknown language code '\(lang.value)' (known: \(known))", at: reader.location(lang.valueOffset))
            }
            var inside: [XMLElement] = []
            langSec.collect(into: &inside, stopAt: []) { _ in true }
            for element in inside where category(of: element) == "definition" {
                let value = element.normalizedText
                if !value.isEmpty { languageDefinitions.append((language, value)) }
            }
            var groups: [XMLElement] = []
            langSec.collect(into: &groups, stopAt: ["termSec", "ntig", "tig"]) { ["termSec", "ntig", "tig"].contains($0.name) }
            if groups.isEmpty {
                // A bare <term> in a langSec (seen in hand-written files): a group of its own.
                langSec.collect(into: &groups, stopAt: ["term"]) { $0.name == "term" }
            }
            for group in groups {
                var parts: [XMLElement] = group.name == "term" ? [group] : []
                group.collect(into: &parts, stopAt: []) { _ in true }
                guard let termElement = parts.first(where: { $0.name == "term" }) else { continue }
                let form = termElement.normalizedText
                guard !form.isEmpty else { continue }
                var status = "admitted"
                var termType = ""
                for part in parts {
                    switch category(of: part) {
                    case "administrativeStatus", "termStatus", "normativeAuthorization":
                        status = part.normalizedText.lowercased()
                    case "termType":
                        termType = part.normalizedText.lowercased()
                    case "entityType", "type":
                        if explicitType == nil { explicitType = entryType(part.normalizedText) }
                    default: break
                    }
                }
                let rank: Int
                if status.hasPrefix("preferred") {
                    rank = 0
                } else if status.hasPrefix("deprecated") || status.hasPrefix("superseded") || status.hasPrefix("obsolete") {
                    rank = 3
                } else if termType.hasPrefix("transliterated") || termType.hasPrefix("transcribed") {
                    rank = 2
                } else {
                    rank = 1
                }
                let acronym = termType == "acronym" || termType == "initialism"
                terms.append(Term(form: form, language: language, rank: rank, acronym: acronym))
            }
        }
        guard !terms.isEmpty else { return nil }

        var names: [LanguageTag: [String]] = [:]
        var bestRank: [LanguageTag: Int] = [:]
        for language in LanguageTag.allCases {
            // Stable: document order within a rank; a form listed twice keeps its better rank.
            var forms: [(form: String, rank: Int)] = []
            for term in terms where term.language == language {
                if let index = forms.firstIndex(where: { $0.form == term.form }) {
                    forms[index].rank = min(forms[index].rank, term.rank)
                } else {
                    forms.append((term.form, term.rank))
                }
            }
            guard !forms.isEmpty else { continue }
            let ordered = forms.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }.map(\.element)
            names[language] = ordered.map(\.form)
            bestRank[language] = ordered[0].rank
        }
        var canonical: [LanguageTag: String] = [:]
        let writable = { (language: LanguageTag) -> String? in
            guard let rank = bestRank[language], rank < 3 else { return nil }
            return names[language]?.first
        }
        let fallback = writable(.en) ?? LanguageTag.allCases.lazy.compactMap(writable).first
        for (language, rank) in bestRank where rank == 3 {
            if let fallback { canonical[language] = fallback }
        }

        let caseSensitive = terms.allSatisfy { $0.acronym && $0.form.count(where: \.isLetter) <= 5 && !$0.form.contains(where: \.isWhitespace) }
        let type = explicitType ?? subjectFields.lazy.compactMap(entryType).first ?? .term
        let definition = conceptDefinition ?? languageDefinitions.first(where: { $0.0 == .en })?.1 ?? languageDefinitions.first?.1
        var note: String?
        let subject = subjectFields.isEmpty ? nil : "subject field: " + subjectFields.joined(separator: ", ")
        switch (definition, subject) {
        case (let definition?, let subject?): note = "\(definition) (\(subject))"
        case (let definition?, nil): note = definition
        case (nil, let subject?): note = subject
        case (nil, nil): note = nil
        }
        let id = ids.id(from: [concept.attribute("id")?.value ?? "", names[.en]?.first ?? "", terms[0].form])
        return Glossary.Entry(
            id: id, type: type, names: names, canonical: canonical, caseSensitive: caseSensitive, note: note,
            at: reader.location(concept.offset))
    }

    /// The data category an element carries: its `type` attribute on `termNote`, `descrip`,
    /// `admin` and the like (DCA style), else its own name (DCT style, `<min:subjectField>`).
    private static func category(of element: XMLElement) -> String {
        switch element.name {
        case "termNote", "descrip", "admin", "termCompList", "transac", "note":
            return element.attribute("type")?.value.trimmingSpaces.description ?? element.name
        default:
            return element.name
        }
    }

    /// The entry type a type value or a subject field names, by its words.
    private static func entryType(_ value: String) -> Glossary.EntryType? {
        let words = Set(value.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init))
        let places: Set<String> = [
            "place", "places", "geography", "geographic", "geographical", "toponym", "toponyms", "toponymy", "location", "locations",
            "city", "cities", "town", "towns", "village", "villages", "country", "countries", "region", "regions", "district", "districts",
        ]
        let people: Set<String> = ["person", "persons", "people", "personal", "anthroponym", "anthroponyms"]
        let organizations: Set<String> = [
            "org", "orgs", "organization", "organizations", "organisation", "organisations", "institution", "institutions", "agency",
            "agencies", "company", "companies",
        ]
        if !words.isDisjoint(with: places) { return .place }
        if !words.isDisjoint(with: people) { return .person }
        if !words.isDisjoint(with: organizations) { return .org }
        if words == ["term"] { return .term }
        return nil
    }

    // MARK: - CSV and TSV

    /// Reads a CSV or TSV table whose header row names the language of each column.
    ///
    /// - Two columns, both language codes (`en\taz`, `en-US,tr-TR`): the source/target layout of
    ///   translation services; each row is one entity with one form per language, taken whole.
    /// - Otherwise (`id,type,az,ru,en,note`, in any order): one entity per row; a cell may hold
    ///   several aliases separated by `|` or `;`, the first preferred; `type` is place, person, org
    ///   or term (empty: term); `id` is slugged like a TBX id (empty: from the English name, else the
    ///   first); `note` is free text.
    ///
    /// The separator is a tab when the header line has one, else a comma, else a semicolon. Fields
    /// follow RFC 4180 quoting (`"a ""quoted"" field"`, line breaks inside quotes). Empty cells skip
    /// that language; rows with no cell filled in are skipped. A header without language codes
    /// (`source,target`) or a row with a different number of cells than the header is an error.
    public static func delimited(_ text: String, path: String) throws(DragomanError) -> Glossary {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        let firstLine = scalars.prefix { $0 != "\n" && $0 != "\r" }
        let separator: Unicode.Scalar = firstLine.contains("\t") ? "\t" : firstLine.contains(",") ? "," : ";"
        let rows = try DelimitedReader(scalars: scalars, separator: separator, path: path).rows()
        guard let header = rows.first else {
            throw .invalidConfiguration("an empty table: expected a header row of language codes such as en,az", at: SourceLocation(path: path, line: 1))
        }

        enum Column: Equatable { case language(LanguageTag), id, type, note }
        var columns: [Column] = []
        let generic: Set<String> = [
            "source", "target", "src", "tgt", "term", "terms", "translation", "source term", "target term", "source language", "target language",
        ]
        for cell in header.cells {
            let name = cell.text.trimmingSpaces.description
            let at = SourceLocation(path: path, line: cell.line, column: cell.column)
            switch name.lowercased() {
            case "id", "type", "note", "notes":
                let column: Column = name.lowercased() == "id" ? .id : name.lowercased() == "type" ? .type : .note
                if columns.contains(column) {
                    throw .invalidConfiguration("the header names the column '\(name)' twice", at: at)
                }
                columns.append(column)
            default:
                do throws(DragomanError) {
                    columns.append(.language(try LanguageTag(parsing: name)))
                } catch {
                    let known = LanguageTag.allCases.map(\.rawValue).joined(separator: ", ")
                    if generic.contains(name.lowercased()) {
                        throw .invalidConfiguration(
                            "the header must name the language of each column, such as en,az or en-US,tr-TR (not '\(name)'; known: \(known))", at: at)
                    }
                    throw .invalidConfiguration("unknown language code '\(name)' in the header (known: \(known); other columns: id, type, note)", at: at)
                }
            }
        }
        let languageCount = columns.count { if case .language = $0 { true } else { false } }
        guard languageCount >= 2 else {
            throw .invalidConfiguration(
                "a glossary table needs at least two language columns (the header has \(languageCount))", at: SourceLocation(path: path, line: header.line))
        }
        let pairs = columns.count == 2
        var ids = IdAllocator()
        var entries: [Glossary.Entry] = []
        for row in rows.dropFirst() {
            guard row.cells.count == columns.count else {
                throw .invalidConfiguration(
                    "this row has \(row.cells.count) cells, the header \(columns.count)", at: SourceLocation(path: path, line: row.line))
            }
            var names: [LanguageTag: [String]] = [:]
            var order: [String] = []
            var id = ""
            var type = Glossary.EntryType.term
            var note: String?
            for (column, cell) in zip(columns, row.cells) {
                let value = cell.text.trimmingSpaces.description
                switch column {
                case .language(let language):
                    let forms = pairs ? [value] : value.split(whereSeparator: { $0 == "|" || $0 == ";" }).map { $0.description.trimmingSpaces.description }
                    for form in forms where !form.isEmpty && names[language]?.contains(form) != true {
                        names[language, default: []].append(form)
                        order.append(form)
                    }
                case .id:
                    id = value
                case .type:
                    guard !value.isEmpty else { continue }
                    guard let parsed = Glossary.EntryType(rawValue: value.lowercased()) else {
                        throw .invalidConfiguration(
                            "type must be place, person, org or term, not '\(value)'", at: SourceLocation(path: path, line: cell.line, column: cell.column))
                    }
                    type = parsed
                case .note:
                    if !value.isEmpty { note = value }
                }
            }
            guard !names.isEmpty else {
                if id.isEmpty && note == nil { continue }
                throw .invalidConfiguration("this row has no names", at: SourceLocation(path: path, line: row.line))
            }
            entries.append(
                Glossary.Entry(id: ids.id(from: [id, names[.en]?.first ?? "", order.first ?? ""]), type: type, names: names, note: note, at: SourceLocation(path: path, line: row.line)))
        }
        return try checked(Glossary(name: glossaryName(path), entries: entries, path: path))
    }

    // MARK: - Shared

    /// Throws the first problem ``Glossary/check(_:)`` finds, as ``Glossary/init(yaml:path:)`` does.
    private static func checked(_ glossary: Glossary) throws(DragomanError) -> Glossary {
        let problems = Glossary.check([glossary])
        if let first = problems.first {
            let more = problems.count > 1 ? " (and \(problems.count - 1) more)" : ""
            throw .invalidConfiguration(first.message + more, at: first.location)
        }
        return glossary
    }

    /// `termbase` for `exports/termbase.tbx`.
    static func glossaryName(_ path: String) -> String {
        var name = Substring(path)
        if let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
        if let dot = name.lastIndex(of: "."), dot != name.startIndex { name = name[..<dot] }
        return name.isEmpty ? "glossary" : String(name)
    }

    /// Makes ids: lowercase ASCII letters, digits and single hyphens (`C_017` → `c-017`,
    /// `Şuşa` → `susa`, `Гянджа` → `gandza`), unique by a suffix `-2`, `-3`….
    private struct IdAllocator {
        private var taken: Set<String> = []
        /// Opened at the first non-ASCII id, once per file.
        private var transliterator: Transliterator??

        /// The slug of the first candidate that has one (`entry` when none has), made unique.
        mutating func id(from candidates: [String]) -> String {
            var base = "entry"
            for candidate in candidates {
                let slug = slug(candidate)
                if !slug.isEmpty {
                    base = slug
                    break
                }
            }
            var id = base
            var number = 2
            while taken.contains(id) {
                id = "\(base)-\(number)"
                number += 1
            }
            taken.insert(id)
            return id
        }

        private mutating func slug(_ text: String) -> String {
            // Latin-ASCII keeps the Azerbaijani schwa; `e` is how ASCII spellings write it (Gence).
            var ascii = String(String.UnicodeScalarView(text.unicodeScalars.map { $0 == "ə" ? "e" : $0 == "Ə" ? "E" : $0 }))
            if !ascii.unicodeScalars.allSatisfy(\.isASCII) {
                if transliterator == nil { transliterator = .some(try? Transliterator(id: "Any-Latin; Latin-ASCII")) }
                // Without the transform only the non-ASCII letters are lost, as the filter drops them.
                if let transliterator = transliterator ?? nil, let latin = try? transliterator.transliterate(ascii) { ascii = latin }
            }
            var result = ""
            var pendingHyphen = false
            for scalar in ascii.unicodeScalars {
                let value = scalar.value
                let upper = (0x41...0x5A).contains(value)
                if upper || (0x61...0x7A).contains(value) || (0x30...0x39).contains(value) {
                    if pendingHyphen && !result.isEmpty { result.append("-") }
                    pendingHyphen = false
                    result.unicodeScalars.append(Unicode.Scalar(UInt8(upper ? value | 0x20 : value)))
                } else if scalar != "'" && scalar != "\u{2019}" {
                    // An apostrophe joins (`Qara'nın` → `qaranin`); anything else separates.
                    pendingHyphen = true
                }
            }
            return result
        }
    }
}

// MARK: - A small XML reader

/// An XML attribute, by local name (`xml:lang` is `lang`).
private struct XMLAttribute {
    var name: String
    var value: String
    /// Scalar offset of the value's first character, for messages.
    var valueOffset: Int
}

private enum XMLNode {
    case element(XMLElement)
    case text(String)
}

/// An XML element, by local name (`min:term` is `term`).
private struct XMLElement {
    var name: String
    var qualifiedName: String
    var attributes: [XMLAttribute]
    var nodes: [XMLNode] = []
    /// Scalar offset of its `<`.
    var offset: Int

    func attribute(_ name: String) -> XMLAttribute? { attributes.first { $0.name == name } }

    /// Its text and its descendants', with runs of white space made one space and trimmed.
    var normalizedText: String {
        var raw = ""
        appendText(to: &raw)
        return raw.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private func appendText(to text: inout String) {
        for node in nodes {
            switch node {
            case .text(let piece): text += piece
            case .element(let child): child.appendText(to: &text)
            }
        }
    }

    /// Descendants (not itself) matching `include`, in document order, without looking inside
    /// elements named in `stopAt` (which are still offered to `include`).
    func collect(into result: inout [XMLElement], stopAt: Set<String>, where include: (XMLElement) -> Bool) {
        for node in nodes {
            guard case .element(let child) = node else { continue }
            if include(child) { result.append(child) }
            if !stopAt.contains(child.name) { child.collect(into: &result, stopAt: stopAt, where: include) }
        }
    }
}

/// The subset of XML 1.0 termbases use: elements, attributes in either quote, text, CDATA,
/// comments, processing instructions and a DOCTYPE (skipped), the five predefined entities and
/// character references. Namespace prefixes are dropped; no DTD is read.
private struct XMLReader {
    let scalars: [Unicode.Scalar]
    let path: String
    /// Scalar offsets where each line starts.
    private let lineStarts: [Int]
    private var position = 0

    init(text: String, path: String) {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }
        var starts = [0]
        for (index, scalar) in scalars.enumerated() {
            if scalar == "\n" || (scalar == "\r" && (index + 1 == scalars.count || scalars[index + 1] != "\n")) { starts.append(index + 1) }
        }
        self.scalars = scalars
        self.path = path
        self.lineStarts = starts
    }

    func location(_ offset: Int) -> SourceLocation {
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= offset { low = middle } else { high = middle - 1 }
        }
        return SourceLocation(path: path, line: low + 1, column: offset - lineStarts[low] + 1)
    }

    private func error(_ message: String, at offset: Int) -> DragomanError {
        .invalidConfiguration("XML: " + message, at: location(offset))
    }

    private func starts(with literal: String, at offset: Int) -> Bool {
        var index = offset
        for scalar in literal.unicodeScalars {
            guard index < scalars.count, scalars[index] == scalar else { return false }
            index += 1
        }
        return true
    }

    /// The offset just after `terminator`, searching from `position`.
    private func find(_ terminator: String, from offset: Int) -> Int? {
        let first = terminator.unicodeScalars.first
        var index = offset
        while index < scalars.count {
            if scalars[index] == first, starts(with: terminator, at: index) { return index + terminator.unicodeScalars.count }
            index += 1
        }
        return nil
    }

    private static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r"
    }

    private static func isNameScalar(_ scalar: Unicode.Scalar) -> Bool {
        !isSpace(scalar) && !"<>/=\"'&;!?[]".unicodeScalars.contains(scalar)
    }

    private mutating func skipSpace() {
        while position < scalars.count, Self.isSpace(scalars[position]) { position += 1 }
    }

    /// Reads the document and returns its root element.
    mutating func document() throws(DragomanError) -> XMLElement {
        var stack: [XMLElement] = []
        var root: XMLElement?
        var text = ""
        var textStart = 0

        func flush(_ stack: inout [XMLElement], _ text: inout String) {
            guard !text.isEmpty else { return }
            if !stack.isEmpty { stack[stack.count - 1].nodes.append(.text(text)) }
            text = ""
        }

        while position < scalars.count {
            let scalar = scalars[position]
            if scalar != "<" {
                if text.isEmpty { textStart = position }
                if scalar == "&" {
                    text.unicodeScalars.append(contentsOf: try reference().unicodeScalars)
                } else {
                    text.unicodeScalars.append(scalar)
                    position += 1
                }
                if stack.isEmpty, !Self.isSpace(scalar) {
                    throw error(root == nil ? "text before the root element" : "text after the root element", at: textStart)
                }
                continue
            }
            let start = position
            if starts(with: "<!--", at: position) {
                guard let end = find("-->", from: position + 4) else { throw error("a comment is never closed", at: start) }
                position = end
            } else if starts(with: "<![CDATA[", at: position) {
                guard let end = find("]]>", from: position + 9) else { throw error("a CDATA section is never closed", at: start) }
                guard !stack.isEmpty else { throw error("CDATA outside the root element", at: start) }
                if text.isEmpty { textStart = start }
                text.unicodeScalars.append(contentsOf: scalars[(position + 9)..<(end - 3)])
                position = end
            } else if starts(with: "<?", at: position) {
                guard let end = find("?>", from: position + 2) else { throw error("a processing instruction is never closed", at: start) }
                position = end
            } else if starts(with: "<!DOCTYPE", at: position) {
                guard root == nil, stack.isEmpty else { throw error("a DOCTYPE inside the document", at: start) }
                try skipDoctype()
            } else if starts(with: "</", at: position) {
                flush(&stack, &text)
                position += 2
                let name = readName()
                skipSpace()
                guard position < scalars.count, scalars[position] == ">" else { throw error("an end tag </\(name)> is not closed with '>'", at: start) }
                position += 1
                guard let element = stack.popLast() else { throw error("an end tag </\(name)> without a start tag", at: start) }
                guard element.qualifiedName == name else {
                    let opened = location(element.offset)
                    throw error("<\(element.qualifiedName)> (opened at \(opened.line):\(opened.column ?? 1)) is closed by </\(name)>", at: start)
                }
                if stack.isEmpty {
                    root = element
                } else {
                    stack[stack.count - 1].nodes.append(.element(element))
                }
            } else {
                flush(&stack, &text)
                guard root == nil || !stack.isEmpty else { throw error("a second root element", at: start) }
                let (element, selfClosing) = try startTag()
                if selfClosing {
                    if stack.isEmpty { root = element } else { stack[stack.count - 1].nodes.append(.element(element)) }
                } else {
                    stack.append(element)
                }
            }
        }
        if let open = stack.last {
            throw error("<\(open.qualifiedName)> is never closed", at: open.offset)
        }
        guard let root else { throw error("no root element", at: scalars.count) }
        return root
    }

    private mutating func readName() -> String {
        var name = ""
        while position < scalars.count, Self.isNameScalar(scalars[position]) {
            name.unicodeScalars.append(scalars[position])
            position += 1
        }
        return name
    }

    private static func localName(_ name: String) -> String {
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    /// Reads `<name attr="value" …>` or `…/>` at `position`.
    private mutating func startTag() throws(DragomanError) -> (XMLElement, selfClosing: Bool) {
        let start = position
        position += 1
        let name = readName()
        guard !name.isEmpty else { throw error("'<' not followed by a tag name (write &lt; in text)", at: start) }
        var element = XMLElement(name: Self.localName(name), qualifiedName: name, attributes: [], offset: start)
        var seen: Set<String> = []
        while true {
            let beforeSpace = position
            skipSpace()
            guard position < scalars.count else { throw error("the tag <\(name)> is never closed with '>'", at: start) }
            if scalars[position] == ">" {
                position += 1
                return (element, false)
            }
            if starts(with: "/>", at: position) {
                position += 2
                return (element, true)
            }
            let attributeStart = position
            guard position > beforeSpace else { throw error("expected white space, '>' or '/>' in the tag <\(name)>", at: position) }
            let attributeName = readName()
            guard !attributeName.isEmpty else { throw error("unexpected '\(scalars[position])' in the tag <\(name)>", at: position) }
            skipSpace()
            guard position < scalars.count, scalars[position] == "=" else { throw error("the attribute '\(attributeName)' has no value", at: attributeStart) }
            position += 1
            skipSpace()
            guard position < scalars.count, scalars[position] == "\"" || scalars[position] == "'" else {
                throw error("the value of '\(attributeName)' must be quoted", at: min(position, scalars.count))
            }
            let quote = scalars[position]
            let quoteOffset = position
            position += 1
            var value = ""
            while true {
                guard position < scalars.count else { throw error("the value of '\(attributeName)' is never closed", at: quoteOffset) }
                let scalar = scalars[position]
                if scalar == quote { break }
                if scalar == "<" { throw error("'<' in the value of '\(attributeName)'", at: position) }
                if scalar == "&" {
                    value.unicodeScalars.append(contentsOf: try reference().unicodeScalars)
                } else {
                    // Attribute-value normalization: white space characters become spaces.
                    value.unicodeScalars.append(Self.isSpace(scalar) ? " " : scalar)
                    position += 1
                }
            }
            position += 1
            guard seen.insert(attributeName).inserted else { throw error("the attribute '\(attributeName)' is given twice", at: attributeStart) }
            element.attributes.append(XMLAttribute(name: Self.localName(attributeName), value: value, valueOffset: quoteOffset + 1))
        }
    }

    /// Reads `&amp;`, `&#233;` or `&#xE9;` at `position`.
    private mutating func reference() throws(DragomanError) -> String {
        let start = position
        var index = position + 1
        var body = ""
        while index < scalars.count, Self.isNameScalar(scalars[index]) || scalars[index] == "#" {
            body.unicodeScalars.append(scalars[index])
            index += 1
        }
        guard index < scalars.count, scalars[index] == ";" else { throw error("'&' not starting an entity reference (write &amp;)", at: start) }
        let replacement: String
        switch body {
        case "lt": replacement = "<"
        case "gt": replacement = ">"
        case "amp": replacement = "&"
        case "quot": replacement = "\""
        case "apos": replacement = "'"
        default:
            guard body.hasPrefix("#") else { throw error("unknown entity '&\(body);' (XML knows &lt; &gt; &amp; &quot; &apos;)", at: start) }
            let digits = body.dropFirst()
            let hex = digits.first == "x"
            guard let value = UInt32(hex ? String(digits.dropFirst()) : String(digits), radix: hex ? 16 : 10),
                let scalar = Unicode.Scalar(value), value == 0x9 || value == 0xA || value == 0xD || value >= 0x20
            else { throw error("'&\(body);' is not a character XML allows", at: start) }
            replacement = String(scalar)
        }
        position = index + 1
        return replacement
    }

    /// Skips `<!DOCTYPE …>`, with an internal subset in brackets.
    private mutating func skipDoctype() throws(DragomanError) {
        let start = position
        var depth = 0
        var quote: Unicode.Scalar?
        position += 2
        while position < scalars.count {
            let scalar = scalars[position]
            position += 1
            if let open = quote {
                if scalar == open { quote = nil }
            } else if scalar == "\"" || scalar == "'" {
                quote = scalar
            } else if scalar == "[" {
                depth += 1
            } else if scalar == "]" {
                depth -= 1
            } else if scalar == ">", depth <= 0 {
                return
            }
        }
        throw error("the DOCTYPE is never closed", at: start)
    }
}

// MARK: - A small CSV/TSV reader

/// RFC 4180 records over any one-scalar separator, with the line and column of every cell.
private struct DelimitedReader {
    struct Cell {
        var text: String
        var line: Int
        var column: Int
    }

    struct Row {
        var cells: [Cell]
        var line: Int
    }

    let scalars: [Unicode.Scalar]
    let separator: Unicode.Scalar
    let path: String

    /// The rows, without those whose cells are all blank.
    func rows() throws(DragomanError) -> [Row] {
        var rows: [Row] = []
        var cells: [Cell] = []
        var position = 0
        var line = 1
        var column = 1
        var rowLine = 1

        func advance() {
            let scalar = scalars[position]
            position += 1
            if scalar == "\n" || (scalar == "\r" && (position == scalars.count || scalars[position] != "\n")) {
                line += 1
                column = 1
            } else if scalar != "\r" {
                column += 1
            }
        }
        func atLineEnd() -> Bool { scalars[position] == "\n" || scalars[position] == "\r" }
        func endRow() {
            if !cells.allSatisfy({ $0.text.trimmingSpaces.isEmpty }) { rows.append(Row(cells: cells, line: rowLine)) }
            cells = []
        }

        while position < scalars.count {
            if cells.isEmpty { rowLine = line }
            var cell = Cell(text: "", line: line, column: column)
            // Leading spaces before an opening quote are common in hand-written CSV.
            var lookahead = position
            while lookahead < scalars.count, scalars[lookahead] == " " { lookahead += 1 }
            if lookahead < scalars.count, scalars[lookahead] == "\"" {
                while position < lookahead { advance() }
                let quoteLine = line
                let quoteColumn = column
                advance()
                while true {
                    guard position < scalars.count else {
                        throw .invalidConfiguration("a quoted field is never closed", at: SourceLocation(path: path, line: quoteLine, column: quoteColumn))
                    }
                    if scalars[position] == "\"" {
                        if position + 1 < scalars.count, scalars[position + 1] == "\"" {
                            cell.text.unicodeScalars.append("\"")
                            advance()
                            advance()
                            continue
                        }
                        advance()
                        break
                    }
                    if scalars[position] == "\r", position + 1 < scalars.count, scalars[position + 1] == "\n" {
                        advance()
                        continue
                    }
                    cell.text.unicodeScalars.append(scalars[position] == "\r" ? "\n" : scalars[position])
                    advance()
                }
                while position < scalars.count, scalars[position] == " " { advance() }
                if position < scalars.count, scalars[position] != separator, !atLineEnd() {
                    throw .invalidConfiguration(
                        "text after the closing quote of a field (double a quote inside a quoted field: \"\")",
                        at: SourceLocation(path: path, line: line, column: column))
                }
            } else {
                while position < scalars.count, scalars[position] != separator, !atLineEnd() {
                    cell.text.unicodeScalars.append(scalars[position])
                    advance()
                }
            }
            cells.append(cell)
            if position < scalars.count, scalars[position] == separator {
                advance()
                guard position == scalars.count else { continue }
                // A separator ending the text ends a row with an empty last cell.
                cells.append(Cell(text: "", line: line, column: column))
            } else if position < scalars.count {
                // \r\n is one line end.
                if scalars[position] == "\r", position + 1 < scalars.count, scalars[position + 1] == "\n" { advance() }
                advance()
            }
            endRow()
        }
        return rows
    }
}

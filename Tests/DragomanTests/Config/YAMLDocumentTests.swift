import Testing

@testable import Dragoman

/// The glossary reader's own YAML path (`YAMLDocument(reading:)`) against Yams
/// (`YAMLDocument(composing:)`): on every text it reads, the same nodes, texts, lines and
/// columns; on every text it does not read, nil, so that Yams reads it (and reports its errors).
@Suite("YAML documents: the plain reader agrees with Yams")
struct YAMLDocumentTests {
    /// The document as one line per node: kind, mark, text, nesting.
    static func outline(_ document: YAMLDocument) -> String {
        guard let root = document.root else { return "(empty)" }
        var out = ""
        func visit(_ node: YAMLDocument.Index, depth: Int) {
            let item = document.nodes[Int(node)]
            out += String(repeating: "  ", count: depth) + "\(item.kind) \(item.line):\(item.column)"
            if let text = document.string(node) { out += " \(text.debugDescription)" }
            out += "\n"
            if let pairs = document.mapping(node) {
                for (key, value) in pairs {
                    visit(key, depth: depth + 1)
                    visit(value, depth: depth + 2)
                }
            } else if let items = document.sequence(node) {
                for child in items { visit(child, depth: depth + 1) }
            }
        }
        visit(root, depth: 0)
        return out
    }

    /// nil when Yams does not read it either.
    static func composed(_ text: String) -> String? {
        (try? YAMLDocument(composing: text)).map(outline)
    }

    /// Texts the reader reads itself, each as Yams does.
    @Test(arguments: [
        "a: b\n",
        "a: b",
        "# comment\n\nversion: 1\nname: x # trailing comment\n",
        "entries:\n  - id: x\n    type: place\n  - id: \"y\"\n    names: {az: [Şuşa, 'Şuşa''s'], ru: \"Шуша\"}\n",
        "entries:\n- id: x\n  names:\n    en: [A, B]\n- id: z\n",
        "entries:\n  -   id: wide\n      type: org\n",
        "a:\n  b:\n    c: d\n  e: f\ng: h\n",
        "list:\n  - one\n  - \"two\"\n  - 'three'\n",
        "flow: [a, b , c,]\n",
        "flow: {a: 1, b: [x, y], c: {d: e}}\n",
        "flow: [\n  a,\n  b # note\n]\n",
        "q: \"tab\\there \\\"quoted\\\" \\\\ \\u00e9 \\x41 \\U0001F600 \\/ \\_ \\N\"\n",
        "'single key': value\n\"double key\": value\n",
        "url: http://example.org/a:b\n",
        "dash: -5\n",
        "text: a, b [c] {d}\n",
        "key:    spaced value   \n",
        "crlf: a\r\nb: c\r\n",
        "---\na: b\n",
        "a: b\n\n\n# end\n",
        "ru: \"Нагорный Карабах\"\nhy: Լեռնային Ղարաբաղ\n",
        "empty: []\nnone: {}\n",
        "a: 'it''s'\n",
        "- a\n- b\n",
        "[a, b]\n",
        "plain\n",
        "q: x#y\n",
        "nested:\n  - [a, b]\n  - {c: d}\n",
    ])
    func readsAsYamsDoes(_ text: String) throws {
        let read = try #require(YAMLDocument(reading: text), "not read by the plain reader")
        #expect(Self.outline(read) == Self.composed(text))
    }

    /// Texts the reader leaves to Yams: shapes it does not read, and errors.
    @Test(arguments: [
        "a: &anchor b\nc: *anchor\n",
        "a: !!str b\n",
        "a: |\n  block\n",
        "a: >\n  folded\n",
        "a: plain\n  continued\n",
        "a: \"two\n  lines\"\n",
        "a: 'two\n  lines'\n",
        "a:\tb\n",
        "a:\n\t- b\n",
        "%YAML 1.1\n---\na: b\n",
        "a: b\na: c\n",
        "{a: 1, a: 2}\n",
        "a: b\n---\nc: d\n",
        "a:\n",
        "a: b: c\n",
        "? complex\n: key\n",
        "- - nested\n",
        "a: [unclosed\n",
        "a: \"unclosed\n",
        "a: \"bad \\q escape\"\n",
        "a: b\n  c: d\n",
        "a: `tick`\n",
        "a: @at\n",
        "line\u{2028}separator: x\n",
        "nel: a\u{85}b\n",
        "control: a\u{1}b\n",
        "[a: b]\n",
        "",
        "# only a comment\n",
        "a: b\n...\n",
        "a: b\r",
        "\u{FEFF}bom: yes\n",
        // A lone carriage return breaks a line in YAML, in a comment too (found by randomEdits).
        "# a\rb\nc: d\n",
        "a: b\n  \r  c: d\n",
    ])
    func leavesToYams(_ text: String) {
        #expect(YAMLDocument(reading: text) == nil)
    }

    /// Every shipped glossary is read by the reader, as Yams reads it.
    @Test(arguments: ShippedGlossaries.files.map(\.name))
    func shippedGlossaries(_ name: String) throws {
        let text = try #require(Glossary.shippedYAML(name))
        let read = try #require(YAMLDocument(reading: text), "not read by the plain reader")
        #expect(Self.outline(read) == Self.composed(text))
    }

    /// A glossary as Dragoman writes it (`glossary import`, every field, escapes) is read by the
    /// reader and parses to the same glossary.
    @Test func writtenGlossaries() throws {
        let entry = Glossary.Entry(
            id: "x\"y", type: .org, names: [.en: ["A \"B\"", "tab\tname", "no: yes"], .ru: ["Шуша"], .az: ["#hash", "- dash"]],
            canonical: [.en: "A"], styles: ["s 1": [.fr: "b\\c"]], caseSensitive: true, note: "line\nbreak")
        let glossary = Glossary(name: "w", entries: [entry], diacriticsInsensitive: true, path: "w.yaml")
        let text = glossary.yamlText(header: "written\nby a test")
        let read = try #require(YAMLDocument(reading: text))
        #expect(Self.outline(read) == Self.composed(text))
        let parsed = try Glossary(yaml: text, path: "w.yaml")
        #expect(parsed.entries.map(\.names) == [entry.names])
        #expect(parsed.entries.first?.note == "line\nbreak")
    }

    /// Random edits of a shipped glossary (a character deleted, or one that matters to YAML
    /// inserted): whatever the reader reads, Yams reads the same way; whatever Yams rejects, the
    /// reader does not read.
    @Test func randomEdits() throws {
        var read = 0
        for seed in 0..<Self.editCount where try Self.randomEdit(seed: seed) { read += 1 }
        // Most edits keep to the plain shapes: the comparison is not vacuous.
        #expect(read > Self.editCount / 4, "only \(read) of \(Self.editCount) edited texts were read by the plain reader")
    }

    /// 20,000 pass too (45 s); these run in every test run.
    static let editCount = 600

    /// Whether the reader read the edited text (and then agreed with Yams).
    static func randomEdit(seed: Int) throws -> Bool {
        var generator = SplitMix64(seed: UInt64(seed))
        let name = ShippedGlossaries.files[seed % ShippedGlossaries.files.count].name
        let source = try #require(Glossary.shippedYAML(name))
        // Its first 60 lines: whole lines, so that the text is YAML before the edits.
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false).prefix(60)
        var scalars = Array(lines.joined(separator: "\n").unicodeScalars)
        let inserts: [Unicode.Scalar] = [":", " ", "\n", "-", "#", "\"", "'", "[", "]", "{", "}", ",", "\t", "&", "*", "!", "|", ">", "?", "\\", "\r"]
        for _ in 0..<Int.random(in: 1...3, using: &generator) {
            let at = Int.random(in: 0..<scalars.count, using: &generator)
            if Bool.random(using: &generator) {
                scalars.remove(at: at)
            } else {
                scalars.insert(inserts.randomElement(using: &generator) ?? " ", at: at)
            }
        }
        var text = ""
        text.unicodeScalars.append(contentsOf: scalars)
        guard let read = YAMLDocument(reading: text) else { return false }
        let mine = Self.outline(read)
        let theirs = Self.composed(text)
        if mine != theirs {
            let a = mine.split(separator: "\n"), b = (theirs ?? "nil").split(separator: "\n")
            let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            Issue.record("seed \(seed): reader \(a.dropFirst(max(0, first - 2)).prefix(4)) yams \(b.dropFirst(max(0, first - 2)).prefix(4))\n\(text.debugDescription)")
        }
        return true
    }
}

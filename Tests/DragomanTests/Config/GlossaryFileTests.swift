import Foundation
import Testing

@testable import Dragoman

/// The glossary file format: parsing, located problems, cross-file checks, shipped glossaries.
@Suite("Glossary files")
struct GlossaryFileTests {
    static let valid = """
        version: 1
        name: test
        entries:
          - id: shusha
            type: place
            names:
              az: [Şuşa]
              ru: [Шуша]
              en: [Shusha, Shushi]
            canonical: {fr: Choucha}
            styles:
              hy-official: {en: Shushi}
            note: a town
          - id: anama
            type: org
            names: {az: ANAMA}
            case: sensitive
        """

    @Test func aValidGlossaryParsesWithEveryField() throws {
        let glossary = try Glossary(yaml: Self.valid, path: "test.yaml")
        #expect(glossary.name == "test")
        #expect(glossary.entries.map(\.id) == ["shusha", "anama"])
        let shusha = try #require(glossary.entries.first)
        #expect(shusha.names[.en] == ["Shusha", "Shushi"])
        #expect(shusha.canonical(for: .en) == "Shusha")
        #expect(shusha.canonical(for: .en, style: "hy-official") == "Shushi")
        #expect(shusha.canonical(for: .fr) == "Choucha")
        #expect(shusha.canonical(for: .ru) == "Шуша")
        #expect(shusha.canonical(for: .tr) == "Shusha", "no Turkish name: the English one")
        #expect(shusha.location == SourceLocation(path: "test.yaml", line: 4, column: 5))
        #expect(glossary.entries.last?.caseSensitive == true)
        #expect(glossary.entries.last?.names[.az] == ["ANAMA"], "a single name needs no list")
    }

    @Test("Problems are reported at their line and column", arguments: [
        ("version: 2\nentries: []\n", "1:10", "glossary version 2 is not known"),
        ("entries: []\n", "1:1", "missing 'version: 1'"),
        ("version: 1\nentries:\n  - id: a\n    type: place\n    names: {xx: [Foo]}\n", "5:13", "unknown language code 'xx'"),
        ("version: 1\nentries:\n  - id: a\n    type: city\n    names: {en: [Foo]}\n", "4:11", "'type' must be place, person, org or term"),
        ("version: 1\nentries:\n  - id: a\n    type: place\n    names: {en: [\"\"]}\n", "5:18", "empty name for en"),
        ("version: 1\nentries:\n  - id: a\n    type: place\n    names: {en: [A]}\n  - id: a\n    type: place\n    names: {en: [B]}\n", "6:5", "duplicate id 'a' (first at g.yaml:3:5)"),
        ("version: 1\nentries:\n  - id: a\n    type: place\n    names: {en: [Shusha]}\n  - id: b\n    type: place\n    names: {en: [SHUSHA]}\n", "6:5", "alias 'SHUSHA' (en) of 'b' is already an alias of 'a'"),
        ("version: 1\nentries:\n  - id: a\n    type: place\n    names: {tr: [İstanbul]}\n  - id: b\n    type: place\n    names: {tr: [ISTANBUL]}\n", "6:5", "alias 'ISTANBUL' (tr) of 'b' is already an alias of 'a'"),
        ("version: 1\nentries:\n  - id: a\n    kind: place\n", "4:5", "unknown key 'kind' in an entry"),
        ("version: 1\nentries: [\n", "3:1", "YAML:"),
    ])
    func problemsAreLocated(yaml: String, position: String, message: String) {
        let (_, problems) = Glossary.parse(yaml: yaml, path: "g.yaml")
        let located = problems.map { "\($0)" }
        #expect(located.contains { $0.hasPrefix("g.yaml:\(position): error: ") && $0.contains(message) }, "\(located)")
    }

    @Test func theSameAliasInTwoLanguagesOrInOneEntryIsNoConflict() {
        let yaml = "version: 1\nentries:\n  - id: a\n    type: place\n    names: {az: [Şuşa], tr: [Şuşa, Şuşa]}\n"
        #expect(Glossary.parse(yaml: yaml, path: "g.yaml").1.isEmpty)
    }

    @Test func aCaseSensitiveAcronymDoesNotConflictWithAWord() {
        let yaml = """
            version: 1
            entries:
              - {id: agency, type: org, names: {az: [ANAMA]}, case: sensitive}
              - {id: word, type: term, names: {az: [anama]}}
            """
        #expect(Glossary.parse(yaml: yaml, path: "g.yaml").1.isEmpty)
    }

    /// Two entries' aliases, and whether the check calls them one alias (it compares fingerprints
    /// of the folded aliases first, then the folded aliases themselves).
    @Test(arguments: [
        ("en", "Nagorno Karabakh", "", "en", "nagorno  karabakh", "", true),
        ("en", " Karabakh ", "", "en", "KARABAKH", "", true),
        ("tr", "ırmak", "", "tr", "IRMAK", "", true),
        ("ru", "Шуша", "", "ru", "шуша", "", true),
        ("ru", "Щёлково", "", "ru", "Щелково", "", true),
        ("en", "Shusha", "", "ru", "Shusha", "", false),
        ("az", "ANAMA", "sensitive", "az", "ANAMA", "sensitive", true),
        ("az", "ANAMA", "sensitive", "az", "Anama", "sensitive", false),
        ("az", "ANAMA", "sensitive", "az", "anama", "", false),
        ("en", "Karabakh", "", "en", "Karabagh", "", false),
        ("en", "ab", "", "en", "a b", "", false),
    ])
    func aliasesComparedFolded(
        firstLanguage: String, first: String, firstCase: String, secondLanguage: String, second: String, secondCase: String, conflict: Bool
    ) {
        func entry(_ id: String, _ language: String, _ name: String, _ sensitive: String) -> String {
            "  - {id: \(id), type: term, names: {\(language): [\"\(name)\"]}\(sensitive.isEmpty ? "" : ", case: sensitive")}\n"
        }
        let yaml = "version: 1\nentries:\n" + entry("a", firstLanguage, first, firstCase) + entry("b", secondLanguage, second, secondCase)
        let problems = Glossary.parse(yaml: yaml, path: "g.yaml").1
        #expect(problems.count == (conflict ? 1 : 0), "\(problems)")
    }

    @Test func conflictsAcrossFilesNameBothEntries() throws {
        let first = try Glossary(yaml: "version: 1\nentries:\n  - {id: a, type: place, names: {en: [Karabakh]}}\n", path: "one.yaml")
        let second = try Glossary(yaml: "version: 1\nentries:\n  - {id: b, type: place, names: {en: [karabakh]}}\n", path: "two.yaml")
        let problems = Glossary.check([first, second]).map(\.description)
        #expect(problems == ["two.yaml:3:5: error: alias 'karabakh' (en) of 'b' is already an alias of 'a' (at one.yaml:3:5)"])
        #expect(throws: DragomanError.self) { try GlossaryStage(glossaries: [first, second]) }
    }

    @Test("Shipped glossaries load, without problems together", arguments: Glossary.shippedNames)
    func shippedGlossariesLoad(name: String) throws {
        let glossary = try Glossary.shipped(name)
        #expect(!glossary.entries.isEmpty)
        #expect(glossary.name == name)
    }

    @Test func shippedGlossariesHaveNoProblemsTogether() throws {
        let all = try Glossary.shippedNames.map { try Glossary.shipped($0) }
        #expect(Glossary.check(all).isEmpty)
        #expect(all.first { $0.name == "places-caucasus" }.map(\.entries.count) ?? 0 >= 120)
    }

    @Test func embeddedGlossariesAreTheFilesInGlossaries() throws {
        // scripts/embed_glossaries.py writes ShippedGlossaries.swift; a stale copy fails here.
        let folder = GoldenFile.repositoryRoot.appendingPathComponent("glossaries")
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
        #expect(files.map { String($0.dropLast(5)) } == Glossary.shippedNames)
        for file in files {
            let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
            let embedded = Glossary.shippedYAML(String(file.dropLast(5)))
            #expect(embedded == String(text.dropLast(text.hasSuffix("\n") ? 1 : 0)), "\(file) changed: run python3 scripts/embed_glossaries.py")
        }
    }

    @Test func everyShippedGlossaryNamesItsSources() throws {
        let folder = GoldenFile.repositoryRoot.appendingPathComponent("glossaries")
        for name in Glossary.shippedNames {
            let text = try String(contentsOf: folder.appendingPathComponent("\(name).yaml"), encoding: .utf8)
            let header = text.split(separator: "\n").prefix { $0.hasPrefix("#") }.joined(separator: "\n")
            #expect(header.lowercased().contains("source"), "\(name).yaml: the header must name its sources")
        }
    }
}

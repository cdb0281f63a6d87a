import Foundation
import Testing

@testable import Dragoman

/// Real names with the form English-language media write, per language
/// (`Tests/DragomanTests/Fixtures/names.tsv`). Rows marked `rule` must come out of the english
/// scheme exactly; rows marked `glossary` are names whose usage departs from any rule (Baku,
/// Khojaly, Sheki, Etchmiadzin, Moscow…): the scheme must not produce them, and they belong in the
/// glossary stage instead.
@Suite("Transliteration of real names")
struct TransliterationNamesTests {
    struct Name: Sendable, CustomTestStringConvertible {
        var language: LanguageTag
        var source: String
        var english: String
        var byRule: Bool
        var testDescription: String { "\(language.rawValue) \(source) → \(english)" }
    }

    static let names: [Name] = {
        let url = GoldenFile.repositoryRoot.appendingPathComponent("Tests/DragomanTests/Fixtures/names.tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 5, let language = try? LanguageTag(parsing: fields[0]) else { return nil }
            return Name(language: language, source: fields[1], english: fields[2], byRule: fields[4] == "rule")
        }
    }()

    @Test func theTableHoldsAtLeast150Names() {
        #expect(Self.names.count >= 150)
        for language in TransliterationStage.languages {
            #expect(Self.names.contains { $0.language == language }, "no names for \(language.rawValue)")
        }
    }

    @Test("Names the rules produce", arguments: names.filter(\.byRule))
    func namesTheRulesProduce(_ name: Name) throws {
        let output = try Pipeline([TransliterationStage(scope: .all)]).normalize(name.source, language: name.language, target: .en).text
        #expect(output == name.english)
    }

    @Test("Names that need a glossary entry", arguments: names.filter { !$0.byRule })
    func namesThatNeedTheGlossary(_ name: Name) throws {
        let output = try Pipeline([TransliterationStage(scope: .all)]).normalize(name.source, language: name.language, target: .en).text
        #expect(output != name.english, "the rules produce \(name.english): mark the row 'rule'")
    }
}

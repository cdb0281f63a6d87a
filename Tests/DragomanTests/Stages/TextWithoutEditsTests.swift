import Foundation
import Testing

@testable import Dragoman

/// Stages may skip describing their changes when no one reads the description
/// (``StageContext/recordsEdits`` off: plain text output without `--stats`). The text must not
/// depend on it.
@Suite("Text without edits")
struct TextWithoutEditsTests {
    static let articles: [String] = CorpusGoldenTests.articles

    static func stages() throws -> [(String, any Stage)] {
        [
            ("transliterate all", try TransliterationStage(scope: .all)),
            ("transliterate names", try TransliterationStage(scope: .names)),
            ("money", try MoneyStage()),
            ("money numbers", try MoneyStage(numbers: .target)),
            ("repair", RepairStage()),
        ]
    }

    @Test("Every stage writes the same text with and without edits", arguments: articles)
    func sameTextWithAndWithoutEdits(article: String) throws {
        let text = try String(contentsOf: GoldenFile.repositoryRoot.appendingPathComponent("corpora/\(article).txt"), encoding: .utf8)
        let language = try LanguageTag(parsing: String(article.prefix { $0 != "-" }))
        for (label, stage) in try Self.stages() {
            for paragraph in text.split(separator: "\n\n").map(String.init) {
                var context = StageContext(language: language, target: .en)
                let described = try stage.apply(to: paragraph, context: context)
                context.recordsEdits = false
                let silent = try stage.apply(to: paragraph, context: context)
                #expect(silent.text == described.text, "\(label) on \(article): \(paragraph.prefix(60))")
            }
        }
    }
}

import Foundation
import Testing

@testable import Dragoman

/// The money stage's table of cases (`Tests/DragomanTests/Fixtures/money-cases.jsonl`): news
/// phrases in six languages with the expected text and every amount found, traps included.
@Suite("Money stage cases")
struct MoneyCasesTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var language: LanguageTag
        var input: String
        var output: String
        var amounts: [[String: String]]
        var testDescription: String { "\(language.rawValue): \(input)" }
    }

    static let cases: [Case] = {
        let url = GoldenFile.repositoryRoot.appendingPathComponent("Tests/DragomanTests/Fixtures/money-cases.jsonl")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any],
                let lang = object["lang"] as? String, let language = try? LanguageTag(parsing: lang),
                let input = object["input"] as? String, let output = object["output"] as? String,
                let amounts = object["amounts"] as? [[String: Any]]
            else { return nil }
            let expected = amounts.map { amount in
                var data: [String: String] = [:]
                for key in ["amount", "currency", "low", "high", "source", "approximate", "ambiguous", "currencies"] { if let value = amount[key] as? String { data[key] = value } }
                return data
            }
            return Case(language: language, input: input, output: output, amounts: expected)
        }
    }()

    @Test func theTableHoldsAtLeast200Cases() {
        #expect(Self.cases.count >= 200)
    }

    @Test("Case", arguments: cases)
    func moneyCase(_ testCase: Case) throws {
        let result = try Pipeline([MoneyStage()]).normalize(testCase.input, language: testCase.language, target: .en)
        #expect(result.text == testCase.output)
        let found = result.annotations.map { annotation -> [String: String] in
            var data = annotation.data
            data["source"] = annotation.source
            return data
        }
        #expect(found == testCase.amounts)
    }
}

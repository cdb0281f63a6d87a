import Testing

@testable import Dragoman

@Suite("Explanation")
struct ExplanationTests {
    static func explain(_ text: String, language: LanguageTag) throws -> String {
        let pipeline = try Configuration.embeddedDefault.makePipeline()
        let result = try pipeline.apply(to: text, context: StageContext(language: language, target: .en))
        return Explanation(input: text, result: result).rendered()
    }

    @Test func stepsOnOneSpanAreOneChange() throws {
        let explained = try Self.explain("Grant for KÉ™lbÉ™cÉ™r: &euro;5.", language: .en)
        #expect(
            explained == """
                Grant for [-KÉ™lbÉ™cÉ™r-]{+Kalbajar+}[1]: [-&euro;5-]{+EUR 5+}[2].
                  [1] repair (kind mojibake), glossary (canonical Kalbajar, glossary places-caucasus, id kalbajar, type place)
                  [2] repair (kind entity), money (amount 5, currency EUR)
                """)
    }

    @Test func entitiesRecognizedWithoutChangeAreListedUnmarked() throws {
        let explained = try Self.explain("ANAMA-nın işçiləri.", language: .az)
        #expect(explained.hasPrefix("ANAMA-nın işçiləri.\n"))
        #expect(explained.contains("  -   ANAMA-nın: glossary (canonical ANAMA, glossary organizations, id anama, suffix nın, type org)"))
    }

    @Test func aRecordWithoutChangesIsItself() throws {
        #expect(try Self.explain("Nothing to do here.", language: .en) == "Nothing to do here.")
    }

    @Test func colourMarksOldRedAndNewGreen() throws {
        let pipeline = try Configuration.embeddedDefault.makePipeline()
        let result = try pipeline.apply(to: "&euro;5", context: StageContext(language: .en, target: .en))
        let coloured = Explanation(input: "&euro;5", result: result).rendered(color: true)
        #expect(coloured.hasPrefix("\u{1B}[31;9m[-&euro;5-]\u{1B}[0m\u{1B}[32m{+EUR 5+}\u{1B}[0m[1]"))
    }
}

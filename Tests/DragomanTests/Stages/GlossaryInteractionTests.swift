import Testing

@testable import Dragoman

/// The glossary stage beside the others in the default pipeline: what one stage writes, the next
/// must still understand.
@Suite("Glossary with the other stages")
struct GlossaryInteractionTests {
    static let pipeline: Pipeline? = try? Configuration.embeddedDefault.makePipeline()

    @Test("Full name and acronym of one entity are written once", arguments: [
        ("Azərbaycan Respublikasının Minatəmizləmə Agentliyi (ANAMA) bildirib.", LanguageTag.az, "ANAMA bildirib."),
        ("BMT-nin İnkişaf Proqramı (UNDP) vasitəsilə", .az, "UNDP vasitəsilə"),
        ("The Azerbaijan National Agency for Mine Action (ANAMA) said.", .en, "The Azerbaijan National Agency for Mine Action (ANAMA) said."),
    ])
    func fullNameAndAcronym(text: String, language: LanguageTag, expected: String) throws {
        let pipeline = try #require(Self.pipeline)
        let result = try pipeline.normalize(text, language: language, target: .en)
        #expect(result.text == expected)
        #expect(result.annotations.contains { $0.stage == "glossary" }, "the entity is recorded even when the text stays")
    }

    @Test("A suffix after an ASCII apostrophe or hyphen belongs to the name", arguments: [
        // GlossaryFold once folded only the typographic apostrophe and hyphens, so `'` and `-`
        // ended the match before the suffix: Karabağ'da came out as Karabakh'da by accident only.
        ("Karabağ'da", LanguageTag.tr, "Karabağ'da", "da"), ("Şuşa'ya", .tr, "Şuşa'ya", "ya"), ("ANAMA-nın", .az, "ANAMA-nın", "nın"),
        ("Kars'ta", .tr, "Kars'ta", "ta"), ("Şuşa’da", .tr, "Şuşa’da", "da"),
    ])
    func suffixAfterSeparator(text: String, language: LanguageTag, source: String, suffix: String) throws {
        let stage = try GlossaryStage(glossaries: try Glossary.shippedNames.map { try Glossary.shipped($0) })
        let result = try Pipeline([stage]).normalize(text, language: language, target: .en)
        #expect(result.annotations.first?.source == source)
        #expect(result.annotations.first?.data["suffix"] == suffix)
    }

    @Test("Forms found in the new corpus articles", arguments: [
        // Capitals write the ligature և as ԵՎ; the possessive's ending stays with the new name.
        ("ԵՐԵՎԱՆ, նոյեմբերի 14։", LanguageTag.hy, "YEREVAN, նոյեմբերի 14։"),
        ("Britain’s contribution", .en, "United Kingdom’s contribution"),
        ("Britain's contribution", .en, "United Kingdom's contribution"),
    ])
    func corpusForms(text: String, language: LanguageTag, expected: String) throws {
        let pipeline = try #require(Self.pipeline)
        #expect(try pipeline.normalize(text, language: language, target: .en).text == expected)
    }

    @Test("A short acronym matches only in its own language, and keeps the canonical form's case", arguments: [
        // Found by the property tests: the Turkish AA (Anadolu Ajansı) and AB (the EU) rewrote
        // English text, and AA'ya became ANADOLU AGENCY'ya.
        ("AA batteries and blood type AB.", LanguageTag.en, "AA batteries and blood type AB."),
        ("AA'ya göre AB toplantısı.", .tr, "Anadolu Agency'ye göre EU toplantısı."),
        ("ŞUŞA və Şuşa", .az, "SHUSHA və Shusha"),
    ])
    func shortAcronyms(text: String, language: LanguageTag, expected: String) throws {
        let pipeline = try #require(Self.pipeline)
        #expect(try pipeline.normalize(text, language: language, target: .en).text == expected)
    }

    @Test("A country the glossary wrote still qualifies the currency", arguments: [
        ("Ещё 472 752 доллара США выделены.", LanguageTag.ru, "Ещё USD 472,752 выделены."),
        ("Bağış 5 milyon ABD doları oldu.", .tr, "Bağış USD 5 million oldu."),
        ("Франция выделит 400 000 евро.", .ru, "France выделит EUR 400,000."),
    ])
    func countryQualifiers(text: String, language: LanguageTag, expected: String) throws {
        let pipeline = try #require(Self.pipeline)
        #expect(try pipeline.normalize(text, language: language, target: .en).text == expected)
    }

    @Test("Transliteration leaves glossary spans alone, in either scope", arguments: [TransliterationStage.Scope.all, .names])
    func transliterationLeavesGlossarySpans(scope: TransliterationStage.Scope) throws {
        let glossary = try GlossaryStage(glossaries: [try Glossary.shipped("places-caucasus")])
        let pipeline = Pipeline([glossary, try TransliterationStage(scope: scope)])
        let text = try pipeline.normalize("Bu gün Bakıda və Dağlıq Qarabağın mərkəzində", language: .az, target: .en).text
        #expect(text.hasPrefix(scope == .all ? "Bu gun Baku'da va Nagorno-Karabakh'ın" : "Bu gün Baku'da və Nagorno-Karabakh'ın"))
    }

    @Test func aTargetInAnotherScriptIsNotRomanized() throws {
        let stage = try TransliterationStage(scope: .all)
        let result = try Pipeline([stage]).normalize("Ստեփանակերտ", language: .hy, target: .ru)
        #expect(result.text == "Ստեփանակերտ")
    }
}

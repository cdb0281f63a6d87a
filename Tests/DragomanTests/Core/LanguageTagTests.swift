@testable import Dragoman
import Testing

@Suite struct LanguageTagTests {
    @Test(arguments: [
        ("az", LanguageTag.az),
        ("AZ", .az),
        ("az-Latn", .az),
        ("az-latn-AZ", .az),
        ("az-Cyrl", .azCyrl),
        ("az_Cyrl", .azCyrl),
        ("AZ-CYRL-az", .azCyrl),
        ("tr", .tr),
        ("tr-TR", .tr),
        ("tr_tr", .tr),
        ("hy", .hy),
        ("hy-Armn-AM", .hy),
        ("ru", .ru),
        ("ru-Cyrl", .ru),
        ("fr", .fr),
        ("fr-CA", .fr),
        ("en", .en),
        ("en-US", .en),
        ("en-419", .en),
    ])
    func acceptedTagsParseToTheirLanguage(text: String, expected: LanguageTag) throws {
        #expect(try LanguageTag(parsing: text) == expected)
    }

    @Test(arguments: [
        "de", "xx", "az-Arab", "", "en-US-x-foo", "ru-Latn", "hy-Cyrl", "az-AZ-Cyrl", "en-USA1", "azerbaijani", "e n",
    ])
    func unknownTagsAreRejectedNamingTheTag(text: String) {
        #expect(throws: DragomanError.unknownLanguage(text)) { try LanguageTag(parsing: text) }
    }

    /// The type's documentation accepts `_` for `-`, a script and a region; empty subtags are none of
    /// these.
    @Test(arguments: ["az-", "-az", "az--Cyrl", "en_", "-", "_"])
    func tagsWithEmptySubtagsAreRejected(text: String) {
        #expect(throws: DragomanError.unknownLanguage(text)) { try LanguageTag(parsing: text) }
    }

    @Test(arguments: LanguageTag.allCases)
    func everyTagParsesFromItsRawValue(tag: LanguageTag) throws {
        #expect(try LanguageTag(parsing: tag.rawValue) == tag)
    }

    @Test func theUnknownLanguageMessageListsTheKnownTags() {
        #expect(
            DragomanError.unknownLanguage("de").description == "unknown language 'de' (known: az, az-Cyrl, tr, hy, ru, fr, en, or auto)")
    }

    @Test(arguments: [("auto", LanguageSelection.auto), ("AUTO", .auto), ("Auto", .auto), ("az-Cyrl", .fixed(.azCyrl)), ("tr", .fixed(.tr))])
    func languageSelectionParsesAutoOrATag(text: String, expected: LanguageSelection) throws {
        #expect(try LanguageSelection(parsing: text) == expected)
    }

    @Test func languageSelectionRejectsUnknownTags() {
        #expect(throws: DragomanError.unknownLanguage("automatic")) { try LanguageSelection(parsing: "automatic") }
    }

    @Test func aFixedSelectionIgnoresTheTextAndAutoDetectsIt() {
        #expect(LanguageSelection.fixed(.fr).resolve(for: "Բարև ձեզ, ինչպե՞ս եք") == .fr)
        #expect(LanguageSelection.auto.resolve(for: "Բարև ձեզ, ինչպե՞ս եք") == .hy)
        #expect(LanguageSelection.auto.description == "auto")
        #expect(LanguageSelection.fixed(.azCyrl).description == "az-Cyrl")
    }

    @Test(arguments: [
        (LanguageTag.az, "az_AZ", "az"), (.azCyrl, "az_Cyrl_AZ", "az"), (.tr, "tr_TR", "tr"), (.hy, "hy_AM", "hy"),
        (.ru, "ru_RU", "ru"), (.fr, "fr_FR", "fr"), (.en, "en_US", "en"),
    ])
    func eachTagHasAnICULocaleAndABaseLanguage(tag: LanguageTag, locale: String, base: String) {
        #expect(tag.icuLocale == locale)
        #expect(tag.baseLanguage == base)
    }
}

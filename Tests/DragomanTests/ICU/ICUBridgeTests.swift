import Foundation
import Testing

@testable import Dragoman

@Suite("ICU bridge")
struct ICUBridgeTests {
    @Test func linksTheSystemICU72() {
        #expect(ICU.version.hasPrefix("72."))
    }

    @Test("Opens system transliterators and runs them", arguments: [
        ("Any-Latin; Latin-ASCII", "Шуша", "Susa"),
        ("Armenian-Latin/BGN", "Ստեփանակերտ", "Step’anakert"),
        ("Russian-Latin/BGN", "Кельбаджар", "Kelʹbadzhar"),
        ("Any-Upper", "istanbul", "ISTANBUL"),
    ])
    func opensSystemTransliterators(id: String, input: String, expected: String) throws {
        let transliterator = try Transliterator(id: id)
        #expect(try transliterator.transliterate(input) == expected)
    }

    @Test func compilesRulesAndGrowsTheBuffer() throws {
        // One letter becomes many: the output outgrows the input buffer ICU was given.
        let transliterator = try Transliterator(rules: "ə > aaaaaaaaaaaaaaaaaaaaaaaa ;", id: "Test-Long")
        #expect(try transliterator.transliterate("əə") == String(repeating: "a", count: 48))
        #expect(try transliterator.transliterate("") == "")
    }

    @Test func cloneWorksIndependently() throws {
        let original = try Transliterator(rules: "x > kh ; q > g ;")
        let copy = try original.clone()
        #expect(try copy.transliterate("xalq") == "khalg")
        #expect(try original.transliterate("Qax") == "Qakh")
    }

    @Test("Reports rule syntax errors with ICU's name and position", arguments: [
        ("a > b ;\nc > d ;\n$missing > e ;", "U_UNDEFINED_VARIABLE"),
        ("a > b ;\n[a-  > c ;", "U_MALFORMED_SET"),
        ("a > b ;\nc > (d ;", "U_UNCLOSED_SEGMENT"),
    ])
    func reportsRuleSyntaxErrors(rules: String, name: String) throws {
        let error = try #require(throws: ICUError.self) { try Transliterator(rules: rules) }
        #expect(error.name == name)
        #expect(error.code > 0)
        #expect(error.offset != nil)
        #expect(error.description.contains(name))
    }

    @Test func unknownSystemIDIsAnError() throws {
        let error = try #require(throws: ICUError.self) { try Transliterator(id: "Klingon-Latin") }
        #expect(error.name == "U_INVALID_ID")
    }

    @Test func namesErrorCodes() {
        #expect(ICUError(code: 1, operation: "test").name == "U_ILLEGAL_ARGUMENT_ERROR")
        #expect(ICUError(code: 15, operation: "test").name == "U_BUFFER_OVERFLOW_ERROR")
    }

    @Test("Tells scripts apart", arguments: [
        ("a", Script.latin), ("ə", .latin), ("ş", .latin), ("ж", .cyrillic), ("ә", .cyrillic), ("Շ", .armenian),
        ("1", .common), ("€", .common), ("\u{301}", .inherited),
    ])
    func tellsScriptsApart(character: String, script: Script) throws {
        let scalar = try #require(character.unicodeScalars.first)
        #expect(Script(of: scalar) == script)
    }

    @Test func normalizesToNFC() throws {
        #expect(try NFC.normalize("c\u{327}e\u{301}") == "çé")
        #expect(NFC.hasBoundaryBefore("a"))
        #expect(!NFC.hasBoundaryBefore("\u{301}"))
    }

    @Test func convertsBetweenUTF8AndUTF16() {
        let text = "Şuşa Шуша Շուշի 😀"
        let units = UTF16Text.units(text)
        #expect(units == Array(text.utf16))
        #expect(UTF16Text.string(units) == text)
        #expect(UTF16Text.string([0xD800, 0x41]) == "\u{FFFD}A")
    }

    /// Foundation's locale-aware case mapping was seen calling the system ICU's `UCaseMap`
    /// constructor once ICU is linked (five C++ symbols overlap). This keeps it honest.
    @Test("Turkish and Azerbaijani casing through Foundation survives the ICU link", arguments: ["tr", "az"])
    func foundationTurkicCasingSurvivesTheLink(locale: String) {
        let identifier = Locale(identifier: locale)
        #expect("istanbul".uppercased(with: identifier) == "İSTANBUL")
        #expect("ILIK".lowercased(with: identifier) == "ılık")
        #expect("İzmir".lowercased(with: identifier) == "izmir")
    }
}

/// ``DecimalFormatter`` writes plain decimals itself where the locale writes them the plain way;
/// whatever it writes must be what ICU writes.
@Suite("Decimal formatter: its own path agrees with ICU")
struct DecimalFormatterTests {
    static let decimals: [String] = {
        var values = ["0", "1", "12", "123", "1234", "12345", "123456", "1234567", "1000000000", "0.5", "0.25", "1234.5", "400000", "1000.123456",
            "98765432109876543210", "7.000001", "1.2345678", "0012", "-5", "1e5", "12.", ".5", ""]
        var generator = SplitMix64(seed: 7)
        for _ in 0..<300 {
            let digits = Int.random(in: 1...22, using: &generator)
            var text = String(Int.random(in: 1...9, using: &generator))
            for _ in 1..<digits { text += String(Int.random(in: 0...9, using: &generator)) }
            let fraction = Int.random(in: 0...7, using: &generator)
            if fraction > 0 { text += "." + (0..<fraction).map { _ in String(Int.random(in: 0...9, using: &generator)) }.joined() }
            values.append(text)
        }
        return values
    }()

    @Test(arguments: LanguageTag.allCases)
    func agreesWithICU(language: LanguageTag) throws {
        let formatter = try DecimalFormatter(locale: language.icuLocale)
        // Every language here groups by three from the first thousand: the comparison is not vacuous.
        #expect(formatter.writesPlainNumbers)
        for decimal in Self.decimals {
            let icu = try? formatter.formatWithICU(decimal)
            let own = try? formatter.format(decimal)
            #expect(own == icu, "\(decimal) in \(language.icuLocale)")
        }
    }
}

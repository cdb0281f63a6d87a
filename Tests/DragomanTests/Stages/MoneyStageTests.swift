import Foundation
import Testing

@testable import Dragoman

@Suite("Money stage")
struct MoneyStageTests {
    static func normalize(_ text: String, _ language: LanguageTag, style: MoneyStage.Style = .code) throws -> NormalizedText {
        try Pipeline([MoneyStage(style: style)]).normalize(text, language: language, target: .en)
    }

    @Test("The issue's examples", arguments: [
        ("€400,000", LanguageTag.en, "EUR 400,000", "400000", "EUR"),
        ("AZN 803,272", .en, "AZN 803,272", "803272", "AZN"),
        ("$472,752", .en, "USD 472,752", "472752", "USD"),
        ("400.000 avro", .tr, "EUR 400,000", "400000", "EUR"),
        ("400 min avro", .az, "EUR 400,000", "400000", "EUR"),
        ("803 272 manat", .az, "AZN 803,272", "803272", "AZN"),
        ("1 milyon manattan", .tr, "AZN 1 million", "1000000", "AZN"),
        ("400 000 евро", .ru, "EUR 400,000", "400000", "EUR"),
        ("1 млн манатов", .ru, "AZN 1 million", "1000000", "AZN"),
        ("2,5 млрд долларов", .ru, "USD 2.5 billion", "2500000000", "USD"),
        ("400 000 €", .fr, "EUR 400,000", "400000", "EUR"),
        ("1,5 million d'euros", .fr, "EUR 1.5 million", "1500000", "EUR"),
        ("500 մլն դրամ", .hy, "AMD 500 million", "500000000", "AMD"),
        ("1 000 000 ֏", .hy, "AMD 1,000,000", "1000000", "AMD"),
        ("1,5 milyard ₼", .az, "AZN 1.5 billion", "1500000000", "AZN"),
        ("€400,000", .az, "EUR 400,000", "400000", "EUR"),
        ("1.250,50 TL", .tr, "TRY 1,250.50", "1250.50", "TRY"),
        ("400 000 руб. на ремонт", .ru, "RUB 400,000 на ремонт", "400000", "RUB"),
        ("1 200 руб.", .ru, "RUB 1,200.", "1200", "RUB"),
    ])
    func issueExamples(input: String, language: LanguageTag, output: String, amount: String, currency: String) throws {
        let result = try Self.normalize(input, language)
        #expect(result.text == output)
        #expect(result.annotations.map(\.data) == [["amount": amount, "currency": currency]])
        try expectAnnotationsPointIntoInput(result, input: input)
    }

    @Test("Numbers without a currency are not money", arguments: [
        ("97,000 mines were found", LanguageTag.en), ("97 min mina", .az), ("3 418 мин", .ru), ("21.09.2021", .tr),
        ("12 Haziran 2021", .tr), ("at 14:30", .en), ("in 2020-2021", .en), ("50 %", .fr), ("%50'si", .tr),
        ("+994 12 555 12 34", .az), ("the 2nd round", .en), ("COVID19 and A4", .en),
    ])
    func trapsAreNotMoney(input: String, language: LanguageTag) throws {
        let result = try Self.normalize(input, language)
        #expect(result.text == input)
        #expect(result.annotations.isEmpty)
    }

    @Test("Other dollars are not US dollars", arguments: [
        ("hk $ 10.05 billion", "hk $ 10.05 billion"), ("C$5", "CAD 5"), ("HK$5", "HKD 5"),
        ("a $5 gift", "a USD 5 gift"), ("US $5", "USD 5"), ("USD3.14", "USD 3.14"),
    ])
    func otherDollars(input: String, expected: String) throws {
        #expect(try Self.normalize(input, .en).text == expected)
    }

    @Test("Peer-suite misses fixed", arguments: [
        ("254 millions de $.", LanguageTag.fr, "USD 254 million."), ("16,4 millions de $ c", .fr, "16,4 millions de $ c"),
        ("10,05 milliards de $ hk", .fr, "10,05 milliards de $ hk"), ("$10К", .ru, "USD 10,000"), ("10к$", .ru, "USD 10,000"),
    ])
    func peerSuiteMisses(input: String, language: LanguageTag, expected: String) throws {
        #expect(try Self.normalize(input, language).text == expected)
    }

    /// Found by the property tests: a magnitude word after the currency written after the number
    /// was left out of the amount (`1₼ млн` → `AZN 1 млн`), and a second pass, which finds the
    /// number before it, multiplied it in (`AZN 1 million`).
    @Test("A magnitude word after a currency written after the number belongs to the amount", arguments: [
        ("1₼ млн", LanguageTag.az, "AZN 1 million", "1000000"), ("475.029 ₺ milyard", .tr, "TRY 475,029 billion", "475029000000000"),
        ("2,5₼ min", .az, "AZN 2,500", "2500"), ("5 USD млн", .ru, "USD 5 million", "5000000"),
        ("5 manat milyon", .az, "AZN 5 million", "5000000"), ("3 € m", .fr, "EUR 3 m", "3"), ("3€m", .fr, "EUR 3 million", "3000000"),
    ])
    func magnitudeAfterTrailingCurrency(input: String, language: LanguageTag, output: String, amount: String) throws {
        let result = try Self.normalize(input, language)
        #expect(result.text == output)
        #expect(result.annotations.map { $0.data["amount"] } == [amount])
        #expect(try Self.normalize(result.text, language).text == result.text)
    }

    /// Found by the property tests (seed 627 of 1,000): a sign glued to the word before it became a
    /// code glued to that word (`n₼2₼` → `nAZN 2₼`), which a second pass did not read as a code
    /// (`nAZN AZN 2`).
    @Test("A code written right after a letter gets a space", arguments: [
        ("n₼2₼", LanguageTag.az, "n AZN 2₼"), ("milyon₼5", .az, "milyon AZN 5"), ("x€5", .fr, "x EUR 5"),
        ("Цена:$5", .ru, "Цена:USD 5"), ("7₼725", .az, "7AZN 725"),
    ])
    func codeAfterLetter(input: String, language: LanguageTag, output: String) throws {
        let result = try Self.normalize(input, language)
        #expect(result.text == output)
        #expect(try Self.normalize(result.text, language).text == result.text)
    }

    /// Found by the property tests once the above was fixed: an amount whose currency followed it
    /// ran, written code first, into a number after the currency (`7USD725` → `USD 7725`, `5₽ 153`
    /// → `RUB 5 153`), which a second pass read as one amount (`USD 7,725`, `RUB 5,153`).
    @Test("A number after the currency does not run into the amount", arguments: [
        ("7USD725", LanguageTag.en, "7USD 725"), ("7₼725", .az, "7AZN 725"), ("5₽ 153", .ru, "5RUB 153"),
        ("5 manat 153", .az, "5 manat 153"), ("1250€ 600", .fr, "EUR 1,250 600"), ("5,5 ₼ 153", .az, "AZN 5.5 153"),
        ("5€ 10", .fr, "EUR 5 10"),
    ])
    func numberAfterTrailingCurrency(input: String, language: LanguageTag, output: String) throws {
        let result = try Self.normalize(input, language)
        #expect(result.text == output)
        #expect(try Self.normalize(result.text, language).text == result.text)
    }

    @Test func rangesAndApproximationsKeepTheirWords() throws {
        let range = try Self.normalize("about $5-10 million", .en)
        #expect(range.text == "about USD 5-10 million")
        #expect(range.annotations.first?.data == ["low": "5000000", "high": "10000000", "currency": "USD", "approximate": "true"])
    }

    @Test("Approximations are flagged", arguments: [
        ("about $1 million", LanguageTag.en, true), ("около 400 000 евро", .ru, true), ("təxminən 85 min avro", .az, true),
        ("yaklaşık 2,5 milyar dolar", .tr, true), ("environ 14 millions de $", .fr, true), ("մոտ 500 մլն դրամ", .hy, true),
        ("gave $1 million", .en, false),
    ])
    func approximationsAreFlagged(input: String, language: LanguageTag, approximate: Bool) throws {
        let result = try Self.normalize(input, language)
        let annotation = try #require(result.annotations.first)
        #expect((annotation.data["approximate"] == "true") == approximate)
        #expect(result.text.hasPrefix(input.split(separator: " ")[0]) == approximate || !approximate)
    }

    @Test("Output styles", arguments: [
        (MoneyStage.Style.code, "EUR 400,000"), (.symbol, "€400,000"), (.name, "400,000 euros"),
    ])
    func outputStyles(style: MoneyStage.Style, expected: String) throws {
        #expect(try Self.normalize("400.000 avro", .tr, style: style).text == expected)
    }

    @Test func exactDecimalsScaleWithoutLoss() {
        #expect(ExactDecimal(integer: "1", fraction: "5").scaled(byPowerOfTen: 9).description == "1500000000")
        #expect(ExactDecimal(integer: "0012", fraction: "345").scaled(byPowerOfTen: 2).description == "1234.5")
        #expect(ExactDecimal(integer: "1250", fraction: "50").description == "1250.50")
    }

    @Test("Exact sums of the parts of an amount", arguments: [
        ("4000000000", "465700000", "4465700000"), ("0.9", "0.15", "1.05"), ("22", "0.91", "22.91"), ("999.99", "0.01", "1000.00"),
        ("0", "0.5", "0.5"),
    ])
    func exactDecimalsAdd(left: String, right: String, sum: String) {
        func decimal(_ text: String) -> ExactDecimal {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            return ExactDecimal(integer: String(parts[0]), fraction: parts.count > 1 ? String(parts[1]) : "")
        }
        #expect(decimal(left).adding(decimal(right)).description == sum)
        #expect(decimal(right).adding(decimal(left)).description == sum)
    }

    @Test("A feed's dollar and franc", arguments: [
        ("Ottawa verse 675 millions $.", LanguageTag.fr, "Ottawa verse CAD 675 million.", "CAD"),
        ("Ottawa adds $1.5 million.", .en, "Ottawa adds CAD 1.5 million.", "CAD"),
        ("Ottawa adds 3 million dollars.", .en, "Ottawa adds CAD 3 million.", "CAD"),
        ("It cost US$5.", .en, "It cost USD 5.", "USD"),
        ("It cost 5 US dollars.", .en, "It cost USD 5.", "USD"),
        ("Le casino a collecté 100.000 francs.", .fr, "Le casino a collecté FRF 100,000.", "FRF"),
        ("Il paie 5 francs suisses.", .fr, "Il paie CHF 5.", "CHF"),
    ])
    func feedDefaults(input: String, language: LanguageTag, output: String, currency: String) throws {
        let stage = try MoneyStage(defaults: MoneyStage.CurrencyDefaults(dollar: "CAD", franc: "FRF"))
        let result = try Pipeline([stage]).normalize(input, language: language, target: .en)
        #expect(result.text == output)
        #expect(result.annotations.map { $0.data["currency"] } == [currency])
    }

    @Test func everyCodeSignAndNameNamesACurrencyICUKnows() {
        let known = Set(CurrencyNames.isoCodes())
        #expect(known.count > 250)
        #expect(known.isSuperset(of: MoneyLexicon.codes.values))
        #expect(known.isSuperset(of: MoneyLexicon.symbols.map(\.1)))
        #expect(known.isSuperset(of: MoneyLexicon.stems.map(\.iso)))
        #expect(known.isSuperset(of: MoneyLexicon.subunitStems.compactMap(\.iso)))
        // Signs CLDR gives one currency alone are read; shared ones take the documented default.
        let signs = Dictionary(MoneyLexicon.symbols, uniquingKeysWith: { first, _ in first })
        for (sign, iso) in [("₴", "UAH"), ("₸", "KZT"), ("₹", "INR"), ("₪", "ILS"), ("HK$", "HKD"), ("R$", "BRL"), ("$", "USD"), ("¥", "JPY"), ("C$", "CAD")] {
            #expect(signs[sign] == iso, "\(sign)")
        }
        #expect(signs["kr"] == nil && signs["Rs"] == nil)
        #expect(MoneyLexicon.codes["KZT"] == "KZT" && MoneyLexicon.codes["FRF"] == nil)
    }

    @Test func exactDecimalsDivideCompareAndTrim() {
        #expect(ExactDecimal(integer: "50").divided(byPowerOfTen: 2).description == "0.50")
        #expect(ExactDecimal(integer: "5").divided(byPowerOfTen: 2).description == "0.05")
        #expect(ExactDecimal(integer: "98", fraction: "78").divided(byPowerOfTen: 2).description == "0.9878")
        #expect(ExactDecimal(integer: "726248000").divided(byPowerOfTen: 6).withoutTrailingZeros.description == "726.248")
        #expect(ExactDecimal(integer: "2016").isGreater(than: ExactDecimal(integer: "675")))
        #expect(!ExactDecimal(integer: "40", fraction: "857").isGreater(than: ExactDecimal(integer: "40", fraction: "9")))
        #expect(ExactDecimal(integer: "465", fraction: "7").integerDigits == 3)
        #expect(ExactDecimal(integer: "0", fraction: "5").integerDigits == 0)
    }
}

@Suite("Money stage: numbers in the target's format")
struct MoneyNumbersTests {
    @Test("Rewritten", arguments: [
        ("97.000 mayın", LanguageTag.tr, "97,000 mayın"), ("3 418 мин", .ru, "3,418 мин"), ("2,5 km", .az, "2.5 km"),
        ("1.250 hektar", .tr, "1,250 hektar"), ("1 250 hectares", .fr, "1,250 hectares"), ("12,5%", .tr, "12.5%"),
    ])
    func rewritten(input: String, language: LanguageTag, expected: String) throws {
        let stage = try MoneyStage(numbers: .target)
        #expect(try Pipeline([stage]).normalize(input, language: language, target: .en).text == expected)
    }

    @Test("Untouched", arguments: [
        ("21.09.2021", LanguageTag.tr), ("14:30", .az), ("in 2021", .en), ("+994 12 555 12 34", .az), ("1.2.3", .en),
        ("1,250 hectares", .en), ("2020-2021", .ru), ("10/11/2020", .fr),
    ])
    func untouched(input: String, language: LanguageTag) throws {
        let stage = try MoneyStage(numbers: .target)
        #expect(try Pipeline([stage]).normalize(input, language: language, target: .en).text == input)
    }

    /// Found by the property tests: `$0841.492` is no amount (a group of four digits before `.`),
    /// and its number was written as a plain one (`$841.492`), which a second pass read as an
    /// amount a thousand times larger (`USD 841,492`).
    @Test("A number refused as an amount stays as written", arguments: [
        ("$0841.492", LanguageTag.en), ("0841.492 $", .en), ("$5-0841.492", .en), ("0841,492 manat", .az),
    ])
    func refusedAmount(input: String, language: LanguageTag) throws {
        let stage = try MoneyStage(numbers: .target)
        #expect(try Pipeline([stage]).normalize(input, language: language, target: .en).text == input)
    }
}

@Suite("Money stage: conversion")
struct MoneyConversionTests {
    static let csv = "Date,USD,JPY,GBP,TRY,\n2021-09-20,1.1711,128.5,0.8575,10.0,\n2021-09-21,1.1724,128.2,0.8582,N/A,\n"

    @Test func readsTheLatestRowOfAnECBFile() throws {
        let rates = try ExchangeRates(csv: Self.csv, path: "rates.csv")
        #expect(rates.date == "2021-09-21")
        #expect(rates.rates["USD"] == "1.1724")
        #expect(rates.rates["TRY"] == nil)
        #expect(rates.rates["EUR"] == "1")
    }

    @Test func appendsTheConvertedAmountWithTheRateDate() throws {
        let rates = try ExchangeRates(csv: Self.csv, path: "rates.csv")
        let stage = try MoneyStage(conversion: (rates, "USD"))
        let result = try Pipeline([stage]).normalize("€400,000 and £2 million and 5 milyon manat", language: .en, target: .en)
        // AZN has no ECB rate: no conversion for it, and nothing fails.
        #expect(result.text == "EUR 400,000 (≈ USD 468,960) and GBP 2 million (≈ USD 2,732,230) and AZN 5 million")
        #expect(result.annotations.first?.data["rate_date"] == "2021-09-21")
        #expect(result.annotations.first?.data["converted"] == "468960")
        #expect(result.annotations.first?.data["amount"] == "400000")
    }

    @Test("Rates file errors name the file and line", arguments: [
        ("USD,JPY\n1,2\n", "rates.csv:1:1"), ("Date,USD\n2021-09-21,abc\n", "rates.csv:2"), ("Date,USD\n", "rates.csv:2"),
    ])
    func ratesFileErrors(csv: String, location: String) throws {
        let error = try #require(throws: DragomanError.self) { try ExchangeRates(csv: csv, path: "rates.csv") }
        #expect(error.description.hasPrefix(location), "\(error)")
    }
}

@Suite("Money stage: huge amounts")
struct MoneyHugeAmountTests {
    // ICU's formatted number once had to fit 128 UTF-16 units: a 97-digit amount threw
    // U_BUFFER_OVERFLOW_ERROR, which stopped the whole run.
    @Test(arguments: [97, 200, 500])
    func hugeAmountsAreFormattedWhole(digits: Int) throws {
        let text = "€" + String(repeating: "9", count: digits)
        let result = try Pipeline([try MoneyStage()]).normalize(text, language: .en, target: .en)
        let grouped = result.text.dropFirst(4).filter { $0 != "," }
        #expect(result.text.hasPrefix("EUR 9"))
        #expect(grouped == String(repeating: "9", count: digits))
        #expect(result.annotations.first?.data["amount"] == String(repeating: "9", count: digits))
    }

    @Test func aHugeAmountDoesNotStopTheRun() throws {
        var options = RunnerOptions()
        options.format = .jsonl
        let runner = StreamRunner(pipeline: Pipeline([try MoneyStage()]), options: options)
        let lines = [#"{"text": "€"# + String(repeating: "9", count: 120) + #""}"#, #"{"text": "€5"}"#]
        let sink = MemorySink()
        let statistics = try runner.run([MemorySource(Array((lines.joined(separator: "\n") + "\n").utf8))], to: sink)
        #expect(statistics.records == 2)
        #expect(sink.text.hasSuffix(#"{"text": "EUR 5","annotations":[{"stage":"money","start":0,"end":2,"source":"€5","replacement":"EUR 5","data":{"amount":"5","currency":"EUR"}}]}"# + "\n"))
    }
}

@testable import Dragoman
import Foundation
import Testing

@Suite struct LanguageDetectorTests {
    @Test(arguments: [
        // Azerbaijani, Latin script.
        ("Azərbaycan Respublikasının paytaxtı Bakı şəhəridir.", LanguageTag.az),
        ("Minatəmizləmə işləri Ağdam və Füzuli rayonlarında davam edir.", .az),
        ("Xalq qəzetinin məlumatına görə, yeni qrup yaradılacaq.", .az),
        // Azerbaijani, Cyrillic script.
        ("Азәрбајҹан Республикасынын пајтахты Бакы шәһәридир.", .azCyrl),
        ("Мина тәмизләмә ишләри Ағдам вә Füzuli рајонларында давам едир.", .azCyrl),
        ("Һөкумәт јени вәсаит ајырды.", .azCyrl),
        // Turkish.
        ("Türkiye'nin başkenti Ankara'dır ve en kalabalık şehri İstanbul'dur.", .tr),
        ("Mayın temizleme çalışmaları için yeni kaynak ayrıldı.", .tr),
        ("Iğdır'daki eğitim merkezi bu yıl açılacak.", .tr),
        // Armenian.
        ("Կառավարությունը հաստատել է լրացուցիչ հատկացում։", .hy),
        ("Երևանում գործող կենտրոնը կշարունակի աշխատանքները։", .hy),
        // Russian.
        ("Доноры выделили новые средства на разминирование.", .ru),
        ("Сапёрам ещё предстоит очистить тысячи гектаров земли.", .ru),
        // French.
        ("Le déminage des terres agricoles est une priorité pour le gouvernement.", .fr),
        ("La contribution la plus importante provient d'un groupe de donateurs.", .fr),
        ("Les équipes travaillent à Fuzuli depuis mars.", .fr),
        // English.
        ("The demining of farmland is a priority for the government.", .en),
        ("Donors pledge new funds for mine clearance in Aghdam and Fuzuli.", .en),
        ("Clearance teams found 312 mines last quarter.", .en),
    ])
    func shortSentencesAreDetectedInTheirLanguage(text: String, expected: LanguageTag) {
        #expect(LanguageDetector.detect(text) == expected)
    }

    /// A single accented loanword in an English sentence full of English function words is not French.
    @Test(arguments: [
        "The café in the old town reopened after the mines were cleared.",
        "Officials said the naïve estimate was revised in the spring.",
    ])
    func englishWithAFrenchLoanwordIsEnglish(text: String) {
        #expect(LanguageDetector.detect(text) == .en)
    }

    @Test func textWithoutLettersFallsBackToEnglish() {
        #expect(LanguageDetector.detect("") == .en)
        #expect(LanguageDetector.detect("12 345 — 😀 %") == .en)
    }

    @Test func onlyTheSampleDecides() {
        let russian = String(repeating: "мир ", count: LanguageDetector.sampleBytes / "мир ".utf8.count + 1)
        #expect(LanguageDetector.detect(russian + String(repeating: "Երևան ", count: 2000)) == .ru)
    }

    /// Every paragraph of each sample article is detected as the article's language.
    /// Every article of `corpora/`, with the language its file name starts with.
    static let corpusArticles: [(String, LanguageTag)] = CorpusGoldenTests.articles.compactMap { name in
        (try? LanguageTag(parsing: String(name.prefix { $0 != "-" }))).map { (name + ".txt", $0) }
    }

    @Test(arguments: corpusArticles)
    func corpusParagraphsAreDetectedInTheirLanguage(file: String, expected: LanguageTag) throws {
        let url = GoldenFile.repositoryRoot.appendingPathComponent("corpora").appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        let paragraphs = text.components(separatedBy: "\n\n").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        try #require(!paragraphs.isEmpty)
        for (index, paragraph) in paragraphs.enumerated() {
            #expect(LanguageDetector.detect(paragraph) == expected, "¶\(index + 1): \(paragraph.prefix(60))")
        }
    }
}

import Foundation
import Testing

@testable import Dragoman

/// The glossaries shipped with Dragoman (`glossaries/*.yaml`), loaded together as a config loads
/// them: they have no problems, they give the names the names table says need a glossary, and they
/// normalize real news sentences about the region.
@Suite("Shipped glossaries")
struct GlossaryShippedTests {
    static let shippedNames = ["places-caucasus", "organizations", "people"]

    /// Built once: compiling every alias of the three files is the slow part.
    static let shared = Result { () throws(DragomanError) -> GlossaryStage in
        try GlossaryStage(glossaries: shippedNames.map { name throws(DragomanError) in try Glossary.shipped(name) })
    }

    static func normalize(_ text: String, _ language: LanguageTag, target: LanguageTag = .en) throws -> NormalizedText {
        try Pipeline([shared.get()]).normalize(text, language: language, target: target)
    }

    // MARK: Loading

    @Test("Each shipped glossary parses without problems", arguments: shippedNames)
    func parsesWithoutProblems(name: String) throws {
        let yaml = try #require(Glossary.shippedYAML(name))
        let (glossary, problems) = Glossary.parse(yaml: yaml, path: "glossaries/\(name).yaml")
        #expect(problems == [])
        #expect(glossary?.name == name)
        #expect(glossary?.entries.isEmpty == false)
    }

    @Test func theThreeTogetherHaveNoConflicts() throws {
        #expect(Set(Glossary.shippedNames).isSuperset(of: Self.shippedNames))
        let glossaries = try Self.shippedNames.map { name throws(DragomanError) in try Glossary.shipped(name) }
        #expect(Glossary.check(glossaries) == [])
        #expect(try Self.shared.get().aliasCount > 0)
    }

    // MARK: The names table

    struct Name: Sendable, CustomTestStringConvertible {
        var language: LanguageTag
        var source: String
        var english: String
        var testDescription: String { "\(language.rawValue) \(source) → \(english)" }

        /// The English form, in capitals when the source is written in capitals.
        var expected: String {
            let letters = source.unicodeScalars.filter { $0.properties.isAlphabetic }
            let allCapitals = letters.count > 1 && letters.allSatisfy { $0.properties.isUppercase }
            return allCapitals ? english.uppercased() : english
        }
    }

    /// Rows of `Tests/DragomanTests/Fixtures/names.tsv` marked `glossary`.
    static let glossaryNames: [Name] = {
        let url = GoldenFile.repositoryRoot.appendingPathComponent("Tests/DragomanTests/Fixtures/names.tsv")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().compactMap { line in
            let fields = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 5, fields[4] == "glossary", let language = try? LanguageTag(parsing: fields[0]) else { return nil }
            return Name(language: language, source: fields[1], english: fields[2])
        }
    }()

    @Test func theTableHasGlossaryRowsInEveryLanguage() {
        #expect(Self.glossaryNames.count >= 50)
        for language in [LanguageTag.az, .azCyrl, .tr, .hy, .ru] {
            #expect(Self.glossaryNames.contains { $0.language == language }, "no glossary rows for \(language.rawValue)")
        }
    }

    @Test("Every name the table leaves to the glossary is found and written in English", arguments: glossaryNames)
    func namesTableRow(_ name: Name) throws {
        let result = try Self.normalize(name.source, name.language)
        let found = result.annotations.filter { $0.stage == "glossary" }
        #expect(found.count == 1, "one entity over the whole name")
        #expect(found.first.map { $0.start..<$0.end } == 0..<name.source.unicodeScalars.count)
        #expect(found.first?.replacement == name.expected)
        #expect(result.text == name.expected)
    }

    // MARK: Every alias

    struct Alias: Sendable, CustomTestStringConvertible {
        var id: String
        var language: LanguageTag
        var name: String
        var testDescription: String { "\(language.rawValue) \(name) (\(id))" }
    }

    static let aliases: [Alias] = {
        let glossaries = shippedNames.compactMap { try? Glossary.shipped($0) }
        return glossaries.flatMap(\.entries).flatMap { entry in
            LanguageTag.allCases.flatMap { language in (entry.names[language] ?? []).map { Alias(id: entry.id, language: language, name: $0) } }
        }
    }()

    @Test("Every alias written alone is found as its own entity", arguments: aliases)
    func everyAliasIsFound(_ alias: Alias) throws {
        let result = try Self.normalize(alias.name, alias.language)
        let found = result.annotations.filter { $0.stage == "glossary" }
        #expect(found.map { $0.data["id"] } == [alias.id])
        #expect(found.first.map { $0.start..<$0.end } == 0..<alias.name.unicodeScalars.count)
    }

    // MARK: Inflected forms of shipped names

    static func hits(_ result: NormalizedText) -> [String] {
        result.annotations.filter { $0.stage == "glossary" }.map { "\($0.data["id"] ?? "?")@\($0.start)..<\($0.end)" }
    }

    static func expectedHit(_ marked: MarkedText, _ id: String) -> [String] {
        let range = marked.scalarRange(1, 2)
        return ["\(id)@\(range.lowerBound)..<\(range.upperBound)"]
    }

    @Test("Inflected forms of multi-word and declined shipped names", arguments: [
        // Russian: adjective and noun both declined, first names and surnames declined.
        ("в 1️⃣Нижнем Новгороде2️⃣", LanguageTag.ru, "nizhny-novgorod"), ("из 1️⃣Санкт-Петербурга2️⃣", .ru, "saint-petersburg"),
        ("на 1️⃣Южном Кавказе2️⃣", .ru, "south-caucasus"), ("1️⃣Минской группы ОБСЕ2️⃣", .ru, "osce-minsk-group"),
        ("в 1️⃣Организации Объединённых Наций2️⃣", .ru, "un"), ("1️⃣Лачинского коридора2️⃣", .ru, "lachin-corridor"),
        ("1️⃣Международного комитета Красного Креста2️⃣", .ru, "icrc"), ("с 1️⃣Ильхамом Алиевым2️⃣", .ru, "ilham-aliyev"),
        ("с 1️⃣Мехрибан Алиевой2️⃣", .ru, "mehriban-aliyeva"), ("1️⃣Марии Захаровой2️⃣", .ru, "maria-zakharova"),
        ("1️⃣Сергея Лаврова2️⃣", .ru, "sergei-lavrov"), ("с 1️⃣Пашиняном2️⃣", .ru, "nikol-pashinyan"),
        ("в 1️⃣Армении2️⃣ и", .ru, "armenia"), ("1️⃣Госдепартамента США2️⃣", .ru, "us-state-department"),
        // Azerbaijani and Turkish, including the pronominal n after a possessive compound.
        ("1️⃣Ermənistanla2️⃣ sülh", .az, "armenia"), ("1️⃣Naxçıvanda2️⃣", .az, "nakhchivan"),
        ("1️⃣İlham Əliyevin2️⃣", .az, "ilham-aliyev"), ("1️⃣Nikol Paşinyanla2️⃣", .az, "nikol-pashinyan"),
        ("1️⃣Xəzər dənizində2️⃣", .az, "caspian-sea"), ("1️⃣Laçın dəhlizindən2️⃣", .az, "lachin-corridor"),
        ("1️⃣Zəngəzur dəhlizinə2️⃣", .az, "zangezur-corridor"), ("1️⃣Xəzər dənizindəki2️⃣", .az, "caspian-sea"),
        ("1️⃣Hazar Denizi'nde2️⃣", .tr, "caspian-sea"), ("1️⃣Van Gölü'ne2️⃣", .tr, "lake-van"), ("1️⃣Ağrı Dağı'nı2️⃣", .tr, "mount-ararat"),
        ("1️⃣Erdoğan'ın2️⃣", .tr, "recep-tayyip-erdogan"), ("1️⃣Dağlık Karabağ'daki2️⃣", .tr, "nagorno-karabakh"),
        // Armenian.
        ("1️⃣Իլհամ Ալիևի2️⃣", .hy, "ilham-aliyev"), ("1️⃣Ադրբեջանում2️⃣", .hy, "azerbaijan"), ("1️⃣Լավրովի2️⃣", .hy, "sergei-lavrov"),
        ("1️⃣Լեռնային Ղարաբաղի2️⃣", .hy, "nagorno-karabakh"), ("1️⃣Մոսկվայից2️⃣", .hy, "moscow"),
        // Read since the matcher stores a Russian word under each way it may decline (these were
        // known issues): a first name in -ий as a noun, names that decline as adjectives, a neuter
        // noun after a neuter adjective.
        ("1️⃣Дмитрия Пескова2️⃣", .ru, "dmitry-peskov"), ("1️⃣Юрия Гагарина2️⃣", .ru, "yuri-gagarin"),
        ("1️⃣Алексея Навального2️⃣", .ru, "alexei-navalny"), ("с 1️⃣Навальным2️⃣", .ru, "alexei-navalny"),
        ("в 1️⃣Грозном2️⃣", .ru, "grozny"), ("1️⃣Фёдора Достоевского2️⃣", .ru, "fyodor-dostoevsky"),
        ("1️⃣Каспийского моря2️⃣", .ru, "caspian-sea"),
        // Azerbaijani Cyrillic: the Latin alphabet's suffixes in Cyrillic, with their harmony.
        ("1️⃣Гарабағда2️⃣", .azCyrl, "karabakh"), ("1️⃣Бакыдан2️⃣", .azCyrl, "baku"), ("1️⃣Ханкәндидә2️⃣", .azCyrl, "khankendi"),
        ("1️⃣Ағдама2️⃣", .azCyrl, "aghdam"), ("1️⃣Ермәнистанын2️⃣", .azCyrl, "armenia"),
        // Armenian stem alternations: Բաքու → Բաքվում (ու → վ), խումբ → խմբի (ու dropped).
        ("1️⃣Բաքվում2️⃣", .hy, "baku"), ("1️⃣Բաքվից2️⃣", .hy, "baku"), ("1️⃣ԲԱՔՎՈՒՄ2️⃣", .hy, "baku"),
        ("1️⃣Մինսկի խմբի2️⃣", .hy, "osce-minsk-group"), ("1️⃣Մինսկի խմբում2️⃣", .hy, "osce-minsk-group"),
        // A hyphenated name declines its first part before a preposition, else its last.
        ("в 1️⃣Ростове-на-Дону2️⃣", .ru, "rostov-on-don"), ("из 1️⃣Ростова-на-Дону2️⃣", .ru, "rostov-on-don"),
    ])
    func inflectedShippedNames(marked: String, language: LanguageTag, id: String) throws {
        let text = MarkedText(marked)
        #expect(Self.hits(try Self.normalize(text.text, language)) == Self.expectedHit(text, id))
    }

    /// A kept Turkic suffix is made again for the form written in the alias's place, with that
    /// form's final sound (and its harmony, unless it only romanizes the alias), by the record's
    /// rules (it was kept as written: Armenia'a).
    @Test("A kept suffix follows the canonical form", arguments: [
        ("Ermənistana", LanguageTag.az, "Armenia'ya"), ("Bakü'de", .tr, "Baku'de"), ("Bakının", .az, "Baku'nun"),
        ("Şuşa'dakiler", .tr, "Shusha'dakiler"), ("Karabağ'daki", .tr, "Karabakh'taki"), ("Qarabağdakı", .az, "Karabakh'dakı"),
        ("ŞUŞADA", .az, "SHUSHA'DA"), ("Xankəndiyə", .az, "Khankendi'yə"), ("Gürcistan'dan", .tr, "Georgia'dan"),
        ("Ermenistan'ın", .tr, "Armenia'nın"), ("Fransa'ya", .tr, "France'ye"), ("Fransaya", .az, "France'yə"),
        ("Şuşada", .az, "Shusha'da"),
        // A romanization keeps the name's own harmony (Iğdır, Sumqayıt are still said with ı);
        // another name takes its own (Gence → Ganja).
        ("Iğdır'daki", .tr, "Igdir'daki"), ("Sumqayıtda", .az, "Sumgayit'da"), ("Gence'de", .tr, "Ganja'da"),
    ])
    func keptSuffixFollowsTheCanonicalForm(text: String, language: LanguageTag, expected: String) throws {
        #expect(try Self.normalize(text, language).text == expected)
    }


    // MARK: Real sentences

    @Test("Sentences from news about the region", arguments: [
        // Azerbaijani
        ("Azərbaycan Respublikasının Minatəmizləmə Agentliyi (ANAMA) Şuşa şəhərində minatəmizləmə işlərini davam etdirir.", LanguageTag.az,
         "ANAMA Shusha şəhərində minatəmizləmə işlərini davam etdirir."),
        ("Prezident İlham Əliyev Xankəndidə Qarabağ Universitetinin yeni binasının açılışında iştirak edib.", .az,
         "Prezident Ilham Aliyev Khankendi'də Karabakh Universitetinin yeni binasının açılışında iştirak edib."),
        ("Ağdam rayonunda və Füzulidə minaların təmizlənməsi davam edir.", .az,
         "Aghdam rayonunda və Fuzuli'də minaların təmizlənməsi davam edir."),
        ("Bakıdan Şuşaya gedən Zəfər yolu istifadəyə verilib.", .az,
         "Baku'dan Shusha'ya gedən Zəfər yolu istifadəyə verilib."),
        ("ANAMA-nın məlumatına görə, Tərtər, Ağdərə və Kəlbəcər rayonlarında 120 mina aşkarlanıb.", .az,
         "ANAMA-nın məlumatına görə, Tartar, Aghdara və Kalbajar rayonlarında 120 mina aşkarlanıb."),
        ("Dağlıq Qarabağın keçmiş sakinləri Laçın dəhlizi ilə Ermənistana köçüb.", .az,
         "Nagorno-Karabakh'ın keçmiş sakinləri Lachin corridor ilə Armenia'ya köçüb."),
        // Turkish
        ("Dışişleri Bakanı Hakan Fidan, Bakü'de Azerbaycanlı mevkidaşı Ceyhun Bayramov ile görüştü.", .tr,
         "Dışişleri Bakanı Hakan Fidan, Baku'de Azerbaijan'lı mevkidaşı Jeyhun Bayramov ile görüştü."),
        ("Kars'ta düzenlenen törende Iğdır ve Ardahan valileri de hazır bulundu.", .tr,
         "Kars'ta düzenlenen törende Igdir ve Ardahan valileri de hazır bulundu."),
        ("Karabağ'da mayın temizleme çalışmaları sürüyor; ANAMA'ya göre Şuşa’da 2 bin mayın bulundu.", .tr,
         "Karabakh'ta mayın temizleme çalışmaları sürüyor; ANAMA'ya göre Shusha'da 2 bin mayın bulundu."),
        ("Cumhurbaşkanı Erdoğan, Nahçıvan'da Aliyev ile bir araya geldi.", .tr,
         "Cumhurbaşkanı Recep Tayyip Erdogan, Nakhchivan'da Aliyev ile bir araya geldi."),
        ("Dağlık Karabağ'daki çatışmalar Ermenistan ile Azerbaycan arasında sona erdi.", .tr,
         "Nagorno-Karabakh'taki çatışmalar Armenia ile Azerbaijan arasında sona erdi."),
        // Russian
        ("Президент Азербайджана Ильхам Алиев посетил Шушу.", .ru,
         "Президент Azerbaijan Ilham Aliyev посетил Shusha."),
        ("В Нагорном Карабахе продолжается разминирование, сообщает ANAMA.", .ru,
         "В Nagorno-Karabakh продолжается разминирование, сообщает ANAMA."),
        ("Сергей Лавров провёл переговоры с Джейхуном Байрамовым в Москве.", .ru,
         "Sergei Lavrov провёл переговоры с Jeyhun Bayramov в Moscow."),
        ("Премьер-министр Армении Никол Пашинян прибыл в Ереван из Тбилиси.", .ru,
         "Премьер-министр Armenia Nikol Pashinyan прибыл в Yerevan из Tbilisi."),
        ("Жители Шушенского района не имеют отношения к Шуше.", .ru,
         "Жители Шушенского района не имеют отношения к Shusha."),
        // Armenian
        ("Նիկոլ Փաշինյանը մեկնել է Մոսկվա։", .hy, "Nikol Pashinyan մեկնել է Moscow։"),
        ("Երևանում կայացել է Հայաստանի և Ադրբեջանի պատվիրակությունների հանդիպումը։", .hy,
         "Yerevan կայացել է Armenia և Azerbaijan պատվիրակությունների հանդիպումը։"),
        ("Ստեփանակերտից Գորիս տանող ճանապարհը փակ է։", .hy, "Khankendi Goris տանող ճանապարհը փակ է։"),
        ("Լեռնային Ղարաբաղում ապրող հայերը տեղափոխվել են Հայաստան։", .hy,
         "Nagorno-Karabakh ապրող հայերը տեղափոխվել են Armenia։"),
        ("Փաշինյանը Մոսկվայում հանդիպել է Պուտինին։", .hy, "Nikol Pashinyan Moscow հանդիպել է Vladimir Putin։"),
        // French
        ("Le ministre arménien des Affaires étrangères, Ararat Mirzoyan, s'est rendu à Bakou.", .fr,
         "Le ministre arménien des Affaires étrangères, Ararat Mirzoyan, s'est rendu à Baku."),
        ("Selon le ministère arménien des Affaires étrangères, la frontière reste fermée.", .fr,
         "Selon le Armenian Foreign Ministry, la frontière reste fermée."),
        ("Le Haut-Karabakh et la ville de Choucha ont été repris en 2020.", .fr,
         "Le Nagorno-Karabakh et la ville de Shusha ont été repris en 2020."),
        ("L'Azerbaïdjan et l'Arménie ont paraphé un accord de paix.", .fr,
         "L'Azerbaijan et l'Armenia ont paraphé un accord de paix."),
        ("Emmanuel Macron a reçu Nikol Pachinian à Paris.", .fr, "Emmanuel Macron a reçu Nikol Pashinyan à Paris."),
        // English
        ("Azerbaijan's ANAMA cleared mines in Shusha and Aghdam.", .en, "Azerbaijan's ANAMA cleared mines in Shusha and Aghdam."),
        ("The Nagorno Karabakh conflict ended in 2023, and Stepanakert residents left for Armenia.", .en,
         "The Nagorno-Karabakh conflict ended in 2023, and Khankendi residents left for Armenia."),
        ("Armenian Prime Minister Pashinyan met Ilham Aliyev in Brussels.", .en,
         "Armenian Prime Minister Nikol Pashinyan met Ilham Aliyev in Brussels."),
        ("Mine clearance continues in Nagorno-Karabakh's Martakert district.", .en,
         "Mine clearance continues in Nagorno-Karabakh's Aghdara district."),
    ])
    func sentences(text: String, language: LanguageTag, expected: String) throws {
        let result = try Self.normalize(text, language)
        #expect(result.text == expected)
        try expectAnnotationsPointIntoInput(result, input: text)
    }
}

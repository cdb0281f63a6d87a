import Foundation
import Testing

@testable import Dragoman

/// Importing termbases (TBX, CSV/TSV) as glossaries, and writing glossaries back as YAML: each
/// fixture of `Tests/DragomanTests/Fixtures/glossary-import/` gives the entries written out here,
/// survives `yamlText()` → `Glossary(yaml:)` unchanged, and matches the same text before and after.
@Suite("Glossary import")
struct GlossaryImportTests {
    /// The fixture files, each with the entries it must give.
    enum Fixture: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case basic = "termbase-basic.tbx"
        case martif = "termbase-2008.tbx"
        case pairs = "pairs.tsv"
        case table = "entities.csv"

        var testDescription: String { rawValue }

        var path: String {
            GoldenFile.repositoryRoot.appendingPathComponent("Tests/DragomanTests/Fixtures/glossary-import/\(rawValue)").path
        }

        func text() throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

        func imported() throws -> Glossary {
            switch self {
            case .basic, .martif: try GlossaryImport.tbx(text(), path: path)
            case .pairs, .table: try GlossaryImport.delimited(text(), path: path)
            }
        }

        var name: String { String(rawValue.prefix { $0 != "." }) }

        /// The entries, with the line (and for TBX the column) each is read at.
        var expected: [(entry: Glossary.Entry, line: Int, column: Int?)] {
            switch self {
            case .basic:
                [
                    (
                        Glossary.Entry(
                            id: "anama", type: .org, names: [.az: ["ANAMA"], .ru: ["АНАМА"], .en: ["ANAMA"]], caseSensitive: true,
                            note: "subject field: mine action agency"), 16, 7
                    ),
                    (
                        Glossary.Entry(
                            id: "c-002", type: .place,
                            names: [
                                .az: ["Xankəndi"], .tr: ["Hankendi"], .ru: ["Ханкенди", "Степанакерт"], .hy: ["Ստեփանակերտ"],
                                .en: ["Khankendi", "Stepanakert"],
                            ],
                            note: "City in the Karabakh economic region of Azerbaijan. (subject field: geography)"), 38, 7
                    ),
                    (
                        Glossary.Entry(
                            id: "shusha", type: .place,
                            names: [
                                .az: ["Şuşa"], .azCyrl: ["Шуша"], .tr: ["Şuşa"], .ru: ["Шуша"], .hy: ["Շուշի", "Shushi"], .en: ["Shusha", "Shushi"],
                            ],
                            note: "subject field: places"), 75, 7
                    ),
                    (
                        Glossary.Entry(
                            id: "person-aliyev-ilham", type: .person,
                            names: [.az: ["İlham Əliyev"], .tr: ["İlham Aliyev"], .ru: ["Ильхам Алиев"], .en: ["Ilham Aliyev"]],
                            note: "subject field: politics"), 102, 7
                    ),
                    (
                        Glossary.Entry(
                            id: "1001", type: .term, names: [.az: ["mina"], .ru: ["мина"], .en: ["landmine", "land mine"]],
                            note: "An explosive device <em>placed</em> under or on the ground & set off by contact. (subject field: mine action)"),
                        121, 7
                    ),
                    (
                        Glossary.Entry(
                            id: "gence", type: .place, names: [.az: ["Gəncə"], .tr: ["Gence"], .ru: ["Гянджа"]], note: "subject field: Places"),
                        141, 7
                    ),
                    (
                        Glossary.Entry(
                            id: "shusha-2", type: .place, names: [.az: ["Şuşa rayonu"], .ru: ["Шушинский район"], .en: ["Shusha District"]]),
                        154, 7
                    ),
                ]
            case .martif:
                [
                    (
                        Glossary.Entry(
                            id: "eid-karabakh", type: .place,
                            names: [.az: ["Qarabağ"], .tr: ["Karabağ"], .ru: ["Карабах"], .hy: ["Ղարաբաղ"], .en: ["Karabakh"]],
                            note: "subject field: Geography"), 13, 7
                    ),
                    (
                        Glossary.Entry(
                            id: "eid-nagorno-karabakh", type: .place,
                            names: [
                                .az: ["Dağlıq Qarabağ"], .ru: ["Нагорный Карабах", "НКАО"], .fr: ["Haut-Karabakh"],
                                .en: ["Nagorno-Karabakh", "Nagorno Karabakh"],
                            ],
                            note: "subject field: geographical names"), 26, 7
                    ),
                    (
                        Glossary.Entry(
                            id: "eid-unmas", type: .org, names: [.ru: ["ЮНМАС"], .en: ["UNMAS", "United Nations Mine Action Service"]],
                            note: "subject field: international organizations"), 55, 7
                    ),
                    (
                        Glossary.Entry(
                            id: "lachin-corridor", type: .term, names: [.az: ["Laçın dəhlizi"], .ru: ["Лачинский коридор"], .en: ["Lachin corridor"]],
                            canonical: [.ru: "Lachin corridor"]), 83, 7
                    ),
                ]
            case .pairs:
                [
                    (Glossary.Entry(id: "shusha", type: .term, names: [.en: ["Shusha"], .az: ["Şuşa"]]), 2, nil),
                    (Glossary.Entry(id: "khankendi", type: .term, names: [.en: ["Khankendi"], .az: ["Xankəndi"]]), 3, nil),
                    (Glossary.Entry(id: "karabakh", type: .term, names: [.en: ["Karabakh"], .az: ["Qarabağ"]]), 4, nil),
                    (Glossary.Entry(id: "mine-clearance", type: .term, names: [.en: ["mine clearance"], .az: ["minatəmizləmə"]]), 5, nil),
                    (Glossary.Entry(id: "ganja", type: .term, names: [.en: ["Ganja"], .az: ["Gəncə"]]), 7, nil),
                ]
            case .table:
                [
                    (
                        Glossary.Entry(
                            id: "shusha", type: .place, names: [.az: ["Şuşa"], .ru: ["Шуша"], .en: ["Shusha", "Shushi"]],
                            note: "Town; \"Shushi\" in Armenian usage"), 2, nil
                    ),
                    (
                        Glossary.Entry(
                            id: "khankendi", type: .place, names: [.az: ["Xankəndi"], .ru: ["Ханкенди", "Степанакерт"], .en: ["Khankendi", "Stepanakert"]]
                        ), 3, nil
                    ),
                    (
                        Glossary.Entry(
                            id: "aliyev-ilham", type: .person, names: [.az: ["İlham Əliyev"], .ru: ["Ильхам Алиев"], .en: ["Ilham Aliyev"]],
                            note: "President of Azerbaijan\nsince 2003"), 4, nil
                    ),
                    (Glossary.Entry(id: "gence", type: .place, names: [.az: ["Gəncə"], .ru: ["Гянджа"]]), 6, nil),
                    (
                        Glossary.Entry(
                            id: "mine-action-agency", type: .org,
                            names: [.az: ["Minatəmizləmə Agentliyi"], .ru: ["Агентство по разминированию"], .en: ["Mine Action Agency"]]), 8, nil
                    ),
                ]
            }
        }
    }

    /// Sentences each fixture is matched against before and after the YAML round trip.
    static let sentences: [(text: String, language: LanguageTag)] = [
        ("ANAMA Şuşada və Xankəndidə mina axtarır; anama zəng etdim.", .az),
        ("İlham Əliyev Gəncədə və Şuşa rayonunda oldu, Dağlıq Qarabağda Qarabağ.", .az),
        ("Laçın dəhlizi ilə Minatəmizləmə Agentliyi minatəmizləmə aparır.", .az),
        ("АНАМА и ЮНМАС в Ханкенди и Степанакерте; Ильхам Алиев посетил Шушу и Гянджу.", .ru),
        ("Нагорный Карабах, НКАО, Лачинский коридор, Агентство по разминированию.", .ru),
        ("ANAMA and UNMAS cleared a landmine near Shushi, Stepanakert and Ganja in Karabakh.", .en),
        ("Ilham Aliyev visited Shusha District; Lachin corridor; mine clearance by the Mine Action Agency.", .en),
    ]

    /// An entry without the place it was read at, for comparing imports with expectations and
    /// with their round trips.
    static func located(_ entry: Glossary.Entry) -> Glossary.Entry {
        var entry = entry
        entry.location = nil
        return entry
    }

    static func matches(_ glossary: Glossary, _ text: String, _ language: LanguageTag) throws -> (String, [String]) {
        let stage = try GlossaryStage(glossaries: [glossary])
        let result = try Pipeline([stage]).normalize(text, language: language, target: .en)
        return (result.text, result.annotations.map { "\($0.data["id"] ?? "?")@\($0.start)..<\($0.end)" })
    }

    @Test("Each import gives the expected entries, located", arguments: Fixture.allCases)
    func importGivesTheExpectedEntries(fixture: Fixture) throws {
        let glossary = try fixture.imported()
        #expect(glossary.name == fixture.name)
        #expect(glossary.path == fixture.path)
        #expect(!glossary.diacriticsInsensitive)
        #expect(glossary.entries.map(\.id) == fixture.expected.map(\.entry.id))
        for (entry, expected) in zip(glossary.entries, fixture.expected) {
            #expect(Self.located(entry) == expected.entry)
            #expect(entry.location == SourceLocation(path: fixture.path, line: expected.line, column: expected.column), "\(entry.id)")
        }
    }

    @Test("Each import round-trips through yamlText", arguments: Fixture.allCases)
    func importRoundTripsThroughYAML(fixture: Fixture) throws {
        let glossary = try fixture.imported()
        let yaml = glossary.yamlText(header: "Imported from \(fixture.rawValue)\n\nfor GlossaryImportTests")
        #expect(yaml.hasPrefix("# Imported from \(fixture.rawValue)\n#\n# for GlossaryImportTests\nversion: 1\n"))
        let back = try Glossary(yaml: yaml, path: fixture.path)
        #expect(back.name == glossary.name)
        #expect(back.diacriticsInsensitive == glossary.diacriticsInsensitive)
        #expect(back.entries.map(Self.located) == glossary.entries.map(Self.located))
        #expect(back.yamlText() == glossary.yamlText(), "writing is deterministic")
    }

    @Test("Each import matches the same text before and after the round trip", arguments: Fixture.allCases)
    func roundTripKeepsTheMatches(fixture: Fixture) throws {
        let glossary = try fixture.imported()
        let back = try Glossary(yaml: glossary.yamlText(), path: "round-trip.yaml")
        var found = 0
        for (text, language) in Self.sentences {
            let before = try Self.matches(glossary, text, language)
            let after = try Self.matches(back, text, language)
            #expect(before.1 == after.1, "\(text)")
            found += before.1.count
            // An entity without an English name (Gəncə in two fixtures) is written for target en
            // as `names.values.first`, which follows the dictionary's storage order, not the file.
            let unwritten = glossary.entries.contains { $0.names[.en] == nil && $0.canonical[.en] == nil }
            withKnownIssue("Glossary.Entry.canonical(for:) falls back on dictionary order", isIntermittent: true) {
                #expect(before.0 == after.0, "\(text)")
            } when: {
                unwritten
            }
        }
        #expect(found >= 4, "the sentences exercise \(fixture.rawValue)")
    }

    @Test("Imported entries match as the termbase says", arguments: [
        (Fixture.basic, 0, ["anama", "shusha", "c-002", "1001"]),
        (Fixture.basic, 1, ["person-aliyev-ilham", "gence", "shusha-2"]),
        (Fixture.basic, 3, ["anama", "c-002", "c-002", "person-aliyev-ilham", "shusha", "gence"]),
        (Fixture.basic, 5, ["anama", "1001", "shusha", "c-002"]),
        (Fixture.martif, 1, ["eid-nagorno-karabakh", "eid-karabakh"]),
        (Fixture.martif, 4, ["eid-nagorno-karabakh", "eid-nagorno-karabakh", "lachin-corridor"]),
        (Fixture.martif, 5, ["eid-unmas", "eid-karabakh"]),
        (Fixture.pairs, 0, ["shusha", "khankendi"]),
        (Fixture.pairs, 2, ["mine-clearance", "mine-clearance"]),
        (Fixture.table, 3, ["khankendi", "khankendi", "aliyev-ilham", "shusha", "gence"]),
        (Fixture.table, 5, ["shusha", "khankendi"]),
    ])
    func importedEntriesMatch(fixture: Fixture, sentence: Int, ids: [String]) throws {
        let (text, language) = Self.sentences[sentence]
        let (_, found) = try Self.matches(fixture.imported(), text, language)
        #expect(found.map { String($0.prefix { $0 != "@" }) } == ids, "\(text)")
    }

    @Test func aCaseSensitiveAcronymLeavesTheLowerCaseWordAlone() throws {
        let (text, _) = try Self.matches(Fixture.basic.imported(), "ANAMA anama ilə danışdı.", .az)
        #expect(text == "ANAMA anama ilə danışdı.")
        let (_, found) = try Self.matches(Fixture.basic.imported(), "ANAMA anama ilə danışdı.", .az)
        #expect(found == ["anama@0..<5"])
    }

    @Test func aDeprecatedOnlyLanguageWritesTheEnglishForm() throws {
        let glossary = try Fixture.martif.imported()
        let stage = try GlossaryStage(glossaries: [glossary])
        let result = try Pipeline([stage]).normalize("Лачинский коридор закрыт.", language: .ru, target: .ru)
        #expect(result.text == "Lachin corridor закрыт.")
    }

    @Test func tbxMinInTheElementStyleWithPrefixesIsRead() throws {
        let text = """
            <?xml version="1.0"?>
            <min:tbx xmlns:min="http://www.tbxinfo.net/ns/min" type="TBX-Min" style="dct" xml:lang="en">
              <min:text><min:body>
                <min:conceptEntry xml:id="Baku City">
                  <min:subjectField>Geography</min:subjectField>
                  <min:langSec xml:lang="az"><min:termSec>
                    <min:term>Bakı</min:term>
                  </min:termSec></min:langSec>
                  <min:langSec xml:lang="en"><min:termSec>
                    <min:term>Baku</min:term>
                  </min:termSec><min:termSec>
                    <min:term>Baky</min:term><min:administrativeStatus>deprecatedTerm-admn-sts</min:administrativeStatus>
                  </min:termSec><min:termSec>
                    <min:term>Bakou</min:term><min:administrativeStatus>preferredTerm-admn-sts</min:administrativeStatus>
                  </min:termSec></min:langSec>
                </min:conceptEntry>
              </min:body></min:text>
            </min:tbx>
            """
        let glossary = try GlossaryImport.tbx(text, path: "min.tbx")
        #expect(glossary.entries.map(Self.located) == [
            Glossary.Entry(id: "baku-city", type: .place, names: [.az: ["Bakı"], .en: ["Bakou", "Baku", "Baky"]], note: "subject field: Geography")
        ])
    }

    @Test func twoColumnsWithRegionsKeepEachCellWhole() throws {
        let text = "en-US,tr-TR\r\nShusha; Shushi,Şuşa\r\n\"Lachin, corridor\",Laçin koridoru\r\n"
        let glossary = try GlossaryImport.delimited(text, path: "pairs.csv")
        #expect(glossary.entries.map(Self.located) == [
            Glossary.Entry(id: "shusha-shushi", type: .term, names: [.en: ["Shusha; Shushi"], .tr: ["Şuşa"]]),
            Glossary.Entry(id: "lachin-corridor", type: .term, names: [.en: ["Lachin, corridor"], .tr: ["Laçin koridoru"]]),
        ])
        #expect(glossary.entries.map(\.location) == [SourceLocation(path: "pairs.csv", line: 2), SourceLocation(path: "pairs.csv", line: 3)])
    }

    @Test func aSemicolonTableSplitsAliasesOnPipes() throws {
        let text = "az;ru;en;type\nŞuşa;Шуша;\"Shusha|Shushi\";place\nŞuşa rayonu;;Shusha District;\n"
        let glossary = try GlossaryImport.delimited(text, path: "t.csv")
        #expect(glossary.entries.map(Self.located) == [
            Glossary.Entry(id: "shusha", type: .place, names: [.az: ["Şuşa"], .ru: ["Шуша"], .en: ["Shusha", "Shushi"]]),
            Glossary.Entry(id: "shusha-district", type: .term, names: [.az: ["Şuşa rayonu"], .en: ["Shusha District"]]),
        ])
    }

    @Test("Malformed input is an error at its line and column", arguments: [
        // TBX and XML
        ("t.tbx", "<tbx>\n  <text>\n    <body>\n", "t.tbx:3:5", "XML: <body> is never closed"),
        ("t.tbx", "<tbx><text>\n  <term>Foo</termSec>\n</text></tbx>", "t.tbx:2:12", "<term> (opened at 2:3) is closed by </termSec>"),
        ("t.tbx", "<tbx>\n  <p>A &nbsp; B</p>\n</tbx>", "t.tbx:2:8", "unknown entity '&nbsp;'"),
        ("t.tbx", "<tbx>\n  <p>AT&T</p>\n</tbx>", "t.tbx:2:8", "'&' not starting an entity reference"),
        ("t.tbx", "<tbx><p>&#0;</p></tbx>", "t.tbx:1:9", "'&#0;' is not a character XML allows"),
        ("t.tbx", "<tbx><text><body>\n<conceptEntry id=\"a\">\n  <langSec xml:lang=\"xx\"><termSec><term>A</term></termSec></langSec>\n</conceptEntry></body></text></tbx>",
         "t.tbx:3:22", "unknown language code 'xx'"),
        ("t.tbx", "<tbx>\n<!-- never closed\n</tbx>", "t.tbx:2:1", "a comment is never closed"),
        ("t.tbx", "<tbx>\n  <p lang=\"en>", "t.tbx:2:11", "the value of 'lang' is never closed"),
        ("t.tbx", "<tbx>\n  <p lang=\"en>text</p>\n</tbx>", "t.tbx:2:19", "'<' in the value of 'lang'"),
        ("t.tbx", "<tbx>\n  <p lang=en>text</p>\n</tbx>", "t.tbx:2:11", "the value of 'lang' must be quoted"),
        ("t.tbx", "<tbx></tbx>\n<tbx></tbx>", "t.tbx:2:1", "a second root element"),
        ("t.tbx", "<?xml version=\"1.0\"?>\n<!-- nothing -->\n", "t.tbx:3:1", "no root element"),
        ("t.tbx", "<?xml version=\"1.0\"?>\n<html><body/></html>", "t.tbx:2:1", "not a TBX file: the root element is <html>"),
        ("t.tbx", "<tbx><text><body>\n  <termEntry><langSet><tig><term>A</term></tig></langSet></termEntry>\n</body></text></tbx>", "t.tbx:2:14",
         "<langSet> without xml:lang"),
        // CSV and TSV
        ("t.csv", "source,target\nShusha,Şuşa\n", "t.csv:1:1", "the header must name the language of each column"),
        ("t.csv", "en,xx\nShusha,Şuşa\n", "t.csv:1:4", "unknown language code 'xx' in the header"),
        ("t.tsv", "en\n", "t.tsv:1", "at least two language columns"),
        ("t.csv", "en,az\n\"Shu\nsha\",Şuşa\nBaku,Bakı,extra\n", "t.csv:4", "this row has 3 cells, the header 2"),
        ("t.tsv", "en\taz\tru\nBaku\tBakı\n", "t.tsv:2", "this row has 2 cells, the header 3"),
        ("t.csv", "en,az,type\nBaku,Bakı,city\n", "t.csv:2:11", "type must be place, person, org or term, not 'city'"),
        ("t.csv", "en,az\nBaku,\"Bakı\n", "t.csv:2:6", "a quoted field is never closed"),
        ("t.csv", "en,az\n\"Baku\"x,Bakı\n", "t.csv:2:7", "text after the closing quote"),
        ("t.csv", "en,az\nBaku,Bakı\nBAKU,Baki\n", "t.csv:3", "of 'baku-2' is already an alias of 'baku' (at t.csv:2)"),
        ("t.csv", "id,en,az,id\n", "t.csv:1:10", "the header names the column 'id' twice"),
    ])
    func malformedInputIsLocated(path: String, text: String, location: String, message: String) {
        let tbx = path.hasSuffix(".tbx")
        #expect {
            if tbx { _ = try GlossaryImport.tbx(text, path: path) } else { _ = try GlossaryImport.delimited(text, path: path) }
        } throws: { error in
            guard case .invalidConfiguration(let actual, let at)? = error as? DragomanError else { return false }
            return at.map { "\($0)" } == location && actual.contains(message)
        }
    }

    @Test func loadChoosesTheFormatByExtension() throws {
        for fixture in Fixture.allCases {
            #expect(try GlossaryImport.load(path: fixture.path) == fixture.imported())
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-glossary-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copies = [("TERMS.XML", Fixture.basic), ("pairs.txt", Fixture.pairs), ("table.TSV", Fixture.pairs)]
        for (name, fixture) in copies {
            let url = folder.appendingPathComponent(name)
            try fixture.text().write(to: url, atomically: true, encoding: .utf8)
            let loaded = try GlossaryImport.load(path: url.path)
            #expect(try loaded.entries.map(Self.located) == fixture.imported().entries.map(Self.located), "\(name)")
        }
        let yamlPath = GoldenFile.repositoryRoot.appendingPathComponent("glossaries/organizations.yaml").path
        #expect(try GlossaryImport.load(path: yamlPath) == Glossary.load(path: yamlPath))
        #expect(throws: DragomanError.self) { try GlossaryImport.load(path: folder.appendingPathComponent("terms.json").path) }
        #expect(throws: DragomanError.io("cannot read glossary", path: folder.appendingPathComponent("missing.tbx").path)) {
            try GlossaryImport.load(path: folder.appendingPathComponent("missing.tbx").path)
        }
    }

    @Test func yamlTextQuotesAndEscapesEveryText() throws {
        let glossary = Glossary(
            name: "tricky: \"names\"",
            entries: [
                Glossary.Entry(
                    id: "yes", type: .place,
                    names: [.en: ["true", "123", "# not a comment", "back\\slash", "quote \" mark", "- dash"], .hy: ["Շուշի"]],
                    canonical: [.en: "null", .fr: "~"], styles: ["hy-official": [.en: "Shushi", .ru: "Шуши"], "z: odd": [.en: "{x}"]],
                    caseSensitive: true, note: "line\nbreak\ttab \u{1}\u{7F}\u{85}\u{2028}\u{FEFF} end"),
                Glossary.Entry(id: "empty-note", type: .term, names: [.az: ["a"]], note: ""),
            ], diacriticsInsensitive: true)
        let yaml = glossary.yamlText(header: "one\ntwo")
        #expect(yaml.hasPrefix("# one\n# two\nversion: 1\nname: \"tricky: \\\"names\\\"\"\nmatch:\n  diacritics: insensitive\nentries:\n"))
        #expect(yaml.contains(#"note: "line\nbreak\ttab \x01\x7F\x85\u2028\uFEFF end""#))
        #expect(yaml.contains("      hy: [\"Շուշի\"]\n      en: [\"true\", \"123\""), "languages in LanguageTag order")
        let back = try Glossary(yaml: yaml, path: "x.yaml")
        #expect(back.name == glossary.name)
        #expect(back.diacriticsInsensitive)
        #expect(back.entries.map(Self.located) == glossary.entries)
    }

    @Test func anEmptyGlossaryIsWrittenWithAnEmptyList() throws {
        let glossary = Glossary(name: "empty", entries: [])
        #expect(glossary.yamlText() == "version: 1\nname: \"empty\"\nentries: []\n")
        #expect(try Glossary(yaml: glossary.yamlText(), path: "e.yaml").entries.isEmpty)
    }

    @Test func theShippedGlossariesRoundTrip() throws {
        for name in Glossary.shippedNames {
            let glossary = try Glossary.shipped(name)
            let back = try Glossary(yaml: glossary.yamlText(), path: "\(name).yaml")
            #expect(back.entries.map(Self.located) == glossary.entries.map(Self.located), "\(name)")
            #expect(back.name == glossary.name)
        }
    }
    /// An id with nothing to slug falls back on the English name.
    @Test("Ids are slugged to lowercase ASCII and hyphens", arguments: [
        ("C_017", "c-017"), ("Person/Aliyev, Ilham", "person-aliyev-ilham"), ("İlham Əliyev", "ilham-eliyev"), ("Qarabağ'ın", "qarabagin"),
        ("Гянджа", "gandza"), ("Շուշի", "susi"), ("  --  ", "ganja"),
    ])
    func idsAreSlugged(id: String, slug: String) throws {
        let glossary = try GlossaryImport.delimited("id,en,az\n\"\(id)\",Ganja,Gəncə\n", path: "t.csv")
        #expect(glossary.entries.map(\.id) == [slug])
    }

    @Test("A truncated file is read or rejected with a location, never a crash", arguments: Fixture.allCases)
    func truncatedFilesFailCleanly(fixture: Fixture) throws {
        let scalars = Array(try fixture.text().unicodeScalars)
        for end in stride(from: 0, to: scalars.count, by: 23) {
            let text = String(String.UnicodeScalarView(scalars[..<end]))
            do {
                switch fixture {
                case .basic, .martif: _ = try GlossaryImport.tbx(text, path: "cut")
                case .pairs, .table: _ = try GlossaryImport.delimited(text, path: "cut")
                }
            } catch {
                guard case .invalidConfiguration(_, let location?) = error else {
                    Issue.record("no location for \(error) at \(end)")
                    continue
                }
                #expect(location.line >= 1)
            }
        }
    }
}

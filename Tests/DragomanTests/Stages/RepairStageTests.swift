import Testing

@testable import Dragoman

/// One repair case: input, record language, expected output, and the kinds of change expected.
struct RepairCase: CustomTestStringConvertible, Sendable {
    var input: String
    var language: LanguageTag = .en
    var expected: String
    var kinds: Set<String>

    var testDescription: String { "\(language.rawValue): \(input.debugDescription)" }
}

@Suite("Repair stage")
struct RepairStageTests {
    static let repairs: [RepairCase] = [
        // Backslash escapes (CommonMark: any ASCII punctuation).
        RepairCase(input: #"US\$472,752"#, expected: "US$472,752", kinds: ["escape"]),
        RepairCase(input: #"about 50\% of it"#, expected: "about 50% of it", kinds: ["escape"]),
        RepairCase(input: #"mine\_action"#, expected: "mine_action", kinds: ["escape"]),
        RepairCase(input: #"a \\ b"#, expected: #"a \ b"#, kinds: ["escape"]),
        // HTML character references.
        RepairCase(input: "&euro;400,000", expected: "€400,000", kinds: ["entity"]),
        RepairCase(input: "roughly &#8364;1.1 million", expected: "roughly €1.1 million", kinds: ["entity"]),
        RepairCase(input: "&#x20AC;120,000", expected: "€120,000", kinds: ["entity"]),
        RepairCase(input: "&#128;5", expected: "€5", kinds: ["entity"]),
        RepairCase(input: "Leyla&nbsp;Hasanova", expected: "Leyla\u{A0}Hasanova", kinds: ["entity"]),
        RepairCase(input: "&laquo;Безопасная дорога&raquo;", language: .ru, expected: "«Безопасная дорога»", kinds: ["entity"]),
        RepairCase(input: "time &amp; lives", expected: "time & lives", kinds: ["entity"]),
        RepairCase(input: "Ka&scedil;&inodot;", language: .tr, expected: "Kaşı", kinds: ["entity"]),
        // Mojibake: UTF-8 read as Windows-1252, Windows-1254 or Latin-1.
        RepairCase(input: "worth â‚¬85,000", expected: "worth €85,000", kinds: ["mojibake"]),
        RepairCase(input: "KÉ™lbÉ™cÉ™r rayonu", language: .az, expected: "Kəlbəcər rayonu", kinds: ["mojibake"]),
        RepairCase(input: "ÅžuÅŸa şəhəri", language: .az, expected: "Şuşa şəhəri", kinds: ["mojibake"]),
        RepairCase(input: "Å\u{9E}uÅŸa'daki", language: .tr, expected: "Şuşa'daki", kinds: ["mojibake"]),
        RepairCase(input: "dÃ©sormais Ã\u{A0} Bakou", language: .fr, expected: "désormais à Bakou", kinds: ["mojibake"]),
        RepairCase(input: "Õ‡Õ¸Ö‚Õ·Õ«Õ«", language: .hy, expected: "Շուշիի", kinds: ["mojibake"]),
        RepairCase(input: "Ð¨ÑƒÑˆÐ°", language: .ru, expected: "Шуша", kinds: ["mojibake"]),
        RepairCase(input: "the â€œmapâ€\u{9D} said", expected: "the “map” said", kinds: ["mojibake"]),
        // Mojibake cases that scored below ftfy before (scripts/compare_ftfy.py).
        RepairCase(input: "Ä°STANBUL – Şişli'de", language: .tr, expected: "İSTANBUL – Şişli'de", kinds: ["mojibake"]),
        RepairCase(input: "Prezident Ä°lham Æ\u{8F}liyev", language: .az, expected: "Prezident İlham Əliyev", kinds: ["mojibake"]),
        RepairCase(input: "Ã‡ORUM'DA ÃœRETÄ°LEN LEBLEBÄ°", language: .tr, expected: "ÇORUM'DA ÜRETİLEN LEBLEBİ", kinds: ["mojibake"]),
        RepairCase(input: "Ð·Ð° Ð¨ÑƒÑˆÑƒ", language: .ru, expected: "за Шушу", kinds: ["mojibake"]),
        RepairCase(input: "500 Õ´Õ¬Õ¶ Ö\u{8F}", language: .hy, expected: "500 մլն ֏", kinds: ["mojibake"]),
        RepairCase(input: "KarabaÃ„Å¸'da mayÃ„Â±n", language: .tr, expected: "Karabağ'da mayın", kinds: ["mojibake"]),
        RepairCase(input: "BakÃ„Â±, 12 mart.", language: .az, expected: "Bakı, 12 mart.", kinds: ["mojibake"]),
        RepairCase(input: "ÅuÅŸa'ya giden yol", language: .tr, expected: "Şuşa'ya giden yol", kinds: ["mojibake"]),
        RepairCase(input: "Æn böyük ianÉ™", language: .az, expected: "Ən böyük ianə", kinds: ["mojibake"]),
        RepairCase(input: "â€œkurtarÄ±yorâ€ dedi.", language: .tr, expected: "“kurtarıyor” dedi.", kinds: ["mojibake"]),
        // NFC.
        RepairCase(input: "de\u{301}couverts", language: .fr, expected: "découverts", kinds: ["nfc"]),
        RepairCase(input: "Lac\u{327}in'deki", language: .tr, expected: "Laçin'deki", kinds: ["nfc"]),
        RepairCase(input: "I\u{307}stanbul", language: .tr, expected: "İstanbul", kinds: ["nfc"]),
        RepairCase(input: "100 \u{2126}", expected: "100 \u{3A9}", kinds: ["nfc"]),
        // Schwa look-alikes in Latin words.
        RepairCase(input: "\u{1DD}razilərin", language: .az, expected: "ərazilərin", kinds: ["schwa"]),
        RepairCase(input: "t\u{4D9}mizlənib", language: .az, expected: "təmizlənib", kinds: ["schwa"]),
        RepairCase(input: "K\u{E4}lb\u{E4}c\u{E4}r", language: .az, expected: "Kəlbəcər", kinds: ["schwa"]),
        RepairCase(input: "\u{18E}li", language: .az, expected: "Əli", kinds: ["schwa"]),
        // Letters from the other script.
        RepairCase(input: "the Aghd\u{430}m district", expected: "the Aghdam district", kinds: ["homoglyph"]),
        RepairCase(input: "в Шуш\u{61}", language: .ru, expected: "в Шуша", kinds: ["homoglyph"]),
        RepairCase(input: "\u{41A}arabakh", expected: "Karabakh", kinds: ["homoglyph"]),
        // Invisible characters between letters.
        RepairCase(input: "recon\u{AD}struction", expected: "reconstruction", kinds: ["invisible"]),
        RepairCase(input: "վնասա\u{200B}զերծվել", language: .hy, expected: "վնասազերծվել", kinds: ["invisible"]),
        RepairCase(input: "неразо\u{2060}рвавшихся", language: .ru, expected: "неразорвавшихся", kinds: ["invisible"]),
        // Runs of spaces inside a line.
        RepairCase(input: "said  the", expected: "said the", kinds: ["spaces"]),
        RepairCase(input: "a    b", expected: "a b", kinds: ["spaces"]),
        // Several at once.
        RepairCase(input: "KÉ™lbÉ™cÉ™r  &euro;5", language: .az, expected: "Kəlbəcər €5", kinds: ["mojibake", "spaces", "entity"]),
    ]

    static let untouched: [RepairCase] = [
        RepairCase(input: #"C:\Users and \n"#, expected: #"C:\Users and \n"#, kinds: []),
        RepairCase(input: "AT&T and &unknown; and &amp without semicolon", expected: "AT&T and &unknown; and &amp without semicolon", kinds: []),
        RepairCase(input: "&#xD800; &#0; &#1114112;", expected: "&#xD800; &#0; &#1114112;", kinds: []),
        RepairCase(input: "Karabağ'da, Zengilan’da, Şuşa’da", language: .tr, expected: "Karabağ'da, Zengilan’da, Şuşa’da", kinds: []),
        RepairCase(input: "«Անվտանգ դաշտեր» ծրագիր։ Արդյո՞ք", language: .hy, expected: "«Անվտանգ դաշտեր» ծրագիր։ Արդյո՞ք", kinds: []),
        RepairCase(input: "Երևան և Գյումրի", language: .hy, expected: "Երևան և Գյումրի", kinds: []),
        RepairCase(input: "400\u{A0}000 € et 1\u{202F}250 ha ; « oui » !", language: .fr, expected: "400\u{A0}000 € et 1\u{202F}250 ha ; « oui » !", kinds: []),
        RepairCase(input: "À l'époque, ça va à « Bakou ».", language: .fr, expected: "À l'époque, ça va à « Bakou ».", kinds: []),
        RepairCase(input: "SÃO PAULO", expected: "SÃO PAULO", kinds: []),
        RepairCase(input: "Õ« alone", expected: "Õ« alone", kinds: []),
        RepairCase(input: "Ängelholm and Æsir and Élysée", language: .tr, expected: "Ängelholm and Æsir and Élysée", kinds: []),
        RepairCase(input: "Кәлбәҹәр вә Шуша", language: .azCyrl, expected: "Кәлбәҹәр вә Шуша", kinds: []),
        RepairCase(input: "Käthe Müller", language: .en, expected: "Käthe Müller", kinds: []),
        RepairCase(input: "Bak\u{131}\u{448}", language: .az, expected: "Bak\u{131}\u{448}", kinds: []),
        RepairCase(input: "  indented and trailing  \nnext line", expected: "  indented and trailing  \nnext line", kinds: []),
        RepairCase(input: "a\u{A0}\u{A0}b and a\t\tb", expected: "a\u{A0}\u{A0}b and a\t\tb", kinds: []),
        RepairCase(input: "word\u{200B} next", expected: "word\u{200B} next", kinds: []),
        RepairCase(input: "“quotes” – dashes — ‘and’ \"straight\"", expected: "“quotes” – dashes — ‘and’ \"straight\"", kinds: []),
        RepairCase(input: "emoji 👩‍🚒 keeps its joiner", expected: "emoji 👩‍🚒 keeps its joiner", kinds: []),
    ]

    @Test("Repairs scraped text", arguments: repairs)
    func repairsScrapedText(_ testCase: RepairCase) throws {
        let result = try Pipeline([RepairStage()]).normalize(testCase.input, language: testCase.language, target: .en)
        #expect(result.text == testCase.expected)
        #expect(Set(result.annotations.flatMap { ($0.data["kind"] ?? "").split(separator: ",").map(String.init) }) == testCase.kinds)
        try expectAnnotationsPointIntoInput(result, input: testCase.input)
    }

    @Test("Leaves legitimate text alone", arguments: untouched)
    func leavesLegitimateTextAlone(_ testCase: RepairCase) throws {
        let result = try Pipeline([RepairStage()]).normalize(testCase.input, language: testCase.language, target: .en)
        #expect(result.text == testCase.expected)
        #expect(result.annotations.isEmpty)
    }

    @Test("Each repair can be switched off", arguments: [
        ("&euro;", "entities"), (#"\$"#, "escapes"), ("â‚¬", "mojibake"), ("e\u{301}", "nfc"),
        ("\u{1DD}li", "schwa"), ("Aghd\u{430}m", "homoglyphs"), ("a\u{AD}b", "invisibles"), ("a  b", "spaces"),
    ])
    func eachRepairCanBeSwitchedOff(input: String, option: String) throws {
        let spec = StageSpec(name: "repair", options: [option: .init("false")])
        let stage = try StageRegistry.standard.make(spec)
        let result = try Pipeline([stage]).normalize(input, language: .az, target: .en)
        #expect(result.text == input)
    }

    @Test func annotationsLocateMojibakeAfterEarlierRepairs() throws {
        // The entity before shifts byte offsets; the mojibake annotation must still point into the input.
        let input = "Шуша: &euro;5 and KÉ™lbÉ™cÉ™r"
        let result = try Pipeline([RepairStage()]).normalize(input, language: .en, target: .en)
        #expect(result.text == "Шуша: €5 and Kəlbəcər")
        let mojibake = try #require(result.annotations.first { $0.data["kind"] == "mojibake" })
        #expect(mojibake.start == 18)
        #expect(mojibake.source == "KÉ™lbÉ™cÉ™r")
        #expect(mojibake.replacement == "Kəlbəcər")
        try expectAnnotationsPointIntoInput(result, input: input)
    }

    @Test func repairingTwiceChangesNothingMore() throws {
        let stage = Pipeline([RepairStage()])
        for testCase in Self.repairs where !testCase.input.contains(#"\\"#) {
            let once = try stage.normalize(testCase.input, language: testCase.language, target: .en)
            let twice = try stage.normalize(once.text, language: testCase.language, target: .en)
            #expect(twice.text == once.text, "\(testCase.input.debugDescription)")
        }
    }
}

/// Checks the invariant every annotation keeps: its scalar offsets lie inside the input and its
/// `source` is the input there.
func expectAnnotationsPointIntoInput(_ result: NormalizedText, input: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let scalars = Array(input.unicodeScalars)
    for annotation in result.annotations {
        try #require(annotation.start >= 0 && annotation.start <= annotation.end && annotation.end <= scalars.count, sourceLocation: sourceLocation)
        var source = String.UnicodeScalarView()
        source.append(contentsOf: scalars[annotation.start..<annotation.end])
        #expect(String(source) == annotation.source, sourceLocation: sourceLocation)
    }
}

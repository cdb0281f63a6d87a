import Testing

@testable import Dragoman

@Suite("Configuration")
struct ConfigurationTests {
    @Test func embeddedDefaultRunsTheFullPipeline() throws {
        let configuration = try Configuration(yaml: Configuration.embeddedDefaultYAML, path: "default")
        #expect(configuration.target == .en)
        #expect(configuration.source == .auto)
        let order = ["repair", "glossary", "transliterate", "money"]
        #expect(configuration.stages.map(\.name) == order)
        let pipeline = try configuration.makePipeline()
        #expect(pipeline.stages.map(\.name) == order)
        #expect((pipeline.stages[2] as? TransliterationStage)?.scope == .names)
        #expect((pipeline.stages[1] as? GlossaryStage)?.glossaries.map(\.name) == ["places-caucasus", "organizations", "people"])
    }

    @Test func readsStagesWithOptions() throws {
        let yaml = """
            version: 1
            target: en
            source: az
            stages:
              - name: repair
                mojibake: false
                spaces: no
            """
        let configuration = try Configuration(yaml: yaml, path: "c.yaml")
        #expect(configuration.source == .fixed(.az))
        let stage = try #require(try configuration.makePipeline().stages.first as? RepairStage)
        #expect(stage.options.mojibake == false)
        #expect(stage.options.spaces == false)
        #expect(stage.options.nfc == true)
        // The mojibake pass is really off.
        let result = try configuration.makePipeline().normalize("â‚¬5", language: .en, target: .en)
        #expect(result.text == "â‚¬5")
    }

    @Test("Errors name file, line and column", arguments: [
        ("version: 1\nstages:\n  - repair\n  - summarize\n", "c.yaml:4:5", "unknown stage 'summarize'"),
        ("version: 2\nstages: [repair]\n", "c.yaml:1:10", "version 2"),
        ("stages: [repair]\n", "c.yaml:1:1", "missing 'version: 1'"),
        ("version: 1\ntarget: de\nstages: [repair]\n", "c.yaml:2:9", "unknown language 'de'"),
        ("version: 1\nstages:\n  - name: repair\n    mojibake: maybe\n", "c.yaml:4:15", "must be true or false"),
        ("version: 1\nstages:\n  - name: repair\n    colour: red\n", "c.yaml:4:13", "unknown option 'colour'"),
        ("version: 1\nstagse: [repair]\n", "c.yaml:2:1", "unknown key 'stagse'"),
        ("version: 1\nstages:\n  - name: transliterate\n    scope: some\n", "c.yaml:4:12", "must be all or names"),
        ("version: 1\nstages:\n  - name: transliterate\n    hy: fancy\n", "c.yaml:4:9", "must be english, bgn, ascii, custom or none"),
        ("version: 1\nstages:\n  - name: transliterate\n    hy: custom\n", "c.yaml:4:9", "needs the option 'custom'"),
        ("version: 1\nstages:\n  - name: transliterate\n    hy: custom\n    custom: Klingon-Latin\n", "c.yaml:5:13", "U_INVALID_ID"),
        ("version: 1\nstages: [repair\n", "c.yaml:3:1", "YAML"),
        ("- just\n- a list\n", "c.yaml:1:1", "must be a mapping"),
        ("version: 1\nstages:\n  - name: money\n    dollar: XYZ\n", "c.yaml:4:13", "must be an ISO 4217 code"),
    ])
    func errorsNameFileLineAndColumn(yaml: String, location: String, message: String) throws {
        let error = try #require(throws: DragomanError.self) {
            let configuration = try Configuration(yaml: yaml, path: "c.yaml")
            _ = try configuration.makePipeline()
        }
        #expect(error.description.hasPrefix(location + ":"), "\(error)")
        #expect(error.description.contains(message), "\(error)")
    }

    @Test func stagesOptionSelectsAndOrders() throws {
        let configuration = Configuration(stages: [StageSpec(name: "repair", options: ["nfc": .init("false")])])
        let pipeline = try configuration.makePipeline(only: ["repair"])
        let stage = try #require(pipeline.stages.first as? RepairStage)
        #expect(stage.options.nfc == false)
        #expect(throws: DragomanError.unknownStage("nope", known: StageRegistry.standard.names, at: nil)) {
            try configuration.makePipeline(only: ["nope"])
        }
    }
}

@testable import Dragoman
import Testing

@Suite("Translate stage: configuration and output language")
struct TranslateConfigTests {
    static func pipeline(_ stage: String) throws(DragomanError) -> Pipeline {
        let yaml = "version: 1\nstages:\n  - \(stage)\n"
        return try Configuration(yaml: yaml, path: "conf/c.yaml").makePipeline()
    }

    @Test func aCommandListKeepsCommasAndARelativePathFollowsTheConfig() throws {
        let pipeline = try Self.pipeline(#"{name: translate, command: [engines/x.sh, "a,b", -g], to: uk, protocol: nul, timeout: 2.5}"#)
        let stage = try #require(pipeline.stages.first as? TranslateStage)
        #expect(stage.options.command == ["conf/engines/x.sh", "a,b", "-g"])
        #expect(stage.options.framing == .nul)
        #expect(stage.options.timeout == 2.5)
        #expect(stage.options.protect == ["glossary", "transliterate", "money"])
        #expect(stage.engine == "x.sh")
        #expect(pipeline.outputLanguage == "uk")
    }

    @Test("Invalid options are located errors", arguments: [
        ("{name: translate, to: uk}", "conf/c.yaml:3:5: stage 'translate' needs 'command'"),
        ("{name: translate, command: [cat]}", "conf/c.yaml:3:5: stage 'translate' needs 'to'"),
        ("{name: translate, command: [cat], to: uk, protocol: json}", "conf/c.yaml:3:57: option 'protocol' of stage 'translate' must be one of lines, nul"),
        ("{name: translate, command: [cat], to: uk, timeout: -1}", "conf/c.yaml:3:56: option 'timeout' of stage 'translate' must be a positive number"),
        ("{name: translate, command: [cat], to: 'u k'}", "conf/c.yaml:3:43: 'u k' is not a language tag"),
        ("{name: translate, command: [cat], to: uk, engine: http}", "conf/c.yaml:3:55: option 'engine' of stage 'translate' must be command"),
        ("{name: translate, command: [cat], to: uk, speed: 3}", "conf/c.yaml:3:54: unknown option 'speed' for stage 'translate'"),
    ])
    func invalidOptions(stage: String, message: String) {
        #expect {
            try Self.pipeline(stage)
        } throws: { error in
            "\(error)".hasPrefix(message)
        }
    }

    @Test("JSON Lines output writes the translation's language", arguments: [
        (#"{"id":1,"lang":"ru","text":"кот"}"#, #"{"id":1,"lang":"uk","text":"кіт","annotations":"#),
        (#"{"id":1,"text":"кот"}"#, #"{"id":1,"text":"кіт","annotations":"#),
        (#"{"lang": null, "text":"кот", "annotations": []}"#, #"{"lang": "uk", "text":"кіт", "annotations": "#),
    ])
    func jsonLinesLanguage(input: String, prefix: String) throws {
        let stage = try FakeEngine.stage(FakeEngine.lines)
        let outcome = RunOutcome.run(Pipeline([stage]), options: .testing(.jsonl), input: Array((input + "\n").utf8))
        #expect(outcome.error == nil)
        #expect(outcome.text.hasPrefix(prefix))
        #expect(outcome.text.hasSuffix(#","lang":"uk"}"# + "\n") == !input.contains("lang"))
        #expect(outcome.text.components(separatedBy: "\"lang\"").count == 2)
    }

    @Test func withoutATranslationTheLanguageIsKept() {
        let outcome = RunOutcome.run(.spelling, options: .testing(.jsonl), input: Array(#"{"lang":"en","text":"colour"}"#.utf8))
        #expect(outcome.text.hasPrefix(#"{"lang":"en","text":"color""#))
        #expect(outcome.text.components(separatedBy: "\"lang\"").count == 2)
    }
}

@testable import Dragoman
import Testing

@Suite struct PipelineBatchTests {
    /// Fails on records containing "bad", so that one record of a batch can fail.
    struct Picky: Stage {
        var name: String { "picky" }
        func apply(to text: String, context: StageContext) throws(DragomanError) -> StageResult {
            if text.contains("bad") { throw .invalidEdits(stage: name, reason: "bad record") }
            return StageResult(unchanged: text)
        }
    }

    /// Makes a pipeline run stage by stage over a batch.
    struct Batching: Stage {
        var name: String { "batching" }
        var prefersBatches: Bool { true }
        func apply(to text: String, context: StageContext) throws(DragomanError) -> StageResult { StageResult(unchanged: text) }
    }

    static let pipeline = Pipeline([
        ReplaceStage("&euro;", with: "€", name: "entity"), Picky(), Batching(), ReplaceStage("€", with: "EUR ", name: "currency"),
    ])

    @Test func aBatchGivesEachRecordWhatItGetsAlone() throws {
        #expect(Self.pipeline.prefersBatches)
        let texts = ["цена 5&euro;", "bad 5&euro;", "", "Երևան 😀 &euro;&euro; и €"]
        let contexts = texts.map { _ in StageContext(language: .ru, target: .en) }
        let batch = Self.pipeline.apply(to: texts, contexts: contexts)
        #expect(batch.count == texts.count)
        for (text, result) in zip(texts, batch) {
            let alone = Result { () throws(DragomanError) in try Self.pipeline.apply(to: text, context: StageContext(language: .ru, target: .en)) }
            switch (alone, result) {
            case (.success(let expected), .success(let actual)):
                #expect(actual.text == expected.text)
                #expect(actual.edits == expected.edits)
                #expect(actual.map == expected.map)
            case (.failure(let expected), .failure(let actual)):
                #expect(actual == expected)
            default:
                Issue.record("batch and single results differ for \(text)")
            }
        }
        #expect((try? batch[0].get().text) == "цена 5EUR ")
        #expect((try? batch[1].get()) == nil)
    }

    @Test func batchNormalizeResolvesAnnotations() throws {
        let results = Self.pipeline.normalize(["a &euro;", "bad"], sources: [.fixed(.en), .auto], target: .en)
        #expect(try results[0].get().annotations.map(\.stage) == ["entity", "currency"])
        #expect(throws: DragomanError.self) { try results[1].get() }
    }
}

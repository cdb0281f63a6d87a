@testable import Dragoman
import Testing

@Suite struct PipelineTests {
    static let entity = ReplaceStage("&euro;", with: "€", name: "entity")
    static let currency = ReplaceStage("€", with: "EUR ", name: "currency")
    static let shout = ReplaceStage("price", with: "PRICE", name: "shout")

    /// Cyrillic, Armenian and an emoji before the edits, so scalar, UTF-16 and byte offsets all differ.
    static let marked = MarkedText("Армения, Երևան 😀: цена 51️⃣&euro;2️⃣ и 73️⃣&euro;4️⃣, 5️⃣price6️⃣.")

    @Test func annotationsPointIntoTheOriginalInputThroughTwoStages() throws {
        let input = Self.marked.text
        let result = try Pipeline([Self.entity, Self.currency, Self.shout]).normalize(input, language: .ru, target: .en)

        #expect(result.text == "Армения, Երևան 😀: цена 5EUR  и 7EUR , PRICE.")
        #expect(result.language == .ru)
        let first = Self.marked.scalarRange(1, 2)
        let second = Self.marked.scalarRange(3, 4)
        let price = Self.marked.scalarRange(5, 6)
        #expect(
            result.annotations == [
                Annotation(stage: "entity", start: first.lowerBound, end: first.upperBound, source: "&euro;", replacement: "€", data: ["pattern": "&euro;"]),
                Annotation(stage: "currency", start: first.lowerBound, end: first.upperBound, source: "&euro;", replacement: "EUR ", data: ["pattern": "€"]),
                Annotation(stage: "entity", start: second.lowerBound, end: second.upperBound, source: "&euro;", replacement: "€", data: ["pattern": "&euro;"]),
                Annotation(stage: "currency", start: second.lowerBound, end: second.upperBound, source: "&euro;", replacement: "EUR ", data: ["pattern": "€"]),
                Annotation(stage: "shout", start: price.lowerBound, end: price.upperBound, source: "price", replacement: "PRICE", data: ["pattern": "price"]),
            ])
        expectScalarSpans(result, input: input)
    }

    @Test func aLaterEditSpanningEarlierOutputAndUntouchedTextCoversBoth() throws {
        let marked = MarkedText("Ծախս 😀 1️⃣5&euro;2️⃣.")
        let swap = ReplaceStage("5€", with: "€5", name: "swap")
        let result = try Pipeline([Self.entity, swap]).normalize(marked.text, language: .hy, target: .en)
        #expect(result.text == "Ծախս 😀 €5.")
        let span = marked.scalarRange(1, 2)
        #expect(result.annotations.map(\.stage) == ["swap", "entity"])
        #expect(result.annotations.first?.start == span.lowerBound)
        #expect(result.annotations.first?.end == span.upperBound)
        #expect(result.annotations.first?.source == "5&euro;")
        expectScalarSpans(result, input: marked.text)
    }

    @Test func laterStagesSeeEarlierStagesSpansInTheirOwnInput() throws {
        let seen = Recorder<(stage: String, text: String, marks: [StageContext.Mark])>()
        func recording(_ stage: ReplaceStage) -> ClosureStage {
            ClosureStage(name: stage.name) { text, context throws(DragomanError) in
                seen.append((stage.name, text, context.marks))
                return try stage.apply(to: text, context: context)
            }
        }
        let pipeline = Pipeline([recording(Self.entity), recording(Self.currency), recording(Self.shout)])
        _ = try pipeline.normalize(Self.marked.text, language: .ru, target: .en)

        let calls = seen.values
        try #require(calls.count == 3)
        #expect(calls[0].marks.isEmpty)

        #expect(calls[1].marks.map(\.stage) == ["entity", "entity"])
        #expect(calls[1].marks.map { calls[1].text.utf8Slice($0.range) } == ["€", "€"])
        #expect(calls[1].marks.map(\.data) == [["pattern": "&euro;"], ["pattern": "&euro;"]])

        // The entity marks moved with the currency stage's rewrite of what they cover.
        #expect(calls[2].marks.map(\.stage).sorted() == ["currency", "currency", "entity", "entity"])
        #expect(calls[2].marks.allSatisfy { calls[2].text.utf8Slice($0.range) == "EUR " })
        #expect(Set(calls[2].marks.map(\.range)).count == 2)
    }

    @Test func withoutEditsMarksStillMoveButNoEditsAreKept() throws {
        // When the caller reads only the text, the pipeline keeps marks for the stages that read
        // them and nothing else: no edits, no map back to the input.
        let seen = Recorder<(text: String, marks: [StageContext.Mark])>()
        let probe = ClosureStage(name: "probe") { text, context throws(DragomanError) in
            seen.append((text, context.marks))
            return StageResult(unchanged: text)
        }
        var context = StageContext(language: .ru, target: .en)
        context.recordsEdits = false
        let result = try Pipeline([Self.entity, Self.currency, Self.shout, probe]).apply(to: Self.marked.text, context: context)
        #expect(result.text == "Армения, Երևան 😀: цена 5EUR  и 7EUR , PRICE.")
        #expect(result.edits.isEmpty)
        #expect(result.map.isIdentity)
        let call = try #require(seen.values.first)
        #expect(call.marks.map(\.stage).sorted() == ["currency", "currency", "entity", "entity", "shout"])
        #expect(call.marks.filter { $0.stage != "shout" }.allSatisfy { call.text.utf8Slice($0.range) == "EUR " })
        #expect(call.marks.filter { $0.stage == "shout" }.map { call.text.utf8Slice($0.range) } == ["PRICE"])
    }

    @Test func marksGivenToThePipelineMoveWithEveryStage() throws {
        let seen = Recorder<(text: String, marks: [StageContext.Mark])>()
        let probe = ClosureStage(name: "probe") { text, context throws(DragomanError) in
            seen.append((text, context.marks))
            return StageResult(unchanged: text)
        }
        let input = Self.marked.text
        let price = try #require(input.utf8Range(of: "price"))
        let context = StageContext(language: .ru, target: .en, marks: [.init(stage: "earlier", range: price)])
        _ = try Pipeline([Self.entity, Self.currency, probe]).apply(to: input, context: context)

        let call = try #require(seen.values.first)
        let earlier = try #require(call.marks.first { $0.stage == "earlier" })
        #expect(call.text.utf8Slice(earlier.range) == "price")
    }

    @Test func aNestedPipelineAnnotatesLikeAFlatOne() throws {
        let input = Self.marked.text
        let flat = try Pipeline([Self.entity, Self.currency, Self.shout]).normalize(input, language: .ru, target: .en)
        let nested = try Pipeline([Pipeline([Self.entity, Self.currency]), Self.shout]).normalize(input, language: .ru, target: .en)
        #expect(nested == flat)
    }

    @Test func stagesReceiveTheLanguagesOfTheRecord() throws {
        let seen = Recorder<(LanguageTag, LanguageTag)>()
        let probe = ClosureStage(name: "probe") { text, context throws(DragomanError) in
            seen.append((context.language, context.target))
            return StageResult(unchanged: text)
        }
        _ = try Pipeline([probe, Pipeline([probe])]).normalize("Բարև", language: .hy, target: .fr)
        #expect(seen.values.map(\.0) == [.hy, .hy])
        #expect(seen.values.map(\.1) == [.fr, .fr])
    }

    @Test func aStagesInvalidEditsStopThePipeline() {
        let broken = ClosureStage(name: "broken") { text, _ throws(DragomanError) in
            try StageResult(applying: [Edit(stage: "broken", range: 1..<2, replacement: "")], to: text)
        }
        #expect(throws: DragomanError.invalidEdits(stage: "broken", reason: "range 1..<2 splits a UTF-8 sequence")) {
            try Pipeline([Self.entity, broken]).normalize("ж", language: .ru, target: .en)
        }
    }

    @Test func aStageThatChangesTextWithoutEditsStillPassesItsTextOn() throws {
        // With recordsEdits off a stage may return new text with no edits and an identity map; the
        // pipeline once took "no edits" for "no change" and dropped the text.
        let silent = ClosureStage(name: "silent") { text, context throws(DragomanError) in
            let result = try Self.currency.apply(to: text, context: context)
            return context.recordsEdits ? result : StageResult(text: result.text, edits: [], map: .identity)
        }
        var context = StageContext(language: .en, target: .en)
        context.recordsEdits = false
        let result = try Pipeline([silent, Self.shout]).apply(to: "€5 price", context: context)
        #expect(result.text == "EUR 5 PRICE")
        let last = try Pipeline([Self.shout, silent]).apply(to: "€5 price", context: context)
        #expect(last.text == "EUR 5 PRICE")
    }

    @Test func stagesBeforeTheLastAreAskedForEditsSoTheirMarksReachLaterStages() throws {
        let asked = Recorder<(String, Bool)>()
        func recording(_ name: String) -> ClosureStage {
            ClosureStage(name: name) { text, context throws(DragomanError) in
                asked.append((name, context.recordsEdits))
                return StageResult(unchanged: text)
            }
        }
        var context = StageContext(language: .en, target: .en)
        context.recordsEdits = false
        _ = try Pipeline([recording("first"), recording("last")]).apply(to: "x", context: context)
        #expect(asked.values.map(\.0) == ["first", "last"])
        #expect(asked.values.map(\.1) == [true, false])
    }

    /// A stage that records whether it was asked for edits and declares which marks it reads.
    struct Asked: Stage {
        let name: String
        let readsMarks: Set<String>?
        let log: Recorder<(String, Bool)>
        func apply(to text: String, context: StageContext) throws(DragomanError) -> StageResult {
            log.append((name, context.recordsEdits))
            return StageResult(unchanged: text)
        }
    }

    // Each stage as "name:read,read"; the stages that must record edits.
    @Test("Only stages whose marks are read, and the stages carrying them, describe their changes", arguments: [
        (["a:", "b:a", "c:"], [true, false, false]),
        (["a:", "x:", "b:a"], [true, true, false]),
        (["repair:", "glossary:", "transliterate:glossary", "money:glossary"], [false, true, true, false]),
        (["a:", "b:"], [false, false]),
    ])
    func onlyNeededStagesRecordEdits(stages: [String], expected: [Bool]) throws {
        let log = Recorder<(String, Bool)>()
        var context = StageContext(language: .en, target: .en)
        context.recordsEdits = false
        let built = stages.map { spec in
            let parts = spec.split(separator: ":", omittingEmptySubsequences: false)
            let reads = Set(parts[1].split(separator: ",").map(String.init))
            return Asked(name: String(parts[0]), readsMarks: reads, log: log)
        }
        _ = try Pipeline(built).apply(to: "x", context: context)
        #expect(log.values.map(\.1) == expected)
    }

    @Test func anEmptyPipelineReturnsItsInput() throws {
        let result = try Pipeline([]).normalize("Ինչպե՞ս ես 😀", language: .hy, target: .en)
        #expect(result.text == "Ինչպե՞ս ես 😀")
        #expect(result.annotations.isEmpty)
    }

    /// Random texts mixing one- to four-byte scalars, two stages of random edits on scalar boundaries:
    /// the output must be the stages applied in turn, every annotation a scalar span of the input
    /// holding its `source`, first-stage annotations exactly their edits, and a later annotation must
    /// cover the input its edit came from and nothing else but earlier edits.
    @Test func annotationsStayTrueToTheInputOverRandomEdits() throws {
        for seed in UInt64(0)..<500 {
            var generator = SplitMix64(seed: seed)
            let alphabet: [Unicode.Scalar] = ["a", "b", " ", "é", "ж", "Ե", "€", "😀"]
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 0...24, using: &generator) {
                scalars.append(alphabet[Int.random(in: 0..<alphabet.count, using: &generator)])
            }
            let input = String(scalars)
            let first = RandomEditsStage(name: "first", seed: generator.next())
            let second = RandomEditsStage(name: "second", seed: generator.next())

            let result = try Pipeline([first, second]).normalize(input, language: .en, target: .en)
            let firstResult = try first.apply(to: input, context: StageContext(language: .en, target: .en))
            let secondResult = try second.apply(to: firstResult.text, context: StageContext(language: .en, target: .en))

            var problems: [String] = []
            if result.text != secondResult.text { problems.append("text \(result.text.debugDescription)") }
            let inputScalars = Array(input.unicodeScalars)
            for annotation in result.annotations {
                if annotation.start > annotation.end || annotation.end > inputScalars.count {
                    problems.append("\(annotation) out of bounds")
                } else if input.scalarSlice(annotation.start..<annotation.end) != annotation.source {
                    problems.append("\(annotation): source is not the input at its offsets")
                }
            }
            if result.annotations.map(\.start) != result.annotations.map(\.start).sorted() { problems.append("not sorted") }

            // Byte provenance: which input byte each first-stage output byte is, if any.
            let provenance = OffsetMapTests.provenance(of: firstResult.edits, over: input.utf8.count)
            let firstEdited = Set(firstResult.edits.flatMap { Array($0.range) })
            let utf8ToScalar = input.scalarOffsets(forUTF8Offsets: Array(0...input.utf8.count))
            // The scalar each byte belongs to (for a continuation byte, the scalar it continues).
            let scalarOfByte = input.unicodeScalars.enumerated().flatMap { index, scalar in
                [Int](repeating: index, count: String(scalar).utf8.count)
            }
            let firstAnnotations = result.annotations.filter { $0.stage == "first" }
            let expectedFirst = firstResult.edits.map { utf8ToScalar[$0.range.lowerBound]..<utf8ToScalar[$0.range.upperBound] }
            if firstAnnotations.map({ $0.start..<$0.end }).sorted(by: Self.rangeOrder) != expectedFirst.sorted(by: Self.rangeOrder) {
                problems.append("first-stage annotations \(firstAnnotations) are not its edits \(expectedFirst)")
            }
            let secondAnnotations = result.annotations.filter { $0.stage == "second" }
            if secondAnnotations.count != secondResult.edits.count { problems.append("second-stage annotation count") }
            for edit in secondResult.edits {
                let cameFrom = Set(edit.range.compactMap { provenance.sources[$0] })
                let candidates = secondAnnotations.filter { $0.replacement == edit.replacement }
                let covering = candidates.contains { annotation in
                    let bytes = Set((0..<input.utf8.count).filter { (annotation.start..<annotation.end).contains(scalarOfByte[$0]) })
                    return cameFrom.isSubset(of: bytes) && bytes.subtracting(cameFrom).isSubset(of: firstEdited)
                }
                if !covering { problems.append("no annotation covers exactly the input of \(edit)") }
            }
            #expect(problems.isEmpty, "seed \(seed): \(input.debugDescription): \(problems)")
            if !problems.isEmpty { break }
        }
    }

    private static func rangeOrder(_ lhs: Range<Int>, _ rhs: Range<Int>) -> Bool {
        (lhs.lowerBound, lhs.upperBound) < (rhs.lowerBound, rhs.upperBound)
    }
}

/// A stage making up to four random edits on scalar boundaries, the same ones for the same text.
private struct RandomEditsStage: Stage {
    let name: String
    let seed: UInt64

    func apply(to text: String, context: StageContext) throws(DragomanError) -> StageResult {
        var generator = SplitMix64(seed: seed ^ UInt64(text.utf8.count))
        var boundaries = [0]
        for scalar in text.unicodeScalars { boundaries.append(boundaries[boundaries.count - 1] + String(scalar).utf8.count) }
        let count = Int.random(in: 0...4, using: &generator)
        let bounds = (0..<2 * count).map { _ in boundaries[Int.random(in: 0..<boundaries.count, using: &generator)] }.sorted()
        let replacements = ["", "x", "€", "ДЖ", "😀!"]
        let edits = (0..<count).map { index in
            Edit(
                stage: name, range: bounds[2 * index]..<bounds[2 * index + 1],
                replacement: replacements[Int.random(in: 0..<replacements.count, using: &generator)])
        }
        return try StageResult(applying: edits, to: text)
    }
}

/// Every annotation's offsets are Unicode scalar offsets into `input` that hold its `source`.
func expectScalarSpans(_ result: NormalizedText, input: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    for annotation in result.annotations {
        #expect(
            input.scalarSlice(annotation.start..<annotation.end) == annotation.source,
            "\(annotation.stage) annotation \(annotation.start)..<\(annotation.end)", sourceLocation: sourceLocation)
    }
}

/// Stages run in order; itself a ``Stage``, so pipelines nest.
///
/// Each stage sees the previous stage's output. The pipeline keeps an ``OffsetMap`` from the current
/// text back to its own input, so every edit it returns points into the pipeline's input text however
/// many stages rewrote the text before, and it hands each stage the spans earlier stages wrote
/// (``StageContext/marks``).
public struct Pipeline: Stage {
    public var name: String
    public var stages: [any Stage] {
        didSet { plans = Self.markPlans(stages) }
    }
    /// ``markPlan(_:outerMarks:)`` without and with marks from outside, made once per stage list
    /// rather than per record.
    private var plans: [MarkPlan]

    public init(_ stages: [any Stage], name: String = "pipeline") {
        self.stages = stages
        self.name = name
        plans = Self.markPlans(stages)
    }

    public var prefersBatches: Bool { stages.contains { $0.prefersBatches } }

    /// The last stage's ``Stage/outputLanguage`` that is not nil: a later translation wins.
    public var outputLanguage: String? {
        stages.last { $0.outputLanguage != nil }?.outputLanguage
    }

    private typealias MarkPlan = (keepsMarks: [Bool], recordsEdits: [Bool])

    private static func markPlans(_ stages: [any Stage]) -> [MarkPlan] {
        [markPlan(stages, outerMarks: false), markPlan(stages, outerMarks: true)]
    }

    public func apply(to text: String, context: StageContext) throws(DragomanError) -> StageResult {
        let plan = context.recordsEdits ? nil : plans[context.marks.isEmpty ? 0 : 1]
        var progress = Progress(text: text, marks: context.marks, recordsEdits: context.recordsEdits)
        for (position, stage) in stages.enumerated() {
            let step = progress.step(position, of: stages.count, plan: plan, context: context)
            progress.absorb(try stage.apply(to: progress.current, context: step.context), keepsMarks: step.keepsMarks)
        }
        return progress.result
    }

    /// Runs each stage over all the records before the next stage, so that a stage can keep the
    /// records' work in flight together (a translation engine's round trips); each record's result
    /// is the one ``apply(to:context:)`` gives it, and a record that fails leaves the others going.
    /// Without a stage that ``Stage/prefersBatches``, simply record by record.
    public func apply(to texts: [String], contexts: [StageContext]) -> [Result<StageResult, DragomanError>] {
        guard prefersBatches else {
            return zip(texts, contexts).map { text, context in Result { () throws(DragomanError) in try apply(to: text, context: context) } }
        }
        var records: [Result<Progress, DragomanError>] = zip(texts, contexts).map {
            .success(Progress(text: $0, marks: $1.marks, recordsEdits: $1.recordsEdits))
        }
        let plans = contexts.map { $0.recordsEdits ? nil : self.plans[$0.marks.isEmpty ? 0 : 1] }
        for (position, stage) in stages.enumerated() {
            var live: [Int] = []
            var inputs: [String] = []
            var stageContexts: [StageContext] = []
            var keepsMarks: [Bool] = []
            for (index, record) in records.enumerated() {
                guard case .success(let progress) = record else { continue }
                let step = progress.step(position, of: stages.count, plan: plans[index], context: contexts[index])
                live.append(index)
                inputs.append(progress.current)
                stageContexts.append(step.context)
                keepsMarks.append(step.keepsMarks)
            }
            if live.isEmpty { break }
            let results = stage.apply(to: inputs, contexts: stageContexts)
            for (offset, index) in live.enumerated() {
                guard case .success(var progress) = records[index] else { continue }
                records[index] = .failure(.outputClosed)  // released while `progress` is updated in place
                switch offset < results.count ? results[offset] : .failure(.invalidEdits(stage: stage.name, reason: "no result for a record")) {
                case .success(let result):
                    progress.absorb(result, keepsMarks: keepsMarks[offset])
                    records[index] = .success(progress)
                case .failure(let error):
                    records[index] = .failure(error)
                }
            }
        }
        return records.map { $0.map(\.result) }
    }

    /// One record's way through the stages: its current text, the map back to its input, the edits
    /// so far (in input offsets) and the marks for later stages (in current offsets).
    private struct Progress {
        var current: String
        var map = OffsetMap.identity
        var edits: [Edit] = []
        var marks: [StageContext.Mark]
        /// Whether the caller reads the edits and the map. When not, a stage's edits still become
        /// marks for the stages that read them, but are neither kept nor mapped back to the input
        /// (measured: a tenth of the default pipeline's allocations were edits no one read).
        let recordsEdits: Bool

        init(text: String, marks: [StageContext.Mark], recordsEdits: Bool) {
            current = text
            self.marks = marks
            self.recordsEdits = recordsEdits
        }

        var result: StageResult { StageResult(text: current, edits: edits, map: map) }

        /// The context for the stage at `position`, and whether its edits become marks.
        func step(_ position: Int, of count: Int, plan: MarkPlan?, context: StageContext) -> (context: StageContext, keepsMarks: Bool) {
            // Marks are for later stages that read them: without a plan (edits wanted anyway),
            // every stage but the last keeps its marks.
            let keepsMarks = plan.map { $0.keepsMarks[position] } ?? (position < count - 1)
            var stageContext = context
            stageContext.marks = marks
            stageContext.recordsEdits = context.recordsEdits || (plan?.recordsEdits[position] ?? true)
            return (stageContext, keepsMarks)
        }

        mutating func absorb(_ result: StageResult, keepsMarks: Bool) {
            if result.edits.isEmpty && result.map.isIdentity {
                // Unchanged, or changed without a description because none was asked for.
                current = result.text
                return
            }
            // Marks already made move with this stage's changes; the new ones are made in its output.
            let earlierMarks = marks.count
            if !result.map.isIdentity {
                for index in 0..<earlierMarks {
                    marks[index].range = result.map.outputRange(forInput: marks[index].range)
                }
            }
            if keepsMarks {
                marks.reserveCapacity(earlierMarks + result.edits.count)
                for edit in result.edits {
                    marks.append(.init(stage: edit.stage, range: result.map.outputRange(forInput: edit.range), data: edit.data))
                }
            }
            current = result.text
            guard recordsEdits else { return }
            if map.isIdentity {
                // Sharing the stage's array costs nothing; appending copies (and retains) each edit.
                if edits.isEmpty { edits = result.edits } else { edits += result.edits }
            } else {
                edits.reserveCapacity(edits.count + result.edits.count)
                for var edit in result.edits {
                    edit.range = map.inputRange(forOutput: edit.range)
                    edits.append(edit)
                }
            }
            map = map.followed(by: result.map)
        }
    }

    /// Which stages must describe their changes when the caller reads only the text: a stage whose
    /// marks a later stage reads (``Stage/readsMarks``), and every stage between such a stage (or
    /// marks given from outside) and the last stage reading them, whose offset maps carry the marks
    /// forward. The others skip the cost.
    private static func markPlan(_ stages: [any Stage], outerMarks: Bool) -> MarkPlan {
        func reads(_ reader: any Stage, _ source: String?) -> Bool {
            guard let names = reader.readsMarks else { return true }
            guard let source else { return !names.isEmpty }
            return names.contains(source)
        }
        var keepsMarks = [Bool](repeating: false, count: stages.count)
        var recordsEdits = [Bool](repeating: false, count: stages.count)
        // Spans of marks: from their source to their last reader.
        var spans: [(from: Int, to: Int)] = []
        if outerMarks, let last = stages.indices.last(where: { reads(stages[$0], nil) }) { spans.append((-1, last)) }
        for (position, stage) in stages.enumerated() {
            if let last = stages.indices.last(where: { $0 > position && reads(stages[$0], stage.name) }) {
                keepsMarks[position] = true
                recordsEdits[position] = true
                spans.append((position, last))
            }
        }
        for (from, to) in spans where to > from + 1 {
            for position in (from + 1)..<to { recordsEdits[position] = true }
        }
        return (keepsMarks, recordsEdits)
    }

    /// Runs the pipeline on one record and resolves every change into an ``Annotation`` located in
    /// `text`.
    public func normalize(_ text: String, language: LanguageTag, target: LanguageTag) throws(DragomanError) -> NormalizedText {
        let result = try apply(to: text, context: StageContext(language: language, target: target))
        return NormalizedText(input: text, result: result, language: .known(language))
    }

    /// Runs the pipeline on the records of one batch at once (``apply(to:contexts:)``), each record's
    /// language given or, with `.auto`, detected if and when a stage needs it.
    public func normalize(_ texts: [String], sources: [LanguageSelection], target: LanguageTag) -> [Result<NormalizedText, DragomanError>] {
        let languages = zip(texts, sources).map { RecordLanguage($1, text: $0) }
        let contexts = languages.map { StageContext(language: $0, target: target) }
        return zip(apply(to: texts, contexts: contexts), zip(texts, languages)).map { result, record in
            result.map { NormalizedText(input: record.0, result: $0, language: record.1) }
        }
    }

    /// Runs the pipeline on one record whose language is given or, with `.auto`, detected from the
    /// text if and when a stage needs it.
    public func normalize(_ text: String, source: LanguageSelection, target: LanguageTag) throws(DragomanError) -> NormalizedText {
        // One resolver for the stages and the result: the text is read at most once.
        let language = RecordLanguage(source, text: text)
        let result = try apply(to: text, context: StageContext(language: language, target: target))
        return NormalizedText(input: text, result: result, language: language)
    }
}

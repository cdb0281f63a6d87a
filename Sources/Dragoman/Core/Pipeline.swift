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

    private typealias MarkPlan = (keepsMarks: [Bool], recordsEdits: [Bool])

    private static func markPlans(_ stages: [any Stage]) -> [MarkPlan] {
        [markPlan(stages, outerMarks: false), markPlan(stages, outerMarks: true)]
    }

    public func apply(to text: String, context: StageContext) throws(DragomanError) -> StageResult {
        let plan = context.recordsEdits ? nil : plans[context.marks.isEmpty ? 0 : 1]
        var current = text
        var map = OffsetMap.identity
        var edits: [Edit] = []
        var marks = context.marks
        for (position, stage) in stages.enumerated() {
            // Marks are for later stages that read them: without a plan (edits wanted anyway),
            // every stage but the last keeps its marks.
            let keepsMarks = plan.map { $0.keepsMarks[position] } ?? (position < stages.count - 1)
            var stageContext = context
            stageContext.marks = marks
            stageContext.recordsEdits = context.recordsEdits || (plan?.recordsEdits[position] ?? true)
            let result = try stage.apply(to: current, context: stageContext)
            if result.edits.isEmpty && result.map.isIdentity {
                // Unchanged, or changed without a description because none was asked for.
                current = result.text
                continue
            }
            if map.isIdentity && !keepsMarks {
                // Sharing the stage's array costs nothing; appending copies (and retains) each edit.
                if edits.isEmpty { edits = result.edits } else { edits += result.edits }
            } else {
                for var edit in result.edits {
                    if keepsMarks {
                        marks.append(.init(stage: edit.stage, range: result.map.outputRange(forInput: edit.range), data: edit.data))
                    }
                    edit.range = map.inputRange(forOutput: edit.range)
                    edits.append(edit)
                }
            }
            if !marks.isEmpty && !result.map.isIdentity {
                let newCount = keepsMarks ? result.edits.count : 0
                for index in marks.indices.dropLast(newCount) {
                    marks[index].range = result.map.outputRange(forInput: marks[index].range)
                }
            }
            map = map.followed(by: result.map)
            current = result.text
        }
        return StageResult(text: current, edits: edits, map: map)
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

    /// Runs the pipeline on one record whose language is given or, with `.auto`, detected from the
    /// text if and when a stage needs it.
    public func normalize(_ text: String, source: LanguageSelection, target: LanguageTag) throws(DragomanError) -> NormalizedText {
        // One resolver for the stages and the result: the text is read at most once.
        let language = RecordLanguage(source, text: text)
        let result = try apply(to: text, context: StageContext(language: language, target: target))
        return NormalizedText(input: text, result: result, language: language)
    }
}

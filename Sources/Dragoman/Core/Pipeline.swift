/// Stages run in order; itself a ``Stage``, so pipelines nest.
///
/// Each stage sees the previous stage's output. The pipeline keeps an ``OffsetMap`` from the current
/// text back to its own input, so every edit it returns points into the pipeline's input text however
/// many stages rewrote the text before, and it hands each stage the spans earlier stages wrote
/// (``StageContext/marks``).
public struct Pipeline: Stage {
    public var name: String
    public var stages: [any Stage]

    public init(_ stages: [any Stage], name: String = "pipeline") {
        self.stages = stages
        self.name = name
    }

    public func apply(to text: String, context: StageContext) throws(DragomanError) -> StageResult {
        var current = text
        var map = OffsetMap.identity
        var edits: [Edit] = []
        var marks = context.marks
        for (position, stage) in stages.enumerated() {
            // Marks are for later stages: the last stage's are never read.
            let needsMarks = position < stages.count - 1
            var stageContext = context
            stageContext.marks = marks
            stageContext.recordsEdits = context.recordsEdits || needsMarks
            let result = try stage.apply(to: current, context: stageContext)
            if result.edits.isEmpty && result.map.isIdentity {
                // Unchanged, or changed without a description because none was asked for.
                current = result.text
                continue
            }
            if map.isIdentity && !needsMarks {
                // Sharing the stage's array costs nothing; appending copies (and retains) each edit.
                if edits.isEmpty { edits = result.edits } else { edits += result.edits }
            } else {
                for var edit in result.edits {
                    if needsMarks {
                        marks.append(.init(stage: edit.stage, range: result.map.outputRange(forInput: edit.range), data: edit.data))
                    }
                    edit.range = map.inputRange(forOutput: edit.range)
                    edits.append(edit)
                }
            }
            if needsMarks && !result.map.isIdentity {
                let newCount = result.edits.count
                for index in marks.indices.dropLast(newCount) {
                    marks[index].range = result.map.outputRange(forInput: marks[index].range)
                }
            }
            map = map.followed(by: result.map)
            current = result.text
        }
        return StageResult(text: current, edits: edits, map: map)
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

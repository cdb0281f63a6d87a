/// One step of normalization: reads a record's text and returns the new text with what it changed.
///
/// A stage is a value configured once (its tables, rules and glossaries compiled at configuration
/// time) and then applied to many records, from many threads at once; hence `Sendable`, and hence
/// a stage keeps no per-record state. Conformers should be structs. A ``Pipeline`` of stages is a stage.
///
/// The contract of ``apply(to:context:)``:
/// - Ranges in the returned ``StageResult/edits`` are UTF-8 offsets into `text`, the stage's input.
/// - The result's ``StageResult/map`` relates the output back to `text`; building the result with
///   ``StageResult/init(applying:to:)`` keeps text, edits and map in agreement.
/// - Nothing is printed, no file is read: a stage sees only its text and context.
///
/// A stage that merely rewrites spans:
/// ```swift
/// struct Shout: Stage {
///     var name: String { "shout" }
///     func apply(to text: String, context: StageContext) throws(DragomanError) -> StageResult {
///         guard let range = text.utf8.firstRange(of: "mines".utf8) else { return StageResult(unchanged: text) }
///         let start = text.utf8.distance(from: text.startIndex, to: range.lowerBound)
///         let edit = Edit(stage: name, range: start..<start + 5, replacement: "MINES")
///         return try StageResult(applying: [edit], to: text)
///     }
/// }
/// ```
public protocol Stage: Sendable {
    /// The stable name configs use for this stage, e.g. `repair`.
    var name: String { get }

    /// Normalizes one record's text.
    func apply(to text: String, context: StageContext) throws(DragomanError) -> StageResult

    /// Normalizes the records of one batch, each as ``apply(to:context:)`` would (the default does
    /// just that). A stage whose cost is waiting (a translation engine's round trips) overrides it
    /// to keep all the records' work in flight at once. One result per record, in order.
    func apply(to texts: [String], contexts: [StageContext]) -> [Result<StageResult, DragomanError>]

    /// Whether ``apply(to:contexts:)`` gains from whole batches (false by default). A ``Pipeline``
    /// runs stage by stage over a batch only when one of its stages does, and otherwise record by
    /// record, each record's stages while its text is in cache.
    var prefersBatches: Bool { get }

    /// The names of the stages whose spans this stage reads in ``StageContext/marks``, or nil for
    /// any (the default). A ``Pipeline`` asks earlier stages to describe their changes only when a
    /// later stage reads them, so a stage that reads none should say so: `[]`.
    var readsMarks: Set<String>? { get }

    /// The language tag of the stage's output when it is not the record's: a translation's target
    /// (the JSON Lines runner writes it as the record's `lang`). Nil, the default, keeps the language.
    var outputLanguage: String? { get }
}

extension Stage {
    public var readsMarks: Set<String>? { nil }

    public var prefersBatches: Bool { false }

    public func apply(to texts: [String], contexts: [StageContext]) -> [Result<StageResult, DragomanError>] {
        zip(texts, contexts).map { text, context in Result { () throws(DragomanError) in try apply(to: text, context: context) } }
    }

    public var outputLanguage: String? { nil }
}

/// What a stage knows about the record besides its text.
public struct StageContext: Sendable {
    private var source: RecordLanguage

    /// The record's language: given, or detected from the record's text on first use (so a stage
    /// that does not ask costs no detection).
    public var language: LanguageTag {
        get { source.value }
        set { source = .known(newValue) }
    }
    /// The language the output is for.
    public var target: LanguageTag
    /// What earlier stages wrote, located in the text this stage receives.
    public var marks: [Mark]
    /// Whether the caller reads the result's edits and map. When false (plain text output with no
    /// statistics) a stage may return its new text with no edits and an identity map, and skip the
    /// cost of describing each change; the text must be the same either way. A ``Pipeline`` still
    /// asks for edits from every stage whose marks a later stage reads.
    public var recordsEdits = true

    public init(language: LanguageTag, target: LanguageTag, marks: [Mark] = []) {
        self.source = .known(language)
        self.target = target
        self.marks = marks
    }

    /// A context whose language is `selection`, detected from `text` (the record as it arrived) only
    /// if a stage asks.
    public init(source selection: LanguageSelection, text: String, target: LanguageTag, marks: [Mark] = []) {
        self.init(language: RecordLanguage(selection, text: text), target: target, marks: marks)
    }

    init(language: RecordLanguage, target: LanguageTag, marks: [Mark] = []) {
        self.source = language
        self.target = target
        self.marks = marks
    }

    /// A span an earlier stage wrote, so that later stages can leave it alone or build on it.
    public struct Mark: Sendable, Hashable {
        /// The stage that wrote it.
        public var stage: String
        /// UTF-8 offsets of the written text in the current stage's input. Edits of one stage that
        /// touch each other share a region of the offset map, so their marks cover them all.
        public var range: Range<Int>
        /// The writing stage's data for it.
        public var data: [String: String]

        public init(stage: String, range: Range<Int>, data: [String: String] = [:]) {
            self.stage = stage
            self.range = range
            self.data = data
        }
    }
}

/// A record of one change, located in the record's original input text.
///
/// `start` and `end` count Unicode scalars (end exclusive), so Python's `text[start:end]` and Swift's
/// `Array(text.unicodeScalars)[start..<end]` give `source`. Offsets refer to the text as the record
/// arrived, whatever stages ran before the one that made the change.
public struct Annotation: Sendable, Hashable, Codable {
    /// The stage's registered name.
    public var stage: String
    /// First scalar of the changed span in the input.
    public var start: Int
    /// One past the last scalar of the changed span in the input.
    public var end: Int
    /// The input text at `start..<end`.
    public var source: String
    /// What the stage wrote.
    public var replacement: String
    /// Stage data, e.g. `{"kind": "mojibake"}` or `{"amount": "400000", "currency": "EUR"}`.
    public var data: [String: String]

    public init(stage: String, start: Int, end: Int, source: String, replacement: String, data: [String: String] = [:]) {
        self.stage = stage
        self.start = start
        self.end = end
        self.source = source
        self.replacement = replacement
        self.data = data
    }
}

/// A normalized record: the output text and the annotations of every change, in input order.
public struct NormalizedText: Sendable, Hashable {
    /// The text after all stages.
    public var text: String
    /// Every change, sorted by `start` (then by the order the stages ran).
    public var annotations: [Annotation]
    private var source: RecordLanguage

    /// The language the record was read as (detected now if no stage needed it before).
    public var language: LanguageTag {
        get { source.value }
        set { source = .known(newValue) }
    }

    public init(text: String, annotations: [Annotation], language: LanguageTag) {
        self.text = text
        self.annotations = annotations
        self.source = .known(language)
    }

    public static func == (lhs: NormalizedText, rhs: NormalizedText) -> Bool {
        lhs.text == rhs.text && lhs.annotations == rhs.annotations && lhs.language == rhs.language
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(text)
        hasher.combine(annotations)
        hasher.combine(language)
    }

    /// Resolves a stage result's UTF-8 edits against the original `input` into annotations.
    init(input: String, result: StageResult, language: RecordLanguage) {
        var offsets: [Int] = []
        offsets.reserveCapacity(result.edits.count * 2)
        for edit in result.edits {
            offsets.append(edit.range.lowerBound)
            offsets.append(edit.range.upperBound)
        }
        let scalars = input.scalarOffsets(forUTF8Offsets: offsets)
        var annotations: [Annotation] = []
        annotations.reserveCapacity(result.edits.count)
        for (index, edit) in result.edits.enumerated() {
            annotations.append(
                Annotation(
                    stage: edit.stage, start: scalars[2 * index], end: scalars[2 * index + 1],
                    source: input.utf8Slice(edit.range), replacement: edit.replacement, data: edit.data))
        }
        // Stable: equal starts keep the order in which the stages ran.
        let ordered = annotations.enumerated().sorted { ($0.element.start, $0.offset) < ($1.element.start, $1.offset) }
        self.text = result.text
        self.annotations = ordered.map(\.element)
        self.source = language
    }
}

/// One change a stage made: the UTF-8 range of its input it replaced, and with what.
public struct Edit: Sendable, Hashable {
    /// The stage's registered name, e.g. `repair`.
    public var stage: String
    /// UTF-8 offsets into the text the stage was given, end exclusive.
    public var range: Range<Int>
    /// The text written in place of `range`.
    public var replacement: String
    /// What the stage knows about the change, e.g. `["kind": "mojibake"]`.
    public var data: [String: String]

    public init(stage: String, range: Range<Int>, replacement: String, data: [String: String] = [:]) {
        self.stage = stage
        self.range = range
        self.replacement = replacement
        self.data = data
    }
}

/// What a stage returns: the new text, what it changed, and where each part of the new text came from.
public struct StageResult: Sendable {
    /// The stage's output text.
    public var text: String
    /// The changes, with ranges in the stage's input. A composite stage may return nested changes.
    public var edits: [Edit]
    /// Positions in `text` back to the stage's input.
    public var map: OffsetMap

    /// The result of a stage that changed nothing.
    public init(unchanged text: String) {
        self.text = text
        self.edits = []
        self.map = .identity
    }

    /// Builds a result from its parts; the caller vouches that they agree.
    public init(text: String, edits: [Edit], map: OffsetMap) {
        self.text = text
        self.edits = edits
        self.map = map
    }

    /// Applies non-overlapping `edits` (in any order) to `input` and builds the map.
    ///
    /// - Throws: ``DragomanError/invalidEdits(stage:reason:)`` when edits overlap, fall outside the
    ///   input, or split a UTF-8 sequence.
    public init(applying edits: [Edit], to input: String) throws(DragomanError) {
        guard !edits.isEmpty else {
            self.init(unchanged: input)
            return
        }
        // Stages usually emit edits in order: check before paying for a sort.
        let inOrder = zip(edits, edits.dropFirst()).allSatisfy {
            ($0.range.lowerBound, $0.range.upperBound) <= ($1.range.lowerBound, $1.range.upperBound)
        }
        let sorted = inOrder ? edits : edits.sorted { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }
        var bytes: [UInt8] = []
        var regions: [OffsetMap.Region] = []
        regions.reserveCapacity(sorted.count)
        let failure: DragomanError? = input.withUTF8Buffer { source -> DragomanError? in
            bytes.reserveCapacity(source.count + sorted.count * 4)
            var position = 0
            for edit in sorted {
                guard edit.range.lowerBound >= position, edit.range.upperBound <= source.count else {
                    return .invalidEdits(stage: edit.stage, reason: "range \(edit.range) overlaps another edit or the end of the text")
                }
                if Self.isContinuation(source, edit.range.lowerBound) || Self.isContinuation(source, edit.range.upperBound) {
                    return .invalidEdits(stage: edit.stage, reason: "range \(edit.range) splits a UTF-8 sequence")
                }
                bytes.append(contentsOf: source[position..<edit.range.lowerBound])
                let start = bytes.count
                bytes.append(contentsOf: edit.replacement.utf8)
                regions.append(.init(input: edit.range, output: start..<bytes.count))
                position = edit.range.upperBound
            }
            bytes.append(contentsOf: source[position...])
            return nil
        }
        if let failure { throw failure }
        self.init(text: String(decoding: bytes, as: UTF8.self), edits: sorted, map: OffsetMap(regions: regions))
    }

    private static func isContinuation(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        index < bytes.count && bytes[index] & 0xC0 == 0x80
    }
}

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
        var failure: DragomanError?
        var regions: [OffsetMap.Region] = []
        let text = input.withUTF8Buffer { source -> String in
            var position = 0
            for index in sorted.indices {
                let range = sorted[index].range
                guard range.lowerBound >= position, range.upperBound <= source.count else {
                    failure = .invalidEdits(stage: sorted[index].stage, reason: "range \(range) overlaps another edit or the end of the text")
                    return ""
                }
                if Self.isContinuation(source, range.lowerBound) || Self.isContinuation(source, range.upperBound) {
                    failure = .invalidEdits(stage: sorted[index].stage, reason: "range \(range) splits a UTF-8 sequence")
                    return ""
                }
                position = range.upperBound
            }
            return Self.write(sorted, into: source, regions: &regions, describe: true)
        }
        if let failure { throw failure }
        self.init(text: text, edits: sorted, map: OffsetMap(regions: regions))
    }

    /// The text of `source` with `edits` applied, which the caller vouches are in order, do not
    /// overlap, and start and end on scalar boundaries: valid UTF-8 cut at boundaries and joined to
    /// valid replacements is valid, so the new text is not validated again (``Swift/String/init(validUTF8:)``).
    /// With `describe`, each edit's region is appended to `regions`.
    package static func write(_ edits: [Edit], into source: UnsafeBufferPointer<UInt8>, regions: inout [OffsetMap.Region], describe: Bool) -> String {
        var size = source.count
        for index in edits.indices { size += edits[index].replacement.utf8.count - edits[index].range.count }
        if describe { regions.reserveCapacity(regions.count + edits.count) }
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: size) { output in
            var written = 0
            func copy(_ bytes: UnsafeBufferPointer<UInt8>) {
                guard let from = bytes.baseAddress, let to = output.baseAddress, !bytes.isEmpty else { return }
                (to + written).update(from: from, count: bytes.count)
                written += bytes.count
            }
            var copied = 0
            for index in edits.indices {
                let range = edits[index].range
                copy(UnsafeBufferPointer(rebasing: source[copied..<range.lowerBound]))
                let start = written
                var replacement = edits[index].replacement
                replacement.withUTF8(copy)
                if describe { regions.append(.init(input: range, output: start..<written)) }
                copied = range.upperBound
            }
            copy(UnsafeBufferPointer(rebasing: source[copied...]))
            return String(validUTF8: UnsafeBufferPointer(rebasing: output[..<written]))
        }
    }

    private static func isContinuation(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Bool {
        index < bytes.count && bytes[index] & 0xC0 == 0x80
    }
}

/// How the streaming runner reads, cuts and checks its input.
public struct RunnerOptions: Sendable {
    /// The input and output format.
    public enum Format: String, Sendable, CaseIterable {
        /// Plain text; records are paragraphs separated by blank lines.
        case text
        /// JSON Lines: one object per line, `{"id": …, "lang": …, "text": …}`.
        case jsonl
        /// Text in, and for review out: each record's output with every change marked and listed
        /// (``Explanation``).
        case explain
    }

    public var format: Format = .text
    /// The source language of records that do not name one.
    public var source: LanguageSelection = .auto
    /// The language the output is for.
    public var target: LanguageTag = .en
    /// Reject ill-formed UTF-8 instead of replacing it with U+FFFD. Records before the bad byte are
    /// written, the record holding it is not; the one exception is a record longer than
    /// ``maxRecordBytes``, whose bytes stream through as they arrive, so its part before the bad
    /// byte has already been written.
    public var strictUTF8 = false
    /// Report malformed JSON lines and go on, instead of stopping.
    public var skipInvalidRecords = false
    /// Records longer than this many bytes pass through unchanged (and are reported).
    public var maxRecordBytes = 16 << 20
    /// Worker threads; 0 means one per core.
    public var workers = 0
    /// Count the changes of each stage in ``RunStatistics/changes``. Text output needs the edits
    /// for nothing else, so without it stages may skip describing their changes.
    public var countsChanges = true
    /// With ``Format/explain``: colour the marks (for a terminal).
    public var color = false
    /// Bytes asked of the input per read.
    public var readSize = 64 << 10

    public init() {}
}

/// A notice about the input that did not stop the run.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var location: SourceLocation?

    public init(_ message: String, at location: SourceLocation? = nil) {
        self.message = message
        self.location = location
    }

    public var description: String {
        guard let location else { return "warning: \(message)" }
        return "\(location): warning: \(message)"
    }
}

/// What a run did, for `--stats`.
public struct RunStatistics: Sendable, Hashable {
    public var records = 0
    public var bytesIn = 0
    public var bytesOut = 0
    /// Changes made, by stage name.
    public var changes: [String: Int] = [:]
    public var oversizedRecords = 0
    public var invalidUTF8Sequences = 0
    public var skippedRecords = 0
    public var seconds = 0.0

    public init() {}

    /// Input megabytes (10^6 bytes) per second.
    public var megabytesPerSecond: Double {
        seconds > 0 ? Double(bytesIn) / 1_000_000 / seconds : 0
    }

    mutating func add(_ other: RunStatistics) {
        records += other.records
        bytesOut += other.bytesOut
        oversizedRecords += other.oversizedRecords
        skippedRecords += other.skippedRecords
        for (stage, count) in other.changes { changes[stage, default: 0] += count }
    }
}

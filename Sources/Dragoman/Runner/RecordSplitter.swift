/// A piece of the input stream, in order: a record to normalize, or bytes that pass through as they are.
package enum StreamPiece: Sendable, Equatable {
    /// A record's bytes (valid UTF-8) and the 1-based line it starts on.
    case record([UInt8], line: Int)
    /// Bytes between records (blank lines, line ends), written unchanged.
    case separator([UInt8])
    /// Part of a record longer than the record limit, written unchanged. `line` is where it starts;
    /// `first` is true for the first piece of that record (when it is reported).
    case oversized([UInt8], line: Int, first: Bool)
}

/// Cuts a stream of valid UTF-8 into ``StreamPiece``s, incrementally, for one of the two formats.
///
/// Text: a record is a paragraph, a run of lines with non-blank content; blank lines (only spaces,
/// tabs, carriage returns) and the line end after a paragraph's last line are separators, so the
/// whitespace between records comes out byte for byte. JSON Lines: each line is a record; its line
/// end and blank lines are separators.
///
/// Memory stays bounded: once a record passes `maxRecordBytes` it is emitted as `oversized` pieces as
/// its bytes arrive.
package struct RecordSplitter {
    package enum Format: Sendable { case text, jsonLines }

    private let format: Format
    private let maxRecordBytes: Int
    /// The record so far (text: without its pending line end).
    private var record: [UInt8] = []
    /// Text: the line end after the record's last complete line, written only if another line joins.
    private var pendingLineEnd: [UInt8] = []
    /// The current, incomplete line.
    private var line: [UInt8] = []
    /// Whether `line` has anything but blanks so far.
    private var lineHasContent = false
    private var lineNumber = 1
    private var recordLine = 1
    private var oversized = false

    package init(format: Format, maxRecordBytes: Int) {
        self.format = format
        self.maxRecordBytes = max(1, maxRecordBytes)
    }

    /// Splits the next bytes of the stream, appending finished pieces to `pieces`.
    package mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, into pieces: inout [StreamPiece]) {
        var start = 0
        let count = bytes.count
        while start < count {
            let newline = ASCIIScan.next(0x0A, in: bytes, from: start)
            let found: Int? = newline < count ? newline : nil
            let end = newline
            let piece = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if !lineHasContent { lineHasContent = piece.contains { !Self.isBlank($0) } }
            if oversized && lineHasContent {
                // Stream an oversized record's content as it arrives.
                flushOversized(into: &pieces)
                pieces.append(.oversized(Array(piece), line: recordLine, first: false))
            } else {
                line.append(contentsOf: piece)
            }
            if found == nil {
                if lineHasContent {
                    checkLimit(into: &pieces)
                } else if line.count > maxRecordBytes {
                    // A run of blanks longer than a record, with no line end yet: it ends the
                    // paragraph before it (as the blank line it almost surely is) and is handed on as
                    // separator now, so memory stays bounded. Should text still follow on that line,
                    // it starts a new record.
                    closeRecord(into: &pieces)
                    pieces.append(.separator(line))
                    line.removeAll(keepingCapacity: true)
                }
                return
            }
            endLine(into: &pieces)
            start = end + 1
        }
    }

    /// Ends the stream, emitting what is left.
    package mutating func finish(into pieces: inout [StreamPiece]) {
        if lineHasContent {
            appendContentLine(lineEnd: [], into: &pieces)
            closeRecord(into: &pieces)
        } else {
            closeRecord(into: &pieces)
            if !line.isEmpty { pieces.append(.separator(line)) }
        }
        line.removeAll()
        lineHasContent = false
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D
    }

    private mutating func endLine(into pieces: inout [StreamPiece]) {
        defer {
            lineNumber += 1
            line.removeAll(keepingCapacity: true)
            lineHasContent = false
        }
        if lineHasContent {
            // A carriage return before the line feed belongs to the line end, not the content.
            var lineEnd: [UInt8] = [0x0A]
            if line.last == 0x0D, !oversized {
                line.removeLast()
                lineEnd = [0x0D, 0x0A]
            }
            appendContentLine(lineEnd: lineEnd, into: &pieces)
            if format == .jsonLines { closeRecord(into: &pieces) }
        } else {
            closeRecord(into: &pieces)
            line.append(0x0A)
            pieces.append(.separator(line))
        }
    }

    private mutating func appendContentLine(lineEnd: [UInt8], into pieces: inout [StreamPiece]) {
        if oversized {
            let bytes = pendingLineEnd + line + lineEnd
            pendingLineEnd = []
            if !bytes.isEmpty { pieces.append(.oversized(bytes, line: recordLine, first: false)) }
            return
        }
        if record.isEmpty && pendingLineEnd.isEmpty {
            recordLine = lineNumber
        }
        record.append(contentsOf: pendingLineEnd)
        record.append(contentsOf: line)
        pendingLineEnd = lineEnd
        line.removeAll(keepingCapacity: true)
        checkLimit(into: &pieces)
    }

    private mutating func checkLimit(into pieces: inout [StreamPiece]) {
        guard !oversized, record.count + pendingLineEnd.count + line.count > maxRecordBytes else { return }
        if record.isEmpty && pendingLineEnd.isEmpty { recordLine = lineNumber }
        oversized = true
        let bytes = record + pendingLineEnd + line
        record.removeAll()
        pendingLineEnd.removeAll()
        line.removeAll()
        pieces.append(.oversized(bytes, line: recordLine, first: true))
    }

    private mutating func flushOversized(into pieces: inout [StreamPiece]) {
        guard !line.isEmpty || !pendingLineEnd.isEmpty else { return }
        pieces.append(.oversized(pendingLineEnd + line, line: recordLine, first: false))
        pendingLineEnd.removeAll()
        line.removeAll(keepingCapacity: true)
    }

    private mutating func closeRecord(into pieces: inout [StreamPiece]) {
        if oversized {
            oversized = false
            if !pendingLineEnd.isEmpty { pieces.append(.oversized(pendingLineEnd, line: recordLine, first: false)) }
            pendingLineEnd.removeAll()
            return
        }
        guard !record.isEmpty || !pendingLineEnd.isEmpty else { return }
        pieces.append(.record(record, line: recordLine))
        if !pendingLineEnd.isEmpty { pieces.append(.separator(pendingLineEnd)) }
        record.removeAll(keepingCapacity: true)
        pendingLineEnd.removeAll()
    }
}

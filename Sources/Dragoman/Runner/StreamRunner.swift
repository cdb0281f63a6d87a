#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif
internal import Dispatch

/// Runs a pipeline over a stream of records: bounded memory, output in input order, all cores busy,
/// each batch of finished records written as soon as everything before it is written.
///
/// The calling thread reads, makes the bytes valid UTF-8 (``UTF8Sanitizer``) and cuts them into
/// records (``RecordSplitter``); the records of each read go to a worker as one batch; finished
/// batches are written strictly in order. At most a few batches are in flight, so memory does not
/// grow with the input, and a read that returns little (an interactive pipe) is processed and written
/// at once rather than waiting for more.
///
/// When a record fails (a malformed JSON line), every record before it is written, nothing of it or
/// after it is, and ``run(_:to:diagnostics:)`` throws.
public struct StreamRunner: Sendable {
    public var pipeline: Pipeline
    public var options: RunnerOptions

    public init(pipeline: Pipeline, options: RunnerOptions = RunnerOptions()) {
        self.pipeline = pipeline
        self.options = options
    }

    /// Reads every input in turn and writes the output to `sink`.
    ///
    /// - Parameter diagnostics: called for each notice (replaced UTF-8, oversized or skipped
    ///   records), from any thread, one call at a time.
    /// - Returns: counts and timing of the run.
    /// - Throws: ``DragomanError``: the first failing record's error, a read or write error, or
    ///   ``DragomanError/outputClosed`` when the reader of the output went away.
    @discardableResult
    public func run(
        _ inputs: [any ByteSource], to sink: some ByteSink, diagnostics: @escaping @Sendable (Diagnostic) -> Void = { _ in }
    ) throws(DragomanError) -> RunStatistics {
        let start = ContinuousClock.now
        let workers = options.workers > 0 ? options.workers : max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
        let writer = OrderedWriter(sink: sink, diagnostics: diagnostics, workers: workers)
        let processor = BatchProcessor(pipeline: pipeline, options: options)
        var totalIn = 0
        var invalidCount = 0
        var failure: DragomanError?

        inputLoop: for var input in inputs {
            var sanitizer = UTF8Sanitizer()
            var splitter = RecordSplitter(format: options.format == .jsonl ? .jsonLines : .text, maxRecordBytes: options.maxRecordBytes)
            var buffer = [UInt8](repeating: 0, count: max(1, options.readSize))
            var valid: [UInt8] = []
            var pieces: [StreamPiece] = []
            let path = input.name
            let strict = options.strictUTF8
            while true {
                if writer.hasFailed { break inputLoop }
                let count: Int
                do throws(DragomanError) {
                    count = try Self.read(&input, into: &buffer)
                } catch {
                    failure = error
                    break inputLoop
                }
                totalIn += count
                valid.removeAll(keepingCapacity: true)
                var utf8Error: DragomanError?
                let report: (Int) throws(DragomanError) -> Void = { offset throws(DragomanError) in
                    if strict { throw .invalidUTF8(byteOffset: offset, path: path) }
                    invalidCount += 1
                    writer.report(Diagnostic("invalid UTF-8 at byte \(offset) replaced with U+FFFD", at: SourceLocation(path: path, line: 0)))
                }
                do throws(DragomanError) {
                    if count == 0 {
                        try sanitizer.finish(into: &valid, invalid: report)
                    } else {
                        try buffer.withUnsafeBufferPointer { (chunk) throws(DragomanError) in
                            try sanitizer.feed(UnsafeBufferPointer(rebasing: chunk[0..<count]), into: &valid, invalid: report)
                        }
                    }
                } catch {
                    utf8Error = error
                }
                valid.withUnsafeBufferPointer { splitter.feed($0, into: &pieces) }
                if count == 0 && utf8Error == nil { splitter.finish(into: &pieces) }
                if !pieces.isEmpty {
                    writer.submit(pieces, path: path, processor: processor)
                    pieces.removeAll()
                }
                if let utf8Error {
                    failure = utf8Error
                    break inputLoop
                }
                if count == 0 { break }
            }
        }
        var statistics = writer.finish()
        statistics.bytesIn = totalIn
        statistics.invalidUTF8Sequences = invalidCount
        statistics.seconds = Double((ContinuousClock.now - start) / .milliseconds(1)) / 1000
        if let error = writer.failure ?? failure { throw error }
        return statistics
    }
}

extension StreamRunner {
    private static func read(_ input: inout some ByteSource, into buffer: inout [UInt8]) throws(DragomanError) -> Int {
        var result: Result<Int, DragomanError> = .success(0)
        buffer.withUnsafeMutableBytes { raw in result = Result { () throws(DragomanError) in try input.read(into: raw) } }
        return try result.get()
    }
}


/// The output of one batch: bytes to write, then possibly the failure that ended it.
struct BatchOutput: Sendable {
    var bytes: [UInt8] = []
    var diagnostics: [Diagnostic] = []
    var statistics = RunStatistics()
    var failure: DragomanError?
}

/// Turns stream pieces into output bytes. Runs on worker threads.
struct BatchProcessor: Sendable {
    let pipeline: Pipeline
    let options: RunnerOptions

    func process(_ pieces: [StreamPiece], path: String) -> BatchOutput {
        var output = BatchOutput()
        var dropLineEnd = false
        // With a stage that prefers batches (`translate` keeps the records' work in flight together),
        // the pipeline runs over all the batch's records at once, then the output is written record
        // by record; otherwise each record is run and written in turn, while it is in cache.
        let batched = pipeline.prefersBatches
        var prepared = batched ? prepare(pieces, path: path) : [:]
        for (pieceIndex, piece) in pieces.enumerated() {
            switch piece {
            case .separator(let bytes):
                if dropLineEnd {
                    dropLineEnd = false
                    if bytes == [0x0A] || bytes == [0x0D, 0x0A] { continue }
                }
                output.bytes.append(contentsOf: bytes)
            case .oversized(let bytes, let line, let first):
                dropLineEnd = false
                if first {
                    output.statistics.oversizedRecords += 1
                    output.diagnostics.append(
                        Diagnostic(
                            "record longer than \(options.maxRecordBytes) bytes passed through unchanged",
                            at: SourceLocation(path: path, line: line)))
                }
                output.bytes.append(contentsOf: bytes)
            case .record(let bytes, let line):
                dropLineEnd = false
                do throws(DragomanError) {
                    guard let record = batched ? prepared.removeValue(forKey: pieceIndex) : prepareOne(bytes, line: line, path: path) else {
                        throw .invalidEdits(stage: "runner", reason: "a record was not prepared")
                    }
                    switch try record.get() {
                    case .text(let result): writeText(result, into: &output)
                    case .explain(let text, let result): writeExplain(text, result, into: &output)
                    case .json(let parsed, let result): writeJSON(bytes, parsed, result, into: &output)
                    }
                    output.statistics.records += 1
                } catch {
                    if options.skipInvalidRecords, case .malformedRecord(let message, let location) = error {
                        output.statistics.skippedRecords += 1
                        output.diagnostics.append(Diagnostic("skipped: \(message)", at: location))
                        dropLineEnd = true
                        continue
                    }
                    output.failure = Self.locate(error, path: path, line: line)
                    return output
                }
            }
        }
        return output
    }

    private static func locate(_ error: DragomanError, path: String, line: Int) -> DragomanError {
        switch error {
        case .malformedRecord: error
        default: .malformedRecord("\(error)", at: SourceLocation(path: path, line: line))
        }
    }

    private func count(_ result: NormalizedText, into output: inout BatchOutput) {
        for annotation in result.annotations { output.statistics.changes[annotation.stage, default: 0] += 1 }
    }

    /// Counts edits per stage, hashing once per run of one stage's edits rather than once per edit.
    private static func count(_ edits: [Edit], into statistics: inout RunStatistics) {
        var index = 0
        while index < edits.count {
            let stage = edits[index].stage
            var end = index + 1
            while end < edits.count && edits[end].stage == stage { end += 1 }
            statistics.changes[stage, default: 0] += end - index
            index = end
        }
    }

    /// A record's pipeline result, with what writing it needs.
    private enum PreparedRecord {
        case text(StageResult)
        case explain(String, StageResult)
        case json(ParsedJSONRecord, NormalizedText)
    }

    private struct ParsedJSONRecord {
        var members: [JSONObjectScanner.Member]
        var text: String
        var textRange: Range<Int>
        var source: LanguageSelection
    }

    /// A record read and ready for the pipeline.
    private struct ReadRecord {
        var text: String
        var parsed: ParsedJSONRecord?
        var language: RecordLanguage
        var context: StageContext
    }

    private func read(_ bytes: [UInt8], line: Int, path: String) throws(DragomanError) -> ReadRecord {
        let text: String
        var parsed: ParsedJSONRecord?
        if options.format == .jsonl {
            let record = try parseJSON(bytes, line: line, path: path)
            parsed = record
            text = record.text
        } else {
            // Made valid by the sanitizer, and cut at line ends: not validated again.
            text = bytes.withUnsafeBufferPointer { String(validUTF8: $0) }
        }
        let language = RecordLanguage(parsed?.source ?? options.source, text: text)
        var context = StageContext(language: language, target: options.target)
        // Text output needs no annotations: count the edits, skip resolving offsets and sources.
        if options.format == .text { context.recordsEdits = options.countsChanges }
        return ReadRecord(text: text, parsed: parsed, language: language, context: context)
    }

    private func prepared(_ record: ReadRecord, _ result: StageResult) -> PreparedRecord {
        switch options.format {
        case .text: .text(result)
        case .explain: .explain(record.text, result)
        case .jsonl: record.parsed.map { .json($0, NormalizedText(input: record.text, result: result, language: record.language)) } ?? .text(result)
        }
    }

    /// One record read and run through the pipeline alone.
    private func prepareOne(_ bytes: [UInt8], line: Int, path: String) -> Result<PreparedRecord, DragomanError> {
        Result { () throws(DragomanError) in
            let record = try read(bytes, line: line, path: path)
            return prepared(record, try pipeline.apply(to: record.text, context: record.context))
        }
    }

    /// Reads every record of the batch and runs the pipeline over them together: by piece index,
    /// the result or the record's error.
    private func prepare(_ pieces: [StreamPiece], path: String) -> [Int: Result<PreparedRecord, DragomanError>] {
        var prepared: [Int: Result<PreparedRecord, DragomanError>] = [:]
        var pieceIndices: [Int] = []
        var records: [ReadRecord] = []
        for (index, piece) in pieces.enumerated() {
            guard case .record(let bytes, let line) = piece else { continue }
            do throws(DragomanError) {
                records.append(try read(bytes, line: line, path: path))
                pieceIndices.append(index)
            } catch {
                prepared[index] = .failure(error)
            }
        }
        guard !records.isEmpty else { return prepared }
        let results = pipeline.apply(to: records.map(\.text), contexts: records.map(\.context))
        for (offset, result) in results.enumerated() {
            prepared[pieceIndices[offset]] = result.map { self.prepared(records[offset], $0) }
        }
        return prepared
    }

    private func writeText(_ result: StageResult, into output: inout BatchOutput) {
        Self.count(result.edits, into: &output.statistics)
        output.bytes.append(contentsOf: result.text.utf8)
    }

    private func writeExplain(_ text: String, _ result: StageResult, into output: inout BatchOutput) {
        Self.count(result.edits, into: &output.statistics)
        output.bytes.append(contentsOf: Explanation(input: text, result: result).rendered(color: options.color).utf8)
    }

    private func parseJSON(_ bytes: [UInt8], line: Int, path: String) throws(DragomanError) -> ParsedJSONRecord {
        let located = { (message: String, offset: Int?) -> DragomanError in
            let column = offset.map { offset in bytes[..<min(offset, bytes.count)].reduce(1) { $1 & 0xC0 == 0x80 ? $0 : $0 + 1 } }
            return .malformedRecord(message, at: SourceLocation(path: path, line: line, column: column))
        }
        let parsed: (members: [JSONObjectScanner.Member], text: String, textRange: Range<Int>, lang: String?)
        do throws(JSONObjectScanner.SyntaxError) {
            parsed = try bytes.withUnsafeBufferPointer { (buffer) throws(JSONObjectScanner.SyntaxError) in
                let members = try JSONObjectScanner.members(of: buffer)
                var text: (String, Range<Int>)?
                var lang: String?
                for member in members {
                    let first = buffer[member.value.lowerBound]
                    switch member.key {
                    case "text":
                        guard first == UInt8(ascii: "\"") else {
                            throw JSONObjectScanner.SyntaxError(message: "\"text\" must be a string", offset: member.value.lowerBound)
                        }
                        text = (try JSONObjectScanner.decodeString(buffer, member.value), member.value)
                    case "lang":
                        if first == UInt8(ascii: "\"") {
                            lang = try JSONObjectScanner.decodeString(buffer, member.value)
                        } else if first != UInt8(ascii: "n") {
                            throw JSONObjectScanner.SyntaxError(message: "\"lang\" must be a string or null", offset: member.value.lowerBound)
                        }
                    default: break
                    }
                }
                guard let text else { throw JSONObjectScanner.SyntaxError(message: "record has no \"text\" member", offset: 0) }
                return (members, text.0, text.1, lang)
            }
        } catch {
            throw located("malformed JSON record: \(error.message)", error.offset)
        }
        var source = options.source
        if let tag = parsed.lang {
            do throws(DragomanError) {
                source = try LanguageSelection(parsing: tag)
            } catch {
                throw located("\(error)", nil)
            }
        }
        return ParsedJSONRecord(members: parsed.members, text: parsed.text, textRange: parsed.textRange, source: source)
    }

    private func writeJSON(_ bytes: [UInt8], _ parsed: ParsedJSONRecord, _ result: NormalizedText, into output: inout BatchOutput) {
        count(result, into: &output)
        // Splice: everything but "text", "annotations" and (after a translation) "lang" is written
        // back byte for byte.
        let outputLanguage = pipeline.outputLanguage
        var record: [UInt8] = []
        record.reserveCapacity(bytes.count + result.text.utf8.count + 64)
        var position = 0
        var wroteAnnotations = false
        var wroteLanguage = false
        for member in parsed.members.sorted(by: { $0.value.lowerBound < $1.value.lowerBound }) {
            switch member.key {
            case "lang" where !wroteLanguage:
                guard let outputLanguage else { break }
                record.append(contentsOf: bytes[position..<member.value.lowerBound])
                JSONWriter.appendString(outputLanguage, to: &record)
                position = member.value.upperBound
                wroteLanguage = true
            case "text" where member.value == parsed.textRange:
                record.append(contentsOf: bytes[position..<member.value.lowerBound])
                JSONWriter.appendString(result.text, to: &record)
                position = member.value.upperBound
            case "annotations" where !wroteAnnotations:
                record.append(contentsOf: bytes[position..<member.value.lowerBound])
                JSONWriter.appendAnnotations(result.annotations, to: &record)
                position = member.value.upperBound
                wroteAnnotations = true
            default: break
            }
        }
        if wroteAnnotations {
            record.append(contentsOf: bytes[position...])
        } else {
            // Insert before the closing brace, after any whitespace that precedes it.
            var close = bytes.count - 1
            while close > position, bytes[close] != UInt8(ascii: "}") { close -= 1 }
            record.append(contentsOf: bytes[position..<close])
            record.append(contentsOf: Array(#","annotations":"#.utf8))
            JSONWriter.appendAnnotations(result.annotations, to: &record)
            record.append(contentsOf: bytes[close...])
        }
        if let outputLanguage, !wroteLanguage, let close = record.lastIndex(of: UInt8(ascii: "}")) {
            var member = Array(#","lang":"#.utf8)
            JSONWriter.appendString(outputLanguage, to: &member)
            record.insert(contentsOf: member, at: close)
        }
        output.bytes.append(contentsOf: record)
    }
}

/// Hands batches to worker threads and writes their outputs in submission order.
final class OrderedWriter<Sink: ByteSink>: Sendable {
    private struct State {
        var next = 0
        var submitted = 0
        var ready: [Int: BatchOutput] = [:]
        var failure: DragomanError?
        var statistics = RunStatistics()
    }

    private let sink: Sink
    private let diagnostics: @Sendable (Diagnostic) -> Void
    private let state = Locked(State())
    private let slots: DispatchSemaphore
    /// Limits how many batches are processed at once to the worker count (the queue is concurrent).
    private let workers: DispatchSemaphore
    private let group = DispatchGroup()
    private let queue = DispatchQueue(label: "dragoman.workers", attributes: .concurrent)

    /// At most `2 * workers + 2` batches are queued or waiting to be written; `workers` run at once.
    init(sink: Sink, diagnostics: @escaping @Sendable (Diagnostic) -> Void, workers: Int) {
        self.sink = sink
        self.diagnostics = diagnostics
        self.slots = DispatchSemaphore(value: 2 * workers + 2)
        self.workers = DispatchSemaphore(value: workers)
    }

    var hasFailed: Bool { state.withLock { $0.failure != nil } }

    /// Passes a notice from the reading thread to the handler, under the same lock as the writes,
    /// so the handler is never called twice at once. Nothing is reported after a failure.
    func report(_ diagnostic: Diagnostic) {
        state.withLock { state in
            if state.failure == nil { diagnostics(diagnostic) }
        }
    }
    var failure: DragomanError? { state.withLock { $0.failure } }

    /// Queues a batch; blocks while too many batches are in flight or waiting to be written.
    func submit(_ pieces: [StreamPiece], path: String, processor: BatchProcessor) {
        slots.wait()
        let sequence = state.withLock { state in
            defer { state.submitted += 1 }
            return state.submitted
        }
        group.enter()
        queue.async {
            self.workers.wait()
            let output = processor.process(pieces, path: path)
            self.workers.signal()
            self.deliver(output, sequence: sequence)
            self.group.leave()
        }
    }

    /// Waits for every batch to be written.
    func finish() -> RunStatistics {
        group.wait()
        return state.withLock { $0.statistics }
    }

    private func deliver(_ output: BatchOutput, sequence: Int) {
        // Writing happens under the lock: it keeps writes in order without a writer thread, and a
        // write is one system call per batch.
        let released = state.withLock { state -> Int in
            state.ready[sequence] = output
            var released = 0
            while let batch = state.ready.removeValue(forKey: state.next) {
                state.next += 1
                released += 1
                guard state.failure == nil else { continue }
                for diagnostic in batch.diagnostics { diagnostics(diagnostic) }
                if !batch.bytes.isEmpty {
                    do throws(DragomanError) {
                        var result: Result<Void, DragomanError> = .success(())
                        batch.bytes.withUnsafeBytes { raw in result = Result { () throws(DragomanError) in try sink.write(raw) } }
                        try result.get()
                    } catch {
                        state.failure = error
                        continue
                    }
                }
                state.statistics.add(batch.statistics)
                state.statistics.bytesOut += batch.bytes.count
                if let failure = batch.failure { state.failure = failure }
            }
            return released
        }
        for _ in 0..<released { slots.signal() }
    }
}

/// Translates each record with a machine-translation engine, keeping what earlier stages wrote.
///
/// Each record is cut into sentences (``Segmenter``); in each, the spans earlier stages wrote
/// (glossary entities, transliterated names, money amounts: ``StageContext/marks``) become
/// placeholders `⟦n⟧` (``PlaceholderSegment``), the engine translates the rest, and the spans go
/// back as they were. Before (Russian, after `glossary` and `money` with `--to en`) and after, with
/// Apertium rus→ukr:
///
/// ```text
/// Франция выделит EUR 400,000 на разминирование в Shusha.
/// Франція виділить EUR 400,000 на розмінування в Shusha.
/// ```
///
/// **Offsets.** The text between two protected spans is one edit, so every protected span stays an
/// unchanged region of the offset map and earlier annotations keep pointing into the input. When the
/// engine reorders placeholders, the segment is one edit (data `reordered`).
///
/// **Money.** An amount written with an ISO code (`EUR 400,000`, the `money` stage's default style)
/// is protected whole: a code is not a word to translate. Otherwise (`€400,000`, `400,000 euros`)
/// only the number, from its first digit to its last, is protected, and the engine translates the
/// currency word around it in its grammatical context (protecting `евро` with the number left it
/// untranslated in 27% of Apertium's test sentences).
///
/// **Failures.** A placeholder lost, duplicated or invented by the engine: the segment stays as it
/// was, annotated with `failure`, and the record goes on. An engine that crashes, hangs (no answer
/// for `timeout` seconds) or closes its output: an error naming the engine and the segment (the
/// runner adds the record's line); with ``FailurePolicy/keep``, the engine is restarted and the
/// segment kept and annotated instead.
///
/// **Unknown words.** With ``Marks/apertium``, the marks Apertium puts on words it could not
/// translate (`*Шуше` unknown, `@` not in the dictionary, `#` not generated) are removed and the
/// words listed in the annotation (`unknown`, `untranslated`, `ungenerated`).
public struct TranslateStage: Stage {
    public static let stageName = "translate"
    public var name: String { Self.stageName }

    /// How segments and answers are framed on the engine's stdin and stdout.
    public enum Framing: String, Sendable, CaseIterable {
        /// One segment per line, one answer per line (the engine must flush each line).
        case lines
        /// `segment\n\0` → `answer\n\0`: Apertium's null-flush stream (`-z`).
        case nul
    }

    /// How the text is written for the engine.
    public enum Escaping: String, Sendable, CaseIterable {
        case none
        /// Apertium's stream format: reserved characters escaped with `\`.
        case apertium
    }

    /// Which unknown-word marks the engine writes.
    public enum Marks: String, Sendable, CaseIterable {
        case none
        /// `*` unknown, `@` untranslated, `#` generation failure, before the word.
        case apertium
    }

    /// What a crashed or hung engine does to the run.
    public enum FailurePolicy: String, Sendable, CaseIterable {
        /// The record fails with ``DragomanError/engine(_:message:)``.
        case fail
        /// The engine is restarted; the segment stays untranslated, annotated with `failure`.
        case keep
    }

    public struct Options: Sendable {
        /// The engine's program and arguments, started once and kept running.
        public var command: [String]
        /// The language tag of the translation (written as the record's `lang`).
        public var to: String
        /// The source language for sentence rules (an ICU locale such as `ru`); by default the record's.
        public var from: String?
        public var framing = Framing.lines
        public var escaping = Escaping.none
        public var marks = Marks.none
        /// Seconds the engine may go without answering.
        public var timeout = 10.0
        /// The stages whose marks are protected.
        public var protect: Set<String> = ["glossary", "transliterate", "money"]
        public var onFailure = FailurePolicy.fail

        public init(command: [String], to: String) {
            self.command = command
            self.to = to
        }
    }

    public let options: Options
    /// The engine's name in annotations and errors: its program's file name.
    public let engine: String
    private let pool: EnginePool

    public init(options: Options) throws(DragomanError) {
        guard let program = options.command.first, !program.isEmpty else {
            throw .invalidConfiguration("stage 'translate' needs a non-empty 'command'", at: nil)
        }
        guard options.timeout > 0 else {
            throw .invalidConfiguration("option 'timeout' of stage 'translate' must be a positive number of seconds", at: nil)
        }
        self.options = options
        self.engine = String(program.split(separator: "/").last ?? Substring(program))
        self.pool = EnginePool(command: options.command)
    }

    public var readsMarks: Set<String>? { options.protect }

    public var outputLanguage: String? { options.to }

    public var prefersBatches: Bool { true }

    public func apply(to text: String, context: StageContext) throws(DragomanError) -> StageResult {
        guard let result = apply(to: [text], contexts: [context]).first else { return StageResult(unchanged: text) }
        return try result.get()
    }

    /// All the segments of all the records go to one engine in one stream, so that the engine's
    /// pipeline never drains between records: through Apertium's ten processes a drain costs about
    /// 1 ms, three sentences' work, and record by record the stage added 30–35% to the engine's time
    /// (`scripts/bench_translate.py`); batched, within the run-to-run noise of the engine's own time.
    public func apply(to texts: [String], contexts: [StageContext]) -> [Result<StageResult, DragomanError>] {
        var records: [(bytes: [UInt8], segments: [PlaceholderSegment])?] = []
        var failures: [Int: DragomanError] = [:]
        var items: [(record: Int, segment: Int)] = []
        for (index, (text, context)) in zip(texts, contexts).enumerated() {
            let bytes = Array(text.utf8)
            let protected = protectedRanges(context.marks, bytes)
            let locale = (options.from ?? context.language.icuLocale).replacing("-", with: "_")
            do throws(DragomanError) {
                let segments = try Segmenter(locale: locale).segments(of: text, protecting: protected).map {
                    PlaceholderSegment(bytes: bytes, range: $0, protected: protected, escaping: options.escaping)
                }
                records.append((bytes, segments))
                for (position, segment) in segments.enumerated() where segment.hasWords { items.append((index, position)) }
            } catch {
                records.append(nil)
                failures[index] = error
            }
        }
        let outcome: (answers: [Int: String], dead: [Int: String])
        do throws(DragomanError) {
            outcome = try translate(items, records.map { $0?.segments ?? [] }, failures: &failures)
        } catch {
            return texts.map { _ in .failure(error) }
        }
        var results: [Result<StageResult, DragomanError>] = []
        var item = 0
        for (index, text) in texts.enumerated() {
            var answers: [Int: String] = [:]
            var dead: [Int: String] = [:]
            while item < items.count, items[item].record == index {
                answers[items[item].segment] = outcome.answers[item]
                dead[items[item].segment] = outcome.dead[item]
                item += 1
            }
            if let failure = failures[index] {
                results.append(.failure(failure))
            } else if let record = records[index] {
                results.append(Result { () throws(DragomanError) in try result(text, record.bytes, record.segments, answers, dead) })
            } else {
                results.append(.success(StageResult(unchanged: text)))
            }
        }
        return results
    }

    /// One record's result from its segments' answers (`dead`: segments the engine died on).
    private func result(
        _ text: String, _ bytes: [UInt8], _ segments: [PlaceholderSegment], _ answers: [Int: String], _ dead: [Int: String]
    ) throws(DragomanError) -> StageResult {
        if answers.isEmpty && dead.isEmpty { return StageResult(unchanged: text) }
        var edits: [Edit] = []
        for (index, segment) in segments.enumerated() {
            let base = ["engine": engine]
            let source = segment.source
            if let reason = dead[index] {
                edits.append(Edit(stage: name, range: segment.range, replacement: source, data: base.merging(["failure": reason]) { $1 }))
                continue
            }
            guard let answer = answers[index] else { continue }
            switch segment.restore(answer, bytes: bytes, escaping: options.escaping, marks: options.marks) {
            case .failed(let reason):
                edits.append(Edit(stage: name, range: segment.range, replacement: source, data: base.merging(["failure": reason]) { $1 }))
            case .pieces(let pieces):
                for (range, piece) in zip(segment.pieces, pieces) {
                    let marked = piece.marked.data
                    guard !marked.isEmpty || !bytes[range].elementsEqual(piece.text.utf8) else { continue }
                    edits.append(Edit(stage: name, range: range, replacement: piece.text, data: base.merging(marked) { $1 }))
                }
            case .whole(let translation, let marked):
                let data = base.merging(marked.data) { $1 }.merging(["reordered": "true"]) { $1 }
                edits.append(Edit(stage: name, range: segment.range, replacement: translation, data: data))
            }
        }
        return try StageResult(applying: edits, to: text)
    }

    /// Sends the segments `items` names to an engine, all in flight at once. Returns the answers by
    /// item, and the items the engine died on (with ``FailurePolicy/keep``); with
    /// ``FailurePolicy/fail`` the record of such an item gets its error in `failures` and its
    /// other segments are not sent. After a death the rest goes to a new engine.
    private func translate(
        _ items: [(record: Int, segment: Int)], _ segments: [[PlaceholderSegment]], failures: inout [Int: DragomanError]
    ) throws(DragomanError) -> (answers: [Int: String], dead: [Int: String]) {
        var answers: [Int: String] = [:]
        var dead: [Int: String] = [:]
        var queue = Array(items.indices)[...]
        while !queue.isEmpty {
            let batch = Array(queue)
            let texts = batch.map { segments[items[$0].record][items[$0].segment].engineText }
            let outcome = try pool.withEngine({ engine -> Result<[String], EngineProcess.Failure> in
                do throws(EngineProcess.Failure) {
                    return .success(try engine.translate(texts, framing: framing, timeout: options.timeout))
                } catch {
                    engine.terminate()
                    return .failure(error)
                }
            }, failure: { error in .engine(engine, message: error.reason) })
            switch outcome {
            case .success(let translated):
                for (item, answer) in zip(batch, translated) { answers[item] = answer }
                queue = []
            case .failure(let failure):
                for (item, answer) in zip(batch, failure.answers) { answers[item] = answer }
                let failed = batch[failure.answers.count]
                queue = queue.dropFirst(failure.answers.count + 1)
                guard options.onFailure == .keep else {
                    let (record, segment) = items[failed]
                    let source = segments[record][segment].source
                    let excerpt = source.count > 60 ? source.prefix(59) + "…" : source[...]
                    failures[record] = .engine(engine, message: "\(failure.reason), on segment \(segment + 1) of the record: \"\(excerpt)\"")
                    queue = queue.drop { items[$0].record == record }
                    continue
                }
                dead[failed] = failure.reason
            }
        }
        return (answers, dead)
    }

    private var framing: EngineProcess.Framing {
        switch options.framing {
        case .lines: .lines
        case .nul: .nul
        }
    }

    /// The UTF-8 ranges to keep as they are: sorted, overlapping ones merged.
    func protectedRanges(_ marks: [StageContext.Mark], _ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for mark in marks where options.protect.contains(mark.stage) && !mark.range.isEmpty && mark.range.upperBound <= bytes.count {
            ranges.append(mark.stage == "money" ? Self.protectedAmount(mark.range, bytes, currency: mark.data["currency"]) : mark.range)
        }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for range in ranges {
            if let last = merged.last, range.lowerBound < last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    /// An amount written with its ISO code is protected whole; otherwise only its number.
    static func protectedAmount(_ range: Range<Int>, _ bytes: [UInt8], currency: String?) -> Range<Int> {
        let text = bytes[range]
        if let code = currency.map({ Array($0.utf8) }), code.count == 3 {
            func isLetter(_ index: Int) -> Bool {
                range.contains(index) && ((0x41...0x5A).contains(bytes[index]) || (0x61...0x7A).contains(bytes[index]))
            }
            for start in range where bytes[start..<min(start + 3, range.upperBound)].elementsEqual(code) {
                if !isLetter(start - 1) && !isLetter(start + 3) { return range }
            }
        }
        let isDigit = { (byte: UInt8) in (0x30...0x39).contains(byte) }
        guard let first = text.firstIndex(where: isDigit), let last = text.lastIndex(where: isDigit) else { return range }
        return first..<last + 1
    }
}

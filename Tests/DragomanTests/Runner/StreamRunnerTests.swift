@testable import Dragoman
import Synchronization
import Testing

@Suite struct StreamRunnerTests {
    @Test func statisticsCountRecordsBytesAndChangesByStage() throws {
        let input = "colour colour\n\nёж\n\nplain\n"
        let outcome = RunOutcome.run(.spelling, options: .testing(.text), input: Array(input.utf8))
        let statistics = try #require(outcome.statistics)
        #expect(statistics.records == 3)
        #expect(statistics.bytesIn == input.utf8.count)
        #expect(statistics.changes == ["spelling": 2, "yo": 1])
        #expect(statistics.oversizedRecords == 0)
        #expect(statistics.invalidUTF8Sequences == 0)
    }

    /// `bytesIn` counts every byte read; `bytesOut` should count every byte written, separators
    /// and passed-through records included, or the two cannot be compared.
    @Test(arguments: [
        (RunnerOptions.Format.text, "colour\n\n\nёж\r\n\r\nplain"),
        (.jsonl, "{\"text\":\"colour\"}\n\n{\"text\":\"ёж\"}\r\n"),
    ])
    func bytesOutCountsEveryByteWritten(format: RunnerOptions.Format, input: String) throws {
        let outcome = RunOutcome.run(.spelling, options: .testing(format), input: Array(input.utf8))
        let statistics = try #require(outcome.statistics)
        #expect(statistics.bytesOut == outcome.output.count)
    }

    @Test func severalInputsAreWrittenInTurn() {
        let outcome = RunOutcome.run(
            .spelling, options: .testing(.text),
            inputs: [("a.txt", Array("colour a\n".utf8)), ("b.txt", Array("\ncolour b".utf8)), ("c.txt", [])])
        #expect(outcome.text == "color a\n\ncolor b")
    }

    @Test func recordsComeOutInInputOrderUnderConcurrency() {
        let count = 10_000
        let input = (0..<count).map { "record \($0) colour" }.joined(separator: "\n\n") + "\n"
        let expected = (0..<count).map { "record \($0) color" }.joined(separator: "\n\n") + "\n"
        let outcome = RunOutcome.run(
            .spelling, options: .testing(.text) { $0.workers = 4 }, input: Array(input.utf8), readSizes: [97, 1, 4096, 13, 512])
        #expect(outcome.error == nil)
        #expect(outcome.text == expected)
        #expect(outcome.statistics?.records == count)
    }

    @Test func jsonLinesComeOutInInputOrderUnderConcurrency() {
        let count = 10_000
        let input = (0..<count).map { #"{"i":\#($0),"text":"record \#($0) colour"}"# }.joined(separator: "\n") + "\n"
        let expected = (0..<count).map {
            #"{"i":\#($0),"text":"record \#($0) color","annotations":[{"stage":"spelling","start":\#(8 + String($0).count),"end":\#(14 + String($0).count),"source":"colour","replacement":"color","data":{"pattern":"colour"}}]}"#
        }.joined(separator: "\n") + "\n"
        let outcome = RunOutcome.run(
            .spelling, options: .testing(.jsonl) { $0.workers = 4 }, input: Array(input.utf8), readSizes: [97, 1, 4096, 13, 512])
        #expect(outcome.error == nil)
        #expect(outcome.text == expected)
    }

    @Test func lineNumbersRestartWithEachInputAndErrorsNameIt() {
        let outcome = RunOutcome.run(
            .spelling, options: .testing(.jsonl),
            inputs: [
                ("a.jsonl", Array((#"{"text":"colour a1"}"# + "\n" + #"{"text":"colour a2"}"# + "\n").utf8)),
                ("b.jsonl", Array((#"{"text":"colour b1"}"# + "\n" + #"{"text":}"# + "\n").utf8)),
            ])
        #expect(outcome.error == .malformedRecord("malformed JSON record: unexpected character", at: .init(path: "b.jsonl", line: 2, column: 9)))
        #expect(outcome.lines.count == 4)
        #expect(outcome.lines.last == "")
    }

    @Test func aClosedOutputEndsTheRunWithOutputClosed() {
        let sink = FailingSink(failingFromWrite: 3)
        let input = (0..<5_000).map { "colour \($0)" }.joined(separator: "\n\n")
        var options = RunnerOptions.testing(.text)
        options.readSize = 64
        options.workers = 2
        #expect(throws: DragomanError.outputClosed) {
            try StreamRunner(pipeline: .spelling, options: options).run([MemorySource(Array(input.utf8))], to: sink)
        }
        // Whatever was written is whole records, in order, from the start.
        let written = sink.text
        #expect(input.replacingColour.hasPrefix(written))
        #expect(written.hasSuffix("\n"))
    }

    @Test func aReadErrorEndsTheRunAfterTheCompleteRecordsBeforeIt() {
        let source = FailingSource(name: "src", bytes: Array("colour 1\n\ncolour 2\n\npartial colour".utf8))
        let sink = MemorySink()
        #expect(throws: DragomanError.io("boom", path: "src")) {
            try StreamRunner(pipeline: .spelling, options: .testing(.text)).run([source], to: sink)
        }
        #expect(sink.text == "color 1\n\ncolor 2\n\n")
    }
}

extension String {
    /// What ``Pipeline/spelling`` makes of ASCII text.
    fileprivate var replacingColour: String {
        var result = ""
        var rest = Substring(self)
        while let range = rest.range(of: "colour") {
            result += rest[..<range.lowerBound] + "color"
            rest = rest[range.upperBound...]
        }
        return result + rest
    }
}

/// A sink whose reader goes away: writes from the given one on throw ``DragomanError/outputClosed``.
private final class FailingSink: ByteSink {
    private let state = Locked<(writes: Int, bytes: [UInt8])>((0, []))
    private let failingFromWrite: Int

    init(failingFromWrite: Int) {
        self.failingFromWrite = failingFromWrite
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws(DragomanError) {
        let closed = state.withLock { state -> Bool in
            state.writes += 1
            guard state.writes < failingFromWrite else { return true }
            state.bytes.append(contentsOf: bytes)
            return false
        }
        if closed { throw .outputClosed }
    }

    var text: String { String(decoding: state.withLock { $0.bytes }, as: UTF8.self) }
}

/// A source that hands out its bytes, then fails instead of ending.
private struct FailingSource: ByteSource {
    let name: String
    let bytes: [UInt8]
    private var position = 0

    init(name: String, bytes: [UInt8]) {
        self.name = name
        self.bytes = bytes
    }

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(DragomanError) -> Int {
        guard position < bytes.count else { throw .io("boom", path: name) }
        let count = min(buffer.count, bytes.count - position)
        bytes.withUnsafeBytes { buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: $0[position..<position + count])) }
        position += count
        return count
    }
}

@testable import Dragoman

/// Everything one ``StreamRunner`` run produced, so tests can compare runs and inspect the sink after
/// a failure.
struct RunOutcome {
    /// The bytes in the sink, including those written before a failure.
    var output: [UInt8]
    /// Diagnostics in the order the handler received them.
    var diagnostics: [Diagnostic]
    /// The error the run threw, if it threw.
    var error: DragomanError?
    /// The run's statistics with the time zeroed; `nil` when the run threw.
    var statistics: RunStatistics?

    var text: String { String(decoding: output, as: UTF8.self) }

    /// Output lines, split at each `\n` byte (a `\r` before it stays on its line; an empty last line
    /// means the output ended with a line end).
    var lines: [String] {
        output.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Runs `pipeline` over one in-memory input.
    ///
    /// - Parameter readSizes: the sizes of successive reads (cycled); empty means `options.readSize`.
    static func run(
        _ pipeline: Pipeline, options: RunnerOptions = RunnerOptions(), input: [UInt8], name: String = "<memory>",
        readSizes: [Int] = []
    ) -> RunOutcome {
        run(pipeline, options: options, inputs: [(name, input)], readSizes: readSizes)
    }

    /// Runs `pipeline` over several in-memory inputs in turn, each read in the same sizes.
    static func run(
        _ pipeline: Pipeline, options: RunnerOptions = RunnerOptions(), inputs: [(name: String, bytes: [UInt8])],
        readSizes: [Int] = []
    ) -> RunOutcome {
        let sink = MemorySink()
        let recorder = Recorder<Diagnostic>()
        let sources: [any ByteSource] = inputs.map { MemorySource($0.bytes, name: $0.name, readSizes: readSizes) }
        let runner = StreamRunner(pipeline: pipeline, options: options)
        do {
            var statistics = try runner.run(sources, to: sink, diagnostics: { recorder.append($0) })
            statistics.seconds = 0
            return RunOutcome(output: sink.bytes, diagnostics: recorder.values, error: nil, statistics: statistics)
        } catch {
            return RunOutcome(output: sink.bytes, diagnostics: recorder.values, error: error, statistics: nil)
        }
    }
}

@testable import Dragoman
import Testing

/// Proves that a pipeline's streamed output does not depend on how its input is chunked, after
/// swift-nio's `ByteToMessageDecoderVerifier`: the same input is run whole (one read), one byte per
/// read, and in seeded random-sized reads (records split across reads, characters split mid-sequence),
/// and every run must give byte-identical output, the same diagnostics, the same statistics and the
/// same error.
///
/// Stage tests reuse it: `verifyChunkingIndependence(pipeline: Pipeline([MyStage()]), options: options, input: bytes)`.
///
/// - Parameters:
///   - seeds: one run in random-sized reads per seed.
/// - Returns: the outcome of the whole-input run, for further assertions.
@discardableResult
func verifyChunkingIndependence(
    pipeline: Pipeline, options: RunnerOptions, input: [UInt8], seeds: [UInt64] = [1, 2, 3, 4, 5],
    sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> RunOutcome {
    var whole = options
    whole.readSize = max(1, input.count)
    let reference = RunOutcome.run(pipeline, options: whole, input: input)

    var runs: [(label: String, outcome: RunOutcome)] = []
    var byteByByte = options
    byteByByte.readSize = 1
    runs.append(("one byte per read", RunOutcome.run(pipeline, options: byteByByte, input: input)))
    for seed in seeds {
        var generator = SplitMix64(seed: seed)
        let largest = Int.random(in: 2...max(2, input.count / 2 + 1), using: &generator)
        let sizes = (0..<48).map { _ in Int.random(in: 1...largest, using: &generator) }
        runs.append(("random reads (seed \(seed))", RunOutcome.run(pipeline, options: whole, input: input, readSizes: sizes)))
    }

    for (label, outcome) in runs {
        if let difference = firstDifference(reference.output, outcome.output) {
            Issue.record(
                """
                \(label): output differs from the whole-input run at byte \(difference) \
                (whole: \(excerpt(reference.output, at: difference)), \(label): \(excerpt(outcome.output, at: difference)))
                """,
                sourceLocation: sourceLocation)
        }
        #expect(
            outcome.diagnostics.map(\.description).sorted() == reference.diagnostics.map(\.description).sorted(),
            "\(label): diagnostics differ from the whole-input run", sourceLocation: sourceLocation)
        #expect(outcome.error == reference.error, "\(label): error differs from the whole-input run", sourceLocation: sourceLocation)
        #expect(outcome.statistics == reference.statistics, "\(label): statistics differ from the whole-input run", sourceLocation: sourceLocation)
    }
    return reference
}

private func firstDifference(_ lhs: [UInt8], _ rhs: [UInt8]) -> Int? {
    if let index = zip(lhs, rhs).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset { return index }
    return lhs.count == rhs.count ? nil : min(lhs.count, rhs.count)
}

private func excerpt(_ bytes: [UInt8], at offset: Int) -> String {
    let lower = max(0, offset - 16)
    let upper = min(bytes.count, offset + 16)
    guard lower < upper else { return "<end, \(bytes.count) bytes>" }
    return String(reflecting: String(decoding: bytes[lower..<upper], as: UTF8.self))
}

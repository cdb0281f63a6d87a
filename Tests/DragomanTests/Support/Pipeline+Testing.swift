@testable import Dragoman

extension Pipeline {
    /// Two test stages, one rewriting ASCII and one a two-byte letter: "colour" → "color" and
    /// "ё" → "е". Enough to see which records a run normalized.
    static let spelling = Pipeline([
        ReplaceStage("colour", with: "color", name: "spelling"),
        ReplaceStage("ё", with: "е", name: "yo"),
    ])
}

extension RunnerOptions {
    /// Options for tests: the given format, a fixed source language, and any changes.
    static func testing(_ format: Format, _ configure: (inout RunnerOptions) -> Void = { _ in }) -> RunnerOptions {
        var options = RunnerOptions()
        options.format = format
        options.source = .fixed(.en)
        configure(&options)
        return options
    }
}

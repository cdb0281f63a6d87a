extension String {
    /// The UTF-8 offsets of the first occurrence of `needle`.
    func utf8Range(of needle: String) -> Range<Int>? {
        ReplaceStage.ranges(of: Array(needle.utf8), in: Array(utf8)).first
    }

    /// The Unicode scalars at `range`, as Python's `text[start:end]` reads an annotation.
    func scalarSlice(_ range: Range<Int>) -> String? {
        let scalars = Array(unicodeScalars)
        guard range.lowerBound >= 0, range.upperBound <= scalars.count else { return nil }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[range])
        return String(view)
    }
}

/// A record's normalization shown for review: the output text with each change marked where it
/// happened, and a numbered list of what each stage did there.
///
/// Changes whose input spans overlap or touch are one change here (a mojibake repair followed by a
/// transliteration of the same word reads as one step: `KÉ™lbÉ™cÉ™r` → `Kalbajar`). Marks are
/// wdiff's: `[-old-]{+new+}`, followed by the change's number; with `color`, the old text is red
/// and struck through and the new text green, as terminals show diffs.
///
/// ```text
/// The grant reaches [-KÉ™lbÉ™cÉ™r-]{+Kalbajar+}[1] and [-&euro;5-]{+EUR 5+}[2].
///   [1] repair (mojibake), transliterate (scheme english, from az)
///   [2] repair (entity), money (amount 5, currency EUR)
/// ```
/// Entities the glossary recognized without changing them are listed too, unmarked in the text.
public struct Explanation: Sendable {
    /// One change as the reader sees it: a span of the input, what it became, and the steps.
    public struct Change: Sendable, Hashable {
        /// UTF-8 offsets in the input and in the output.
        public var input: Range<Int>
        public var output: Range<Int>
        /// The stage edits inside it, in pipeline order.
        public var steps: [Edit]
    }

    public let input: String
    public let output: String
    public let changes: [Change]

    /// - Parameters:
    ///   - input: the record as it arrived.
    ///   - result: the pipeline's result for it, with edits (``StageContext/recordsEdits``).
    public init(input: String, result: StageResult) {
        self.input = input
        self.output = result.text
        // Edits are in input offsets; group those that overlap or touch.
        let sorted = result.edits.enumerated().sorted {
            ($0.element.range.lowerBound, $0.offset) < ($1.element.range.lowerBound, $1.offset)
        }
        var groups: [(range: Range<Int>, steps: [(Int, Edit)])] = []
        for (order, edit) in sorted {
            if let last = groups.last, edit.range.lowerBound < last.range.upperBound
                || (edit.range.lowerBound == last.range.upperBound && (edit.range.isEmpty || last.range.isEmpty))
            {
                let merged = last.range.lowerBound..<max(last.range.upperBound, edit.range.upperBound)
                groups[groups.count - 1] = (merged, last.steps + [(order, edit)])
            } else {
                groups.append((edit.range, [(order, edit)]))
            }
        }
        changes = groups.map { group in
            Change(
                input: group.range, output: result.map.outputRange(forInput: group.range),
                steps: group.steps.sorted { $0.0 < $1.0 }.map(\.1))
        }
    }

    /// The output with marks, then the numbered list; `color` adds ANSI colours for a terminal.
    public func rendered(color: Bool = false) -> String {
        let (red, green, dim, reset) = color ? ("\u{1B}[31;9m", "\u{1B}[32m", "\u{1B}[2m", "\u{1B}[0m") : ("", "", "", "")
        var text = ""
        var notes: [String] = []
        var number = 0
        var position = 0
        for change in changes {
            guard change.output.lowerBound >= position else { continue }
            text += output.utf8Slice(position..<change.output.lowerBound)
            let old = input.utf8Slice(change.input)
            let new = output.utf8Slice(change.output)
            let steps = change.steps.map(Self.describe).joined(separator: ", ")
            if old == new {
                // Recognized, not changed (a glossary entity already in its canonical form).
                text += new
                notes.append("  -   \(dim)\(old): \(steps)\(reset)")
            } else {
                number += 1
                text += "\(red)[-\(old)-]\(reset)\(green){+\(new)+}\(reset)[\(number)]"
                notes.append("  [\(number)] \(steps)")
            }
            position = change.output.upperBound
        }
        text += output.utf8Slice(position..<output.utf8.count)
        guard !notes.isEmpty else { return text }
        return text + (text.hasSuffix("\n") ? "" : "\n") + notes.joined(separator: "\n")
    }

    /// `money (amount 5, currency EUR)`.
    static func describe(_ edit: Edit) -> String {
        guard !edit.data.isEmpty else { return edit.stage }
        let details = edit.data.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        return "\(edit.stage) (\(details))"
    }
}

@testable import Dragoman

/// A test stage that replaces every occurrence of a literal with another, left to right, through
/// ``StageResult/init(applying:to:)``: the smallest real stage, with edits, a map and `data`.
struct ReplaceStage: Stage {
    let name: String
    let pattern: String
    let replacement: String

    init(_ pattern: String, with replacement: String, name: String = "replace") {
        precondition(!pattern.isEmpty, "an empty pattern would match everywhere")
        self.pattern = pattern
        self.replacement = replacement
        self.name = name
    }

    func apply(to text: String, context: StageContext) throws(DragomanError) -> StageResult {
        let edits = ReplaceStage.ranges(of: Array(pattern.utf8), in: Array(text.utf8)).map {
            Edit(stage: name, range: $0, replacement: replacement, data: ["pattern": pattern])
        }
        return try StageResult(applying: edits, to: text)
    }

    /// Non-overlapping UTF-8 ranges of `needle` in `haystack`, left to right.
    static func ranges(of needle: [UInt8], in haystack: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        var index = 0
        while index + needle.count <= haystack.count {
            if haystack[index..<index + needle.count].elementsEqual(needle) {
                ranges.append(index..<index + needle.count)
                index += needle.count
            } else {
                index += 1
            }
        }
        return ranges
    }
}

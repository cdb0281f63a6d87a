import Testing

/// Test input with spans marked inline by keycap emoji, after swift-format's `MarkedText`:
/// `"price 1️⃣&euro;2️⃣"` is the text `"price &euro;"` with marker 1 at scalar 6 and marker 2 at 12.
/// Assertions then name places by marker instead of by counted offsets.
struct MarkedText {
    /// The text without markers.
    let text: String
    /// Each marker's Unicode scalar offset in ``text``.
    let scalarOffsets: [Int: Int]
    /// Each marker's UTF-8 offset in ``text``.
    let utf8Offsets: [Int: Int]

    init(_ marked: String) {
        var text = String.UnicodeScalarView()
        var scalarOffsets: [Int: Int] = [:]
        var utf8Offsets: [Int: Int] = [:]
        var utf8Count = 0
        let scalars = Array(marked.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if index + 2 < scalars.count, ("0"..."9").contains(scalar), scalars[index + 1] == "\u{FE0F}",
                scalars[index + 2] == "\u{20E3}"
            {
                let marker = Int(scalar.value) - 0x30
                if scalarOffsets[marker] != nil { Issue.record("marker \(marker) used twice in \(marked.debugDescription)") }
                scalarOffsets[marker] = text.count
                utf8Offsets[marker] = utf8Count
                index += 3
                continue
            }
            text.append(scalar)
            utf8Count += String(scalar).utf8.count
            index += 1
        }
        self.text = String(text)
        self.scalarOffsets = scalarOffsets
        self.utf8Offsets = utf8Offsets
    }

    /// The scalar range between two markers (empty, with a recorded issue, when one is missing).
    func scalarRange(_ from: Int, _ to: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Range<Int> {
        Self.range(scalarOffsets, from, to, sourceLocation)
    }

    /// The UTF-8 range between two markers (empty, with a recorded issue, when one is missing).
    func utf8Range(_ from: Int, _ to: Int, sourceLocation: Testing.SourceLocation = #_sourceLocation) -> Range<Int> {
        Self.range(utf8Offsets, from, to, sourceLocation)
    }

    private static func range(_ offsets: [Int: Int], _ from: Int, _ to: Int, _ sourceLocation: Testing.SourceLocation) -> Range<Int> {
        guard let lower = offsets[from], let upper = offsets[to], lower <= upper else {
            Issue.record("markers \(from)..<\(to) missing or out of order", sourceLocation: sourceLocation)
            return 0..<0
        }
        return lower..<upper
    }
}

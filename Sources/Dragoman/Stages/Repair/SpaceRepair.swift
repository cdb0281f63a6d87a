/// Collapses a run of two or more spaces (U+0020) between two non-space characters of one line into
/// one space. Indentation, spaces at a line's end, tabs, and no-break or narrow spaces (number
/// separators and French typography) are left as they are. A record never spans a record boundary,
/// so neither does a collapse.
struct SpaceRepair: Stage {
    var name: String { RepairStage.stageName }

    func apply(to text: String, context: StageContext) throws(DragomanError) -> StageResult {
        let edits = text.withUTF8Buffer { bytes -> [Edit] in
            var edits: [Edit] = []
            var index = 0
            let count = bytes.count
            while index + 1 < count {
                index = ASCIIScan.nextSpacePair(in: bytes, from: index)
                guard index + 1 < count else { break }
                var end = index + 2
                while end < count && bytes[end] == 0x20 { end += 1 }
                let before = index > 0 ? bytes[index - 1] : 0x0A
                let after = end < count ? bytes[end] : 0x0A
                if !Self.isLineSpace(before) && !Self.isLineSpace(after) {
                    edits.append(Edit(stage: name, range: index..<end, replacement: " ", data: ["kind": "spaces"]))
                }
                index = end
            }
            return edits
        }
        return try StageResult(applying: edits, to: text)
    }

    private static func isLineSpace(_ byte: UInt8) -> Bool {
        byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}

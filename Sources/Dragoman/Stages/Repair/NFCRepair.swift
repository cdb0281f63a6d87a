/// Unicode Normalization Form C, segment by segment, so that only what changes is annotated.
///
/// Most scalars of the six languages are NFC-inert (``NFC/isInert(_:)``) and are passed at byte speed;
/// around any other scalar the segment between NFC boundaries goes through ICU's normalizer.
struct NFCRepair: Stage {
    var name: String { RepairStage.stageName }

    func apply(to text: String, context: StageContext) throws(DragomanError) -> StageResult {
        var failure: ICUError?
        let inertScalars = NFC.inertScalars  // read once: a static's every read goes through swift_once
        let edits = text.withUTF8Buffer { bytes -> [Edit] in
            var edits: [Edit] = []
            var index = 0
            var lastBoundary = 0
            let count = bytes.count
            while index < count {
                if bytes[index] < 0x80 {
                    // ASCII is NFC-inert: the last ASCII byte before the next non-ASCII one is a boundary.
                    let next = ASCIIScan.firstNonASCII(in: bytes, from: index)
                    lastBoundary = next - 1
                    index = next
                    continue
                }
                let lead = bytes[index]
                if lead < 0xE0, inertScalars.contains(UInt32(lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F)) {
                    lastBoundary = index
                    index += 2
                    continue
                }
                let (value, length) = UTF8Decoding.scalar(in: bytes, at: index)
                if NFC.isInert(value) {
                    lastBoundary = index
                    index += length
                    continue
                }
                let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
                let start = NFC.hasBoundaryBefore(scalar) ? index : lastBoundary
                var end = index + length
                while end < count {
                    let (next, nextLength) = UTF8Decoding.scalar(in: bytes, at: end)
                    if NFC.hasBoundaryBefore(Unicode.Scalar(next) ?? "\u{FFFD}") { break }
                    end += nextLength
                }
                let segment = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                do throws(ICUError) {
                    let normalized = try NFC.normalize(segment)
                    // Compare bytes: String's == treats canonically equivalent strings as equal.
                    if !normalized.utf8.elementsEqual(segment.utf8) {
                        edits.append(Edit(stage: name, range: start..<end, replacement: normalized, data: ["kind": "nfc"]))
                    }
                } catch {
                    failure = error
                    return edits
                }
                lastBoundary = end
                index = end
            }
            return edits
        }
        if let failure { throw .icu(failure) }
        return try StageResult(applying: edits, to: text)
    }
}

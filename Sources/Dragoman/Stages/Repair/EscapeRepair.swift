/// Backslash escapes and HTML character references, the debris of Markdown and HTML scrapers.
///
/// `\` before ASCII punctuation is dropped, as CommonMark reads it (`\$472,752` → `$472,752`,
/// `\\` → `\`); a backslash before anything else stays. Named references come from
/// ``HTMLEntities``, numeric ones in decimal or hex; a reference must end with `;`. Numeric references
/// to 128–159 mean the Windows-1252 character there, as HTML specifies (`&#128;` → `€`).
struct EscapeRepair: Stage {
    let escapes: Bool
    let entities: Bool
    var name: String { RepairStage.stageName }

    func apply(to text: String, context: StageContext) throws(DragomanError) -> StageResult {
        let edits = text.withUTF8Buffer { bytes -> [Edit] in
            var edits: [Edit] = []
            let count = bytes.count
            // Both markers are rare: find each by memchr rather than looking at every byte.
            var nextBackslash = escapes ? ASCIIScan.next(0x5C, in: bytes, from: 0) : count
            var nextAmpersand = entities ? ASCIIScan.next(0x26, in: bytes, from: 0) : count
            var index = 0
            while true {
                if nextBackslash < index { nextBackslash = ASCIIScan.next(0x5C, in: bytes, from: index) }
                if nextAmpersand < index { nextAmpersand = ASCIIScan.next(0x26, in: bytes, from: index) }
                index = min(nextBackslash, nextAmpersand)
                guard index < count else { break }
                let byte = bytes[index]
                if byte == 0x5C, escapes, index + 1 < count, Self.isASCIIPunctuation(bytes[index + 1]) {
                    edits.append(
                        Edit(
                            stage: name, range: index..<index + 2,
                            replacement: String(UnicodeScalar(bytes[index + 1])), data: ["kind": "escape"]))
                    index += 2
                    continue
                }
                if byte == 0x26, entities, let (length, value) = Self.reference(in: bytes, at: index) {
                    edits.append(Edit(stage: name, range: index..<index + length, replacement: value, data: ["kind": "entity"]))
                    index += length
                    continue
                }
                index += 1
            }
            return edits
        }
        return try StageResult(applying: edits, to: text)
    }

    private static func isASCIIPunctuation(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: true
        default: false
        }
    }

    /// The length and text of a character reference starting with `&` at `start`.
    private static func reference(in bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (Int, String)? {
        let limit = min(bytes.count, start + 34)
        var index = start + 1
        guard index < limit else { return nil }
        if bytes[index] == UInt8(ascii: "#") {
            index += 1
            var radix: UInt32 = 10
            if index < limit, bytes[index] | 0x20 == UInt8(ascii: "x") {
                radix = 16
                index += 1
            }
            var value: UInt32 = 0
            var digits = 0
            while index < limit, let digit = hexValue(bytes[index]), digit < radix {
                value = value &* radix &+ digit
                digits += 1
                index += 1
                if digits > 8 { return nil }
            }
            guard digits > 0, index < limit, bytes[index] == UInt8(ascii: ";") else { return nil }
            let mapped = (0x80...0x9F).contains(value) ? LegacyCodePages.windows1252[Int(value - 0x80)] : value
            guard mapped != 0, let scalar = Unicode.Scalar(mapped) else { return nil }
            return (index + 1 - start, String(Character(scalar)))
        }
        let nameStart = index
        while index < limit, isAlphanumeric(bytes[index]) { index += 1 }
        guard index > nameStart, index < limit, bytes[index] == UInt8(ascii: ";") else { return nil }
        let name = String(decoding: UnsafeBufferPointer(rebasing: bytes[nameStart..<index]), as: UTF8.self)
        guard let value = HTMLEntities.table[name] else { return nil }
        return (index + 1 - start, value)
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x61...0x66: UInt32(byte - 0x61 + 10)
        case 0x41...0x46: UInt32(byte - 0x41 + 10)
        default: nil
        }
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
    }
}

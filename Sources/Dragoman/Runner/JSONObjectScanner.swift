/// A strict JSON reader for one JSON Lines record: finds the top-level members of an object and where
/// their values lie, so a record can be rewritten in place and every unknown field kept byte for byte.
///
/// Nested values are validated, not decoded; strings are decoded only when asked.
package struct JSONObjectScanner {
    /// One top-level member.
    package struct Member {
        package var key: String
        /// Byte range of the value in the record.
        package var value: Range<Int>
    }

    /// A syntax error at a byte offset of the record.
    package struct SyntaxError: Error {
        package var message: String
        package var offset: Int
    }

    /// The largest nesting of arrays and objects accepted, so hostile input cannot exhaust the stack.
    package static let maxDepth = 256

    private let bytes: UnsafeBufferPointer<UInt8>
    private var index = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// The members of the JSON object in `bytes`, in order.
    package static func members(of bytes: UnsafeBufferPointer<UInt8>) throws(SyntaxError) -> [Member] {
        var scanner = JSONObjectScanner(bytes)
        // A byte order mark may open a JSON text (RFC 8259 lets a parser ignore it).
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { scanner.index = 3 }
        scanner.skipWhitespace()
        guard scanner.peek == UInt8(ascii: "{") else {
            throw scanner.error(scanner.index < bytes.count ? "expected a JSON object" : "empty record")
        }
        var members: [Member] = []
        try scanner.object(depth: 0, members: &members)
        scanner.skipWhitespace()
        guard scanner.index == bytes.count else { throw scanner.error("unexpected text after the object") }
        return members
    }

    /// Decodes the JSON string whose literal (with quotes) is `range` of `bytes`.
    package static func decodeString(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) throws(SyntaxError) -> String {
        var scanner = JSONObjectScanner(UnsafeBufferPointer(rebasing: bytes[..<range.upperBound]))
        scanner.index = range.lowerBound
        return try scanner.string()
    }

    private var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

    private func error(_ message: String) -> SyntaxError {
        SyntaxError(message: message, offset: min(index, bytes.count))
    }

    private mutating func skipWhitespace() {
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    private mutating func value(depth: Int) throws(SyntaxError) {
        guard depth <= Self.maxDepth else { throw error("nesting deeper than \(Self.maxDepth)") }
        guard let byte = peek else { throw error("expected a value") }
        switch byte {
        case UInt8(ascii: "\""): _ = try string(decode: false)
        case UInt8(ascii: "{"):
            var ignored: [Member]?
            try object(depth: depth, members: &ignored)
        case UInt8(ascii: "["):
            index += 1
            skipWhitespace()
            if peek == UInt8(ascii: "]") {
                index += 1
                return
            }
            while true {
                skipWhitespace()
                try value(depth: depth + 1)
                skipWhitespace()
                if peek == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                guard peek == UInt8(ascii: "]") else { throw error("expected ',' or ']'") }
                index += 1
                return
            }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
        default: throw error("unexpected character")
        }
    }

    /// Reads an object at `index`; records its members (keys decoded) when `members` is non-nil.
    private mutating func object(depth: Int, members: inout [Member]?) throws(SyntaxError) {
        index += 1  // opening brace
        skipWhitespace()
        if peek == UInt8(ascii: "}") {
            index += 1
            return
        }
        while true {
            skipWhitespace()
            guard peek == UInt8(ascii: "\"") else { throw error("expected a member name in quotes") }
            let key = try string(decode: members != nil)
            skipWhitespace()
            guard peek == UInt8(ascii: ":") else { throw error("expected ':' after member name") }
            index += 1
            skipWhitespace()
            let start = index
            try value(depth: depth + 1)
            members?.append(Member(key: key, value: start..<index))
            skipWhitespace()
            if peek == UInt8(ascii: ",") {
                index += 1
                continue
            }
            guard peek == UInt8(ascii: "}") else { throw error("expected ',' or '}'") }
            index += 1
            return
        }
    }

    private mutating func object(depth: Int, members: inout [Member]) throws(SyntaxError) {
        var collected: [Member]? = []
        try object(depth: depth, members: &collected)
        members = collected ?? []
    }

    private mutating func literal(_ word: StaticString) throws(SyntaxError) {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { throw error("unexpected end of record") }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] {
            throw error("unexpected character")
        }
        index += count
    }

    private mutating func digits() -> Int {
        let start = index
        while let byte = peek, byte >= 0x30 && byte <= 0x39 { index += 1 }
        return index - start
    }

    private mutating func number() throws(SyntaxError) {
        if peek == UInt8(ascii: "-") { index += 1 }
        if peek == UInt8(ascii: "0") {
            index += 1
        } else if digits() == 0 {
            throw error("malformed number")
        }
        if peek == UInt8(ascii: ".") {
            index += 1
            guard digits() > 0 else { throw error("malformed number") }
        }
        if peek == UInt8(ascii: "e") || peek == UInt8(ascii: "E") {
            index += 1
            if peek == UInt8(ascii: "+") || peek == UInt8(ascii: "-") { index += 1 }
            guard digits() > 0 else { throw error("malformed number") }
        }
    }

    /// Reads a string literal at `index`; returns its value when `decode` is true.
    private mutating func string(decode: Bool = true) throws(SyntaxError) -> String {
        index += 1  // opening quote
        var result: [UInt8] = []
        var runStart = index
        while true {
            guard let byte = peek else { throw error("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                if decode { result.append(contentsOf: bytes[runStart..<index]) }
                index += 1
                return decode ? String(decoding: result, as: UTF8.self) : ""
            case UInt8(ascii: "\\"):
                if decode { result.append(contentsOf: bytes[runStart..<index]) }
                index += 1
                guard let escaped = peek else { throw error("unterminated string") }
                index += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): result.append(escaped)
                case UInt8(ascii: "b"): result.append(0x08)
                case UInt8(ascii: "f"): result.append(0x0C)
                case UInt8(ascii: "n"): result.append(0x0A)
                case UInt8(ascii: "r"): result.append(0x0D)
                case UInt8(ascii: "t"): result.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if scalar >= 0xD800 && scalar < 0xDC00 {
                        // A high surrogate must be followed by an escaped low surrogate.
                        if index + 1 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u") {
                            index += 2
                            let low = try hex4()
                            if low >= 0xDC00 && low < 0xE000 {
                                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                            } else {
                                scalar = 0xFFFD
                                index -= 6  // re-read the second escape on its own
                            }
                        } else {
                            scalar = 0xFFFD
                        }
                    } else if scalar >= 0xDC00 && scalar < 0xE000 {
                        scalar = 0xFFFD
                    }
                    if decode {
                        let value = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                        result.append(contentsOf: Array(String(Character(value)).utf8))
                    }
                default:
                    index -= 1
                    throw error("invalid escape")
                }
                runStart = index
            case 0x00..<0x20:
                throw error("control character in string")
            default:
                index += 1
            }
        }
    }

    private mutating func hex4() throws(SyntaxError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw error("incomplete \\u escape") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[index]
            let digit: UInt32
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(byte - 0x30)
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(byte - 0x61 + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(byte - 0x41 + 10)
            default: throw error("invalid \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }
}

/// Writes JSON text into a byte buffer.
package enum JSONWriter {
    /// Appends `text` as a JSON string literal. Non-ASCII text stays UTF-8; control characters,
    /// quotes, backslashes and the line separators U+2028/U+2029 are escaped.
    package static func appendString(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        text.withUTF8Buffer { bytes in
            var runStart = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                var escape: [UInt8]?
                switch byte {
                case UInt8(ascii: "\""): escape = Array(#"\""#.utf8)
                case UInt8(ascii: "\\"): escape = Array(#"\\"#.utf8)
                case 0x0A: escape = Array(#"\n"#.utf8)
                case 0x0D: escape = Array(#"\r"#.utf8)
                case 0x09: escape = Array(#"\t"#.utf8)
                case 0x00..<0x20, 0x7F: escape = Array(hexEscape(UInt32(byte)).utf8)
                case 0xE2 where index + 2 < bytes.count && bytes[index + 1] == 0x80 && (bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9):
                    output.append(contentsOf: bytes[runStart..<index])
                    output.append(contentsOf: Array(hexEscape(bytes[index + 2] == 0xA8 ? 0x2028 : 0x2029).utf8))
                    index += 3
                    runStart = index
                    continue
                default: break
                }
                if let escape {
                    output.append(contentsOf: bytes[runStart..<index])
                    output.append(contentsOf: escape)
                    runStart = index + 1
                }
                index += 1
            }
            output.append(contentsOf: bytes[runStart..<bytes.count])
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func hexEscape(_ value: UInt32) -> String {
        let hex = String(value, radix: 16)
        return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Appends the annotations as a JSON array.
    package static func appendAnnotations(_ annotations: [Annotation], to output: inout [UInt8]) {
        output.append(UInt8(ascii: "["))
        for (index, annotation) in annotations.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            output.append(contentsOf: Array(#"{"stage":"#.utf8))
            appendString(annotation.stage, to: &output)
            output.append(contentsOf: Array(#","start":\#(annotation.start),"end":\#(annotation.end),"source":"#.utf8))
            appendString(annotation.source, to: &output)
            output.append(contentsOf: Array(#","replacement":"#.utf8))
            appendString(annotation.replacement, to: &output)
            output.append(contentsOf: Array(#","data":{"#.utf8))
            for (position, key) in annotation.data.keys.sorted().enumerated() {
                if position > 0 { output.append(UInt8(ascii: ",")) }
                appendString(key, to: &output)
                output.append(UInt8(ascii: ":"))
                appendString(annotation.data[key] ?? "", to: &output)
            }
            output.append(contentsOf: Array("}}".utf8))
        }
        output.append(UInt8(ascii: "]"))
    }
}

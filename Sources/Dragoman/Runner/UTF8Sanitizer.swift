/// Makes a byte stream valid UTF-8, chunk by chunk, whatever the chunk boundaries.
///
/// Each maximal ill-formed subsequence becomes one U+FFFD (Unicode's recommended practice, the same
/// as Swift's `String(decoding:as:)` and the WHATWG decoder), and its offset in the stream is reported.
/// A sequence cut by the end of a chunk is held back until the next chunk completes or breaks it.
package struct UTF8Sanitizer {
    /// Stream offset of the first byte not yet consumed (including held-back bytes).
    package private(set) var offset = 0
    private var carry: [UInt8] = []

    package init() {}

    /// Appends the valid UTF-8 form of `chunk` to `output`, calling `invalid` with the stream offset of
    /// each ill-formed subsequence (in order). If `invalid` throws, output holds everything before
    /// that offset and the sanitizer must not be used again.
    package mutating func feed<E: Error>(
        _ chunk: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], invalid: (Int) throws(E) -> Void
    ) throws(E) {
        if carry.isEmpty {
            try process(chunk, into: &output, final: false, invalid: invalid)
        } else {
            let joined = carry + chunk
            carry.removeAll(keepingCapacity: true)
            offset -= joined.count - chunk.count
            try joined.withUnsafeBufferPointer { (buffer) throws(E) in
                try process(buffer, into: &output, final: false, invalid: invalid)
            }
        }
    }

    /// Ends the stream: bytes still held back are an incomplete sequence.
    package mutating func finish<E: Error>(into output: inout [UInt8], invalid: (Int) throws(E) -> Void) throws(E) {
        guard !carry.isEmpty else { return }
        let rest = carry
        carry.removeAll()
        offset -= rest.count
        try rest.withUnsafeBufferPointer { (buffer) throws(E) in
            try process(buffer, into: &output, final: true, invalid: invalid)
        }
    }

    private static let replacement: [UInt8] = [0xEF, 0xBF, 0xBD]

    private mutating func process<E: Error>(
        _ bytes: UnsafeBufferPointer<UInt8>, into output: inout [UInt8], final: Bool, invalid: (Int) throws(E) -> Void
    ) throws(E) {
        let count = bytes.count
        var index = 0
        var copied = 0  // bytes[copied..<index] are valid and not yet appended
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                // ASCII runs dominate news text: skip them eight bytes at a time.
                index = ASCIIScan.firstNonASCII(in: bytes, from: index + 1)
                continue
            }
            // Two-byte letters (Latin, Cyrillic, Armenian) without the general checks below.
            if lead >= 0xC2 && lead <= 0xDF && index + 1 < count && bytes[index + 1] & 0xC0 == 0x80 {
                index += 2
                continue
            }
            let needed: Int
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: needed = 1
            case 0xE0: needed = 2; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: needed = 2
            case 0xED: needed = 2; high = 0x9F
            case 0xF0: needed = 3; low = 0x90
            case 0xF1...0xF3: needed = 3
            case 0xF4: needed = 3; high = 0x8F
            default: needed = 0
            }
            var length = 1
            var valid = needed > 0
            if valid {
                while length <= needed {
                    guard index + length < count else { break }
                    let byte = bytes[index + length]
                    let (min, max) = length == 1 ? (low, high) : (UInt8(0x80), UInt8(0xBF))
                    guard byte >= min && byte <= max else {
                        valid = false
                        break
                    }
                    length += 1
                }
                if valid && length <= needed {
                    // Cut by the end of the chunk: hold it back, unless the stream ends here.
                    if !final {
                        output.append(contentsOf: bytes[copied..<index])
                        carry.append(contentsOf: bytes[index..<count])
                        offset += count
                        return
                    }
                    valid = false
                }
            }
            if valid {
                index += length
                continue
            }
            output.append(contentsOf: bytes[copied..<index])
            try invalid(offset + index)
            output.append(contentsOf: Self.replacement)
            index += length
            copied = index
        }
        output.append(contentsOf: bytes[copied..<count])
        offset += count
    }
}

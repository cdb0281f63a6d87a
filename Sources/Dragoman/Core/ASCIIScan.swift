#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Byte-speed scanning for stages whose work is rare: most of a news text is ASCII, and most of it
/// needs nothing.
package enum ASCIIScan {
    /// The index of the first byte at or after `start` that is not ASCII (or `bytes.count`),
    /// checking eight bytes at a time.
    @inlinable
    package static func firstNonASCII(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        first(in: bytes, from: start, marking: { $0 }, where: { $0 >= 0x80 })
    }

    /// The index of the first byte at or after `start` that is not an ASCII letter (or `bytes.count`),
    /// checking eight bytes at a time: the end of a word's ASCII run in a dozen instructions, not
    /// a dozen per letter.
    @inlinable
    package static func firstNonLetter(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        first(in: bytes, from: start, marking: { word in
            // Each byte without its high bit, lower-cased: 0x20...0x7F, so adding 0x1F or 0x05
            // carries into no other byte, and sets the high bit from `a` and from `{` respectively.
            let lower = word & 0x7F7F_7F7F_7F7F_7F7F | 0x2020_2020_2020_2020
            let letters = (lower &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(lower &+ 0x0505_0505_0505_0505) & ~word
            return ~letters
        }, where: { !isLetter($0) })
    }

    /// The index of the first byte at or after `start` that is an ASCII capital or not ASCII (or
    /// `bytes.count`), checking eight bytes at a time: where a capitalized word may start.
    @inlinable
    package static func firstCapitalOrNonASCII(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        first(in: bytes, from: start, marking: { word in
            // Each byte without its high bit: adding 0x3F or 0x25 carries into no other byte, and
            // sets the high bit from `A` and from `[` respectively.
            let low = word & 0x7F7F_7F7F_7F7F_7F7F
            return (low &+ 0x3F3F_3F3F_3F3F_3F3F) & ~(low &+ 0x2525_2525_2525_2525) | word
        }, where: { $0 &- 0x41 < 26 || $0 >= 0x80 })
    }

    /// The index of the first ASCII digit at or after `start` (or `bytes.count`), checking eight
    /// bytes at a time: most of a text is no digit (byte by byte, the money stage's search was
    /// some 20 M instructions on 4 MB of the benchmark corpus).
    @inlinable
    package static func firstDigit(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        first(in: bytes, from: start, marking: { word in
            // XOR with "0" makes exactly the digits 0...9; a borrow from subtracting 10 starts only
            // at a byte below 10, so the lowest byte marked is a digit.
            let digits = word ^ 0x3030_3030_3030_3030
            return (digits &- 0x0A0A_0A0A_0A0A_0A0A) & ~digits
        }, where: { $0 &- 0x30 < 10 })
    }

    /// The index of the first byte at or after `start` that `found` says is one (or `bytes.count`):
    /// eight bytes at a time by `mark`, which sets the high bit of each byte sought in a
    /// little-endian load (other bits are ignored), then byte by byte at the end.
    @inlinable @inline(__always)
    static func first(
        in bytes: UnsafeBufferPointer<UInt8>, from start: Int, marking mark: (UInt64) -> UInt64, where found: (UInt8) -> Bool
    ) -> Int {
        guard let base = bytes.baseAddress else { return bytes.count }
        var index = start
        let count = bytes.count
        while index + 8 <= count {
            let marked = mark(UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))) & 0x8080_8080_8080_8080
            if marked != 0 { return index + marked.trailingZeroBitCount / 8 }
            index += 8
        }
        while index < count && !found(bytes[index]) { index += 1 }
        return index
    }

    /// The index of the next occurrence of `byte` at or after `start` (or `bytes.count`), by `memchr`.
    @inlinable
    package static func next(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress, start < bytes.count else { return bytes.count }
        guard let found = memchr(base + start, Int32(byte), bytes.count - start) else { return bytes.count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }

    /// The index of the first of two spaces (U+0020) in a row at or after `start` (or `bytes.count`),
    /// eight bytes at a time: a search for single spaces stopped at every word.
    @inlinable
    package static func nextSpacePair(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress else { return bytes.count }
        var index = start
        let count = bytes.count
        // Loads overlap by a byte, so a pair across two loads is inside the next one.
        while index + 8 <= count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            // High bit of each byte that is a space (exact: no borrow from a neighbouring byte).
            let difference = word ^ 0x2020_2020_2020_2020
            let spaces = ~((difference & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F | difference | 0x7F7F_7F7F_7F7F_7F7F)
            let pairs = spaces & (spaces >> 8)
            if pairs != 0 { return index + pairs.trailingZeroBitCount / 8 }
            index += 7
        }
        while index + 1 < count {
            if bytes[index] == 0x20 && bytes[index + 1] == 0x20 { return index }
            index += 1
        }
        return count
    }

    @inlinable
    package static func isLetter(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return lower >= 0x61 && lower <= 0x7A
    }
}

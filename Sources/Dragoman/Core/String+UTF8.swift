extension String {
    /// A string of bytes the caller vouches are valid UTF-8: cut from valid text at scalar
    /// boundaries and joined, or made valid by ``UTF8Sanitizer``. They are copied without being
    /// validated again (measured: validation was a tenth of the default pipeline's instructions,
    /// once per stage that changed a record). Debug builds check the vouch.
    package init(validUTF8 bytes: UnsafeBufferPointer<UInt8>) {
        assert(String(validating: bytes, as: UTF8.self) != nil, "bytes vouched for as UTF-8 are not")
        #if canImport(Darwin)
        guard #available(macOS 26, iOS 26, tvOS 26, watchOS 26, visionOS 26, *) else {
            self = String(decoding: bytes, as: UTF8.self)
            return
        }
        #endif
        self = unsafe String(copying: UTF8Span(unchecked: bytes.span))
    }

    /// Calls `body` with the string's UTF-8 bytes, contiguous (native Swift strings already are, so no
    /// copy is made on the usual path).
    @inlinable
    package func withUTF8Buffer<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        var copy = self
        return try copy.withUTF8(body)
    }

    /// The Unicode scalar offsets of the given UTF-8 offsets, computed in one pass. Offsets must lie on
    /// scalar boundaries; each is counted as the number of scalars that start before it.
    package func scalarOffsets(forUTF8Offsets offsets: [Int]) -> [Int] {
        guard !offsets.isEmpty else { return [] }
        let order = offsets.indices.sorted { offsets[$0] < offsets[$1] }
        var result = [Int](repeating: 0, count: offsets.count)
        withUTF8Buffer { bytes in
            var scalars = 0
            var position = 0
            for index in order {
                let target = Swift.min(offsets[index], bytes.count)
                while position < target {
                    if bytes[position] & 0xC0 != 0x80 { scalars += 1 }
                    position += 1
                }
                result[index] = scalars
            }
        }
        return result
    }

    /// The text of a UTF-8 byte range (clamped to the string).
    package func utf8Slice(_ range: Range<Int>) -> String {
        withUTF8Buffer { bytes in
            let lower = Swift.min(Swift.max(range.lowerBound, 0), bytes.count)
            let upper = Swift.min(Swift.max(range.upperBound, lower), bytes.count)
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[lower..<upper]), as: UTF8.self)
        }
    }
}

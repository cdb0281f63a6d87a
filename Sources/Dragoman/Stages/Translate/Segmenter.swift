internal import CICU

/// Cuts a record into the pieces an engine translates: its sentences, by ICU's sentence break
/// iterator, without the white space around them.
///
/// An engine never sees a whole article as one line (engines degrade on long input, and one bad
/// sentence then costs only itself). A boundary inside a protected span is ignored, so a span is
/// always inside one segment and its placeholder reaches the engine with its sentence. ICU breaks
/// after every line break (UAX #29 rule SB4), and the white space trimmed from each end includes line
/// breaks, so no segment contains `\n` or `\r`: the `lines` protocol relies on that.
struct Segmenter: Sendable {
    /// The ICU locale ID for the sentence rules (e.g. `ru_RU`), which know a language's abbreviations.
    var locale: String

    /// UTF-8 ranges of the segments of `text`, in order; `protected` are sorted, disjoint UTF-8 ranges
    /// that no segment boundary may cut.
    func segments(of text: String, protecting protected: [Range<Int>]) throws(DragomanError) -> [Range<Int>] {
        let units = UTF16Text.units(text)
        guard !units.isEmpty else { return [] }
        var breaks = [Int32](repeating: 0, count: units.count + 1)
        var count: Int32 = 0
        let status = units.withUnsafeBufferPointer { source in
            breaks.withUnsafeMutableBufferPointer { target in
                cicu_sentence_breaks(source.baseAddress, Int32(source.count), locale, target.baseAddress, Int32(target.count), &count)
            }
        }
        if ICUError.isFailure(status) { throw .icu(ICUError(code: status, operation: "sentence break iterator")) }
        let boundaries = Self.utf8Offsets(text, utf16: breaks.prefix(Int(min(count, Int32(breaks.count)))))

        let bytes = Array(text.utf8)
        var segments: [Range<Int>] = []
        var start = 0
        var spanIndex = 0
        for boundary in boundaries {
            while spanIndex < protected.count, protected[spanIndex].upperBound <= boundary { spanIndex += 1 }
            if spanIndex < protected.count, protected[spanIndex].lowerBound < boundary { continue }
            if let trimmed = Self.trimmed(bytes, start..<boundary) { segments.append(trimmed) }
            start = boundary
        }
        if start < bytes.count, let trimmed = Self.trimmed(bytes, start..<bytes.count) { segments.append(trimmed) }
        return segments
    }

    /// `range` without ASCII white space at either end, or nil when nothing is left.
    private static func trimmed(_ bytes: [UInt8], _ range: Range<Int>) -> Range<Int>? {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, isSpace(bytes[lower]) { lower += 1 }
        while upper > lower, isSpace(bytes[upper - 1]) { upper -= 1 }
        return lower < upper ? lower..<upper : nil
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    /// Converts ascending UTF-16 offsets to UTF-8 offsets in one pass over the scalars.
    private static func utf8Offsets(_ text: String, utf16 offsets: ArraySlice<Int32>) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(offsets.count)
        var next = offsets.startIndex
        var utf16 = 0
        var utf8 = 0
        for scalar in text.unicodeScalars {
            while next < offsets.endIndex, Int(offsets[next]) <= utf16 {
                result.append(utf8)
                next += 1
            }
            utf16 += scalar.utf16.count
            utf8 += scalar.utf8.count
        }
        while next < offsets.endIndex {
            result.append(utf8)
            next += 1
        }
        return result
    }
}

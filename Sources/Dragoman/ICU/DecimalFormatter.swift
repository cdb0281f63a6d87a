internal import CICU

/// ICU's number formatter (`unumf`) for one locale, formatting exact decimals.
///
/// Concurrency: ICU's `UNumberFormatter` is immutable and thread-safe once opened, so one instance
/// serves every thread; each call uses its own result object.
public final class DecimalFormatter: @unchecked Sendable {
    /// The ICU locale ID, e.g. `en_US`.
    public let locale: String
    /// Formatters by number of fraction digits shown (0…maxFractionDigits).
    private let handles: [OpaquePointer]
    public static let maxFractionDigits = 6

    /// Opens formatters for `locale` with grouping as the locale writes it and exactly the fraction
    /// digits a number has (no rounding, no padding).
    public init(locale: String) throws(ICUError) {
        self.locale = locale
        var handles: [OpaquePointer] = []
        for digits in 0...Self.maxFractionDigits {
            let skeleton = digits == 0 ? "precision-integer" : "." + String(repeating: "0", count: digits)
            let units = UTF16Text.units(skeleton)
            var handle: OpaquePointer?
            let status = units.withUnsafeBufferPointer { buffer in
                cicu_numfmt_open(buffer.baseAddress, Int32(buffer.count), locale, &handle)
            }
            guard !ICUError.isFailure(status), let handle else {
                handles.forEach { cicu_numfmt_close($0) }
                throw ICUError(code: status, operation: "open number formatter '\(skeleton)' for \(locale)")
            }
            handles.append(handle)
        }
        self.handles = handles
        self.separators = Self.plainSeparators(handles: handles, locale: locale).map { (Array($0.group.utf8), Array($0.decimal.utf8)) }
    }

    /// The grouping and decimal separators, when the locale writes numbers the plain way: ASCII
    /// digits, groups of three from the first thousand on, one separator scalar each. Then
    /// ``format(_:)`` writes them itself, as ICU would (checked at opening on probe numbers, and
    /// by a test against ICU for every language); otherwise (Indian grouping, a minimum of two
    /// grouping digits, native digits) every number goes to ICU. As UTF-8.
    private let separators: (group: [UInt8], decimal: [UInt8])?

    /// Whether ``format(_:)`` writes plain decimals itself.
    var writesPlainNumbers: Bool { separators != nil }

    private static func plainSeparators(handles: [OpaquePointer], locale: String) -> (group: String, decimal: String)? {
        guard handles.count > 1, let thousands = try? icuFormat("1234", handle: handles[0], locale: locale),
            let sample = try? icuFormat("1234567.5", handle: handles[1], locale: locale)
        else {
            return nil
        }
        // "1234567.5" → 1 G 234 G 567 D 5, and "1234" → 1 G 234.
        let scalars = Array(sample.unicodeScalars)
        guard scalars.count == 11 else { return nil }
        let group = String(scalars[1])
        let decimal = String(scalars[9])
        guard group != decimal, sample == "1\(group)234\(group)567\(decimal)5", thousands == "1\(group)234",
            !group.unicodeScalars.contains(where: { $0.properties.numericType != nil })
        else { return nil }
        return (group, decimal)
    }

    /// A plain decimal (`0`, `1234`, `12.50`: ASCII digits, no sign, no leading zero, at most
    /// ``maxFractionDigits`` fraction digits) written with the locale's separators; nil for others.
    private func plainFormat(_ decimal: String) -> String? {
        guard let separators else { return nil }
        var decimal = decimal
        return decimal.withUTF8 { digits in
            guard let (integer, length) = Self.plainLayout(digits, separators: separators) else { return nil }
            // Written as bytes into the string's own storage: appended scalar by scalar, this was
            // some 2,000 instructions a number.
            return String(unsafeUninitializedCapacity: length) { output in
                var written = 0
                Self.writePlain(digits, integer: integer, separators: separators) { byte in
                    output[written] = byte
                    written += 1
                }
                return written
            }
        }
    }

    /// For a plain decimal, the number of its integer digits and the length of its formatted
    /// UTF-8; nil for other decimals.
    private static func plainLayout(_ digits: UnsafeBufferPointer<UInt8>, separators: (group: [UInt8], decimal: [UInt8])) -> (integer: Int, length: Int)? {
        var integer = 0
        var fraction = -1
        for byte in digits {
            if byte == UInt8(ascii: ".") {
                guard fraction < 0, integer > 0 else { return nil }
                fraction = 0
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                if fraction >= 0 { fraction += 1 } else { integer += 1 }
            } else {
                return nil
            }
        }
        guard integer > 0, fraction != 0, fraction <= maxFractionDigits, integer == 1 || digits[0] != UInt8(ascii: "0") else { return nil }
        let length = integer + (integer - 1) / 3 * separators.group.count + (fraction > 0 ? separators.decimal.count + fraction : 0)
        return (integer, length)
    }

    /// Writes a plain decimal of `integer` integer digits with the separators, byte by byte.
    @inline(__always)
    private static func writePlain(
        _ digits: UnsafeBufferPointer<UInt8>, integer: Int, separators: (group: [UInt8], decimal: [UInt8]), _ write: (UInt8) -> Void
    ) {
        for position in 0..<digits.count {
            if position < integer {
                if position > 0 && (integer - position) % 3 == 0 {
                    for byte in separators.group { write(byte) }
                }
                write(digits[position])
            } else if position == integer {
                for byte in separators.decimal { write(byte) }
            } else {
                write(digits[position])
            }
        }
    }

    deinit {
        handles.forEach { cicu_numfmt_close($0) }
    }

    /// Formats a decimal written in ASCII (`1234.50`): the fraction digits are kept as written.
    public func format(_ decimal: String) throws(ICUError) -> String {
        if let plain = plainFormat(decimal) { return plain }
        return try formatWithICU(decimal)
    }

    /// ``format(_:)`` appended to `output` as UTF-8: the money stage writes each replacement into
    /// one buffer, not string by string.
    func format(_ decimal: String, appendingTo output: inout [UInt8]) throws(ICUError) {
        if let separators {
            var decimal = decimal
            let plain = decimal.withUTF8 { digits in
                guard let (integer, _) = Self.plainLayout(digits, separators: separators) else { return false }
                Self.writePlain(digits, integer: integer, separators: separators) { output.append($0) }
                return true
            }
            if plain { return }
        }
        output.append(contentsOf: try formatWithICU(decimal).utf8)
    }

    /// ``format(_:)`` by ICU alone (for tests of the plain path).
    func formatWithICU(_ decimal: String) throws(ICUError) -> String {
        let fraction = decimal.utf8.firstIndex(of: UInt8(ascii: ".")).map { decimal.utf8.distance(from: $0, to: decimal.utf8.endIndex) - 1 } ?? 0
        return try Self.icuFormat(decimal, handle: handles[min(fraction, Self.maxFractionDigits)], locale: locale)
    }

    private static func icuFormat(_ decimal: String, handle: OpaquePointer, locale: String) throws(ICUError) -> String {
        // A formatted amount fits 512 bytes unless it has some hundred digits; then ICU says how
        // many bytes it needs, and the call is made again with that many.
        var capacity = 512
        var result: Result<String, ICUError> = .failure(ICUError(code: 0, operation: "format \(decimal) for \(locale)"))
        for _ in 0..<2 {
            var needed: Int32 = 0
            result = decimal.withUTF8Buffer { digits in
                withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { output in
                    let status = digits.withMemoryRebound(to: CChar.self) { chars in
                        cicu_numfmt_format_decimal_utf8(handle, chars.baseAddress, Int32(chars.count), output.baseAddress, Int32(output.count), &needed)
                    }
                    guard !ICUError.isFailure(status), Int(needed) <= output.count else {
                        return .failure(ICUError(code: status, operation: "format \(decimal) for \(locale)"))
                    }
                    return .success(String(decoding: UnsafeBufferPointer(rebasing: output[0..<Int(needed)]), as: UTF8.self))
                }
            }
            guard case .failure = result, Int(needed) > capacity else { break }
            capacity = Int(needed)
        }
        return try result.get()
    }
}

/// Currency names from CLDR, through ICU (`ucurr`).
public enum CurrencyNames {
    /// CLDR currency name forms.
    public enum Style: Int32, Sendable {
        case symbol = 0, longName = 1, narrowSymbol = 2
    }

    /// A currency's symbol or name in a locale, e.g. (`EUR`, `en_US`, symbol) → `€`.
    public static func name(of isoCode: String, locale: String, style: Style) -> String? {
        read { buffer, capacity in cicu_currency_name(isoCode, locale, style.rawValue, nil, buffer, capacity) }
    }

    /// The long name for a plural category (`one`, `few`, `many`, `other`), e.g. (`USD`, `ru_RU`,
    /// `many`) → `долларов США`.
    public static func pluralName(of isoCode: String, locale: String, category: String) -> String? {
        read { buffer, capacity in cicu_currency_name(isoCode, locale, 1, category, buffer, capacity) }
    }

    /// The ISO 4217 codes ICU knows, in ICU's order: every one, historical included (`FRF`), or
    /// with `current` only the common ones in use (`USD`, `KZT`).
    public static func isoCodes(current: Bool = false) -> [String] {
        var buffer = [CChar](repeating: 0, count: 3 * 400)
        let count = buffer.withUnsafeMutableBufferPointer { pointer -> Int32 in
            guard let base = pointer.baseAddress else { return -1 }
            return cicu_currency_codes(current ? 1 : 0, base, Int32(pointer.count))
        }
        guard count > 0 else { return [] }
        let known = min(Int(count), buffer.count / 3)
        return (0..<known).map { index in
            String(decoding: buffer[index * 3..<index * 3 + 3].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    private static func read(_ call: (UnsafeMutablePointer<UInt16>, Int32) -> Int32) -> String? {
        var buffer = [UInt16](repeating: 0, count: 128)
        let length = buffer.withUnsafeMutableBufferPointer { pointer -> Int32 in
            guard let base = pointer.baseAddress else { return -1 }
            return call(base, Int32(pointer.count))
        }
        guard length > 0 && length <= 128 else { return nil }
        return UTF16Text.string(Array(buffer[0..<Int(length)]))
    }
}

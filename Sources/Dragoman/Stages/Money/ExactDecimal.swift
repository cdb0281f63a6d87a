/// A decimal number kept exactly as digits: amounts are never binary floating point
/// (`1250.50` stays `1250.50`).
public struct ExactDecimal: Sendable, Hashable, CustomStringConvertible {
    /// Digits before the point, without leading zeros (`"0"` for zero).
    public private(set) var integer: String
    /// Digits after the point, as written (may end in zeros).
    public private(set) var fraction: String

    public init(integer: String, fraction: String = "") {
        let trimmed = integer.drop { $0 == "0" }
        self.integer = trimmed.isEmpty ? "0" : String(trimmed)
        self.fraction = fraction
    }

    /// The digits of `integer` (its other bytes, separators, left out) and of `fraction` in
    /// `bytes`: the strings are built from the bytes, with no array or string per digit group
    /// (this runs for every amount of every record).
    init(digits bytes: UnsafeBufferPointer<UInt8>, integer: Range<Int>, fraction: Range<Int>?) {
        var start = integer.lowerBound
        while start < integer.upperBound, bytes[start] < 0x31 || bytes[start] > 0x39 { start += 1 }  // leading zeros, separators
        let digits = bytes[start..<integer.upperBound].count { $0 >= 0x30 && $0 <= 0x39 }
        self.integer = digits == 0 ? "0" : String(unsafeUninitializedCapacity: digits) { buffer in
            var written = 0
            for byte in bytes[start..<integer.upperBound] where byte >= 0x30 && byte <= 0x39 {
                buffer[written] = byte
                written += 1
            }
            return written
        }
        self.fraction = fraction.map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) } ?? ""
    }

    /// Multiplied by 10^power: the point moves right, digits are never lost.
    public func scaled(byPowerOfTen power: Int) -> ExactDecimal {
        guard power > 0 else { return self }
        let moved = fraction.prefix(power)
        let rest = String(fraction.dropFirst(power))
        let padding = String(repeating: "0", count: max(0, power - moved.count))
        // Trailing zeros of a fraction that became integer digits carry no meaning any more.
        let remaining = rest.allSatisfy { $0 == "0" } ? "" : rest
        return ExactDecimal(integer: integer + moved + padding, fraction: remaining)
    }

    /// Divided by 10^power: the point moves left (`50` → `0.50` for power 2), digits are never lost.
    public func divided(byPowerOfTen power: Int) -> ExactDecimal {
        guard power > 0 else { return self }
        let digits = integer == "0" ? "" : integer
        let padded = String(repeating: "0", count: max(0, power - digits.count)) + digits
        let cut = padded.index(padded.endIndex, offsetBy: -power)
        return ExactDecimal(integer: String(padded[..<cut]), fraction: String(padded[cut...]) + fraction)
    }

    /// The exact sum (`4000000000` + `465700000`); the fraction keeps the longer one's digits.
    public func adding(_ other: ExactDecimal) -> ExactDecimal {
        let fractionLength = max(fraction.utf8.count, other.fraction.utf8.count)
        func digits(_ value: ExactDecimal) -> [UInt8] {
            Array((value.integer + value.fraction + String(repeating: "0", count: fractionLength - value.fraction.utf8.count)).utf8)
        }
        var left = digits(self)
        var right = digits(other)
        if left.count < right.count { swap(&left, &right) }
        right = [UInt8](repeating: 0x30, count: left.count - right.count) + right
        var sum = [UInt8](repeating: 0x30, count: left.count)
        var carry: UInt8 = 0
        for index in stride(from: left.count - 1, through: 0, by: -1) {
            let digit = (left[index] - 0x30) + (right[index] - 0x30) + carry
            sum[index] = 0x30 + digit % 10
            carry = digit / 10
        }
        if carry > 0 { sum.insert(0x30 + carry, at: 0) }
        let cut = sum.count - fractionLength
        return ExactDecimal(integer: String(decoding: sum[..<cut], as: UTF8.self), fraction: String(decoding: sum[cut...], as: UTF8.self))
    }

    /// Whether this is the larger number.
    public func isGreater(than other: ExactDecimal) -> Bool {
        if integer.utf8.count != other.integer.utf8.count { return integer.utf8.count > other.integer.utf8.count }
        if integer != other.integer { return integer > other.integer }
        let length = max(fraction.utf8.count, other.fraction.utf8.count)
        func padded(_ digits: String) -> String { digits + String(repeating: "0", count: length - digits.utf8.count) }
        return padded(fraction) > padded(other.fraction)
    }

    /// The same value without zeros at the end of the fraction (`726.248000` → `726.248`).
    public var withoutTrailingZeros: ExactDecimal {
        var digits = Substring(fraction)
        while digits.last == "0" { digits.removeLast() }
        return ExactDecimal(integer: integer, fraction: String(digits))
    }

    /// How many digits the integer part has (0 for a value below one): a part of an amount in
    /// several parts (`465,7` in `4 milyard 465,7 milyon`) must be below the power of ten before it.
    public var integerDigits: Int { integer == "0" ? 0 : integer.utf8.count }

    /// `1500000000`, `1250.50`: no exponent, no grouping.
    public var description: String {
        fraction.isEmpty ? integer : integer + "." + fraction
    }

    public var isOne: Bool { integer == "1" && fraction.allSatisfy { $0 == "0" } }
}

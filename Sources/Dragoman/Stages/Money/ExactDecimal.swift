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

    /// `1500000000`, `1250.50`: no exponent, no grouping.
    public var description: String {
        fraction.isEmpty ? integer : integer + "." + fraction
    }

    public var isOne: Bool { integer == "1" && fraction.allSatisfy { $0 == "0" } }
}

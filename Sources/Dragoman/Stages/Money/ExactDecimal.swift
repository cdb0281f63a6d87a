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

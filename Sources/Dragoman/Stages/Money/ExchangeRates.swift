internal import Foundation

/// Reference exchange rates against one base currency for one date, read from a CSV in the ECB's
/// reference-rate layout: a header `Date,USD,JPY,…` and rows `2021-09-21,1.1711,…`, each rate the
/// price of one euro. With several rows, the latest date is used. `N/A` and empty cells are skipped.
public struct ExchangeRates: Sendable, Hashable {
    /// The currency the rates are quoted against (EUR for the ECB).
    public var base: String
    /// The date of the rates, as written (`2021-09-21`).
    public var date: String
    /// Units of each currency per one unit of `base`, as written (exact decimal strings).
    public var rates: [String: String]

    public init(base: String = "EUR", date: String, rates: [String: String]) {
        self.base = base
        self.date = date
        self.rates = rates
    }

    /// Parses the CSV text; `path` names it in errors.
    public init(csv: String, path: String, base: String = "EUR") throws(DragomanError) {
        let lines = csv.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) } }
        guard let header = lines.first, header.first?.lowercased() == "date" else {
            throw .invalidConfiguration("a rates file starts with a header 'Date,USD,…'", at: SourceLocation(path: path, line: 1, column: 1))
        }
        var best: (date: String, row: [String], line: Int)?
        for (number, row) in lines.enumerated().dropFirst() where !row.isEmpty && !row[0].isEmpty {
            if best == nil || row[0] > best?.date ?? "" { best = (row[0], row, number + 1) }
        }
        guard let best else { throw .invalidConfiguration("the rates file has no rows", at: SourceLocation(path: path, line: 2)) }
        var rates: [String: String] = [base: "1"]
        for (index, code) in header.enumerated().dropFirst() where code.count == 3 && index < best.row.count {
            let value = best.row[index]
            if value.isEmpty || value == "N/A" { continue }
            guard Decimal(string: value, locale: Locale(identifier: "en_US_POSIX")) != nil else {
                throw .invalidConfiguration("rate '\(value)' for \(code) is not a number", at: SourceLocation(path: path, line: best.line))
            }
            rates[code] = value
        }
        self.init(base: base, date: best.date, rates: rates)
    }

    /// `amount` in `currency` converted to `target`, rounded to whole units; nil when a rate is missing.
    public func convert(_ amount: ExactDecimal, from currency: String, to target: String) -> ExactDecimal? {
        let posix = Locale(identifier: "en_US_POSIX")
        guard let from = rates[currency].flatMap({ Decimal(string: $0, locale: posix) }),
            let to = rates[target].flatMap({ Decimal(string: $0, locale: posix) }),
            let value = Decimal(string: amount.description, locale: posix), from != 0
        else { return nil }
        var converted = value / from * to
        var rounded = Decimal()
        NSDecimalRound(&rounded, &converted, 0, .plain)
        return ExactDecimal(integer: NSDecimalNumber(decimal: rounded).stringValue)
    }
}

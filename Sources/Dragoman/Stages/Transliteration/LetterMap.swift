/// A transliteration written as a table of letters: the form of every `english` scheme.
///
/// One table, two engines. ``LetterMapTransliterator`` runs it as compiled Swift (the fast path),
/// and ``icuRules`` writes the same table as ICU transform rules, which ICU's own rule-based
/// transliterator runs as the oracle: tests require both to give identical output. Measured here:
/// ICU 72's transliterator takes a process-wide lock around every call, so it cannot use both cores;
/// the compiled table can.
///
/// Semantics, identical in both engines:
/// - At each position the longest source that matches wins (sources are one or two letters; a
///   two-letter source matches lower-case, title-case or all-capitals, e.g. `ու`, `Ու`, `ՈՒ`).
/// - A rule's `initial` target applies when the letter before it in the *output* is not a letter
///   (word start); otherwise its `target`.
/// - Case: a lower-case source gives the lower-case target; an all-capitals two-letter source gives
///   the target in capitals; a capital letter gives the target in capitals when the output letter
///   before it or the input letter after it is a capital (`ŞUŞA` → `SHUSHA`), otherwise with only
///   its first letter capital (`Şuşa` → `Shusha`).
/// - Combining marks right after a letter a rule rewrites are dropped with it (`Ü` + U+0308 → `U`,
///   `Ч` + U+0307 → `Ch`, a Russian stress mark `а́` → `a`): a rule writes the letter's value in
///   English spelling, in which the mark has no place, and left behind it would land on the new
///   letter, where NFC composes it into one no rule wrote (`Ü`, `ḣ`, `á`), so a second pass would
///   change the text again. Marks after a letter without a rule stay (they are its own), and a
///   mark between the two letters of a two-letter source separates them (`ո` + U+0301 + `ւ` is
///   two rules, not `ու`).
/// - Anything without a rule passes unchanged.
public struct LetterMap: Sendable, Hashable {
    /// One letter (or digraph) and what it becomes.
    public struct Rule: Sendable, Hashable {
        /// Lower-case source, one or two scalars.
        public var source: String
        /// Lower-case target (may be empty: the letter is dropped).
        public var target: String
        /// Target at the start of a word, when it differs.
        public var initial: String?

        public init(_ source: String, _ target: String, initial: String? = nil) {
            self.source = source
            self.target = target
            self.initial = initial
        }
    }

    /// A name for the table, e.g. `hy-english`.
    public var name: String
    public var rules: [Rule]

    public init(name: String, rules: [Rule]) {
        self.name = name
        self.rules = rules
    }

    /// The table as ICU transform rules (one pass), in an order under which ICU's first-match rule
    /// selection gives the semantics above.
    public var icuRules: String {
        Self.variables + passRules
    }

    /// The variables the rules use, defined once per rule set.
    static let variables = "$L = [[:L:][:M:]] ;\n$M = [:M:] ;\n"

    /// The rules of this table alone, without variable definitions (for chains).
    var passRules: String {
        var lines = ["# \(name): generated from Dragoman's LetterMap; do not edit."]
        let ordered = rules.sorted { $0.source.unicodeScalars.count > $1.source.unicodeScalars.count }
        for rule in ordered {
            lines.append(contentsOf: Self.icuLines(for: rule))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func quote(_ text: String) -> String {
        // Nothing at all is ICU's empty replacement ('' would be a literal apostrophe).
        if text.isEmpty { return "" }
        return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
    }

    /// A rule's source as the key of an ICU rule: with the combining marks after it, dropped with it.
    private static func key(_ source: String) -> String {
        quote(source) + " $M*"
    }

    /// How a rule's source appears in text.
    enum SourceForms {
        /// Lower case, and capital forms derived from it.
        case all
        /// Lower case only: the capital form is not one letter (Armenian `և` is `ԵՎ` in capitals).
        case lowerOnly
        /// The source is itself a capital whose lower case has its own rule or none (Turkish `İ`).
        case capitalOnly
    }

    static func forms(of source: String) -> SourceForms {
        if source != source.lowercased() { return .capitalOnly }
        if source.uppercased().unicodeScalars.count != source.unicodeScalars.count { return .lowerOnly }
        return .all
    }

    private static func icuLines(for rule: Rule) -> [String] {
        var lines: [String] = []
        let forms = Self.forms(of: rule.source)
        let lower = rule.source
        let upper = forms == .capitalOnly ? lower : lower.uppercased()
        let title = forms == .capitalOnly ? lower : Self.capitalized(lower)
        let multi = lower.unicodeScalars.count > 1
        // Lower case: the non-initial form first (it has a before-context), then the initial one.
        if forms == .capitalOnly {
            // no lower-case form
        } else if let initial = rule.initial {
            lines.append("$L { \(key(lower)) > \(quote(rule.target)) ;")
            lines.append("\(key(lower)) > \(quote(initial)) ;")
        } else {
            lines.append("\(key(lower)) > \(quote(rule.target)) ;")
        }
        if forms == .lowerOnly { return lines }
        if multi && forms == .all {
            // All capitals: the target in capitals, initial or not.
            if let initial = rule.initial {
                lines.append("$L { \(key(upper)) > \(quote(rule.target.uppercased())) ;")
                lines.append("\(key(upper)) > \(quote(initial.uppercased())) ;")
            } else {
                lines.append("\(key(upper)) > \(quote(rule.target.uppercased())) ;")
            }
        }
        // A capital first letter: capitals beside another capital, else title case.
        let capital = multi ? title : upper
        if let initial = rule.initial {
            lines.append("[:Lu:] { \(key(capital)) > \(quote(rule.target.uppercased())) ;")
            lines.append("$L { \(key(capital)) } [:Lu:] > \(quote(rule.target.uppercased())) ;")
            lines.append("$L { \(key(capital)) > \(quote(capitalized(rule.target))) ;")
            lines.append("\(key(capital)) } [:Lu:] > \(quote(initial.uppercased())) ;")
            lines.append("\(key(capital)) > \(quote(capitalized(initial))) ;")
        } else {
            lines.append("[:Lu:] { \(key(capital)) > \(quote(rule.target.uppercased())) ;")
            lines.append("\(key(capital)) } [:Lu:] > \(quote(rule.target.uppercased())) ;")
            lines.append("\(key(capital)) > \(quote(capitalized(rule.target))) ;")
        }
        return lines
    }

    /// The first scalar in capitals, the rest as is (`sh` → `Sh`, `ye` → `Ye`).
    static func capitalized(_ text: String) -> String {
        guard let first = text.unicodeScalars.first else { return text }
        return String(first).uppercased() + String(text.unicodeScalars.dropFirst())
    }
}

/// Several letter maps run one after another (e.g. Azerbaijani Cyrillic → Latin, then Latin →
/// English), as one scheme.
public struct LetterMapChain: Sendable, Hashable {
    public var passes: [LetterMap]

    public init(_ passes: [LetterMap]) {
        self.passes = passes
    }

    /// ICU rules for the whole chain: the passes' rules separated by `::Null ;`, which makes ICU run
    /// each pass over the whole text before the next.
    public var icuRules: String {
        LetterMap.variables + passes.map(\.passRules).joined(separator: ":: Null ;\n")
    }
}

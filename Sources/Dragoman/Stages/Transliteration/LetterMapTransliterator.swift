/// The compiled form of a ``LetterMap``: a lookup by source letter, with the same semantics as the
/// ICU rules the map generates, at Swift speed and on any number of threads.
public struct LetterMapTransliterator: Sendable {
    /// The rules that start with one scalar, by every case form of that scalar.
    private struct Entry: Sendable {
        /// The second scalar of a two-letter source, and whether this form is the all-capitals one.
        var second: Unicode.Scalar?
        var form: Form
        var target: String
        var initial: String?
    }

    private enum Form: Sendable { case lower, capital, allCapitals }

    private var entries: [UInt32: [Entry]] = [:]

    public init(_ map: LetterMap) {
        // Two-letter sources first: the longest match wins.
        let ordered = map.rules.sorted { $0.source.unicodeScalars.count > $1.source.unicodeScalars.count }
        for rule in ordered {
            let scalars = Array(rule.source.unicodeScalars)
            guard let first = scalars.first else { continue }
            let second = scalars.count > 1 ? scalars[1] : nil
            let forms = LetterMap.forms(of: rule.source)
            if forms == .capitalOnly {
                entries[first.value, default: []].append(Entry(second: second, form: .capital, target: rule.target, initial: rule.initial))
                continue
            }
            entries[first.value, default: []].append(Entry(second: second, form: .lower, target: rule.target, initial: rule.initial))
            if forms == .lowerOnly { continue }
            let upperFirst = Self.upper(first)
            let upperSecond = second.map(Self.upper)
            if let upperSecond {
                entries[upperFirst.value, default: []].append(
                    Entry(second: upperSecond, form: .allCapitals, target: rule.target, initial: rule.initial))
            }
            entries[upperFirst.value, default: []].append(Entry(second: second, form: .capital, target: rule.target, initial: rule.initial))
        }
    }

    private static func upper(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        String(scalar).uppercased().unicodeScalars.first ?? scalar
    }

    /// Whether any rule starts with this scalar (a word without one is left alone).
    public func handles(_ scalar: Unicode.Scalar) -> Bool {
        entries[scalar.value] != nil
    }

    /// Transliterates `scalars`, appending to `output`.
    ///
    /// - Parameter previous: the output scalar before `scalars` (nil at the start of the text), for
    ///   the word-start and capital-neighbour contexts.
    public func transliterate(_ scalars: [Unicode.Scalar], previous: Unicode.Scalar? = nil, into output: inout String.UnicodeScalarView) {
        var last = previous
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            guard let candidates = entries[scalar.value] else {
                output.append(scalar)
                last = scalar
                index += 1
                continue
            }
            var matched: (Entry, Int)?
            for entry in candidates {
                if let second = entry.second {
                    guard index + 1 < scalars.count, scalars[index + 1] == second else { continue }
                    matched = (entry, 2)
                } else {
                    matched = (entry, 1)
                }
                break
            }
            guard let (entry, length) = matched else {
                output.append(scalar)
                last = scalar
                index += 1
                continue
            }
            let atWordStart = !(last.map(Self.isLetterOrMark) ?? false)
            let base = atWordStart ? (entry.initial ?? entry.target) : entry.target
            let replacement: String
            switch entry.form {
            case .lower:
                replacement = base
            case .allCapitals:
                replacement = base.uppercased()
            case .capital:
                let next = index + length < scalars.count ? scalars[index + length] : nil
                let besideCapital = (last.map(Self.isCapital) ?? false) || (next.map(Self.isCapital) ?? false)
                replacement = besideCapital ? base.uppercased() : LetterMap.capitalized(base)
            }
            for produced in replacement.unicodeScalars {
                output.append(produced)
                last = produced
            }
            index += length
        }
    }

    /// ICU's `[[:L:][:M:]]`.
    static func isLetterOrMark(_ scalar: Unicode.Scalar) -> Bool {
        UTF8Decoding.isWordScalar(scalar.value)
    }

    /// ICU's `[:Lu:]`.
    static func isCapital(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 { return scalar.value >= 0x41 && scalar.value <= 0x5A }
        return scalar.properties.generalCategory == .uppercaseLetter
    }
}

/// A compiled ``LetterMapChain``.
public struct LetterMapChainTransliterator: Sendable {
    private let passes: [LetterMapTransliterator]

    public init(_ chain: LetterMapChain) {
        passes = chain.passes.map(LetterMapTransliterator.init)
    }

    /// Whether the first pass has a rule for this scalar.
    public func handles(_ scalar: Unicode.Scalar) -> Bool {
        passes.contains { $0.handles(scalar) }
    }

    /// Transliterates one word (or any text): every pass over the whole input in turn.
    public func transliterate(_ text: String) -> String {
        var scalars = Array(text.unicodeScalars)
        for pass in passes {
            var output = String.UnicodeScalarView()
            pass.transliterate(scalars, into: &output)
            scalars = Array(output)
        }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars)
        return String(result)
    }
}

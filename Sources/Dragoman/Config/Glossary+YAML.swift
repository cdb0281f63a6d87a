extension Glossary {
    /// The glossary as a version 1 glossary file (glossaries/README.md), such that
    /// `Glossary(yaml: glossary.yamlText(), path:)` gives back an equal glossary but for entry
    /// locations and ``path``.
    ///
    /// Every text is double-quoted with YAML escapes, so no name is ever read as a number, a
    /// boolean or a comment. Languages follow ``LanguageTag/allCases`` and styles their names, so
    /// the same glossary always gives the same text. `match` is written only for
    /// diacritics-insensitive glossaries and `case` only for case-sensitive entries.
    ///
    /// - Parameter header: lines written first as `# ` comments (what the file holds, its sources).
    public func yamlText(header: String? = nil) -> String {
        var out = ""
        if let header {
            for line in header.split(separator: "\n", omittingEmptySubsequences: false) {
                let line = line.hasSuffix("\r") ? line.dropLast() : line
                out += line.isEmpty ? "#\n" : "# \(line)\n"
            }
        }
        out += "version: \(Self.currentVersion)\n"
        if !name.isEmpty { out += "name: \(Self.yamlQuoted(name))\n" }
        if diacriticsInsensitive { out += "match:\n  diacritics: insensitive\n" }
        guard !entries.isEmpty else { return out + "entries: []\n" }
        out += "entries:\n"
        for entry in entries {
            out += "  - id: \(Self.yamlQuoted(entry.id))\n"
            out += "    type: \(entry.type.rawValue)\n"
            if entry.names.isEmpty {
                out += "    names: {}\n"
            } else {
                out += "    names:\n"
                for language in LanguageTag.allCases {
                    guard let forms = entry.names[language] else { continue }
                    out += "      \(language.rawValue): [\(forms.map(Self.yamlQuoted).joined(separator: ", "))]\n"
                }
            }
            if !entry.canonical.isEmpty {
                out += "    canonical:\n"
                for language in LanguageTag.allCases {
                    guard let form = entry.canonical[language] else { continue }
                    out += "      \(language.rawValue): \(Self.yamlQuoted(form))\n"
                }
            }
            if !entry.styles.isEmpty {
                out += "    styles:\n"
                for style in entry.styles.keys.sorted() {
                    let forms = entry.styles[style] ?? [:]
                    let pairs = LanguageTag.allCases.compactMap { language in forms[language].map { "\(language.rawValue): \(Self.yamlQuoted($0))" } }
                    out += "      \(Self.yamlQuoted(style)): {\(pairs.joined(separator: ", "))}\n"
                }
            }
            if entry.caseSensitive { out += "    case: sensitive\n" }
            if let note = entry.note { out += "    note: \(Self.yamlQuoted(note))\n" }
        }
        return out
    }

    /// `text` as a YAML double-quoted scalar: `"`, `\` and every character YAML does not allow
    /// printed (C0 and C1 controls, DEL, the byte-order mark, U+FFFE/U+FFFF) or would fold (line
    /// and paragraph separators) escaped.
    static func yamlQuoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            case "\0": out += "\\0"
            default:
                let value = scalar.value
                if value < 0x20 || value == 0x7F || (0x80...0x9F).contains(value) {
                    out += "\\x" + Self.yamlHex(value, digits: 2)
                } else if value == 0x2028 || value == 0x2029 || value == 0xFEFF || value == 0xFFFE || value == 0xFFFF {
                    out += "\\u" + Self.yamlHex(value, digits: 4)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    private static func yamlHex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}

/// The `custom` option of the transliterate stage: a rules file (relative to the config file) or,
/// when no such file exists, an ICU transliterator ID such as `Any-Latin; Latin-ASCII`.
enum CustomRules {
    static func load(_ value: StageSpec.Value) throws(DragomanError) -> TransliterationScheme.CustomTransform {
        let path = resolve(value.text, relativeTo: value.location?.path)
        guard let text = read(path) else {
            return TransliterationScheme.CustomTransform(rules: nil, name: value.text)
        }
        return TransliterationScheme.CustomTransform(rules: text, name: path)
    }

    /// An ICU rule error as `file:line:column` in the rules file, or at the option for an ID.
    static func locate(_ error: ICUError, in value: StageSpec.Value) -> DragomanError {
        let path = resolve(value.text, relativeTo: value.location?.path)
        guard let text = read(path) else {
            return .invalidConfiguration("custom transliterator '\(value.text)': \(error.name)", at: value.location)
        }
        var line = 1
        var column = 1
        if let errorLine = error.line, errorLine > 0 {
            line = errorLine
            column = (error.offset ?? 0) + 1
        } else if let offset = error.offset {
            // ICU gave an offset into the whole rule text (UTF-16 units).
            var consumed = 0
            for scalar in text.unicodeScalars {
                if consumed >= offset { break }
                consumed += scalar.utf16.count
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            }
        }
        return .invalidConfiguration(
            "transliteration rules: \(error.name)", at: SourceLocation(path: path, line: line, column: column))
    }

    private static func resolve(_ path: String, relativeTo config: String?) -> String {
        ConfigFiles.resolve(path, relativeTo: config)
    }

    private static func read(_ path: String) -> String? {
        ConfigFiles.read(path)
    }
}

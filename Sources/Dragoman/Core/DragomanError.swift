/// A place in a file or stream that an error points at: `path:line:column`.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// The file's path as the user gave it, or `<stdin>`.
    public var path: String
    /// 1-based line.
    public var line: Int
    /// 1-based column in Unicode scalars, or `nil` when only the line is known.
    public var column: Int?

    public init(path: String, line: Int, column: Int? = nil) {
        self.path = path
        self.line = line
        self.column = column
    }

    /// `path:line:column`, `path:line`, or just `path` when no line applies (line 0).
    public var description: String {
        guard line > 0 else { return path }
        if let column { return "\(path):\(line):\(column)" }
        return "\(path):\(line)"
    }
}

/// The one error type of the Dragoman library. Each case carries what a person needs to fix the cause.
public enum DragomanError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A language tag that Dragoman does not know.
    case unknownLanguage(String)
    /// A stage name that the stage registry does not know.
    case unknownStage(String, known: [String], at: SourceLocation?)
    /// A configuration or glossary file that cannot be used.
    case invalidConfiguration(String, at: SourceLocation?)
    /// An ICU call failed; see ``ICUError``.
    case icu(ICUError)
    /// A JSON Lines record that is not a JSON object of the expected shape.
    case malformedRecord(String, at: SourceLocation)
    /// Ill-formed UTF-8 met in strict mode; `byteOffset` counts from the start of that input.
    case invalidUTF8(byteOffset: Int, path: String)
    /// A stage returned edits that overlap or fall outside its input (a bug in that stage).
    case invalidEdits(stage: String, reason: String)
    /// Reading or writing failed.
    case io(String, path: String)
    /// A translation engine failed: could not start, crashed, hung or answered out of protocol.
    /// `engine` names it (its program); `message` says what happened and to which segment.
    case engine(String, message: String)
    /// The reader of the output went away (a closed pipe, as with `dragoman … | head`).
    case outputClosed

    public var description: String {
        switch self {
        case .unknownLanguage(let tag):
            let known = LanguageTag.allCases.map(\.rawValue).joined(separator: ", ")
            return "unknown language '\(tag)' (known: \(known), or auto)"
        case .unknownStage(let name, let known, let location):
            return Self.locate(location, "unknown stage '\(name)' (known: \(known.joined(separator: ", ")))")
        case .invalidConfiguration(let message, let location):
            return Self.locate(location, message)
        case .icu(let error):
            return error.description
        case .malformedRecord(let message, let location):
            return "\(location): \(message)"
        case .invalidUTF8(let offset, let path):
            return "\(path): invalid UTF-8 at byte \(offset)"
        case .invalidEdits(let stage, let reason):
            return "stage '\(stage)' returned invalid edits: \(reason)"
        case .io(let message, let path):
            return "\(path): \(message)"
        case .engine(let engine, let message):
            return "translation engine '\(engine)': \(message)"
        case .outputClosed:
            return "output closed"
        }
    }

    private static func locate(_ location: SourceLocation?, _ message: String) -> String {
        guard let location else { return message }
        return "\(location): \(message)"
    }
}

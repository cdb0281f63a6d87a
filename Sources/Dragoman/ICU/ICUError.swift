internal import CICU

/// A failed ICU call: ICU's error name (from `u_errorName`) and, for rule syntax errors, where.
public struct ICUError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The `UErrorCode` value.
    public var code: Int32
    /// ICU's name for the code, e.g. `U_MISSING_SEGMENT_CLOSE`.
    public var name: String
    /// What Dragoman asked ICU to do, e.g. `open transliterator 'Any-Latin'`.
    public var operation: String
    /// For rule errors: 1-based line of the rules, when ICU reports one.
    public var line: Int?
    /// For rule errors: 0-based offset within that line (or within the rules when there is no line).
    public var offset: Int?

    public init(code: Int32, operation: String, line: Int? = nil, offset: Int? = nil) {
        self.code = code
        self.name = String(cString: cicu_error_name(code))
        self.operation = operation
        self.line = line
        self.offset = offset
    }

    public var description: String {
        var text = "ICU error \(name) in \(operation)"
        if let line { text += " at rule line \(line)" }
        if let offset { text += line == nil ? " at offset \(offset)" : ", offset \(offset)" }
        return text
    }

    /// Whether an ICU status code means failure (warnings are negative, success is zero).
    static func isFailure(_ code: Int32) -> Bool { code > CICU_ZERO_ERROR }
}

/// Facts about the linked ICU.
public enum ICU {
    /// The run-time ICU version, e.g. `72.1`.
    public static var version: String {
        var buffer = [CChar](repeating: 0, count: 32)
        cicu_version(&buffer, Int32(buffer.count))
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

internal import CICU

/// An ICU rule-based transliterator (`utrans`), owning its handle.
///
/// Concurrency: a `Transliterator` is deliberately not `Sendable`. ICU transliterators keep mutable
/// state while they run, so one instance must be used by one task at a time. Give each task or thread
/// its own, made with ``clone()`` (cheap: the compiled rules are shared read-only inside ICU).
public final class Transliterator {
    private let handle: OpaquePointer
    /// The ID ICU reports for it, e.g. `Any-Latin;Latin-ASCII`.
    public let id: String

    /// Opens a system or compound transliterator by ID, e.g. `Any-Latin; Latin-ASCII` or
    /// `Armenian-Latin/BGN`.
    public convenience init(id: String, reverse: Bool = false) throws(ICUError) {
        try self.init(id: id, rules: nil, reverse: reverse)
    }

    /// Compiles transliteration `rules` (ICU rule syntax) under the name `id`.
    ///
    /// - Throws: ``ICUError`` with the rule line and offset ICU reports for a syntax error.
    public convenience init(rules: String, id: String = "Dragoman-Custom", reverse: Bool = false) throws(ICUError) {
        try self.init(id: id, rules: rules, reverse: reverse)
    }

    private init(id: String, rules: String?, reverse: Bool) throws(ICUError) {
        let idUnits = UTF16Text.units(id)
        let ruleUnits = rules.map(UTF16Text.units)
        var result: OpaquePointer?
        var line: Int32 = 0
        var offset: Int32 = 0
        let status = idUnits.withUnsafeBufferPointer { idBuffer -> Int32 in
            if let ruleUnits {
                // An empty rule set still needs a non-null pointer to mean "rules".
                let padded = ruleUnits.isEmpty ? [UInt16(0)] : ruleUnits
                return padded.withUnsafeBufferPointer { ruleBuffer in
                    cicu_translit_open(
                        idBuffer.baseAddress, Int32(idBuffer.count), ruleBuffer.baseAddress, Int32(ruleUnits.count),
                        reverse ? 1 : 0, &result, &line, &offset)
                }
            }
            return cicu_translit_open(idBuffer.baseAddress, Int32(idBuffer.count), nil, 0, reverse ? 1 : 0, &result, &line, &offset)
        }
        let operation = rules == nil ? "open transliterator '\(id)'" : "compile transliteration rules '\(id)'"
        guard !ICUError.isFailure(status), let result else {
            throw ICUError(
                code: status, operation: operation, line: line > 0 ? Int(line) : nil,
                offset: rules != nil && offset >= 0 ? Int(offset) : nil)
        }
        self.handle = result
        self.id = Self.readID(result)
    }

    private init(handle: OpaquePointer) {
        self.handle = handle
        self.id = Self.readID(handle)
    }

    deinit {
        cicu_translit_close(handle)
    }

    /// An independent copy for another task or thread.
    public func clone() throws(ICUError) -> Transliterator {
        var copy: OpaquePointer?
        let status = cicu_translit_clone(handle, &copy)
        guard !ICUError.isFailure(status), let copy else {
            throw ICUError(code: status, operation: "clone transliterator '\(id)'")
        }
        return Transliterator(handle: copy)
    }

    /// Transliterates `text`.
    public func transliterate(_ text: String) throws(ICUError) -> String {
        var units = UTF16Text.units(text)
        if units.isEmpty { return text }
        var length = Int32(units.count)
        // ICU destroys the buffer when it overflows, so each try starts from `units`; 4× fits the
        // rule sets seen so far at the first try.
        var capacity = max(units.count * 4, 16)
        // Rules can lengthen text without bound (one letter to many); grow and retry from the original.
        for _ in 0..<8 {
            var buffer = units
            buffer.append(contentsOf: repeatElement(0, count: capacity - units.count))
            length = Int32(units.count)
            let status = buffer.withUnsafeMutableBufferPointer {
                cicu_translit_transform(handle, $0.baseAddress, &length, Int32(capacity))
            }
            if status == CICU_BUFFER_OVERFLOW_ERROR {
                capacity = max(Int(length) + 16, capacity * 2)
                continue
            }
            guard !ICUError.isFailure(status) else {
                throw ICUError(code: status, operation: "transliterate with '\(id)'")
            }
            return buffer.withUnsafeBufferPointer { UTF16Text.string(UnsafeBufferPointer(rebasing: $0[0..<Int(length)])) }
        }
        units.removeAll()
        throw ICUError(code: CICU_BUFFER_OVERFLOW_ERROR, operation: "transliterate with '\(id)'")
    }

    private static func readID(_ handle: OpaquePointer) -> String {
        let length = cicu_translit_id(handle, nil, 0)
        var units = [UInt16](repeating: 0, count: Int(length))
        _ = units.withUnsafeMutableBufferPointer { cicu_translit_id(handle, $0.baseAddress, length) }
        return UTF16Text.string(units)
    }
}

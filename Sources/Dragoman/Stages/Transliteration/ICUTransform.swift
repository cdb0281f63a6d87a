
/// An ICU transliterator shared by all threads of a stage: ICU 72 serializes rule-based
/// transliteration behind a process-wide lock anyway (measured: clones on two threads ran no faster
/// than one), so one instance behind a mutex costs nothing more and keeps the stage `Sendable`.
final class ICUTransform: Sendable {
    /// The ID or rules name, for annotations and errors.
    let name: String
    private let transliterator: Locked<Transliterator>

    init(id: String) throws(ICUError) {
        name = id
        transliterator = Locked(try Transliterator(id: id))
    }

    init(rules: String, name: String) throws(ICUError) {
        self.name = name
        transliterator = Locked(try Transliterator(rules: rules, id: name))
    }

    func apply(_ text: String) throws(ICUError) -> String {
        let result: Result<String, ICUError> = transliterator.withLock { transliterator in
            Result { () throws(ICUError) in try transliterator.transliterate(text) }
        }
        return try result.get()
    }
}

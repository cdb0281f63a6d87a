extension Pipeline {
    /// Normalizes records as they arrive from an asynchronous sequence, in order: for a library
    /// reading from a socket, a file watcher or a message queue.
    ///
    /// ```swift
    /// for try await normalized in pipeline.normalize(records: feed, source: .auto, target: .en) {
    ///     print(normalized.text)
    /// }
    /// ```
    /// A record that fails stops the sequence with its ``DragomanError``. For throughput on all
    /// cores over byte streams, use ``StreamRunner``.
    public func normalize<Records: AsyncSequence>(
        records: Records, source: LanguageSelection = .auto, target: LanguageTag = .en
    ) -> AsyncThrowingMapSequence<Records, NormalizedText> where Records.Element == String {
        records.map { text in try self.normalize(text, source: source, target: target) }
    }
}

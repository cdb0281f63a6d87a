@testable import Dragoman

/// Collects values from `@Sendable` closures (stages, diagnostics handlers) running on any thread.
final class Recorder<Value: Sendable>: Sendable {
    private let storage = Locked<[Value]>([])

    init() {}

    func append(_ value: Value) {
        storage.withLock { $0.append(value) }
    }

    var values: [Value] { storage.withLock { $0 } }
}

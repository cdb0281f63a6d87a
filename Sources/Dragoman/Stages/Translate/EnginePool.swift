/// The running engines of one ``TranslateStage``: started lazily, one per thread that needs one at
/// the same time (the runner applies stages from one worker per core), kept for the stage's
/// lifetime and ended with it.
final class EnginePool: Sendable {
    let command: [String]
    private let idle = Locked<[EngineProcess]>([])

    init(command: [String]) {
        self.command = command
    }

    deinit {
        idle.withLock { engines in
            for engine in engines { engine.terminate() }
            engines.removeAll()
        }
    }

    /// Runs `body` with an engine of its own: an idle one, or one started now. The engine goes back
    /// to the pool afterwards if it is still alive.
    func withEngine<Result>(_ body: (EngineProcess) throws(DragomanError) -> Result, failure: (EngineStartError) -> DragomanError) throws(DragomanError) -> Result {
        let engine: EngineProcess
        if let reused = idle.withLock({ $0.popLast() }) {
            engine = reused
        } else {
            do throws(EngineStartError) {
                engine = try EngineProcess(command: command)
            } catch {
                throw failure(error)
            }
        }
        defer {
            if engine.isAlive { idle.withLock { $0.append(engine) } } else { engine.terminate() }
        }
        return try body(engine)
    }
}

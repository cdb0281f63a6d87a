@testable import Dragoman

/// A test stage whose behaviour is a closure: for stages that record what they were given, return
/// hand-made edits, or depend on the context.
struct ClosureStage: Stage {
    let name: String
    let body: @Sendable (String, StageContext) throws(DragomanError) -> StageResult

    init(name: String, _ body: @escaping @Sendable (String, StageContext) throws(DragomanError) -> StageResult) {
        self.name = name
        self.body = body
    }

    func apply(to text: String, context: StageContext) throws(DragomanError) -> StageResult {
        try body(text, context)
    }
}

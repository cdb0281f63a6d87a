@testable import Dragoman

/// Small engines for the `translate` stage's tests: standard tools and inline scripts.
enum FakeEngine {
    /// A `lines` engine that "translates" Russian words to Ukrainian by a few substitutions.
    static let lines = ["sed", "-u", "s/кот/кіт/g; s/сидит/сидить/g; s/собака/пес/g; s/в /у /g"]

    /// A `nul` engine with Apertium's framing: answers each `segment\n\0` with the same
    /// substitutions, `\n\0`-terminated.
    static var nul: [String] {
        [
            "python3", "-c",
            """
            import os, sys
            buffer = b""
            while True:
                data = os.read(0, 65536)
                if not data: break
                buffer += data
                while b"\\0" in buffer:
                    segment, buffer = buffer.split(b"\\0", 1)
                    text = segment.decode().replace("кот", "кіт").replace("сидит", "сидить").replace("в ", "у ")
                    os.write(1, text.encode() + b"\\0")
            """,
        ]
    }

    /// A `lines` engine that fails on lines containing a word, and echoes the others.
    static func failing(on word: String, by action: String) -> [String] {
        ["sh", "-c", "while IFS= read -r line; do case \"$line\" in *\(word)*) \(action);; *) printf '%s\\n' \"$line\";; esac; done"]
    }

    static func stage(_ command: [String], configure: (inout TranslateStage.Options) -> Void = { _ in }) throws -> TranslateStage {
        var options = TranslateStage.Options(command: command, to: "uk")
        options.from = "ru"
        options.timeout = 5
        configure(&options)
        return try TranslateStage(options: options)
    }
}

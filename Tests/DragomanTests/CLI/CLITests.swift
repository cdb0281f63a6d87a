import Foundation
import Testing

/// Runs the built `dragoman` binary as a user would.
@Suite("dragoman command line")
struct CLITests {
    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static let binary: URL? = {
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("dragoman"),
            GoldenFile.repositoryRoot.appendingPathComponent(".build/debug/dragoman"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()

    static func run(_ arguments: [String], stdin: String = "", directory: URL? = nil) throws -> Outcome {
        try run(arguments, bytes: Data(stdin.utf8), directory: directory)
    }

    static func run(_ arguments: [String], bytes stdin: Data, directory: URL? = nil) throws -> Outcome {
        let executable = try #require(binary, "the dragoman binary is not built")
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        // Write and read concurrently so that large inputs cannot deadlock on full pipes.
        let writer = Thread {
            input.fileHandleForWriting.write(stdin)
            try? input.fileHandleForWriting.close()
        }
        writer.start()
        let errorData = LockedData()
        let errorReader = Thread { errorData.set(errors.fileHandleForReading.readDataToEndOfFile()) }
        errorReader.start()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorData.isSet { usleep(1000) }
        return Outcome(
            status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
            stderr: String(decoding: errorData.value, as: UTF8.self))
    }

    static func temporaryFile(_ contents: String, name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("dragoman-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(contents.utf8).write(to: url)
        return url
    }

    @Test func helpDocumentsOptionsAndExitCodes() throws {
        let outcome = try Self.run(["--help"])
        #expect(outcome.status == 0)
        for word in ["--format", "--from", "--to", "--config", "--stages", "--stats", "--strict", "--skip-invalid", "--max-record-bytes", "EXIT STATUS", "65", "78"] {
            #expect(outcome.stdout.contains(word), "help lacks \(word)")
        }
    }

    @Test func filtersStandardInputWithTheEmbeddedDefault() throws {
        let outcome = try Self.run([], stdin: "Worth &euro;5\n\nKÉ™lbÉ™cÉ™r  rayonu\n")
        #expect(outcome.status == 0)
        #expect(outcome.stdout == "Worth EUR 5\n\nKalbajar rayonu\n")
        #expect(outcome.stderr.isEmpty)
    }

    @Test func dashMeansStandardInputBetweenFiles() throws {
        let file = try Self.temporaryFile("from the file &amp; more\n", name: "a.txt")
        let outcome = try Self.run([file.path, "-"], stdin: "from stdin \\$5\n")
        #expect(outcome.status == 0)
        #expect(outcome.stdout == "from the file & more\nfrom stdin USD 5\n")
    }

    @Test func jsonLinesKeepUnknownFieldsAndAddAnnotations() throws {
        let outcome = try Self.run(["--format", "jsonl"], stdin: #"{"id": 7, "lang": "en", "text": "&euro;5", "meta": {"k": [1, 2.50]}}"# + "\n")
        #expect(outcome.status == 0)
        #expect(
            outcome.stdout
                == #"{"id": 7, "lang": "en", "text": "EUR 5", "meta": {"k": [1, 2.50]},"annotations":[{"stage":"repair","start":0,"end":6,"source":"&euro;","replacement":"€","data":{"kind":"entity"}},{"stage":"money","start":0,"end":7,"source":"&euro;5","replacement":"EUR 5","data":{"amount":"5","currency":"EUR"}}]}"#
                + "\n")
    }

    @Test func statsGoToStandardErrorOnlyWhenAsked() throws {
        let quiet = try Self.run([], stdin: "a  b\n")
        #expect(quiet.stderr.isEmpty)
        let loud = try Self.run(["--stats"], stdin: "a  b\n")
        #expect(loud.stdout == "a b\n")
        #expect(loud.stderr.contains("1 records"))
        #expect(loud.stderr.contains("repair 1"))
    }

    @Test("Exit codes", arguments: [
        (["--from", "xx"], "", Int32(64), "unknown language 'xx'"),
        (["--to", "de"], "", 64, "unknown language 'de'"),
        (["--stages", "repair,nope"], "", 64, "unknown stage 'nope'"),
        (["--config", GoldenFile.repositoryRoot.appendingPathComponent("Tests/DragomanTests/Fixtures/minimal-config.yaml").path, "--stages", "nope"], "", 64, "unknown stage 'nope'"),
        (["--format", "jsonl"], "{\"text\": \"ok\"}\n{\"text\": broken}\n", 65, "<stdin>:2:10"),
        (["--format", "jsonl"], "{\"text\": \"ok\", \"lang\": \"xx\"}\n", 65, "<stdin>:1"),
        (["/nonexistent/file.txt"], "", 66, "/nonexistent/file.txt"),
        (["--config", "/nonexistent/config.yaml"], "", 78, "/nonexistent/config.yaml"),
        (["--bogus"], "", 64, "--bogus"),
    ] as [([String], String, Int32, String)])
    func exitCodes(arguments: [String], stdin: String, status: Int32, message: String) throws {
        let outcome = try Self.run(arguments, stdin: stdin)
        #expect(outcome.status == status, "\(outcome.stderr)")
        #expect(outcome.stderr.contains(message), "\(outcome.stderr)")
    }

    @Test func malformedJSONLineStopsAfterEverythingBeforeIt() throws {
        let outcome = try Self.run(["--format", "jsonl"], stdin: "{\"text\": \"one\"}\n{\"text\": \"two\"}\n{oops\n{\"text\": \"four\"}\n")
        #expect(outcome.status == 65)
        #expect(outcome.stdout.split(separator: "\n").count == 2)
        #expect(outcome.stdout.hasSuffix("\n"))
        #expect(!outcome.stdout.contains("four"))
        #expect(outcome.stderr.contains("<stdin>:3:2"))
    }

    @Test func skipInvalidReportsAndGoesOn() throws {
        let outcome = try Self.run(["--format", "jsonl", "--skip-invalid"], stdin: "{\"text\": \"one\"}\n{oops\n{\"text\": \"three\"}\n")
        #expect(outcome.status == 0)
        #expect(outcome.stdout.split(separator: "\n").count == 2)
        #expect(outcome.stdout.contains("three"))
        #expect(outcome.stderr.contains("<stdin>:2"))
    }

    @Test func invalidUTF8IsReplacedAndReportedOrRejected() throws {
        let bytes = Data("good\n\nbad ".utf8) + Data([0xFF]) + Data(" end\n".utf8)
        let lenient = try Self.run([], bytes: bytes)
        #expect(lenient.status == 0)
        #expect(lenient.stdout == "good\n\nbad \u{FFFD} end\n")
        #expect(lenient.stderr.contains("<stdin>"))
        #expect(lenient.stderr.contains("invalid UTF-8 at byte 10"))
        let strict = try Self.run(["--strict"], bytes: bytes)
        #expect(strict.status == 65)
        #expect(strict.stdout == "good\n\n")
        #expect(strict.stderr.contains("invalid UTF-8 at byte 10"))
    }

    @Test func badConfigNamesFileLineAndColumn() throws {
        let config = try Self.temporaryFile("version: 1\nstages:\n  - repair\n  - name: repair\n    nfc: perhaps\n", name: "bad.yaml")
        let outcome = try Self.run(["--config", config.path], stdin: "x\n")
        #expect(outcome.status == 78)
        #expect(outcome.stderr.contains("\(config.path):5:10:"), "\(outcome.stderr)")
        #expect(outcome.stdout.isEmpty)
    }

    @Test func configChoosesStagesAndOptions() throws {
        let config = try Self.temporaryFile("version: 1\ntarget: en\nstages:\n  - name: repair\n    entities: false\n", name: "c.yaml")
        let outcome = try Self.run(["--config", config.path], stdin: "&euro;5  x\n")
        #expect(outcome.status == 0)
        #expect(outcome.stdout == "&euro;5 x\n")
    }


    @Test func runsFromAnyWorkingDirectory() throws {
        let outcome = try Self.run([GoldenFile.repositoryRoot.appendingPathComponent("corpora/en-demining-funding.txt").path], directory: URL(fileURLWithPath: "/"))
        #expect(outcome.status == 0)
        let golden = try String(contentsOf: GoldenFile.repositoryRoot.appendingPathComponent("corpora/golden/en-demining-funding.txt"), encoding: .utf8)
        #expect(outcome.stdout == golden)
    }

    /// `tail -f feed | dragoman`: a paragraph must come out as soon as the blank line after it
    /// arrives, while standard input is still open.
    @Test func writesEachRecordBeforeTheInputEnds() throws {
        let executable = try #require(Self.binary)
        let process = Process()
        process.executableURL = executable
        let input = Pipe()
        let output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        defer {
            try? input.fileHandleForWriting.close()
            process.waitUntilExit()
        }
        let received = LockedData()
        let reader = Thread {
            var collected = Data()
            while true {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                collected.append(chunk)
                received.set(collected)
            }
        }
        reader.start()
        input.fileHandleForWriting.write(Data("first &amp; paragraph\n\n".utf8))
        // A hang guard, not a timing assertion: the record normally arrives within milliseconds.
        let deadline = Date().addingTimeInterval(30)
        while String(decoding: received.value, as: UTF8.self) != "first & paragraph\n\n" && Date() < deadline {
            usleep(5_000)
        }
        #expect(String(decoding: received.value, as: UTF8.self) == "first & paragraph\n\n")
        input.fileHandleForWriting.write(Data("second\n".utf8))
        try input.fileHandleForWriting.close()
        process.waitUntilExit()
        while String(decoding: received.value, as: UTF8.self).count < 26 && Date() < deadline { usleep(5_000) }
        #expect(String(decoding: received.value, as: UTF8.self) == "first & paragraph\n\nsecond\n")
        #expect(process.terminationStatus == 0)
    }

    @Test func transliteratesArmenianInTextAndJSONLines() throws {
        let text = try Self.run(["--stages", "transliterate", "--from", "hy"], stdin: "Ստեփանակերտ և Երևան\n")
        #expect(text.status == 0)
        #expect(text.stdout == "Stepanakert yev Yerevan\n")
        let jsonl = try Self.run(["--stages", "transliterate", "--from", "hy", "--format", "jsonl"], stdin: #"{"id":1,"text":"Ստեփանակերտ"}"# + "\n")
        #expect(jsonl.status == 0)
        #expect(jsonl.stdout.hasPrefix(#"{"id":1,"text":"Stepanakert","annotations":[{"stage":"transliterate","start":0,"end":11"#))
        #expect(jsonl.stdout.contains(#""data":{"from":"hy","scheme":"english"}"#))
    }

    @Test func scopeNamesLeavesCommonWords() throws {
        let all = try Self.run(["--stages", "transliterate", "--from", "az"], stdin: "Şuşa şəhəri\n")
        #expect(all.stdout == "Shusha shahari\n")
        let names = try Self.run(["--stages", "transliterate", "--from", "az", "--scope", "names"], stdin: "Bu gün Şuşa şəhəri\n")
        #expect(names.stdout == "Bu gün Shusha şəhəri\n")
    }

    @Test func customRulesErrorNamesTheRulesFile() throws {
        let rules = try Self.temporaryFile("ə > a ;\nx > kh ;\nq > (g ;\n", name: "az.rules")
        let config = rules.deletingLastPathComponent().appendingPathComponent("c.yaml")
        try Data("version: 1\nstages:\n  - name: transliterate\n    az: custom\n    custom: az.rules\n".utf8).write(to: config)
        let outcome = try Self.run(["--config", config.path], stdin: "Qax\n")
        #expect(outcome.status == 78)
        #expect(outcome.stderr.contains("\(rules.path):3:"), "\(outcome.stderr)")
        #expect(outcome.stderr.contains("U_"), "\(outcome.stderr)")
    }

    @Test func customRulesFileIsUsed() throws {
        let rules = try Self.temporaryFile("ə > e ;\nx > h ;\n", name: "az.rules")
        let config = rules.deletingLastPathComponent().appendingPathComponent("c.yaml")
        try Data("version: 1\nstages:\n  - name: transliterate\n    scope: all\n    az: custom\n    custom: az.rules\n".utf8).write(to: config)
        let outcome = try Self.run(["--config", config.path, "--from", "az"], stdin: "Xəzər\n")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == "Xezer\n")
    }

    @Test func closedOutputPipeEndsQuietly() throws {
        let executable = try #require(Self.binary)
        let big = try Self.temporaryFile(String(repeating: "Paragraph with &euro;5 in it.\n\n", count: 200_000), name: "big.txt")
        // `head` exits after 100 bytes; dragoman must then stop quietly with status 0, as ripgrep does.
        let bash = Process()
        bash.executableURL = URL(fileURLWithPath: "/bin/bash")
        bash.arguments = ["-c", "'\(executable.path)' '\(big.path)' | head -c 100 > /dev/null; exit ${PIPESTATUS[0]}"]
        let errors = Pipe()
        bash.standardError = errors
        try bash.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        bash.waitUntilExit()
        #expect(bash.terminationStatus == 0)
        #expect(stderr.isEmpty, "\(stderr)")
    }
}

/// A value filled in by one thread and read by another.
final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data: Data?

    func set(_ value: Data) { lock.withLock { data = value } }
    var isSet: Bool { lock.withLock { data != nil } }
    var value: Data { lock.withLock { data ?? Data() } }
}

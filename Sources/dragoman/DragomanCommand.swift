import ArgumentParser
import Dragoman
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The entry point: `dragoman glossary …` goes to ``GlossaryCommand``; everything else is the
/// normalizer. (ArgumentParser would read `glossary` as an input file: the root takes files.)
@main
enum Main {
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "glossary" {
            GlossaryCommand.main(Array(arguments.dropFirst()))
        } else {
            DragomanCommand.main(arguments)
        }
    }
}

/// `dragoman`: normalizes news text for a target language and records every change.
struct DragomanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dragoman",
        abstract: "Normalize multilingual news text (az, tr, hy, ru, fr, en) for a target language, recording every change.",
        discussion: """
            Reads the FILEs in turn (or standard input, also as '-') and writes the normalized text to \
            standard output. In text mode a record is a paragraph: blank lines and the whitespace \
            between records pass through unchanged. In JSON Lines mode each line is an object \
            {"id": …, "lang": …, "text": …}; the same object comes out with "text" normalized and an \
            "annotations" array of every change (stage, start, end, source, replacement, data; \
            offsets in Unicode scalars of the input text).

            Without --config the embedded default configuration runs. Diagnostics go to standard \
            error; --stats adds a summary there.

            EXIT STATUS
              0   success (also when the reader of the output goes away, as with '| head')
              64  usage error: unknown option, language or stage name
              65  data error: malformed JSON line, or invalid UTF-8 with --strict
              66  an input file cannot be opened
              70  internal error
              74  read or write error
              78  configuration error (the message names file:line:column)
            """,
        version: "dragoman 0.1.0",
        subcommands: [GlossaryCommand.self]
    )

    @Option(name: .long, help: ArgumentHelp("Input and output format; explain: text in, each record's changes marked [-old-]{+new+} and listed, for review.", valueName: "text|jsonl|explain"))
    var format: FormatOption = .text

    @Flag(name: .long, help: "Same as --format explain.")
    var explain = false

    @Option(name: .long, help: ArgumentHelp("Source language when a record names none: az, az-Cyrl, tr, hy, ru, fr, en, or auto (default: the config's, else auto).", valueName: "lang"))
    var from: String?

    @Option(name: .long, help: ArgumentHelp("Target language (default: the config's, else en).", valueName: "lang"))
    var to: String?

    @Option(name: .long, help: ArgumentHelp("Config file (YAML). Default: the embedded configuration.", valueName: "file"))
    var config: String?

    @Option(name: .long, help: ArgumentHelp("Run only these stages, in this order (overrides the config's list).", valueName: "a,b,c"))
    var stages: String?

    @Option(name: .long, help: ArgumentHelp("What the transliterate stage changes: every word, or only proper names (default: the config's; with --stages and no config, all).", valueName: "all|names"))
    var scope: ScopeOption?

    @Option(name: .long, help: ArgumentHelp("Print, as ICU transform rules, the english transliteration a record in this language gets, and exit (for uconv -x).", valueName: "lang"))
    var printIcuRules: String?

    @Flag(name: .long, help: "Print records, bytes, MB/s and changes per stage on standard error.")
    var stats = false

    @Flag(name: .long, help: "Reject invalid UTF-8 (exit 65) instead of replacing it with U+FFFD.")
    var strict = false

    @Flag(name: .long, help: "Report malformed JSON lines on standard error and go on, instead of stopping.")
    var skipInvalid = false

    @Option(name: .long, help: ArgumentHelp("Records longer than this pass through unchanged (reported).", valueName: "bytes"))
    var maxRecordBytes: Int = 16 << 20

    @Option(name: .long, help: ArgumentHelp("Worker threads (default: one per core).", valueName: "n"))
    var jobs: Int = 0

    @Argument(help: ArgumentHelp("Input files; '-' or none for standard input.", valueName: "file"))
    var files: [String] = []

    func validate() throws {
        guard maxRecordBytes > 0 else { throw ValidationError("--max-record-bytes must be positive") }
        guard jobs >= 0 else { throw ValidationError("--jobs must be 0 or more") }
        do {
            if let from { _ = try LanguageSelection(parsing: from) }
            if let to { _ = try LanguageTag(parsing: to) }
        } catch {
            throw ValidationError("\(error)")
        }
    }

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        let diagnostics = StandardError()
        if let printIcuRules {
            do {
                print(EnglishSchemes.icuRules(forRecordIn: try LanguageTag(parsing: printIcuRules)), terminator: "")
            } catch {
                diagnostics.error("\(error)")
                throw ExitCode(ExitStatus.usage)
            }
            return
        }

        let configuration: Configuration
        do {
            configuration = try loadConfiguration()
        } catch {
            diagnostics.error("\(error)")
            throw ExitCode(ExitStatus.config)
        }

        var options = RunnerOptions()
        options.format = explain ? .explain : format.runnerFormat
        options.color = isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        options.strictUTF8 = strict
        options.skipInvalidRecords = skipInvalid
        options.maxRecordBytes = maxRecordBytes
        options.workers = jobs
        options.countsChanges = stats
        do {
            options.source = try from.map { try LanguageSelection(parsing: $0) } ?? configuration.source
            options.target = try to.map { try LanguageTag(parsing: $0) } ?? configuration.target
        } catch {
            diagnostics.error("\(error)")
            throw ExitCode(ExitStatus.usage)
        }

        let pipeline: Pipeline
        do {
            let names = stages.map { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
            // `--stages transliterate` without a config means "romanize this text": every word.
            var transliterate: [String: String] = [:]
            if let scope {
                transliterate["scope"] = scope.rawValue
            } else if names != nil && config == nil {
                transliterate["scope"] = "all"
            }
            pipeline = try configuration.makePipeline(only: names, overrides: ["transliterate": transliterate])
        } catch {
            diagnostics.error("\(error)")
            // A stage named on the command line has no place in a file: that is a usage error.
            if case .unknownStage(_, _, nil) = error { throw ExitCode(ExitStatus.usage) }
            throw ExitCode(ExitStatus.config)
        }

        var inputs: [any ByteSource] = []
        for path in files.isEmpty ? ["-"] : files {
            if path == "-" {
                inputs.append(FileDescriptorSource(descriptor: STDIN_FILENO, name: "<stdin>"))
                continue
            }
            let descriptor = open(path, O_RDONLY)
            guard descriptor >= 0 else {
                diagnostics.error("\(path): \(String(cString: strerror(errno)))")
                throw ExitCode(ExitStatus.noInput)
            }
            inputs.append(FileDescriptorSource(descriptor: descriptor, name: path))
        }

        let runner = StreamRunner(pipeline: pipeline, options: options)
        do {
            let statistics = try runner.run(inputs, to: FileDescriptorSink(descriptor: STDOUT_FILENO)) { diagnostic in
                diagnostics.write("dragoman: \(diagnostic)")
            }
            if stats { diagnostics.write(Self.summary(statistics)) }
        } catch .outputClosed {
            return
        } catch {
            diagnostics.error("\(error)")
            throw ExitCode(ExitStatus.of(error))
        }
    }

    private func loadConfiguration() throws(DragomanError) -> Configuration {
        guard let config else { return Configuration.embeddedDefault }
        let text: String
        do {
            text = try String(contentsOfFile: config, encoding: .utf8)
        } catch {
            throw .invalidConfiguration("cannot read config file", at: SourceLocation(path: config, line: 1))
        }
        return try Configuration(yaml: text, path: config)
    }

    private static func summary(_ statistics: RunStatistics) -> String {
        var lines = [
            String(
                format: "dragoman: %d records, %d bytes in, %d bytes out, %.3f s, %.1f MB/s",
                statistics.records, statistics.bytesIn, statistics.bytesOut, statistics.seconds, statistics.megabytesPerSecond)
        ]
        let changes = statistics.changes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        lines.append("dragoman: changes: " + (changes.isEmpty ? "none" : changes.joined(separator: ", ")))
        if statistics.invalidUTF8Sequences > 0 || statistics.oversizedRecords > 0 || statistics.skippedRecords > 0 {
            lines.append(
                "dragoman: \(statistics.invalidUTF8Sequences) invalid UTF-8 sequences replaced, "
                    + "\(statistics.oversizedRecords) oversized records passed through, \(statistics.skippedRecords) records skipped")
        }
        return lines.joined(separator: "\n")
    }
}

/// `--scope`; mirrors ``TransliterationStage/Scope``.
enum ScopeOption: String, ExpressibleByArgument, CaseIterable {
    case all, names
}

/// `--format`; mirrors ``RunnerOptions/Format`` (the library does not know ArgumentParser).
enum FormatOption: String, ExpressibleByArgument, CaseIterable {
    case text, jsonl, explain

    var runnerFormat: RunnerOptions.Format {
        switch self {
        case .text: .text
        case .jsonl: .jsonl
        case .explain: .explain
        }
    }
}

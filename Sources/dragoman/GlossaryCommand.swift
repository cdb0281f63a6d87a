import ArgumentParser
import Dragoman
import Foundation

/// `dragoman glossary`: check glossary files, import TBX and CSV/TSV glossaries.
struct GlossaryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dragoman glossary",
        abstract: "Check glossary files, or import TBX and CSV/TSV glossaries as Dragoman YAML.",
        subcommands: [GlossaryCheckCommand.self, GlossaryImportCommand.self]
    )
}

/// `dragoman glossary check FILES…`
struct GlossaryCheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check glossaries loaded together: syntax, unknown keys and language codes, empty names, duplicate ids, and aliases claimed by two entities in one language.",
        discussion: """
            Prints each problem as file:line:column: error: message on standard error. With no \
            FILE, checks the shipped glossaries. Exit status 0 when all is well, 1 when a problem \
            was found, 66 when a file cannot be read.
            """
    )

    @Argument(help: ArgumentHelp("Glossary files (YAML); a shipped glossary's name also works (places-caucasus).", valueName: "file"))
    var files: [String] = []

    func run() throws {
        let diagnostics = StandardError()
        var problems: [Glossary.Problem] = []
        var glossaries: [Glossary] = []
        var entries = 0
        for item in files.isEmpty ? Glossary.shippedNames : files {
            let text: String
            let path: String
            if let shipped = Glossary.shippedYAML(item), !item.contains("/") {
                (text, path) = (shipped, "glossaries/\(item).yaml")
            } else {
                guard let read = try? String(contentsOfFile: item, encoding: .utf8) else {
                    diagnostics.error("cannot read '\(item)'")
                    throw ExitCode(ExitStatus.noInput)
                }
                (text, path) = (read, item)
            }
            let (glossary, found) = Glossary.parse(yaml: text, path: path)
            problems += found
            if let glossary {
                glossaries.append(glossary)
                entries += glossary.entries.count
            }
        }
        // Problems within one file were found by parse; these are the ones between files.
        if glossaries.count > 1 {
            let within = Set(glossaries.flatMap { Glossary.check([$0]) })
            problems += Glossary.check(glossaries).filter { !within.contains($0) }
        }
        for problem in problems { diagnostics.write(problem.description) }
        diagnostics.write("dragoman: \(glossaries.count) glossaries, \(entries) entries, \(problems.count) problems")
        if !problems.isEmpty { throw ExitCode(1) }
    }
}

/// `dragoman glossary import FILE > out.yaml`
struct GlossaryImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Convert a TBX or CSV/TSV glossary to Dragoman's YAML glossary format, on standard output.",
        discussion: """
            Formats by extension: .tbx or .xml (TBX-Basic, TBX-Min, or the TBX 2008 martif layout: \
            concepts, language sections, terms with administrative status and term type), .csv, \
            .tsv or .txt (a header row of language codes, optionally id, type and note columns, one \
            entity per row, several aliases in a cell separated by | or ;; or two language columns \
            of source and target). Errors name file:line:column and exit 65; an unreadable file \
            exits 66.
            """
    )

    @Argument(help: ArgumentHelp("The glossary to convert.", valueName: "file"))
    var file: String

    func run() throws {
        let diagnostics = StandardError()
        let glossary: Glossary
        do {
            glossary = try GlossaryImport.load(path: file)
        } catch {
            diagnostics.error("\(error)")
            if case .io = error { throw ExitCode(ExitStatus.noInput) }
            throw ExitCode(ExitStatus.data)
        }
        let header = "Imported by `dragoman glossary import` from \(file); name its sources here."
        print(glossary.yamlText(header: header), terminator: "")
    }
}

import Foundation
import Testing

/// `dragoman glossary …` and the glossary stage from the command line.
@Suite("dragoman glossary")
struct GlossaryCLITests {
    @Test(arguments: ["termbase-basic.tbx", "termbase-2008.tbx", "pairs.tsv", "entities.csv"])
    func importWritesAGlossaryThatChecksAndMatches(fixture: String) throws {
        let path = GoldenFile.repositoryRoot.appendingPathComponent("Tests/DragomanTests/Fixtures/glossary-import/\(fixture)").path
        let imported = try CLITests.run(["glossary", "import", path])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.hasPrefix("# Imported by `dragoman glossary import`"))
        let yaml = try CLITests.temporaryFile(imported.stdout, name: "imported.yaml")
        let checked = try CLITests.run(["glossary", "check", yaml.path])
        #expect(checked.status == 0, "\(checked.stderr)")
    }

    @Test func importReportsWhereATermbaseIsWrong() throws {
        let broken = try CLITests.temporaryFile(
            "<martif><text><body><termEntry><langSet xml:lang=\"xx\"><tig><term>a</term></tig></langSet></termEntry></body></text></martif>",
            name: "broken.tbx")
        let outcome = try CLITests.run(["glossary", "import", broken.path])
        #expect(outcome.status == 65)
        #expect(outcome.stderr.contains("\(broken.path):1:51: unknown language code 'xx'"))
        #expect(outcome.stdout.isEmpty)
        #expect(try CLITests.run(["glossary", "import", "/nonexistent/terms.tbx"]).status == 66)
    }

    @Test func checkPassesTheShippedGlossaries() throws {
        let outcome = try CLITests.run(["glossary", "check"])
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("3 glossaries"))
        #expect(outcome.stderr.contains("0 problems"))
    }

    @Test func checkReportsEachProblemAtItsLineAndExitsOne() throws {
        let broken = try CLITests.temporaryFile(
            """
            version: 1
            entries:
              - id: shusha
                type: place
                names: {az: [Şuşa], xx: [Susa]}
              - id: shusha
                type: place
                names: {en: [Shusha]}
              - id: other
                type: place
                names: {az: [ŞUŞA]}
            """, name: "broken.yaml")
        let outcome = try CLITests.run(["glossary", "check", broken.path])
        #expect(outcome.status == 1)
        let lines = outcome.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("\(broken.path):5:") && $0.contains("unknown language code 'xx'") })
        #expect(lines.contains { $0.hasPrefix("\(broken.path):6:5: error: duplicate id 'shusha'") })
        #expect(lines.contains { $0.hasPrefix("\(broken.path):9:5: error: alias 'ŞUŞA' (az) of 'other' is already an alias of 'shusha'") })
    }

    @Test func checkFindsConflictsBetweenFiles() throws {
        let first = try CLITests.temporaryFile("version: 1\nentries:\n  - {id: a, type: place, names: {en: [Karabakh]}}\n", name: "a.yaml")
        let second = try CLITests.temporaryFile("version: 1\nentries:\n  - {id: b, type: place, names: {en: [KARABAKH]}}\n", name: "b.yaml")
        let outcome = try CLITests.run(["glossary", "check", first.path, second.path])
        #expect(outcome.status == 1)
        #expect(outcome.stderr.contains("\(second.path):3:5: error: alias 'KARABAKH' (en) of 'b' is already an alias of 'a'"))
    }

    @Test func checkOfAMissingFileExits66() throws {
        let outcome = try CLITests.run(["glossary", "check", "/nonexistent/glossary.yaml"])
        #expect(outcome.status == 66)
    }

    @Test func theGlossaryStageRunsWithTheShippedGlossaries() throws {
        let outcome = try CLITests.run(["--stages", "glossary", "--from", "az"], stdin: "Şuşada və Dağlıq Qarabağda minalar.\n")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == "Shusha'da və Nagorno-Karabakh'da minalar.\n")
    }

    @Test func aConfigChoosesGlossariesStyleAndPolicy() throws {
        let glossary = try CLITests.temporaryFile(
            "version: 1\nentries:\n  - {id: k, type: place, names: {az: [Xankəndi], en: [Khankendi, Stepanakert]}, styles: {hy-official: {en: Stepanakert}}}\n",
            name: "mine.yaml")
        let config = try CLITests.temporaryFile(
            """
            version: 1
            target: en
            stages:
              - name: glossary
                glossaries: [mine.yaml]
                style: hy-official
                policy: both
            """, name: "config.yaml")
        try FileManager.default.moveItem(at: glossary, to: config.deletingLastPathComponent().appendingPathComponent("mine.yaml"))
        let outcome = try CLITests.run(["--config", config.path, "--from", "az"], stdin: "Xankəndidə\n")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(outcome.stdout == "Stepanakert'də (Xankəndidə)\n")
    }

    @Test func aConfigNamingAnUnknownShippedGlossaryIsAConfigError() throws {
        let config = try CLITests.temporaryFile(
            "version: 1\nstages:\n  - name: glossary\n    glossaries: [places, people]\n", name: "config.yaml")
        let outcome = try CLITests.run(["--config", config.path], stdin: "x\n")
        #expect(outcome.status == 78)
        #expect(outcome.stderr.contains("\(config.path):4:17"))
        #expect(outcome.stderr.contains("no shipped glossary 'places'"))
    }
}

/// `--explain` / `--format explain` from the command line.
@Suite("dragoman --explain")
struct ExplainCLITests {
    @Test(arguments: [["--explain"], ["--format", "explain"]])
    func explainMarksEachChange(arguments: [String]) throws {
        let outcome = try CLITests.run(arguments + ["--from", "az"], stdin: "Şuşada 400 min avro.\n\nHeç nə.\n")
        #expect(outcome.status == 0, "\(outcome.stderr)")
        #expect(
            outcome.stdout == """
                [-Şuşada-]{+Shusha'da+}[1] [-400 min avro-]{+EUR 400,000+}[2].
                  [1] glossary (canonical Shusha, glossary places-caucasus, id shusha, suffix da, type place)
                  [2] money (amount 400000, currency EUR)

                Heç nə.

                """)
    }
}

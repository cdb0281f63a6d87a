@testable import Dragoman
import Testing

@Suite struct OffsetMapTests {
    typealias Region = OffsetMap.Region

    /// "abcdXYZefgh" → "abcdVWXYZefgh": 3 bytes at 4 became 5 bytes.
    static let replacement = OffsetMap(regions: [Region(input: 4..<7, output: 4..<9)])
    /// 3 bytes inserted at 4.
    static let insertion = OffsetMap(regions: [Region(input: 4..<4, output: 4..<7)])
    /// 3 bytes deleted at 4.
    static let deletion = OffsetMap(regions: [Region(input: 4..<7, output: 4..<4)])

    struct Case: Sendable, CustomTestStringConvertible {
        var map: OffsetMap
        var label: String
        var given: Range<Int>
        var expected: Range<Int>
        var testDescription: String { "\(label): \(given) → \(expected)" }
    }

    @Test(arguments: [
        Case(map: replacement, label: "replacement, before", given: 0..<2, expected: 0..<2),
        Case(map: replacement, label: "replacement, touching on the left", given: 0..<4, expected: 0..<4),
        Case(map: replacement, label: "replacement, exactly", given: 4..<9, expected: 4..<7),
        Case(map: replacement, label: "replacement, inside grows to all of it", given: 5..<6, expected: 4..<7),
        Case(map: replacement, label: "replacement, empty inside", given: 6..<6, expected: 4..<7),
        Case(map: replacement, label: "replacement, empty at its start", given: 4..<4, expected: 4..<4),
        Case(map: replacement, label: "replacement, empty at its end", given: 9..<9, expected: 7..<7),
        Case(map: replacement, label: "replacement, straddling the start", given: 3..<5, expected: 3..<7),
        Case(map: replacement, label: "replacement, straddling the end", given: 8..<10, expected: 4..<8),
        Case(map: replacement, label: "replacement, after shifts", given: 9..<12, expected: 7..<10),
        Case(map: insertion, label: "insertion, exactly", given: 4..<7, expected: 4..<4),
        Case(map: insertion, label: "insertion, inside", given: 5..<6, expected: 4..<4),
        Case(map: insertion, label: "insertion, before", given: 2..<4, expected: 2..<4),
        Case(map: insertion, label: "insertion, after shifts", given: 8..<9, expected: 5..<6),
        Case(map: insertion, label: "insertion, straddling the end", given: 6..<9, expected: 4..<6),
        Case(map: deletion, label: "deletion, the empty range where it was", given: 4..<4, expected: 4..<7),
        Case(map: deletion, label: "deletion, ending where it was grows over it", given: 0..<4, expected: 0..<7),
        Case(map: deletion, label: "deletion, starting where it was grows over it", given: 4..<6, expected: 4..<9),
        Case(map: deletion, label: "deletion, before", given: 0..<3, expected: 0..<3),
        Case(map: deletion, label: "deletion, after shifts", given: 5..<6, expected: 8..<9),
        Case(map: .identity, label: "identity", given: 3..<8, expected: 3..<8),
    ])
    func inputRangeCoversWhatAnOutputRangeCameFrom(_ test: Case) {
        #expect(test.map.inputRange(forOutput: test.given) == test.expected)
    }

    @Test(arguments: [
        Case(map: replacement, label: "replacement, before", given: 0..<4, expected: 0..<4),
        Case(map: replacement, label: "replacement, exactly", given: 4..<7, expected: 4..<9),
        Case(map: replacement, label: "replacement, inside grows to all of it", given: 5..<6, expected: 4..<9),
        Case(map: replacement, label: "replacement, after shifts", given: 7..<10, expected: 9..<12),
        Case(map: replacement, label: "replacement, around it", given: 2..<8, expected: 2..<10),
        Case(map: insertion, label: "insertion, the empty range where it goes", given: 4..<4, expected: 4..<7),
        Case(map: insertion, label: "insertion, ending where it goes grows over it", given: 0..<4, expected: 0..<7),
        Case(map: insertion, label: "insertion, starting where it goes grows over it", given: 4..<6, expected: 4..<9),
        Case(map: insertion, label: "insertion, before", given: 0..<3, expected: 0..<3),
        Case(map: insertion, label: "insertion, after shifts", given: 5..<6, expected: 8..<9),
        Case(map: deletion, label: "deletion, exactly", given: 4..<7, expected: 4..<4),
        Case(map: deletion, label: "deletion, inside", given: 5..<6, expected: 4..<4),
        Case(map: deletion, label: "deletion, straddling the start", given: 2..<5, expected: 2..<4),
        Case(map: deletion, label: "deletion, after shifts", given: 7..<9, expected: 4..<6),
        Case(map: .identity, label: "identity", given: 3..<8, expected: 3..<8),
    ])
    func outputRangeCoversWhatAnInputRangeBecame(_ test: Case) {
        #expect(test.map.outputRange(forInput: test.given) == test.expected)
    }

    @Test func positionsBetweenTwoRegionsShiftByTheFirstRegionsGrowth() {
        // "ab" + "c"→"xyz" + "def" + "gh" deleted + "ij"
        let map = OffsetMap(regions: [Region(input: 6..<8, output: 8..<8), Region(input: 2..<3, output: 2..<5)])
        #expect(map.regions == [Region(input: 2..<3, output: 2..<5), Region(input: 6..<8, output: 8..<8)])
        #expect(map.inputRange(forOutput: 5..<7) == 3..<5)
        #expect(map.inputRange(forOutput: 9..<10) == 9..<10)
        #expect(map.outputRange(forInput: 3..<6) == 5..<8)
        #expect(map.outputRange(forInput: 0..<10) == 0..<10)
    }

    @Test func touchingAndOverlappingRegionsAreMerged() {
        let touching = OffsetMap(regions: [Region(input: 4..<6, output: 3..<7), Region(input: 2..<4, output: 2..<3)])
        #expect(touching.regions == [Region(input: 2..<6, output: 2..<7)])
        // Insertions at the same place touch too.
        let insertions = OffsetMap(regions: [Region(input: 5..<5, output: 5..<6), Region(input: 5..<5, output: 6..<8)])
        #expect(insertions.regions == [Region(input: 5..<5, output: 5..<8)])
        let separate = OffsetMap(regions: [Region(input: 2..<3, output: 2..<3), Region(input: 4..<5, output: 4..<5)])
        #expect(separate.regions.count == 2)
    }

    @Test func identityIsNeutralInComposition() {
        #expect(OffsetMap.identity.isIdentity)
        #expect(Self.replacement.followed(by: .identity) == Self.replacement)
        #expect(OffsetMap.identity.followed(by: Self.deletion) == Self.deletion)
    }

    @Test func offsetMapComposesTwoReplacements() throws {
        let input = "5&euro; and 7&euro;"
        let first = try StageResult(applying: [edit(1..<7, "€"), edit(13..<19, "€")], to: input)
        #expect(first.text == "5€ and 7€")
        let second = try StageResult(applying: [edit(1..<4, "EUR"), edit(10..<13, "EUR")], to: first.text)
        #expect(second.text == "5EUR and 7EUR")
        let map = first.map.followed(by: second.map)
        #expect(map.regions == [Region(input: 1..<7, output: 1..<4), Region(input: 13..<19, output: 10..<13)])
        #expect(map.inputRange(forOutput: 10..<13) == 13..<19)
        #expect(map.outputRange(forInput: 7..<12) == 4..<9)
    }

    @Test func anEditInsideAnEarlierReplacementMapsToAllOfIt() throws {
        let first = try StageResult(applying: [edit(2..<4, "wxyz12")], to: "abcdef")  // "abwxyz12ef"
        let second = try StageResult(applying: [edit(3..<5, "_")], to: first.text)  // "abw_z12ef"
        #expect(second.text == "abw_z12ef")
        let map = first.map.followed(by: second.map)
        #expect(map.regions == [Region(input: 2..<4, output: 2..<7)])
        #expect(map.inputRange(forOutput: 3..<4) == 2..<4)
    }

    @Test func aLaterDeletionNextToAnEarlierInsertionMergesWithIt() throws {
        let first = try StageResult(applying: [edit(2..<2, "XY")], to: "abcdef")  // "abXYcdef"
        let second = try StageResult(applying: [edit(4..<6, "")], to: first.text)  // "abXYef"
        #expect(second.text == "abXYef")
        let map = first.map.followed(by: second.map)
        #expect(map.regions == [Region(input: 2..<4, output: 2..<4)])
    }

    /// Random ASCII texts, two successive stages of random non-overlapping edits (replacements,
    /// insertions, deletions, touching ones), composed: every byte outside the composed regions must be
    /// an unchanged byte, at the same offset from the previous region in both texts, and every
    /// unchanged byte must lie outside the regions. Checked against a byte-by-byte provenance model.
    @Test func composedMapsKeepUnchangedTextAlignedOverRandomEdits() throws {
        for seed in UInt64(0)..<500 {
            var generator = SplitMix64(seed: seed)
            let original = Self.randomASCII(length: Int.random(in: 0...40, using: &generator), using: &generator)
            let firstEdits = Self.randomEdits(count: original.utf8.count, using: &generator)
            let first = try StageResult(applying: firstEdits, to: original)
            let secondEdits = Self.randomEdits(count: first.text.utf8.count, using: &generator)
            let second = try StageResult(applying: secondEdits, to: first.text)
            let map = first.map.followed(by: second.map)

            let problems = Self.alignmentProblems(
                map: map, original: Array(original.utf8), final: Array(second.text.utf8),
                provenance: Self.provenance(of: firstEdits, over: original.utf8.count).compose(
                    Self.provenance(of: secondEdits, over: first.text.utf8.count)))
            #expect(
                problems.isEmpty,
                "seed \(seed): \(original.debugDescription) → \(first.text.debugDescription) → \(second.text.debugDescription), regions \(map.regions): \(problems)"
            )
            if !problems.isEmpty { break }
        }
    }

    // MARK: - Helpers

    private func edit(_ range: Range<Int>, _ replacement: String) -> Edit {
        Edit(stage: "test", range: range, replacement: replacement)
    }

    static func randomASCII(length: Int, using generator: inout SplitMix64) -> String {
        let alphabet = Array("abcdefgh XYZ.")
        return String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }

    /// Up to five non-overlapping edits (possibly touching, empty, or no-ops) over `count` bytes, shuffled.
    static func randomEdits(count: Int, using generator: inout SplitMix64) -> [Edit] {
        let editCount = Int.random(in: 0...5, using: &generator)
        let bounds = (0..<2 * editCount).map { _ in Int.random(in: 0...count, using: &generator) }.sorted()
        var edits: [Edit] = []
        for index in 0..<editCount {
            let replacement = randomASCII(length: Int.random(in: 0...4, using: &generator), using: &generator)
            edits.append(Edit(stage: "random", range: bounds[2 * index]..<bounds[2 * index + 1], replacement: replacement))
        }
        return edits.shuffled(using: &generator)
    }

    /// For each byte of an edited text, the byte of the unedited text it is (or `nil` for written bytes).
    struct Provenance {
        var sources: [Int?]

        func compose(_ next: Provenance) -> Provenance {
            Provenance(sources: next.sources.map { $0.flatMap { sources[$0] } })
        }
    }

    /// The provenance model, built independently of `StageResult` and `OffsetMap`.
    static func provenance(of edits: [Edit], over count: Int) -> Provenance {
        var sources: [Int?] = []
        var position = 0
        for edit in edits.sorted(by: { ($0.range.lowerBound, $0.range.upperBound) < ($1.range.lowerBound, $1.range.upperBound) }) {
            sources += (position..<edit.range.lowerBound).map { $0 }
            sources += [Int?](repeating: nil, count: edit.replacement.utf8.count)
            position = edit.range.upperBound
        }
        sources += (position..<count).map { $0 }
        return Provenance(sources: sources)
    }

    static func alignmentProblems(map: OffsetMap, original: [UInt8], final: [UInt8], provenance: Provenance) -> [String] {
        var problems: [String] = []
        guard provenance.sources.count == final.count else { return ["model and text disagree on length"] }
        var inputPosition = 0
        var outputPosition = 0
        var gaps: [(input: Range<Int>, output: Range<Int>)] = []
        for region in map.regions {
            guard region.input.lowerBound >= inputPosition, region.output.lowerBound >= outputPosition,
                region.input.upperBound <= original.count, region.output.upperBound <= final.count
            else {
                problems.append("region \(region) out of order or out of bounds")
                return problems
            }
            gaps.append((inputPosition..<region.input.lowerBound, outputPosition..<region.output.lowerBound))
            inputPosition = region.input.upperBound
            outputPosition = region.output.upperBound
        }
        gaps.append((inputPosition..<original.count, outputPosition..<final.count))
        var alignedInput = Set<Int>()
        for gap in gaps {
            guard gap.input.count == gap.output.count else {
                problems.append("gap \(gap.input) has \(gap.input.count) bytes in the input, \(gap.output.count) in the output")
                continue
            }
            for (input, output) in zip(gap.input, gap.output) {
                if original[input] != final[output] { problems.append("byte \(input) ≠ byte \(output) of the output") }
                if provenance.sources[output] != input { problems.append("output byte \(output) is not input byte \(input)") }
                alignedInput.insert(input)
            }
        }
        let unchanged = Set(provenance.sources.compactMap { $0 })
        for input in unchanged.subtracting(alignedInput).sorted() {
            problems.append("unchanged input byte \(input) lies inside a region")
        }
        return problems
    }
}

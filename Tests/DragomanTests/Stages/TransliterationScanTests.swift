@testable import Dragoman
import Foundation
import Testing

/// The transliterate stage's fast paths against the straightforward code they replaced: the word
/// scan (every word, or capitals only, with sentence starts asked afterwards), the capitals table,
/// the byte-wise stop-word lookup and the eight-byte ASCII scans.
@Suite struct TransliterationScanTests {
    /// A word as the stage read them before: every run of word scalars, decoded one by one, and
    /// whether a sentence ended (or nothing came) before it.
    struct ReferenceWord: Equatable {
        var start: Int, end: Int, first: UInt32, initial: Bool
    }

    static func referenceWords(_ bytes: UnsafeBufferPointer<UInt8>) -> [ReferenceWord] {
        var words: [ReferenceWord] = []
        var index = 0
        var sentenceStart = true
        while index < bytes.count {
            let (value, length) = UTF8Decoding.scalar(in: bytes, at: index)
            guard UTF8Decoding.isWordScalar(value) else {
                switch value {
                case 0x2E, 0x21, 0x3F, 0x0A, 0x2026, 0x589, 0x55C, 0x55E: sentenceStart = true
                default: break
                }
                index += length
                continue
            }
            var end = index + length
            while end < bytes.count {
                let (next, nextLength) = UTF8Decoding.scalar(in: bytes, at: end)
                guard UTF8Decoding.isWordScalar(next) else { break }
                end += nextLength
            }
            words.append(ReferenceWord(start: index, end: end, first: value, initial: sentenceStart))
            sentenceStart = false
            index = end
        }
        return words
    }

    static func isLu(_ value: UInt32) -> Bool {
        Unicode.Scalar(value)?.properties.generalCategory == .uppercaseLetter
    }

    static func startsName(_ value: UInt32) -> Bool {
        isLu(value) || (value >= 0x600 && (Unicode.Scalar(value)?.properties.isUppercase ?? false))
    }

    /// Random text of every script, with what the scan must get right thrown in: capitals inside
    /// words, every sentence end, upper-case scalars that are no capitals, marks after capitals.
    static func texts() -> [String] {
        let extras = [
            "McDonald", "iPhone", "ŞUŞA", "Ա", "Ⓐbc", "𝐀lpha", "Ωmega", "ΣΊΣΥΦΟΣ", "É\u{301}lan", "A\u{301}", "\u{301}Ab", "…Baku", "։Երևան",
            "՜Ա", "՞Բ", "!", "?", ".", "\n", "x.Y", "a\u{A0}B", "«Qarabağ»", "— Şuşa", "1A", "_B", "ǅemal", "ǈ", "ᾈ", "Ⅻ", "ꙮ", "Ǝ",
        ]
        var texts = extras
        for seed in UInt64(1)...1500 {
            var random = RandomText(seed: seed)
            var text = random.mixedUnicode(tokens: random.int(1...50))
            for _ in 0..<random.int(0...6) {
                let insert = random.pick(extras)
                let position = text.unicodeScalars.index(text.unicodeScalars.startIndex, offsetBy: random.int(0...text.unicodeScalars.count))
                text.unicodeScalars.insert(contentsOf: insert.unicodeScalars, at: position)
            }
            texts.append(text)
        }
        return texts
    }

    @Test func everyWordIsReadAsBefore() {
        for text in Self.texts() {
            text.withUTF8Buffer { bytes in
                let expected = Self.referenceWords(bytes)
                var scanner = WordScanner(bytes, capitalizedOnly: false)
                var words: [ReferenceWord] = []
                while let (start, end, first) = scanner.next() {
                    words.append(ReferenceWord(start: start, end: end, first: first, initial: scanner.startsSentence(at: start)))
                }
                #expect(words == expected, "\(text.debugDescription)")
            }
        }
    }

    /// The capitalized words, whenever the stage asks for all of them: the words handed out before
    /// and after are the same, in order.
    @Test func capitalizedWordsAreReadAsBefore() {
        for (number, text) in Self.texts().enumerated() {
            text.withUTF8Buffer { bytes in
                let expected = Self.referenceWords(bytes).filter { Self.startsName($0.first) }
                var scanner = WordScanner(bytes, capitalizedOnly: true)
                var words: [ReferenceWord] = []
                let askAfter = expected.isEmpty ? 0 : number % (expected.count + 1)
                var all: [WordScanner.Word]?
                while true {
                    if words.count == askAfter, all == nil { all = scanner.capitalizedWords() }
                    guard let (start, end, first) = scanner.next() else { break }
                    words.append(ReferenceWord(start: start, end: end, first: first, initial: scanner.startsSentence(at: start)))
                }
                #expect(words == expected, "\(text.debugDescription)")
                let kept = (all ?? scanner.capitalizedWords()).map { [$0.start, $0.end, Int($0.first)] }
                #expect(kept == expected.map { [$0.start, $0.end, Int($0.first)] }, "\(text.debugDescription)")
            }
        }
    }

    @Test func capitalizedInsideSentencesAreTheSameWords() {
        for text in Self.texts() {
            text.withUTF8Buffer { bytes in
                let expected = Set(
                    Self.referenceWords(bytes).filter { !$0.initial && Self.isLu($0.first) }.map {
                        TransliterationStage.fingerprint(UnsafeBufferPointer(rebasing: bytes[$0.start..<$0.end]))
                    })
                var scanner = WordScanner(bytes, capitalizedOnly: true)
                _ = scanner.next()
                let found = TransliterationStage.capitalizedInsideSentences(bytes, words: &scanner)
                #expect(Set(found) == expected, "\(text.debugDescription)")
                #expect(found == found.sorted())
            }
        }
    }

    @Test func capitalsAreICUsUppercaseLetters() {
        var disagreements: [UInt32] = []
        for value in UInt32(0)..<0x3_0000 where LetterMapTransliterator.isCapital(value) != Self.isLu(value) { disagreements.append(value) }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20).map { String($0, radix: 16) })")
    }

    @Test func twoByteWordScalarsAreWordScalars() {
        let table = UTF8Decoding.twoByteWordScalars
        var disagreements: [UInt32] = []
        for value in UInt32(0)..<0x3_0000 where table.contains(value) != UTF8Decoding.isWordScalar(value) { disagreements.append(value) }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20).map { String($0, radix: 16) })")
    }

    /// The stop words' bytes are what a string comparison would match: all in NFC, of scalars NFC
    /// leaves alone.
    @Test func stopWordsAreInert() {
        for language in LanguageTag.allCases {
            for word in NameStopWords.words(of: language) {
                #expect(word.unicodeScalars.allSatisfy { NFC.isInert($0.value) }, "\(word)")
            }
        }
    }

    @Test func stopWordsAreFoundAsBefore() throws {
        var words: [String] = []
        for language in LanguageTag.allCases {
            for word in NameStopWords.words(of: language) {
                let title = word.prefix(1).uppercased() + word.dropFirst()
                words += [word, word.uppercased(), title, title.decomposedStringWithCanonicalMapping, word + "a", "x" + word, String(word.dropLast())]
                words += [word.replacingOccurrences(of: "i", with: "İ"), word.replacingOccurrences(of: "k", with: "\u{212A}"), word + "\u{301}"]
            }
        }
        words += ["İLK", "Ilk", "ILK", "Bİr", "BIR", "ÇÜNKI", "ÇÜNKÜ", "ЁЩЁ", "ЕЩЁ", "ЕЩЕ", "Apre\u{300}s", "APRÈS", "Ǆ", "ǅe", "ԵՎ", "Եվ", "ΣΟΣ", "ǲa"]
        var random = RandomText(seed: 7)
        for _ in 0..<3000 { words.append(random.mixedUnicode(tokens: 1)) }
        for language in LanguageTag.allCases {
            for word in words {
                let fast = word.withUTF8Buffer { NameStopWords.contains($0, language: language) }
                #expect(fast == NameStopWords.contains(word.lowercased(), language: language), "\(language.rawValue) \(word.debugDescription)")
            }
        }
    }

    @Test func eightByteScansFindWhatByteScansFind() {
        var generator = SplitMix64(seed: 42)
        let pool: [UInt8] = Array(0x00...0xFF)
        for _ in 0..<400 {
            let bytes = (0..<Int.random(in: 0...40, using: &generator)).map { _ in
                Bool.random(using: &generator) ? UInt8.random(in: 0x40...0x7B, using: &generator) : pool.randomElement(using: &generator) ?? 0
            }
            bytes.withUnsafeBufferPointer { buffer in
                for start in 0...buffer.count {
                    let nonLetter = buffer[start...].firstIndex { !ASCIIScan.isLetter($0) } ?? buffer.count
                    #expect(ASCIIScan.firstNonLetter(in: buffer, from: start) == nonLetter)
                    let capital = buffer[start...].firstIndex { $0 >= 0x80 || ($0 >= 0x41 && $0 <= 0x5A) } ?? buffer.count
                    #expect(ASCIIScan.firstCapitalOrNonASCII(in: buffer, from: start) == capital)
                }
            }
        }
    }
}

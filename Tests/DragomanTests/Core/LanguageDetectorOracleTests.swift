@testable import Dragoman
internal import CICU
import Foundation
import Testing

/// The language detector as it was before its letters were classified by table, kept as the oracle
/// the table-driven detector must agree with on every input.
enum LanguageDetectorOracle {
    static let sampleBytes = LanguageDetector.sampleBytes

    static func detect(_ text: String) -> LanguageTag {
        text.withUTF8Buffer { bytes in
            var counts = Counts()
            var word: UInt64 = 0
            var wordLength = 0
            let end = min(bytes.count, sampleBytes)
            var index = 0
            while index < end {
                let byte = bytes[index]
                if byte < 0x80 {
                    let lower = byte | 0x20
                    if lower >= 0x61 && lower <= 0x7A {
                        counts.latin += 1
                        if lower == 0x78 || lower == 0x71 { counts.xq += 1 }
                        if wordLength < 8 { word |= UInt64(lower) << (8 * wordLength) }
                        wordLength += 1
                    } else if wordLength > 0 {
                        if wordLength <= maxWordBytes { counts.addWord(word) }
                        word = 0
                        wordLength = 0
                    }
                    index += 1
                    continue
                }
                guard index + 1 < bytes.count else { break }
                let (value, length) = UTF8Decoding.scalar(in: bytes, at: index)
                if counts.add(value) {
                    // Part of a word: keep its UTF-8 bytes (lower-case forms are what the word lists hold).
                    for offset in 0..<length where wordLength < 8 {
                        word |= UInt64(bytes[index + offset]) << (8 * wordLength)
                        wordLength += 1
                    }
                } else if wordLength > 0 {
                    if wordLength <= maxWordBytes { counts.addWord(word) }
                    word = 0
                    wordLength = 0
                }
                index += length
            }
            if wordLength > 0 && wordLength <= maxWordBytes { counts.addWord(word) }
            return counts.verdict
        }
    }

    /// The longest function word in bytes ("olarak", "değil", "yüzde").
    private static let maxWordBytes = 6

    private struct Counts {
        var latin = 0, cyrillic = 0, armenian = 0
        var schwa = 0, xq = 0, turkic = 0, french = 0, azCyrillic = 0
        var enWords = 0, frWords = 0, trWords = 0

        /// Counts a function word. Words are their UTF-8 bytes packed little-endian into a UInt64, so
        /// the lists are integer literals: no hashing and no lazily built tables on this hot path.
        mutating func addWord(_ word: UInt64) {
            switch word {
            // the, and, of, to, in, is, was, for, on, with, said, from, by
            case 0x656874, 0x646E61, 0x666F, 0x6F74, 0x6E69, 0x7369, 0x736177, 0x726F66, 0x6E6F, 0x68746977, 0x64696173, 0x6D6F7266, 0x7962: enWords += 1
            // le, la, les, des, et, du, une, est, pour, dans, sur, qui, au, aux
            case 0x656C, 0x616C, 0x73656C, 0x736564, 0x7465, 0x7564, 0x656E75, 0x747365, 0x72756F70, 0x736E6164, 0x727573, 0x697571, 0x7561, 0x787561: frWords += 1
            // ve, bir, için, ile, olarak, çok, gibi, değil, ancak, yüzde, ise
            case 0x6576, 0x726962, 0x6E69A7C369, 0x656C69, 0x6B6172616C6F, 0x6B6FA7C3, 0x69626967, 0x6C699FC46564, 0x6B61636E61, 0x65647ABCC379, 0x657369: trWords += 1
            default: break
            }
        }

        /// Counts a non-ASCII scalar; returns whether it is a letter.
        mutating func add(_ value: UInt32) -> Bool {
            switch value {
            case 0x259, 0x18F: schwa += 1  // ə Ə
            case 0x131, 0x130, 0x15F, 0x15E, 0x11F, 0x11E: turkic += 1  // ı İ ş Ş ğ Ğ
            case 0xE9, 0xE8, 0xEA, 0xE0, 0xE2, 0xEE, 0xF4, 0xFB, 0x153, 0xEB, 0xEF, 0xF9, 0xC9, 0xC8, 0xC0: french += 1
            case 0x4D9, 0x4D8, 0x49D, 0x49C, 0x493, 0x492, 0x4B9, 0x4B8, 0x4BB, 0x4BA, 0x458, 0x408, 0x4E9, 0x4E8, 0x4AF, 0x4AE:
                azCyrillic += 1
            default: break
            }
            switch value {
            case 0x80...0xBF:
                // Latin-1 punctuation and symbols (« » NBSP): no property lookup. As the lookup
                // says: ª º are Latin letters, µ a letter of no script.
                switch value {
                case 0xAA, 0xBA: latin += 1
                case 0xB5: break
                default: return false
                }
            case 0xC0...0x24F where value != 0xD7 && value != 0xF7:
                latin += 1
            case 0x250...0x2AF:
                latin += 1  // IPA block: ə and friends
            case 0x400...0x52F:
                cyrillic += 1
            case 0x531...0x587:
                armenian += 1
            case 0x80..<0x2000:
                guard let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic else { return false }
                switch cicu_script_of(Int32(bitPattern: value)) {
                case CICU_SCRIPT_LATIN: latin += 1
                case CICU_SCRIPT_CYRILLIC: cyrillic += 1
                case CICU_SCRIPT_ARMENIAN: armenian += 1
                default: break
                }
            default:
                return false
            }
            return true
        }

        var verdict: LanguageTag {
            if armenian > latin && armenian > cyrillic { return .hy }
            if cyrillic > latin { return azCyrillic * 100 >= cyrillic || azCyrillic >= 3 ? .azCyrl : .ru }
            if schwa > 0 && schwa * 200 >= latin { return .az }
            if turkic > 0 || trWords > enWords + frWords {
                // Turkish spelling has no x or q; Azerbaijani uses both often (xalq, qəsəbə).
                return schwa > 0 || xq * 200 > latin ? .az : .tr
            }
            // Function words decide between French and English; accents only break a tie, and
            // only when frequent (an English café, or mojibake's â, is not French).
            if frWords != enWords { return frWords > enWords ? .fr : .en }
            return french * 100 >= latin && french > 0 ? .fr : .en
        }
    }
}

@Suite struct LanguageDetectorOracleTests {
    /// Fragments that push the counts across the verdict's thresholds: function words of each
    /// language, telling letters, letters of each script, and separators.
    static let fragments = [
        " ", " ", ". ", ", ", "\n", "-", "'", "«", "»", "1", "the", "and", "le", "des", "ve", "için", "değil", "yüzde", "olarak",
        "çok", "aux", "a", "x", "q", "X", "Q", "xq", "ab", "ə", "Ə", "ş", "ı", "İ", "ğ", "é", "È", "œ", "â", "аб", "ә", "ҹ", "ј",
        "Ј", "ө", "мир", "Երևան", "ու", "µ", "ª", "º", "\u{00A0}", "\u{0301}", "ʼ", "ǝ", "ɐ", "Ω", "ש", "ب", "ᴀ", "Ꭰ", "—", "€",
        "😀", "𝔄", "İİ", "veə", "ve\u{0301}",
    ]

    /// Every scalar up to U+3000 (and some beyond), alone and among the fragments: the table must
    /// classify each as the switches and the Unicode tables did.
    @Test func everyScalarGivesTheOraclesVerdict() {
        var generator = SplitMix64(seed: 0x5EED_0001)
        var disagreements: [String] = []
        let extra: [UInt32] = [0x1D00, 0x1E9E, 0x2C60, 0xA730, 0xAB30, 0xFB00, 0xFF21, 0x10400, 0x1D400, 0x1F600]
        for value in Array(UInt32(0x20)..<0x3000) + extra {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let character = String(scalar)
            var texts = [character, character + character + character, character + " ab", character + character + character + " аб", "le" + character + " de"]
            for _ in 0..<8 {
                var text = ""
                for _ in 0..<Int.random(in: 1...8, using: &generator) {
                    text += Bool.random(using: &generator) ? character : Self.fragments.randomElement(using: &generator) ?? ""
                }
                texts.append(text)
            }
            for text in texts where LanguageDetector.detect(text) != LanguageDetectorOracle.detect(text) {
                disagreements.append("U+\(String(value, radix: 16, uppercase: true)) in \(text.debugDescription)")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count): \(disagreements.prefix(20))")
    }

    /// Random text from every script, short and around the sample's end (a scalar across it).
    @Test func randomTextGivesTheOraclesVerdict() {
        var disagreements: [String] = []
        for seed in UInt64(1)...3000 {
            var random = RandomText(seed: seed)
            var text = random.mixedUnicode(tokens: random.int(1...60))
            if seed % 10 == 0 {
                while text.utf8.count < LanguageDetector.sampleBytes + 8 { text += " " + random.mixedUnicode(tokens: 20) }
            }
            var pieces = [text]
            for _ in 0..<random.int(1...12) { pieces.append(random.pick(Self.fragments)) }
            for candidate in [text, pieces.joined()] where LanguageDetector.detect(candidate) != LanguageDetectorOracle.detect(candidate) {
                disagreements.append("seed \(seed): \(candidate.prefix(80).debugDescription)")
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.count): \(disagreements.prefix(10))")
    }

    /// Samples cut inside a multi-byte scalar or a word, after ASCII, Latin, Turkic and Cyrillic filler.
    @Test func theSamplesEndGivesTheOraclesVerdict() {
        let sample = LanguageDetector.sampleBytes
        let fillers = ["ab ", "İş ", "ə", "а", "xq ", "ve "]
        var texts: [String] = []
        for filler in fillers {
            let long = String(repeating: filler, count: sample)
            for cut in sample - 8...sample + 1 {
                // The filler's first `cut` bytes, rounded down to a whole scalar.
                var prefix = ""
                for scalar in long.unicodeScalars {
                    guard prefix.utf8.count + String(scalar).utf8.count <= cut else { break }
                    prefix.unicodeScalars.append(scalar)
                }
                for tail in ["ə", "ş", "İ", "é", "ә", "Ե", "€", "😀", "ve", "için", "olarak", "xq", "the"] {
                    texts.append(prefix + tail)
                    texts.append(prefix + tail + " ve xq")
                }
            }
        }
        var disagreements: [String] = []
        for text in texts where LanguageDetector.detect(text) != LanguageDetectorOracle.detect(text) {
            disagreements.append("\(text.utf8.count) bytes ending \(text.suffix(12).debugDescription)")
        }
        #expect(disagreements.isEmpty, "\(disagreements.count): \(disagreements.prefix(10))")
    }

    /// The corpora, paragraph by paragraph and whole.
    @Test func corporaGiveTheOraclesVerdict() throws {
        let directory = GoldenFile.repositoryRoot.appendingPathComponent("corpora")
        for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) where file.hasSuffix(".txt") {
            let text = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            for paragraph in [text] + text.components(separatedBy: "\n\n") {
                #expect(LanguageDetector.detect(paragraph) == LanguageDetectorOracle.detect(paragraph), "\(file): \(paragraph.prefix(60))")
            }
        }
    }
}

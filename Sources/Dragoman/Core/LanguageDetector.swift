internal import CICU

/// Cheap detection of a record's language among the six Dragoman reads.
///
/// Reads the first ``sampleBytes`` bytes of a record, once, without allocating. The script of
/// each letter comes from its Unicode block for the blocks these languages use, and from ICU
/// (`uscript_getScript`) for anything else. Within a script the choice rests on letters one
/// language has and its neighbour lacks, then on frequent function words:
/// - Armenian script → `hy`.
/// - Cyrillic with Azerbaijani-only letters (ә ҝ ғ ҹ һ ј ө ү) → `az-Cyrl`, otherwise `ru`.
/// - Latin with ə, or with Turkic letters (ı ş ğ) and the x and q that Turkish spelling lacks → `az`;
///   Turkic letters or Turkish function words without them → `tr`; otherwise French or English by
///   accents and function words.
public enum LanguageDetector {
    /// How many bytes of a record the detector reads.
    public static let sampleBytes = 4096

    public static func detect(_ text: String) -> LanguageTag {
        // Read once per record: a static `let` read in the loop calls swift_once at every access.
        let classes = scalarClasses
        return text.withUTF8Buffer { bytes in
            classes.withUnsafeBufferPointer { classes in
                var counts = Counts()
                // Where the word being read starts, or -1. A word's bytes lie together: they are read
                // when it ends, and only if it is short enough to be a function word.
                var wordStart = -1
                let end = min(bytes.count, sampleBytes)
                var index = 0
                while index < end {
                    let byte = bytes[index]
                    if byte < 0x80 {
                        if ASCIIScan.isLetter(byte) {
                            // Most of the sample: runs of ASCII letters, eight bytes at a time (x and
                            // q are counted only if the verdict asks).
                            if wordStart < 0 { wordStart = index }
                            let runEnd = min(ASCIIScan.firstNonLetter(in: bytes, from: index + 1), end)
                            counts.asciiLetters += runEnd - index
                            index = runEnd
                            continue
                        }
                        if wordStart >= 0 {
                            counts.addWord(bytes, wordStart..<index)
                            wordStart = -1
                        }
                        index += 1
                        continue
                    }
                    guard index + 1 < bytes.count else { break }
                    let (value, length) = UTF8Decoding.scalar(in: bytes, at: index)
                    let scalarClass = value < 0x800 ? classes[Int(value)] : Self.scalarClass(of: value)
                    if scalarClass & ScalarClass.letter != 0 {
                        counts.add(scalarClass)
                        if wordStart < 0 { wordStart = index }
                    } else if wordStart >= 0 {
                        counts.addWord(bytes, wordStart..<index)
                        wordStart = -1
                    }
                    index += length
                }
                if wordStart >= 0 { counts.addWord(bytes, wordStart..<index) }
                // Text is valid UTF-8: every ASCII byte before where the loop stopped is one it read.
                return counts.verdict(xq: { xqCount(UnsafeBufferPointer(rebasing: bytes[..<min(index, bytes.count)])) })
            }
        }
    }

    /// How many bytes are x, X, q or Q, eight at a time.
    private static func xqCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        /// The high bit of each byte of `value` that is zero, and no other bit.
        func zeroBytes(_ value: UInt64) -> UInt64 {
            ~((value & 0x7F7F_7F7F_7F7F_7F7F &+ 0x7F7F_7F7F_7F7F_7F7F) | value | 0x7F7F_7F7F_7F7F_7F7F)
        }
        var total = 0
        var index = 0
        if let base = bytes.baseAddress {
            while index + 8 <= bytes.count {
                let lower = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self) | 0x2020_2020_2020_2020
                total += zeroBytes(lower ^ 0x7878_7878_7878_7878).nonzeroBitCount + zeroBytes(lower ^ 0x7171_7171_7171_7171).nonzeroBitCount
                index += 8
            }
        }
        for byte in bytes[index...] where byte | 0x20 == 0x78 || byte | 0x20 == 0x71 { total += 1 }
        return total
    }

    /// The longest function word in bytes ("olarak", "değil", "yüzde").
    private static let maxWordBytes = 6

    /// What a non-ASCII scalar counts for, packed in a byte: whether it is a letter, its script
    /// (the lane of ``Counts/scripts``) and the telling letter it is, if any (the lane of
    /// ``Counts/marks``, plus one).
    private enum ScalarClass {
        static let letter: UInt8 = 0x80
        static let latin: UInt8 = 1, cyrillic: UInt8 = 2, armenian: UInt8 = 3
        static let schwa: UInt8 = 1 << 2, turkic: UInt8 = 2 << 2, french: UInt8 = 3 << 2, azCyrillic: UInt8 = 4 << 2
        static let marks: UInt8 = 7 << 2
    }

    /// ``scalarClass(of:)`` of every scalar below U+0800, the two-byte sequences (Latin beyond
    /// ASCII, Cyrillic, Armenian): one read per letter instead of two switches and, for the other
    /// blocks, the Unicode and ICU tables.
    private static let scalarClasses: [UInt8] = (0..<0x800).map { scalarClass(of: UInt32($0)) }

    /// The class of a non-ASCII scalar: 0 for anything but a letter.
    private static func scalarClass(of value: UInt32) -> UInt8 {
        var mark: UInt8 = 0
        switch value {
        case 0x259, 0x18F: mark = ScalarClass.schwa  // ə Ə
        case 0x131, 0x130, 0x15F, 0x15E, 0x11F, 0x11E: mark = ScalarClass.turkic  // ı İ ş Ş ğ Ğ
        case 0xE9, 0xE8, 0xEA, 0xE0, 0xE2, 0xEE, 0xF4, 0xFB, 0x153, 0xEB, 0xEF, 0xF9, 0xC9, 0xC8, 0xC0: mark = ScalarClass.french
        case 0x4D9, 0x4D8, 0x49D, 0x49C, 0x493, 0x492, 0x4B9, 0x4B8, 0x4BB, 0x4BA, 0x458, 0x408, 0x4E9, 0x4E8, 0x4AF, 0x4AE:
            mark = ScalarClass.azCyrillic
        default: break
        }
        let letter = ScalarClass.letter | mark
        switch value {
        case 0x80...0xBF:
            // Latin-1 punctuation and symbols (« » NBSP): no property lookup. As the lookup
            // says: ª º are Latin letters, µ a letter of no script.
            switch value {
            case 0xAA, 0xBA: return letter | ScalarClass.latin
            case 0xB5: return letter
            default: return 0
            }
        case 0xC0...0x24F where value != 0xD7 && value != 0xF7:
            return letter | ScalarClass.latin
        case 0x250...0x2AF:
            return letter | ScalarClass.latin  // IPA block: ə and friends
        case 0x400...0x52F:
            return letter | ScalarClass.cyrillic
        case 0x531...0x587:
            return letter | ScalarClass.armenian
        case 0x80..<0x2000:
            guard let scalar = Unicode.Scalar(value), scalar.properties.isAlphabetic else { return 0 }
            switch cicu_script_of(Int32(bitPattern: value)) {
            case CICU_SCRIPT_LATIN: return letter | ScalarClass.latin
            case CICU_SCRIPT_CYRILLIC: return letter | ScalarClass.cyrillic
            case CICU_SCRIPT_ARMENIAN: return letter | ScalarClass.armenian
            default: return letter
            }
        default:
            return 0
        }
    }

    private struct Counts {
        /// ASCII letters, all Latin.
        var asciiLetters = 0
        /// Other letters by script, in 16-bit lanes (a sample holds at most 2,048 of them): none,
        /// Latin, Cyrillic, Armenian. Adding one to a lane picked by the class costs no branch.
        var scripts: UInt64 = 0
        /// Telling letters in 16-bit lanes: ə, Turkic, French, Azerbaijani Cyrillic.
        var marks: UInt64 = 0
        var enWords = 0, frWords = 0, trWords = 0

        var latin: Int { asciiLetters + Self.lane(scripts, 1) }
        var cyrillic: Int { Self.lane(scripts, 2) }
        var armenian: Int { Self.lane(scripts, 3) }
        var schwa: Int { Self.lane(marks, 0) }
        var turkic: Int { Self.lane(marks, 1) }
        var french: Int { Self.lane(marks, 2) }
        var azCyrillic: Int { Self.lane(marks, 3) }

        private static func lane(_ lanes: UInt64, _ index: Int) -> Int {
            Int(truncatingIfNeeded: lanes >> (16 * UInt64(index)) & 0xFFFF)
        }

        /// Counts a letter of this class.
        mutating func add(_ scalarClass: UInt8) {
            scripts &+= 1 &<< (UInt64(scalarClass & 3) &* 16)
            let mark = scalarClass & ScalarClass.marks
            if mark != 0 { marks &+= 1 &<< (UInt64((mark >> 2) - 1) &* 16) }
        }

        /// Counts a function word: a word's bytes, the ASCII letters lower-cased. Words are their
        /// UTF-8 bytes packed little-endian into a UInt64, so the lists are integer literals: no
        /// hashing and no lazily built tables on this hot path.
        mutating func addWord(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) {
            guard range.count <= maxWordBytes else { return }
            var word: UInt64 = 0
            if let base = bytes.baseAddress, range.lowerBound + 8 <= bytes.count {
                // Eight bytes at once; 0x20 added to the ASCII ones (a word's ASCII bytes are letters).
                let loaded = UnsafeRawPointer(base + range.lowerBound).loadUnaligned(as: UInt64.self)
                word = (loaded | (~loaded & 0x8080_8080_8080_8080) >> 2) & (1 << (8 * UInt64(range.count)) - 1)
            } else {
                for index in range.reversed() {
                    let byte = bytes[index]
                    word = word << 8 | UInt64(byte < 0x80 ? byte | 0x20 : byte)
                }
            }
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

        /// - Parameter xq: how many x and q the sample has, asked only when Turkic letters or words
        ///   leave Turkish and Azerbaijani to tell apart.
        func verdict(xq: () -> Int) -> LanguageTag {
            if armenian > latin && armenian > cyrillic { return .hy }
            if cyrillic > latin { return azCyrillic * 100 >= cyrillic || azCyrillic >= 3 ? .azCyrl : .ru }
            if schwa > 0 && schwa * 200 >= latin { return .az }
            if turkic > 0 || trWords > enWords + frWords {
                // Turkish spelling has no x or q; Azerbaijani uses both often (xalq, qəsəbə).
                return schwa > 0 || xq() * 200 > latin ? .az : .tr
            }
            // Function words decide between French and English; accents only break a tie, and
            // only when frequent (an English café, or mojibake's â, is not French).
            if frWords != enWords { return frWords > enWords ? .fr : .en }
            return french * 100 >= latin && french > 0 ? .fr : .en
        }
    }
}

internal import CICU

/// The scripts Dragoman tells apart, from ICU's `uscript_getScript`.
public enum Script: Sendable, Hashable {
    case latin, cyrillic, armenian, greek
    /// Shared by all scripts: digits, punctuation, symbols.
    case common
    /// Combining marks that take the script of their base.
    case inherited
    case other(Int32)

    /// The script of a scalar.
    public init(of scalar: Unicode.Scalar) {
        let value = scalar.value
        if value < 0x80 {
            let lower = value | 0x20
            self = lower >= 0x61 && lower <= 0x7A ? .latin : .common
            return
        }
        // The blocks of the languages Dragoman reads, by range; ICU answers for everything else.
        switch value {
        case 0xC0..<0x250 where value != 0xD7 && value != 0xF7, 0x250..<0x2B0:
            self = .latin
            return
        case 0x400..<0x483, 0x48A..<0x530:
            self = .cyrillic
            return
        case 0x531..<0x557, 0x560..<0x589:
            self = .armenian
            return
        default: break
        }
        switch cicu_script_of(Int32(bitPattern: value)) {
        case CICU_SCRIPT_LATIN: self = .latin
        case CICU_SCRIPT_CYRILLIC: self = .cyrillic
        case CICU_SCRIPT_ARMENIAN: self = .armenian
        case CICU_SCRIPT_GREEK: self = .greek
        case CICU_SCRIPT_COMMON: self = .common
        case CICU_SCRIPT_INHERITED: self = .inherited
        case let code: self = .other(code)
        }
    }
}

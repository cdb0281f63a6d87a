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

import Dragoman

/// Exit statuses, after BSD's sysexits.h, as `--help` documents them.
enum ExitStatus {
    static let usage: Int32 = 64
    static let data: Int32 = 65
    static let noInput: Int32 = 66
    static let software: Int32 = 70
    static let ioError: Int32 = 74
    static let config: Int32 = 78

    static func of(_ error: DragomanError) -> Int32 {
        switch error {
        case .malformedRecord, .invalidUTF8: data
        case .io, .outputClosed: ioError
        case .invalidConfiguration, .unknownStage: config
        case .unknownLanguage: usage
        case .icu, .invalidEdits, .engine: software
        }
    }
}

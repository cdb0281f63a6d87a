import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Diagnostics on standard error, one `write` per message so lines from worker threads never interleave.
struct StandardError: Sendable {
    func write(_ message: String) {
        let line = message.hasSuffix("\n") ? message : message + "\n"
        line.utf8CString.withUnsafeBufferPointer { buffer in
            _ = Glibc.write(STDERR_FILENO, buffer.baseAddress, buffer.count - 1)
        }
    }

    func error(_ message: String) {
        write("dragoman: error: \(message)")
    }
}

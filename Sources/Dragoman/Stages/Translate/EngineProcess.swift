#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// One running translation engine: a program started once and fed segments through its stdin,
/// answering each on its stdout, in order.
///
/// The program runs in its own process group, so that killing the group ends a whole pipeline of
/// programs (Apertium is ten). Its stdin is one end of a Unix socket pair rather than a pipe so that
/// writing to an engine that died fails with `EPIPE` (`MSG_NOSIGNAL`) instead of raising `SIGPIPE`
/// in the host process; its stdout and stderr are socket pairs too. All I/O is non-blocking under `poll`: writes and reads interleave, so a
/// record's segments are all in flight at once (Apertium: ~2,800 segments/s pipelined against ~760
/// one at a time) and full pipe buffers cannot deadlock; no wait is longer than the timeout.
final class EngineProcess {
    /// How a segment and its answer are framed.
    enum Framing {
        /// `segment\n` → `answer\n`.
        case lines
        /// `segment\n\0` → `answer\n\0`: Apertium's `-z` stream, flushed at each NUL (lt-proc flushes
        /// only when a blank precedes the NUL, hence the newline).
        case nul
    }

    /// Why a request failed; the engine is dead afterwards and must be ``terminate()``d.
    struct Failure: Error {
        /// Answers received before the failing segment.
        var answers: [String]
        var reason: String
    }

    private let pid: pid_t
    private var input: Int32
    private var output: Int32
    private var errors: Int32
    private var pending: [UInt8] = []
    /// The end of the engine's stderr, for error messages.
    private var errorTail: [UInt8] = []
    private(set) var isAlive = true

    /// Starts `command` (the first element is looked up in `PATH` when it has no `/`).
    init(command: [String]) throws(EngineStartError) {
        guard let program = command.first else { throw EngineStartError(reason: "empty command") }
        var sockets: [Int32] = [-1, -1]
        var outPipe: [Int32] = [-1, -1]
        var errPipe: [Int32] = [-1, -1]
        // Socket pairs rather than pipes: SOCK_CLOEXEC is set atomically (pipe2 is not imported), so
        // an engine started by another thread at the same moment cannot inherit these ends.
        let type = Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        guard socketpair(AF_UNIX, type, 0, &sockets) == 0, socketpair(AF_UNIX, type, 0, &outPipe) == 0,
            socketpair(AF_UNIX, type, 0, &errPipe) == 0
        else {
            let reason = String(cString: strerror(errno))
            for fd in sockets + outPipe + errPipe where fd >= 0 { close(fd) }
            throw EngineStartError(reason: "cannot create pipes: \(reason)")
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, sockets[1], 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // Own process group; SIGPIPE back to its default, since an ignored signal stays ignored
        // across exec (the CLI ignores it) and an engine's stage should die with its reader.
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        posix_spawnattr_setpgroup(&attributes, 0)
        var signals = sigset_t()
        sigemptyset(&signals)
        posix_spawnattr_setsigmask(&attributes, &signals)
        sigaddset(&signals, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &signals)

        var arguments: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) }
        arguments.append(nil)
        defer { for argument in arguments { free(argument) } }
        var child: pid_t = 0
        let status = posix_spawnp(&child, program, &actions, &attributes, arguments, environ)
        close(sockets[1])
        close(outPipe[1])
        close(errPipe[1])
        guard status == 0 else {
            close(sockets[0])
            close(outPipe[0])
            close(errPipe[0])
            throw EngineStartError(reason: "cannot start '\(program)': \(String(cString: strerror(status)))")
        }
        pid = child
        input = sockets[0]
        output = outPipe[0]
        errors = errPipe[0]
        for fd in [input, output, errors] { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
    }

    deinit { terminate() }

    /// Sends every segment and reads every answer, or fails at the first segment the engine does not
    /// answer: end of output, a failed write, no progress for `timeout` seconds, or an empty answer
    /// to a segment with text (a crashed Apertium stage answers empty).
    func translate(_ segments: [String], framing: Framing, timeout: Double) throws(Failure) -> [String] {
        var request: [UInt8] = []
        for segment in segments {
            request.append(contentsOf: segment.utf8)
            request.append(0x0A)
            if framing == .nul { request.append(0) }
        }
        let terminator: UInt8 = framing == .nul ? 0 : 0x0A
        var answers: [String] = []
        answers.reserveCapacity(segments.count)
        var written = 0
        var deadline = Self.now() + timeout
        var buffer = [UInt8](repeating: 0, count: 65536)

        func fail(_ reason: String) -> Failure {
            isAlive = false
            return Failure(answers: answers, reason: reason + exitDescription())
        }
        func takeAnswers() throws(Failure) {
            // One compaction per read, not one per answer: a read holds hundreds of answers.
            var start = pending.startIndex
            defer { pending.removeSubrange(..<start) }
            while answers.count < segments.count, let end = pending[start...].firstIndex(of: terminator) {
                var answer = pending[start..<end]
                start = end + 1
                if framing == .nul, answer.last == 0x0A { answer = answer.dropLast() }
                if framing == .lines, answer.last == 0x0D { answer = answer.dropLast() }
                let segment = segments[answers.count]
                if answer.isEmpty && segment.contains(where: { !$0.isWhitespace }) {
                    throw fail("empty answer (the engine crashed?)")
                }
                answers.append(String(decoding: answer, as: UTF8.self))
            }
        }

        try takeAnswers()
        while answers.count < segments.count {
            var fds = [
                pollfd(fd: output, events: Int16(POLLIN), revents: 0),
                pollfd(fd: errors, events: Int16(POLLIN), revents: 0),
                pollfd(fd: written < request.count ? input : -1, events: Int16(POLLOUT), revents: 0),
            ]
            let remaining = deadline - Self.now()
            guard remaining > 0 else { throw fail("no answer within \(Self.seconds(timeout)) s (the engine hangs?)") }
            let ready = poll(&fds, 3, Int32(min(remaining * 1000 + 1, 60_000)))
            if ready < 0 {
                if errno == EINTR { continue }
                throw fail("poll failed: \(String(cString: strerror(errno)))")
            }
            if fds[2].revents != 0 {
                let count = request[written...].withUnsafeBytes { raw in
                    send(input, raw.baseAddress, min(raw.count, 65536), Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
                }
                if count < 0 && errno != EAGAIN && errno != EINTR {
                    throw fail("cannot write to the engine: \(String(cString: strerror(errno)))")
                }
                if count > 0 { written += count }
            }
            if fds[1].revents != 0 { readErrors(&buffer) }
            if fds[0].revents != 0 {
                let count = read(output, &buffer, buffer.count)
                if count == 0 {
                    readErrors(&buffer)
                    throw fail("the engine closed its output")
                }
                if count < 0 {
                    if errno == EAGAIN || errno == EINTR { continue }
                    throw fail("cannot read from the engine: \(String(cString: strerror(errno)))")
                }
                pending.append(contentsOf: buffer[0..<count])
                deadline = Self.now() + timeout
                try takeAnswers()
            }
        }
        return answers
    }

    /// Keeps the last 2 KiB of the engine's stderr.
    private func readErrors(_ buffer: inout [UInt8]) {
        guard errors >= 0 else { return }
        while true {
            let count = read(errors, &buffer, buffer.count)
            if count == 0 {
                close(errors)
                errors = -1
                return
            }
            guard count > 0 else { return }
            errorTail.append(contentsOf: buffer[0..<count])
            if errorTail.count > 2048 { errorTail.removeFirst(errorTail.count - 2048) }
        }
    }

    /// `; exited with status 69; stderr: …` when the engine has ended or said something.
    private func exitDescription() -> String {
        var description = ""
        // Give a dying engine a moment to be reaped, so that its status can be reported.
        for _ in 0..<20 where exitStatus == nil {
            reap(waiting: false)
            if exitStatus == nil { usleep(5_000) }
        }
        if let status = exitStatus, status >= 0 {
            let signal = status & 0x7F
            if signal == 0 {
                description += "; exited with status \((status >> 8) & 0xFF)"
            } else {
                description += "; killed by signal \(signal)"
            }
        }
        var buffer = [UInt8](repeating: 0, count: 4096)
        readErrors(&buffer)
        let message = String(decoding: errorTail, as: UTF8.self).split(whereSeparator: \.isNewline).suffix(3).joined(separator: " | ")
        if !message.isEmpty { description += "; stderr: \(message)" }
        return description
    }

    /// The wait status once the engine is reaped (-1 when it cannot be).
    private var exitStatus: Int32?

    private func reap(waiting: Bool) {
        guard exitStatus == nil else { return }
        var status: Int32 = 0
        let result = waitpid(pid, &status, waiting ? 0 : WNOHANG)
        if result == pid { exitStatus = status } else if result < 0 && errno != EINTR { exitStatus = -1 }
    }

    /// Closes the engine's input (a well-behaved engine exits at end of input), then kills its
    /// process group and reaps it. Idempotent.
    func terminate() {
        guard input >= 0 else { return }
        close(input)
        input = -1
        isAlive = false
        for _ in 0..<20 where exitStatus == nil {
            reap(waiting: false)
            if exitStatus == nil { usleep(5_000) }
        }
        // Stages of a pipeline may outlive the shell that started them.
        kill(-pid, SIGKILL)
        reap(waiting: true)
        close(output)
        output = -1
        if errors >= 0 { close(errors) }
        errors = -1
    }

    private static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

/// Why an engine could not be started.
struct EngineStartError: Error {
    var reason: String
}

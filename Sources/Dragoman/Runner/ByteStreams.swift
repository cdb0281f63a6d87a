#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif
internal import Synchronization

/// Where the runner reads bytes from.
public protocol ByteSource {
    /// How diagnostics name this input, e.g. a path or `<stdin>`.
    var name: String { get }
    /// Reads up to `buffer.count` bytes; returns 0 at the end of the input.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(DragomanError) -> Int
}

/// Where the runner writes output. Calls come from one thread at a time, in output order.
public protocol ByteSink: Sendable {
    /// Writes all of `bytes` (and hands them on at once: the runner writes whole records per call).
    func write(_ bytes: UnsafeRawBufferPointer) throws(DragomanError)
}

/// Reads a file descriptor (standard input, or a file the caller opened).
public struct FileDescriptorSource: ByteSource {
    public let name: String
    public let descriptor: Int32

    public init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(DragomanError) -> Int {
        while true {
            #if canImport(Glibc)
            let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
            #else
            let count = Darwin.read(descriptor, buffer.baseAddress, buffer.count)
            #endif
            if count >= 0 { return count }
            if errno == EINTR { continue }
            throw .io(String(cString: strerror(errno)), path: name)
        }
    }
}

/// Writes to a file descriptor with no buffering of its own, so each record reaches a reader
/// (a pipe, `tail -f`) as soon as it is written.
public struct FileDescriptorSink: ByteSink {
    public let descriptor: Int32
    public let name: String

    public init(descriptor: Int32, name: String = "<stdout>") {
        self.descriptor = descriptor
        self.name = name
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(DragomanError) {
        guard var pointer = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            #if canImport(Glibc)
            let written = Glibc.write(descriptor, pointer, remaining)
            #else
            let written = Darwin.write(descriptor, pointer, remaining)
            #endif
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { throw .outputClosed }
                throw .io(String(cString: strerror(errno)), path: name)
            }
            remaining -= written
            pointer += written
        }
    }
}

/// An in-memory input that hands out its bytes in the read sizes it is given (cycling), so tests
/// can prove that output does not depend on how input is chunked.
public struct MemorySource: ByteSource {
    public let name: String
    private let bytes: [UInt8]
    private let readSizes: [Int]
    private var position = 0
    private var readIndex = 0

    /// - Parameter readSizes: the sizes of successive reads (cycled); empty means all at once.
    public init(_ bytes: [UInt8], name: String = "<memory>", readSizes: [Int] = []) {
        self.bytes = bytes
        self.name = name
        self.readSizes = readSizes.filter { $0 > 0 }
    }

    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws(DragomanError) -> Int {
        var size = bytes.count - position
        if !readSizes.isEmpty {
            size = min(size, readSizes[readIndex % readSizes.count])
            readIndex += 1
        }
        size = min(size, buffer.count)
        guard size > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[position..<position + size]))
        }
        position += size
        return size
    }
}

/// Collects output in memory.
public final class MemorySink: ByteSink {
    private let storage = Locked<[UInt8]>([])
    private let writes = Atomic<Int>(0)

    public init() {}

    public func write(_ bytes: UnsafeRawBufferPointer) throws(DragomanError) {
        storage.withLock { $0.append(contentsOf: bytes) }
        writes.add(1, ordering: .relaxed)
    }

    /// Everything written so far.
    public var bytes: [UInt8] { storage.withLock { $0 } }
    /// Everything written so far, as text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
    /// How many write calls were made.
    public var writeCount: Int { writes.load(ordering: .relaxed) }
}

import Glibc

/// A growable byte buffer with separate read and write positions, owned by one connection.
///
/// Non-copyable, so its storage has exactly one owner and is freed exactly once. Connections `recv` into its free
/// space, the parser reads the unread bytes in place, and responses are encoded into it and `send` from it; no
/// copy-on-write checks or intermediate arrays on the way.
struct ByteBuffer: ~Copyable {
    private var storage: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    private(set) var readerIndex = 0
    private(set) var writerIndex = 0

    /// Allocates `capacity` bytes (at least 16).
    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        storage = .allocate(capacity: self.capacity)
    }

    deinit {
        storage.deallocate()
    }

    /// Bytes written but not yet read.
    var readableCount: Int { writerIndex - readerIndex }

    /// Whether every written byte has been read.
    var isEmpty: Bool { writerIndex == readerIndex }

    /// Free bytes after the write position.
    var writableCount: Int { capacity - writerIndex }

    /// The unread bytes; valid until the next mutating call.
    var readableBytes: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: storage + readerIndex, count: readableCount)
    }

    /// Where the next byte will be written; `writableCount` bytes are available.
    var writablePointer: UnsafeMutableRawPointer {
        UnsafeMutableRawPointer(storage + writerIndex)
    }

    /// Marks `count` bytes as read; when everything is read both positions return to the start.
    mutating func moveReaderIndex(forwardBy count: Int) {
        readerIndex += count
        if readerIndex >= writerIndex {
            readerIndex = 0
            writerIndex = 0
        }
    }

    /// Marks `count` bytes after the write position as written (after `recv` wrote them there).
    mutating func moveWriterIndex(forwardBy count: Int) {
        writerIndex += count
    }

    /// Forgets all content.
    mutating func clear() {
        readerIndex = 0
        writerIndex = 0
    }

    /// Makes room for at least `count` more bytes: first by moving unread bytes to the front, then by growing.
    mutating func reserveWritable(_ count: Int) {
        if writableCount >= count { return }
        let unread = readableCount
        if readerIndex > 0 && capacity - unread >= count {
            memmove(storage, storage + readerIndex, unread)
            readerIndex = 0
            writerIndex = unread
            return
        }
        let newCapacity = max(capacity * 2, unread + count)
        let newStorage = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newStorage.update(from: storage + readerIndex, count: unread)
        storage.deallocate()
        storage = newStorage
        capacity = newCapacity
        readerIndex = 0
        writerIndex = unread
    }

    /// Releases memory of a buffer that grew large once (e.g. for a big response) once it is empty again.
    mutating func shrinkIfEmpty(above limit: Int, to newCapacity: Int) {
        guard isEmpty, capacity > limit else { return }
        storage.deallocate()
        capacity = max(newCapacity, 16)
        storage = .allocate(capacity: capacity)
        readerIndex = 0
        writerIndex = 0
    }

    /// Appends raw bytes.
    mutating func append(_ bytes: UnsafeRawBufferPointer) {
        guard let source = bytes.baseAddress, bytes.count > 0 else { return }
        reserveWritable(bytes.count)
        UnsafeMutableRawPointer(storage + writerIndex).copyMemory(from: source, byteCount: bytes.count)
        writerIndex += bytes.count
    }

    /// Appends the contents of an array.
    mutating func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { append($0) }
    }

    /// Appends a string literal's UTF-8 bytes.
    mutating func append(_ literal: StaticString) {
        append(UnsafeRawBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
    }

    /// Appends a string's UTF-8 bytes.
    mutating func append(_ string: String) {
        var string = string
        string.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    /// Appends one byte.
    mutating func append(byte: UInt8) {
        reserveWritable(1)
        storage[writerIndex] = byte
        writerIndex += 1
    }

    /// Appends the decimal digits of a non-negative integer (negative values are written as 0).
    mutating func appendDecimal(_ value: Int) {
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: enough for Int.max
        var remaining = UInt64(max(value, 0))
        var count = 0
        withUnsafeMutableBytes(of: &digits) { scratch in
            repeat {
                scratch[23 - count] = UInt8(truncatingIfNeeded: remaining % 10) + 48
                remaining /= 10
                count += 1
            } while remaining > 0
            append(UnsafeRawBufferPointer(rebasing: scratch[(24 - count)...]))
        }
    }
}

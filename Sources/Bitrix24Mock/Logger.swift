import JSON

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Writes log lines to stderr, one `write(2)` per line so lines from different threads never interleave.
public struct Logger: Sendable {
    public var level: LogLevel
    public var format: LogFormat
    /// Where lines go; stderr unless a test captures them.
    var sink: @Sendable (String) -> Void

    public init(level: LogLevel, format: LogFormat) {
        self.init(level: level, format: format) { line in Logger.writeLine(line, to: 2) }
    }

    /// Writes a line and its newline to a file descriptor with `write(2)`, retrying short writes; no buffering, so
    /// the ready line reaches a pipe at once and concurrent lines never interleave.
    public static func writeLine(_ text: String, to descriptor: Int32) {
        var bytes = Array(text.utf8)
        bytes.append(UInt8(ascii: "\n"))
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = write(descriptor, base + offset, buffer.count - offset)
                if written <= 0 { return }
                offset += written
            }
        }
    }

    init(level: LogLevel, format: LogFormat, sink: @escaping @Sendable (String) -> Void) {
        self.level = level
        self.format = format
        self.sink = sink
    }

    /// Logs a message with optional fields; `fields` keep their order in both formats.
    public func log(_ level: LogLevel, _ message: String, _ fields: KeyValuePairs<String, LogValue> = [:]) {
        guard level >= self.level else { return }
        let timestamp = Self.timestamp()
        switch format {
        case .text:
            var line = "\(timestamp) \(level.rawValue.uppercased().padding(5)) \(message)"
            for (key, value) in fields {
                line += " \(key)=\(value.text)"
            }
            sink(line)
        case .json:
            var writer = JSONWriter(options: [])
            writer.beginObject()
            writer.key("time")
            writer.string(timestamp)
            writer.key("level")
            writer.string(level.rawValue)
            writer.key("msg")
            writer.string(message)
            for (key, value) in fields {
                writer.key(key)
                value.write(to: &writer)
            }
            writer.endObject()
            sink(String(decoding: writer.bytes, as: UTF8.self))
        }
    }

    /// The request line the issue asks for at info level: method, path, status, duration.
    public func request(method: String, target: String, status: Int, milliseconds: Double, bytes: Int, remote: String) {
        guard LogLevel.info >= level else { return }
        switch format {
        case .text:
            log(.info, "\(method) \(target) \(status) \(Self.formatMilliseconds(milliseconds))ms")
        case .json:
            log(
                .info, "request",
                [
                    "method": .text(method), "path": .text(target), "status": .integer(status),
                    "duration_ms": .number(milliseconds), "bytes": .integer(bytes), "remote": .text(remote),
                ])
        }
    }

    static func formatMilliseconds(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    /// UTC time with milliseconds, `2026-12-04T15:38:42.123Z`.
    static func timestamp() -> String {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        var seconds = time_t(spec.tv_sec)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        let millis = Int(spec.tv_nsec) / 1_000_000
        func pad(_ value: Int32, _ width: Int = 2) -> String {
            let text = String(value)
            return String(repeating: "0", count: max(0, width - text.count)) + text
        }
        return "\(pad(parts.tm_year + 1900, 4))-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday))T"
            + "\(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec)).\(pad(Int32(millis), 3))Z"
    }
}

/// A field value of a log line.
public enum LogValue: Sendable {
    case text(String)
    case integer(Int)
    case number(Double)

    var text: String {
        switch self {
        case .text(let value): value.contains(" ") ? "\"\(value)\"" : value
        case .integer(let value): String(value)
        case .number(let value): String(value)
        }
    }

    func write(to writer: inout JSONWriter) {
        switch self {
        case .text(let value): writer.string(value)
        case .integer(let value): writer.int(Int64(value))
        case .number(let value): writer.double(value)
        }
    }
}

extension String {
    fileprivate func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}

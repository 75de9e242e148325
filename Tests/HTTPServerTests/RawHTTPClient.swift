import Glibc

/// Why a `RawHTTPClient` call failed.
enum RawHTTPClientError: Error, CustomStringConvertible {
    case connect(Int32)
    case send(Int32)
    case receive(Int32)
    case timedOut(received: [UInt8])
    case closedBeforeResponse(received: [UInt8])
    case malformed(String)

    var description: String {
        switch self {
        case .connect(let error): "connect failed: errno \(error)"
        case .send(let error): "send failed: errno \(error)"
        case .receive(let error): "recv failed: errno \(error)"
        case .timedOut(let received):
            "timed out; had \(received.count) bytes: \(String(decoding: received, as: UTF8.self))"
        case .closedBeforeResponse(let received):
            "closed before a full response; had \(received.count) bytes: \(String(decoding: received, as: UTF8.self))"
        case .malformed(let reason): "malformed response: \(reason)"
        }
    }
}

/// A response as read off the wire by `RawHTTPClient`.
struct RawHTTPResponse {
    var status: Int
    var reason: String
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    /// The first value of a header, compared case-insensitively.
    func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// How many times a header occurs.
    func count(of name: String) -> Int {
        headers.filter { $0.name.lowercased() == name.lowercased() }.count
    }

    var bodyText: String { String(decoding: body, as: UTF8.self) }
}

/// A deliberately dumb HTTP client over a blocking POSIX socket, so tests control every byte and every timing.
///
/// Every read waits at most `timeout`, so a server that fails to answer fails the test instead of hanging it.
final class RawHTTPClient {
    private var fd: Int32
    private var buffer: [UInt8] = []
    var timeout: Duration
    /// Set when a read ended with ECONNRESET instead of an orderly EOF.
    private(set) var sawReset = false

    init(port: Int, host: String = "127.0.0.1", timeout: Duration = .seconds(5)) throws {
        self.timeout = timeout
        let isIPv6 = host.contains(":")
        fd = socket(isIPv6 ? AF_INET6 : AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw RawHTTPClientError.connect(errno) }
        let result: Int32
        if isIPv6 {
            var address = sockaddr_in6()
            address.sin6_family = sa_family_t(AF_INET6)
            address.sin6_port = UInt16(port).bigEndian
            inet_pton(AF_INET6, host, &address.sin6_addr)
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in6>.size))
                }
            }
        } else {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = UInt16(port).bigEndian
            inet_pton(AF_INET, host, &address.sin_addr)
            result = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
        guard result == 0 else {
            let error = errno
            Glibc.close(fd)
            throw RawHTTPClientError.connect(error)
        }
    }

    deinit {
        close()
    }

    /// Closes the socket (idempotent).
    func close() {
        if fd >= 0 {
            Glibc.close(fd)
            fd = -1
        }
    }

    /// Stops sending (TCP FIN) but keeps reading.
    func shutdownWrite() {
        shutdown(fd, Int32(SHUT_WR))
    }

    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { raw in
                Glibc.send(fd, raw.baseAddress.map { $0 + offset }, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 {
                if errno == EINTR { continue }
                throw RawHTTPClientError.send(errno)
            }
            offset += sent
        }
    }

    /// Reads one response; `headOnly` for answers to HEAD, which have headers but no body.
    func readResponse(headOnly: Bool = false) throws -> RawHTTPResponse {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let (response, used) = try parseResponse(headOnly: headOnly) {
                buffer.removeFirst(used)
                return response
            }
            guard try fill(until: deadline) else {
                throw RawHTTPClientError.closedBeforeResponse(received: buffer)
            }
        }
    }

    /// Reads until the server closes the connection and returns everything not yet consumed.
    func readToEnd() throws -> [UInt8] {
        let deadline = ContinuousClock.now + timeout
        while try fill(until: deadline) {}
        defer { buffer = [] }
        return buffer
    }

    /// Waits for more bytes; `false` on EOF or reset.
    private func fill(until deadline: ContinuousClock.Instant) throws -> Bool {
        while true {
            let remaining = deadline - ContinuousClock.now
            guard remaining > .zero else { throw RawHTTPClientError.timedOut(received: buffer) }
            let milliseconds =
                remaining.components.seconds * 1000 + remaining.components.attoseconds / 1_000_000_000_000_000
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(clamping: max(milliseconds, 1)))
            if ready < 0 && errno == EINTR { continue }
            guard ready > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 65536)
            let received = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if received > 0 {
                buffer.append(contentsOf: chunk[0..<received])
                return true
            }
            if received == 0 { return false }
            let error = errno
            if error == EINTR || error == EAGAIN { continue }
            if error == ECONNRESET {
                sawReset = true
                return false
            }
            throw RawHTTPClientError.receive(error)
        }
    }

    /// Parses one response from the front of the buffer, or returns `nil` if more bytes are needed.
    private func parseResponse(headOnly: Bool) throws -> (RawHTTPResponse, Int)? {
        let terminator: [UInt8] = [13, 10, 13, 10]
        guard buffer.count >= 4,
            let headEnd = (0...(buffer.count - 4)).first(where: { buffer[$0..<($0 + 4)].elementsEqual(terminator) })
        else { return nil }
        let head = String(decoding: buffer[0..<headEnd], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst()
        let parts = statusLine.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
        guard parts.count >= 2, parts[0] == "HTTP/1.1", let status = Int(parts[1]) else {
            throw RawHTTPClientError.malformed("status line \(statusLine)")
        }
        var headers: [(name: String, value: String)] = []
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw RawHTTPClientError.malformed("header \(line)") }
            headers.append(
                (String(line[..<colon]), String(line[line.index(after: colon)...]).trimmingCharacters(in: " ")))
        }
        var response = RawHTTPResponse(
            status: status,
            reason: parts.count > 2 ? String(parts[2]) : "",
            headers: headers,
            body: []
        )
        let bodyStart = headEnd + 4
        if headOnly || status < 200 || status == 204 || status == 304 {
            return (response, bodyStart)
        }
        guard let lengthText = response.header("Content-Length"), let length = Int(lengthText) else {
            throw RawHTTPClientError.malformed("no Content-Length")
        }
        guard buffer.count - bodyStart >= length else { return nil }
        response.body = Array(buffer[bodyStart..<(bodyStart + length)])
        return (response, bodyStart + length)
    }
}

extension String {
    /// Trims the given characters from both ends (a tiny stand-in for Foundation's version).
    fileprivate func trimmingCharacters(in characters: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, characters.contains(first) { slice.removeFirst() }
        while let last = slice.last, characters.contains(last) { slice.removeLast() }
        return String(slice)
    }

    /// Splits on a separator string (a tiny stand-in for Foundation's version).
    fileprivate func components(separatedBy separator: String) -> [String] {
        var parts: [String] = []
        var rest = Substring(self)
        while let range = rest.firstRange(of: separator) {
            parts.append(String(rest[..<range.lowerBound]))
            rest = rest[range.upperBound...]
        }
        parts.append(String(rest))
        return parts
    }
}

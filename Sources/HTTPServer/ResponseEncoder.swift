/// Writes responses into a connection's output buffer: status line, headers and body in one pass, ready for a
/// single `send`.
///
/// The server owns framing: it writes `Content-Length` (a handler's own is kept only for `HEAD` and 304, where
/// it describes a body that is not sent), `Connection`, and `Date` unless the handler set one; it drops a
/// handler's `Transfer-Encoding`. Default headers are added unless the handler set a header of the same name.
/// One encoder per event loop, so the `Date` cache needs no lock.
struct ResponseEncoder {
    let defaultHeaders: HTTPHeaders
    private var date = HTTPDateCache()

    /// Creates an encoder that adds `defaultHeaders` to every response.
    init(defaultHeaders: HTTPHeaders) {
        self.defaultHeaders = defaultHeaders
    }

    /// Whether a handler asked for the connection to close through a `Connection: close` header.
    static func requestsClose(_ headers: HTTPHeaders) -> Bool {
        guard !headers.isEmpty else { return false }
        return headers.storage.withUnsafeBytes { storage in
            for field in headers.fields {
                let name = UnsafeRawBufferPointer(rebasing: storage[field.nameStart..<field.nameEnd])
                guard ASCII.equalsIgnoringCase(name, lowercase: "connection") else { continue }
                var close = false
                _ = ASCII.forEachListElement(storage, field.valueStart..<field.valueEnd) { element in
                    close =
                        close
                        || ASCII.equalsIgnoringCase(
                            UnsafeRawBufferPointer(rebasing: storage[element]), lowercase: "close")
                    return true
                }
                if close { return true }
            }
            return false
        }
    }

    /// Appends `response` to `output` and returns how many body bytes were written.
    ///
    /// - Parameters:
    ///   - keepAlive: whether the connection stays open; `false` writes `Connection: close`.
    ///   - version: the request's version; HTTP/1.0 keep-alive is announced with `Connection: keep-alive`.
    ///   - isHead: the request was `HEAD`: headers only.
    mutating func encode(
        _ response: HTTPResponse,
        keepAlive: Bool,
        version: HTTPVersion,
        isHead: Bool,
        into output: inout ByteBuffer
    ) -> Int {
        let code = (100...999).contains(response.status.code) ? response.status.code : 500
        let bodyAllowed = code >= 200 && code != 204 && code != 304
        let headers = response.headers
        output.reserveWritable(128 + headers.storage.count + 4 * headers.count + defaultHeaders.storage.count)

        // Status line; the version is always 1.1, the highest this server speaks (RFC 9110 §6.2).
        output.append("HTTP/1.1 ")
        output.appendDecimal(code)
        output.append(byte: ASCII.space)
        appendSanitized(response.status.reasonPhrase, to: &output)
        output.append("\r\n")

        // The handler's headers.
        var hasDate = false
        var hasContentLength = false
        headers.storage.withUnsafeBytes { storage in
            for field in headers.fields {
                let name = UnsafeRawBufferPointer(rebasing: storage[field.nameStart..<field.nameEnd])
                switch name.count {
                case 4 where ASCII.equalsIgnoringCase(name, lowercase: "date"):
                    hasDate = true
                case 10 where ASCII.equalsIgnoringCase(name, lowercase: "connection"):
                    continue
                case 14 where ASCII.equalsIgnoringCase(name, lowercase: "content-length"):
                    guard isHead || code == 304 else { continue }
                    hasContentLength = true
                case 17 where ASCII.equalsIgnoringCase(name, lowercase: "transfer-encoding"):
                    continue
                default:
                    break
                }
                appendField(storage, field, to: &output)
            }
        }

        // Default headers the handler did not override.
        defaultHeaders.storage.withUnsafeBytes { storage in
            for index in defaultHeaders.fields.indices where !headers.containsName(of: index, in: defaultHeaders) {
                appendField(storage, defaultHeaders.fields[index], to: &output)
            }
        }

        if !hasDate {
            date.update()
            output.append("Date: ")
            output.append(date.value)
            output.append("\r\n")
        }
        if bodyAllowed && !hasContentLength {
            output.append("Content-Length: ")
            output.appendDecimal(response.body.count)
            output.append("\r\n")
        }
        if !keepAlive {
            output.append("Connection: close\r\n")
        } else if version == .http1_0 {
            output.append("Connection: keep-alive\r\n")
        }
        output.append("\r\n")

        guard bodyAllowed && !isHead else { return 0 }
        output.append(response.body)
        return response.body.count
    }

    private func appendField(_ storage: UnsafeRawBufferPointer, _ field: HTTPHeaders.Field, to output: inout ByteBuffer)
    {
        output.append(UnsafeRawBufferPointer(rebasing: storage[field.nameStart..<field.nameEnd]))
        output.append(": ")
        output.append(UnsafeRawBufferPointer(rebasing: storage[field.valueStart..<field.valueEnd]))
        output.append("\r\n")
    }

    /// Appends a reason phrase with any CR or LF replaced, so a handler cannot break the status line.
    private func appendSanitized(_ text: String, to output: inout ByteBuffer) {
        var text = text
        text.withUTF8 { bytes in
            if !bytes.contains(where: { $0 == ASCII.cr || $0 == ASCII.lf }) {
                output.append(UnsafeRawBufferPointer(bytes))
                return
            }
            for byte in bytes {
                output.append(byte: byte == ASCII.cr || byte == ASCII.lf ? ASCII.space : byte)
            }
        }
    }
}

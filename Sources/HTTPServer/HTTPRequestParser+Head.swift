import Glibc

/// Parsing of a complete head (request line and header lines) in place, once its end has been found.
extension HTTPRequestParser {
    /// What the framing-relevant headers said, collected while walking the header lines.
    private struct FramingHeaders {
        var contentLength: Int?
        var contentLengthInvalid = false
        var contentLengthConflict = false
        var sawTransferEncoding = false
        var transferCodings = 0
        var chunked = false
        var connectionClose = false
        var connectionKeepAlive = false
        var expectContinue = false
    }

    /// Parses `bytes`, which hold exactly one head ending with an empty line.
    func parseHead(_ bytes: UnsafeRawBufferPointer) -> Result<Head, HTTPRequestParserError> {
        guard let base = bytes.baseAddress else { return .failure(.invalidRequestLine) }
        let count = bytes.count
        let lineEnd = nextLineFeed(bytes, from: 0)
        var contentEnd = lineEnd
        if contentEnd > 0 && bytes[contentEnd - 1] == ASCII.cr { contentEnd -= 1 }

        // Method.
        var index = 0
        while index < contentEnd && ASCII.isTokenChar(bytes[index]) { index += 1 }
        if index == 0 {
            return .failure(contentEnd > 0 && bytes[0] != ASCII.space ? .invalidMethod : .invalidRequestLine)
        }
        guard index < contentEnd else { return .failure(.invalidRequestLine) }
        guard bytes[index] == ASCII.space else { return .failure(.invalidMethod) }
        let methodEnd = index
        index += 1

        // Request-target.
        let targetStart = index
        while index < contentEnd && bytes[index] != ASCII.space {
            guard ASCII.isTargetChar(bytes[index]) else {
                return .failure(bytes[index] == ASCII.cr ? .invalidRequestLine : .invalidTarget)
            }
            index += 1
        }
        let targetEnd = index
        guard targetEnd > targetStart, index < contentEnd else { return .failure(.invalidRequestLine) }
        index += 1
        guard isUsableTargetForm(UnsafeRawBufferPointer(rebasing: bytes[targetStart..<targetEnd])) else {
            return .failure(.invalidTarget)
        }

        // HTTP-version.
        let versionBytes = UnsafeRawBufferPointer(rebasing: bytes[index..<contentEnd])
        guard versionBytes.count == 8, versionBytes.starts(with: "HTTP/".utf8),
            let major = digitValue(versionBytes[5]), versionBytes[6] == UInt8(ascii: "."),
            let minor = digitValue(versionBytes[7])
        else { return .failure(.invalidRequestLine) }
        guard major == 1, minor <= 1 else { return .failure(.unsupportedVersion) }
        let version = minor == 1 ? HTTPVersion.http1_1 : HTTPVersion.http1_0

        // Header fields.
        let blockStart = lineEnd + 1
        var fields: [HTTPHeaders.Field] = []
        fields.reserveCapacity(8)
        var framing = FramingHeaders()
        var position = blockStart
        while position < count {
            let lineFeed = nextLineFeed(bytes, from: position)
            var end = lineFeed
            if end > position && bytes[end - 1] == ASCII.cr { end -= 1 }
            if end == position { break }
            if ASCII.isWhitespace(bytes[position]) { return .failure(.obsoleteLineFolding) }

            var colon = position
            while colon < end && ASCII.isTokenChar(bytes[colon]) { colon += 1 }
            guard colon < end else { return .failure(.missingColon) }
            if bytes[colon] != ASCII.colon {
                let hasColonLater = UnsafeRawBufferPointer(rebasing: bytes[colon..<end]).contains(ASCII.colon)
                guard hasColonLater else { return .failure(.missingColon) }
                return .failure(ASCII.isWhitespace(bytes[colon]) ? .whitespaceBeforeColon : .invalidHeaderName)
            }
            guard colon > position else { return .failure(.invalidHeaderName) }

            let value = ASCII.trimmingWhitespace(bytes, (colon + 1)..<end)
            for valueIndex in value where !ASCII.isFieldValueChar(bytes[valueIndex]) {
                return .failure(.invalidHeaderValue)
            }
            fields.append(
                HTTPHeaders.Field(
                    nameStart: position - blockStart,
                    nameEnd: colon - blockStart,
                    valueStart: value.lowerBound - blockStart,
                    valueEnd: value.upperBound - blockStart
                )
            )
            interpret(bytes, name: position..<colon, value: value, into: &framing)
            position = lineFeed + 1
        }

        // Framing (RFC 9112 §6).
        if framing.contentLengthInvalid { return .failure(.invalidContentLength) }
        if framing.contentLengthConflict { return .failure(.conflictingContentLength) }
        let bodyFraming: BodyFraming
        if framing.sawTransferEncoding {
            guard framing.contentLength == nil else { return .failure(.contentLengthWithTransferEncoding) }
            guard framing.transferCodings == 1 && framing.chunked else { return .failure(.unsupportedTransferEncoding) }
            bodyFraming = .chunked
        } else if let length = framing.contentLength, length > 0 {
            guard length <= limits.maxBodyBytes else { return .failure(.bodyTooLarge) }
            bodyFraming = .contentLength(length)
        } else {
            bodyFraming = .none
        }

        let keepAlive =
            version == .http1_1 ? !framing.connectionClose : framing.connectionKeepAlive && !framing.connectionClose
        let headerStorage = [UInt8](
            UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self) + blockStart, count: count - blockStart)
        )
        return .success(
            Head(
                method: method(UnsafeRawBufferPointer(rebasing: bytes[0..<methodEnd])),
                target: String(
                    decoding: UnsafeRawBufferPointer(rebasing: bytes[targetStart..<targetEnd]), as: UTF8.self),
                version: version,
                headers: HTTPHeaders(storage: headerStorage, fields: fields),
                keepAlive: keepAlive,
                expectsContinue: version == .http1_1 && framing.expectContinue,
                framing: bodyFraming
            )
        )
    }

    /// Records what `Content-Length`, `Transfer-Encoding`, `Connection` and `Expect` say; other headers are
    /// only indexed.
    private func interpret(
        _ bytes: UnsafeRawBufferPointer,
        name: Range<Int>,
        value: Range<Int>,
        into framing: inout FramingHeaders
    ) {
        let nameBytes = UnsafeRawBufferPointer(rebasing: bytes[name])
        switch name.count {
        case 14 where ASCII.equalsIgnoringCase(nameBytes, lowercase: "content-length"):
            // A list of identical values ("5, 5") is allowed (RFC 9110 §8.6); anything else is not.
            let valid = ASCII.forEachListElement(bytes, value) { element in
                guard !element.isEmpty else { return false }
                var length = 0
                var overflow = false
                for index in element {
                    guard let digit = digitValue(bytes[index]) else { return false }
                    let (shifted, multiplyOverflow) = length.multipliedReportingOverflow(by: 10)
                    let (sum, addOverflow) = shifted.addingReportingOverflow(digit)
                    overflow = overflow || multiplyOverflow || addOverflow
                    length = overflow ? Int.max : sum
                }
                if let existing = framing.contentLength, existing != length {
                    framing.contentLengthConflict = true
                }
                framing.contentLength = length
                return true
            }
            if !valid { framing.contentLengthInvalid = true }
        case 17 where ASCII.equalsIgnoringCase(nameBytes, lowercase: "transfer-encoding"):
            framing.sawTransferEncoding = true
            _ = ASCII.forEachListElement(bytes, value) { element in
                framing.transferCodings += 1
                if ASCII.equalsIgnoringCase(UnsafeRawBufferPointer(rebasing: bytes[element]), lowercase: "chunked") {
                    framing.chunked = true
                }
                return true
            }
        case 10 where ASCII.equalsIgnoringCase(nameBytes, lowercase: "connection"):
            _ = ASCII.forEachListElement(bytes, value) { element in
                let token = UnsafeRawBufferPointer(rebasing: bytes[element])
                if ASCII.equalsIgnoringCase(token, lowercase: "close") {
                    framing.connectionClose = true
                } else if ASCII.equalsIgnoringCase(token, lowercase: "keep-alive") {
                    framing.connectionKeepAlive = true
                }
                return true
            }
        case 6 where ASCII.equalsIgnoringCase(nameBytes, lowercase: "expect"):
            if ASCII.equalsIgnoringCase(UnsafeRawBufferPointer(rebasing: bytes[value]), lowercase: "100-continue") {
                framing.expectContinue = true
            }
        default:
            break
        }
    }

    /// Origin-form (`/...`), asterisk-form (`*`) or absolute-form (`scheme://...`); authority-form is refused.
    private func isUsableTargetForm(_ target: UnsafeRawBufferPointer) -> Bool {
        guard let first = target.first else { return false }
        if first == ASCII.slash { return true }
        if target.count == 1 && first == UInt8(ascii: "*") { return true }
        guard let colon = target.firstIndex(of: ASCII.colon), colon > 0, colon + 2 < target.count else { return false }
        return target[colon + 1] == ASCII.slash && target[colon + 2] == ASCII.slash
    }

    /// Index of the next line feed at or after `start`; the head always ends with one.
    private func nextLineFeed(_ bytes: UnsafeRawBufferPointer, from start: Int) -> Int {
        guard let base = bytes.baseAddress, start < bytes.count,
            let found = memchr(base + start, Int32(ASCII.lf), bytes.count - start)
        else { return bytes.count }
        return base.distance(to: UnsafeRawPointer(found))
    }

    private func digitValue(_ byte: UInt8) -> Int? {
        byte >= 48 && byte <= 57 ? Int(byte &- 48) : nil
    }

    /// The method, reusing the shared constants for the common ones.
    private func method(_ bytes: UnsafeRawBufferPointer) -> HTTPMethod {
        func matches(_ literal: StaticString) -> Bool {
            guard bytes.count == literal.utf8CodeUnitCount, let base = bytes.baseAddress else { return false }
            return memcmp(base, literal.utf8Start, bytes.count) == 0
        }
        if matches("GET") { return .get }
        if matches("POST") { return .post }
        if matches("HEAD") { return .head }
        if matches("OPTIONS") { return .options }
        return HTTPMethod(rawValue: String(decoding: bytes, as: UTF8.self))
    }
}

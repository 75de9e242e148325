/// Why the parser rejected a request; each case knows the status the server answers with.
enum HTTPRequestParserError: Error, Equatable, Sendable {
    /// The request line is not `method SP target SP HTTP/x.y`.
    case invalidRequestLine
    /// The method contains characters that are not allowed in a token.
    case invalidMethod
    /// The request-target contains spaces or control characters, or is not a usable form.
    case invalidTarget
    /// `HTTP/x.y` with a version other than 1.0 or 1.1.
    case unsupportedVersion
    /// A header line has no `:`.
    case missingColon
    /// Whitespace between a header name and its `:` (forbidden by RFC 9112 §5.1 because of smuggling).
    case whitespaceBeforeColon
    /// A header name is empty or contains characters that are not allowed in a token.
    case invalidHeaderName
    /// A header value contains control characters (including a bare CR).
    case invalidHeaderValue
    /// A header line starts with whitespace (obsolete line folding).
    case obsoleteLineFolding
    /// `Content-Length` is not a non-negative decimal number.
    case invalidContentLength
    /// Several `Content-Length` values that differ.
    case conflictingContentLength
    /// Both `Content-Length` and `Transfer-Encoding` are present.
    case contentLengthWithTransferEncoding
    /// A transfer coding other than a single `chunked`.
    case unsupportedTransferEncoding
    /// A chunk-size line that is not hexadecimal digits plus optional extensions.
    case invalidChunkSize
    /// Chunk data not followed by a line ending.
    case missingChunkTerminator
    /// A malformed trailer section after the last chunk.
    case invalidTrailer
    /// Request line plus headers (or the trailer section) exceed `maxHeaderBytes`.
    case headersTooLarge
    /// The declared or decoded body exceeds `maxBodyBytes`.
    case bodyTooLarge

    /// The status the server answers with.
    var status: HTTPStatus {
        switch self {
        case .headersTooLarge: .requestHeaderFieldsTooLarge
        case .bodyTooLarge: .payloadTooLarge
        case .unsupportedVersion: .httpVersionNotSupported
        default: .badRequest
        }
    }

    /// The human-readable `error_description` of the error response.
    var reason: String {
        switch self {
        case .invalidRequestLine: "Malformed request line"
        case .invalidMethod: "Invalid character in method"
        case .invalidTarget: "Invalid request target"
        case .unsupportedVersion: "Only HTTP/1.0 and HTTP/1.1 are supported"
        case .missingColon: "Header line without ':'"
        case .whitespaceBeforeColon: "Whitespace between header name and ':'"
        case .invalidHeaderName: "Invalid character in header name"
        case .invalidHeaderValue: "Invalid character in header value"
        case .obsoleteLineFolding: "Obsolete header line folding is not supported"
        case .invalidContentLength: "Content-Length is not a number"
        case .conflictingContentLength: "Conflicting Content-Length values"
        case .contentLengthWithTransferEncoding: "Both Content-Length and Transfer-Encoding are present"
        case .unsupportedTransferEncoding: "Only Transfer-Encoding: chunked is supported"
        case .invalidChunkSize: "Malformed chunk size"
        case .missingChunkTerminator: "Chunk data not followed by CRLF"
        case .invalidTrailer: "Malformed chunked trailer"
        case .headersTooLarge: "Request line and headers are too large"
        case .bodyTooLarge: "Request body is too large"
        }
    }
}

/// A response status: the three-digit code and the reason phrase written after it on the status line.
///
/// The statics cover the statuses this server produces itself; `init(code:)` fills in the standard phrase for any
/// other registered code, so handlers can write `HTTPStatus(code: 201)`.
public struct HTTPStatus: Hashable, Sendable, CustomStringConvertible {
    /// The status code, e.g. `404`.
    public var code: Int
    /// The reason phrase, e.g. `Not Found`; clients ignore it, but people read it.
    public var reasonPhrase: String

    /// Creates a status with an explicit reason phrase.
    public init(code: Int, reasonPhrase: String) {
        self.code = code
        self.reasonPhrase = reasonPhrase
    }

    /// Creates a status with the standard reason phrase for `code` (empty for unregistered codes).
    public init(code: Int) {
        self.init(code: code, reasonPhrase: HTTPStatus.standardReasonPhrase(for: code))
    }

    /// `100 Continue`: the interim answer to `Expect: 100-continue`.
    public static let `continue` = HTTPStatus(code: 100)
    /// `200 OK`.
    public static let ok = HTTPStatus(code: 200)
    /// `400 Bad Request`: the request could not be parsed.
    public static let badRequest = HTTPStatus(code: 400)
    /// `401 Unauthorized`.
    public static let unauthorized = HTTPStatus(code: 401)
    /// `403 Forbidden`.
    public static let forbidden = HTTPStatus(code: 403)
    /// `404 Not Found`.
    public static let notFound = HTTPStatus(code: 404)
    /// `405 Method Not Allowed`: sent with an `Allow` header.
    public static let methodNotAllowed = HTTPStatus(code: 405)
    /// `408 Request Timeout`: headers or body did not arrive in time.
    public static let requestTimeout = HTTPStatus(code: 408)
    /// `413 Payload Too Large`: the body exceeds `maxBodyBytes`.
    public static let payloadTooLarge = HTTPStatus(code: 413)
    /// `429 Too Many Requests`.
    public static let tooManyRequests = HTTPStatus(code: 429)
    /// `431 Request Header Fields Too Large`: request line and headers exceed `maxHeaderBytes`.
    public static let requestHeaderFieldsTooLarge = HTTPStatus(code: 431)
    /// `500 Internal Server Error`.
    public static let internalServerError = HTTPStatus(code: 500)
    /// `503 Service Unavailable`: sent when `maxConnections` is exceeded.
    public static let serviceUnavailable = HTTPStatus(code: 503)
    /// `505 HTTP Version Not Supported`: the request line names a version other than 1.0 or 1.1.
    public static let httpVersionNotSupported = HTTPStatus(code: 505)

    /// The code and phrase, e.g. `404 Not Found`.
    public var description: String { reasonPhrase.isEmpty ? "\(code)" : "\(code) \(reasonPhrase)" }

    /// The reason phrase registered for `code` (RFC 9110 and common extensions), or `""`.
    public static func standardReasonPhrase(for code: Int) -> String {
        switch code {
        case 100: "Continue"
        case 101: "Switching Protocols"
        case 200: "OK"
        case 201: "Created"
        case 202: "Accepted"
        case 203: "Non-Authoritative Information"
        case 204: "No Content"
        case 205: "Reset Content"
        case 206: "Partial Content"
        case 300: "Multiple Choices"
        case 301: "Moved Permanently"
        case 302: "Found"
        case 303: "See Other"
        case 304: "Not Modified"
        case 307: "Temporary Redirect"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 402: "Payment Required"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 406: "Not Acceptable"
        case 407: "Proxy Authentication Required"
        case 408: "Request Timeout"
        case 409: "Conflict"
        case 410: "Gone"
        case 411: "Length Required"
        case 412: "Precondition Failed"
        case 413: "Payload Too Large"
        case 414: "URI Too Long"
        case 415: "Unsupported Media Type"
        case 416: "Range Not Satisfiable"
        case 417: "Expectation Failed"
        case 421: "Misdirected Request"
        case 422: "Unprocessable Content"
        case 423: "Locked"
        case 425: "Too Early"
        case 426: "Upgrade Required"
        case 428: "Precondition Required"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 451: "Unavailable For Legal Reasons"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 505: "HTTP Version Not Supported"
        default: ""
        }
    }
}

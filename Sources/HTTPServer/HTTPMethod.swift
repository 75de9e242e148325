/// An HTTP request method such as `GET` or `POST`.
///
/// Methods are case-sensitive tokens (RFC 9110 §9.1), so `get` is a different, unknown method. Any token the parser
/// accepts becomes a method; whether the server serves it is decided by `HTTPServerConfiguration.allowedMethods`.
public struct HTTPMethod: Hashable, Sendable, RawRepresentable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The method token exactly as sent, e.g. `"GET"`.
    public var rawValue: String

    /// Wraps a method token; never fails because unknown methods are still valid methods.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// Allows `let method: HTTPMethod = "PROPFIND"`.
    public init(stringLiteral value: String) {
        self.rawValue = value
    }

    /// The method token, for logs.
    public var description: String { rawValue }

    /// `GET`: read a resource.
    public static let get = HTTPMethod(rawValue: "GET")
    /// `HEAD`: like `GET`, but the response carries headers only.
    public static let head = HTTPMethod(rawValue: "HEAD")
    /// `POST`: submit data; the Bitrix24 REST API accepts every call as `POST` too.
    public static let post = HTTPMethod(rawValue: "POST")
    /// `PUT`: replace a resource.
    public static let put = HTTPMethod(rawValue: "PUT")
    /// `DELETE`: remove a resource.
    public static let delete = HTTPMethod(rawValue: "DELETE")
    /// `PATCH`: modify part of a resource.
    public static let patch = HTTPMethod(rawValue: "PATCH")
    /// `OPTIONS`: ask which methods are allowed; browsers send it as the CORS preflight.
    public static let options = HTTPMethod(rawValue: "OPTIONS")
}

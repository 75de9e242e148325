/// Where a request under `/rest/` is going: the method, the transport, and the webhook credentials in the path.
///
/// The portal's `rest.server` component accepts `#method#`, `#method#/`, `#aplogin#/#ap#/#method#` and
/// `#aplogin#/#ap#/#method#/`; the text after the method's last dot is a transport only when it is `json` or `xml`.
public struct RESTRoute: Sendable, Equatable {
    /// Response formats the portal knows.
    public enum Transport: String, Sendable {
        case json
        case xml
    }

    /// The method name as requested, lower-cased: names are case-insensitive on the portal.
    public var methodName: String
    public var transport: Transport
    /// `/rest/{user}/{token}/...`: the user segment and the token, still unchecked.
    public var webhook: WebhookPath?

    /// The two webhook segments of a path.
    public struct WebhookPath: Sendable, Equatable {
        public var user: String
        public var token: String
    }

    public static let prefix = "/rest/"

    /// Reads a decoded request path; `nil` when the path is not under `/rest/` or has a shape the portal does not
    /// route (which the portal answers as an unknown method).
    public init?(path: String) {
        guard path.hasPrefix(Self.prefix) else { return nil }
        var rest = path.dropFirst(Self.prefix.count)
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        let segments = rest.split(separator: "/", omittingEmptySubsequences: false)
        let methodSegment: Substring
        switch segments.count {
        case 1:
            methodSegment = segments[0]
            webhook = nil
        case 3:
            methodSegment = segments[2]
            webhook = WebhookPath(user: String(segments[0]), token: String(segments[1]))
        default:
            return nil
        }
        var name = methodSegment.lowercased()
        transport = .json
        if let dot = name.lastIndex(of: "."), let suffix = Transport(rawValue: String(name[name.index(after: dot)...]))
        {
            transport = suffix
            name = String(name[..<dot])
        }
        guard !name.isEmpty else { return nil }
        methodName = name
    }
}

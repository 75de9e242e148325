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
        // One pass over the bytes: this runs for every REST call, and splitting the path into substrings showed up in
        // profiles of the hot paths.
        let bytes = path.utf8
        let start = bytes.index(bytes.startIndex, offsetBy: Self.prefix.utf8.count)
        var end = bytes.endIndex
        if start < end, bytes[bytes.index(before: end)] == UInt8(ascii: "/") { end = bytes.index(before: end) }
        var slashes: (first: String.Index?, second: String.Index?) = (nil, nil)
        var index = start
        while index < end {
            if bytes[index] == UInt8(ascii: "/") {
                guard slashes.first != nil else {
                    slashes.first = index
                    index = bytes.index(after: index)
                    continue
                }
                guard slashes.second == nil else { return nil }
                slashes.second = index
            }
            index = bytes.index(after: index)
        }
        let methodSegment: Substring
        switch slashes {
        case (nil, nil):
            methodSegment = path[start..<end]
            webhook = nil
        case (let first?, let second?):
            methodSegment = path[bytes.index(after: second)..<end]
            webhook = WebhookPath(
                user: String(path[start..<first]), token: String(path[bytes.index(after: first)..<second]))
        default:
            return nil
        }
        var name = methodSegment.lowercased()
        transport = .json
        if let dot = name.utf8.lastIndex(of: UInt8(ascii: ".")),
            let suffix = Transport(rawValue: String(name[name.utf8.index(after: dot)...]))
        {
            transport = suffix
            name = String(name[..<dot])
        }
        guard !name.isEmpty else { return nil }
        methodName = name
    }

}

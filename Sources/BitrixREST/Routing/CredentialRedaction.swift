/// Masks secrets in a request target before it is logged: the webhook token in the path and the values of `auth`,
/// `access_token` and `refresh_token` in the query, all but their last four characters.
public enum CredentialRedaction {
    /// `/rest/1/mocktokenadmin01/crm.lead.get?auth=abcdef123456` → `/rest/1/************in01/crm.lead.get?auth=********3456`.
    public static func redact(target: String) -> String {
        let queryStart = target.firstIndex(of: "?")
        let path = queryStart.map { String(target[..<$0]) } ?? target
        var result = redactPath(path)
        if let queryStart {
            let query = target[target.index(after: queryStart)...]
            result +=
                "?"
                + query.split(separator: "&", omittingEmptySubsequences: false).map(redactPair).joined(separator: "&")
        }
        return result
    }

    /// Shows only the last four characters of a secret.
    public static func mask(_ secret: some StringProtocol) -> String {
        let visible = secret.suffix(4)
        return String(repeating: "*", count: max(secret.count - visible.count, 0)) + visible
    }

    private static func redactPath(_ path: String) -> String {
        guard path.hasPrefix(RESTRoute.prefix) else { return path }
        var segments = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        // "", "rest", user, token, method...
        if segments.count >= 5 {
            segments[3] = mask(segments[3])
        }
        return segments.joined(separator: "/")
    }

    private static let secretKeys: Set<String> = ["auth", "access_token", "refresh_token", "client_secret"]

    private static func redactPair(_ pair: Substring) -> String {
        guard let equals = pair.firstIndex(of: "=") else { return String(pair) }
        let key = pair[..<equals].lowercased()
        guard secretKeys.contains(key) else { return String(pair) }
        return pair[...equals] + mask(pair[pair.index(after: equals)...])
    }
}

/// How much the server says on stderr.
public enum LogLevel: String, Sendable, Comparable, CaseIterable {
    case debug
    case info
    case warn
    case error

    public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .debug: 0
        case .info: 1
        case .warn: 2
        case .error: 3
        }
    }
}

/// How each log line is written.
public enum LogFormat: String, Sendable, CaseIterable {
    /// `2026-12-04T15:38:42.123Z INFO POST /rest/crm.lead.delete 200 0.42ms`
    case text
    /// One JSON object per line, for log collectors.
    case json
}

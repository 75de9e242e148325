import BitrixREST

/// The settings of one mock server, from flags, environment variables and defaults, in that order of precedence.
public struct MockOptions: Sendable, Equatable {
    public var host = "127.0.0.1"
    public var port = 8024
    /// `:memory:` or a file path.
    public var database = ":memory:"
    /// A fixture file or a directory of them; `nil` means the embedded default fixtures.
    public var fixtures: String?
    public var maxBodyBytes = 8 * 1024 * 1024
    public var logLevel = LogLevel.info
    public var logFormat = LogFormat.text
    public var authMode = AuthMode.open
    /// Instead of the fixture leads, this many synthetic leads with ids 1...N (for load tests).
    public var generateLeads: Int?
    /// Event loops (threads) serving connections; `nil` means one per CPU.
    public var eventLoops: Int?

    public init() {}

    /// What the command line asks for.
    public enum Command: Sendable, Equatable {
        case run(MockOptions)
        case help
        case version
    }

    /// A flag that cannot be understood; the executable prints it with the usage and exits 2.
    public struct UsageError: Error, Sendable, Equatable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// One option: its flag, environment variable, value placeholder and help text, and how it is applied.
    struct Option: Sendable {
        var flag: String
        var environment: String
        var placeholder: String
        var help: String
        var apply: @Sendable (inout MockOptions, String) -> String?
    }

    static let options: [Option] = [
        Option(
            flag: "--host", environment: "BITRIX24_MOCK_HOST", placeholder: "ADDRESS",
            help: "address to listen on, IPv4 or IPv6 (default 127.0.0.1; 0.0.0.0 or :: for all)"
        ) { options, value in
            options.host = value
            return value.isEmpty ? "--host needs an address" : nil
        },
        Option(
            flag: "--port", environment: "BITRIX24_MOCK_PORT", placeholder: "PORT",
            help: "TCP port (default 8024; 0 picks a free one, printed in the ready line)"
        ) { options, value in
            guard let port = Int(value), (0...65_535).contains(port) else { return "--port needs 0...65535" }
            options.port = port
            return nil
        },
        Option(
            flag: "--db", environment: "BITRIX24_MOCK_DB", placeholder: ":memory:|PATH",
            help: "database: in memory (default) or a SQLite file kept across restarts"
        ) { options, value in
            options.database = value
            return value.isEmpty ? "--db needs :memory: or a path" : nil
        },
        Option(
            flag: "--fixtures", environment: "BITRIX24_MOCK_FIXTURES", placeholder: "PATH",
            help: "fixture file or directory of *.json files, instead of the embedded defaults"
        ) { options, value in
            options.fixtures = value
            return value.isEmpty ? "--fixtures needs a path" : nil
        },
        Option(
            flag: "--max-body", environment: "BITRIX24_MOCK_MAX_BODY", placeholder: "BYTES",
            help: "largest request body accepted, larger ones get 413 (default 8388608)"
        ) { options, value in
            guard let bytes = Int(value), bytes > 0 else { return "--max-body needs a positive number of bytes" }
            options.maxBodyBytes = bytes
            return nil
        },
        Option(
            flag: "--log-level", environment: "BITRIX24_MOCK_LOG_LEVEL", placeholder: "LEVEL",
            help: "debug, info (default: one line per request), warn or error"
        ) { options, value in
            guard let level = LogLevel(rawValue: value) else { return "--log-level needs debug, info, warn or error" }
            options.logLevel = level
            return nil
        },
        Option(
            flag: "--log-format", environment: "BITRIX24_MOCK_LOG_FORMAT", placeholder: "FORMAT",
            help: "text (default) or json, one object per line"
        ) { options, value in
            guard let format = LogFormat(rawValue: value) else { return "--log-format needs text or json" }
            options.logFormat = format
            return nil
        },
        Option(
            flag: "--auth", environment: "BITRIX24_MOCK_AUTH", placeholder: "MODE",
            help: "open (default: calls without credentials run as user 1) or strict (they get 401 NO_AUTH_FOUND)"
        ) { options, value in
            guard let mode = AuthMode(rawValue: value) else { return "--auth needs open or strict" }
            options.authMode = mode
            return nil
        },
        Option(
            flag: "--event-loops", environment: "BITRIX24_MOCK_EVENT_LOOPS", placeholder: "N",
            help: "threads serving connections (default: one per CPU)"
        ) { options, value in
            guard let count = Int(value), (1...256).contains(count) else { return "--event-loops needs 1...256" }
            options.eventLoops = count
            return nil
        },
        Option(
            flag: "--generate-leads", environment: "BITRIX24_MOCK_GENERATE_LEADS", placeholder: "N",
            help: "load the fixture users but, instead of their leads, N synthetic leads with ids 1...N"
        ) { options, value in
            guard let count = Int(value), count >= 0 else { return "--generate-leads needs a count" }
            options.generateLeads = count
            return nil
        },
    ]

    /// Reads the environment first, then the flags (`--port 8024` or `--port=8024`), so flags win.
    public static func parse(arguments: [String], environment: [String: String]) throws(UsageError) -> Command {
        var options = MockOptions()
        for option in Self.options {
            guard let value = environment[option.environment] else { continue }
            if let problem = option.apply(&options, value) {
                throw UsageError(message: "\(option.environment): \(problem)")
            }
        }
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            index += 1
            switch argument {
            case "--help", "-h": return .help
            case "--version": return .version
            default: break
            }
            let parts = argument.split(separator: "=", maxSplits: 1).map(String.init)
            guard let option = Self.options.first(where: { $0.flag == parts.first }) else {
                throw UsageError(message: "unknown argument '\(argument)'")
            }
            let value: String
            if parts.count == 2 {
                value = parts[1]
            } else {
                guard index < arguments.count else { throw UsageError(message: "\(option.flag) needs a value") }
                value = arguments[index]
                index += 1
            }
            if let problem = option.apply(&options, value) {
                throw UsageError(message: problem)
            }
        }
        return .run(options)
    }

    /// The `--help` text: every flag with its environment variable.
    public static var usage: String {
        var lines = [
            "usage: bitrix24-mock [options]",
            "",
            "A mock Bitrix24 REST server. Prints one ready line to stdout once it accepts connections:",
            "  bitrix24-mock listening on http://HOST:PORT",
            "",
            "options (each also read from the environment variable shown):",
        ]
        for option in options {
            let flag = "  \(option.flag) \(option.placeholder)"
            lines.append(flag.padding(to: 30) + option.help)
            lines.append(String(repeating: " ", count: 30) + "env \(option.environment)")
        }
        lines.append("  --help".padding(to: 30) + "show this text")
        lines.append("  --version".padding(to: 30) + "show the version")
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func padding(to width: Int) -> String {
        count >= width ? self + " " : self + String(repeating: " ", count: width - count)
    }
}

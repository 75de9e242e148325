/// Why and where a JSON document was rejected.
///
/// The REST layer turns any of these into Bitrix24's own behaviour (the real server silently ignores a bad JSON
/// body), but the position matters for fixture files and for debugging a client: `offset` is the 0-based byte offset
/// of the offending byte, `line` and `column` are 1-based, with `column` counted in Unicode scalars.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A human-readable reason, e.g. `Unexpected character 'x'` or `Unterminated string`.
    public var message: String
    /// 0-based byte offset into the input where the problem was found.
    public var offset: Int
    /// 1-based line number of `offset`.
    public var line: Int
    /// 1-based column of `offset` within its line, in Unicode scalars.
    public var column: Int

    /// Creates an error with an explicit position; the parser computes `line` and `column` from the input.
    public init(message: String, offset: Int, line: Int, column: Int) {
        self.message = message
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// `message at line L, column C (offset O)`, ready for a log line.
    public var description: String {
        "\(message) at line \(line), column \(column) (offset \(offset))"
    }
}

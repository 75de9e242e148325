/// A fixture file that cannot be loaded, with the place of the problem: the file and the JSON path inside it
/// (`$.leads[3].PHONE[0].VALUE`), so a user can go straight to the line.
public struct FixtureError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file name, or "embedded default fixtures".
    public var source: String
    /// A JSONPath-style location: `$` is the document, `.key` an object member, `[n]` an array element.
    public var path: String
    public var message: String

    public init(source: String, path: String, message: String) {
        self.source = source
        self.path = path
        self.message = message
    }

    public var description: String { "\(source): \(path): \(message)" }
}

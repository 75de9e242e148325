import JSON

/// What a method returns: the `result` value and, for lists, the paging keys the envelope lifts to the top level.
public struct RESTResult: Sendable, Equatable {
    /// The result as a value; `.null` when the method wrote it straight to bytes (`encoded`).
    public var value: JSONValue
    /// The result already written as JSON, for large results the hot path should not build as values first.
    public var encoded: [UInt8]?
    /// The `start` of the next page; `nil` on the last page or when counting is off.
    public var next: Int?
    /// The number of items across all pages; `nil` for non-list methods or when counting is off.
    public var total: Int?

    public init(_ value: JSONValue, next: Int? = nil, total: Int? = nil) {
        self.value = value
        self.next = next
        self.total = total
    }

    /// A result already encoded as JSON.
    public init(encoded: [UInt8], next: Int? = nil, total: Int? = nil) {
        self.value = .null
        self.encoded = encoded
        self.next = next
        self.total = total
    }

    /// The result as a value, parsing the encoded form if that is what the method gave (`batch` needs values to
    /// resolve `$result[...]` references).
    public var jsonValue: JSONValue {
        guard let encoded else { return value }
        return (try? JSONParser.parse(encoded)) ?? .null
    }
}

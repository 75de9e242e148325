import JSON

/// What a method returns: the `result` value and, for lists, the paging keys the envelope lifts to the top level.
public struct RESTResult: Sendable, Equatable {
    public var value: JSONValue
    /// The `start` of the next page; `nil` on the last page or when counting is off.
    public var next: Int?
    /// The number of items across all pages; `nil` for non-list methods or when counting is off.
    public var total: Int?

    public init(_ value: JSONValue, next: Int? = nil, total: Int? = nil) {
        self.value = value
        self.next = next
        self.total = total
    }
}

/// A JSON object that keeps its members in insertion order, like a PHP array.
///
/// Bitrix24 is PHP: a request's `cmd` map runs in the order written, `order` maps sort by the first key first, and
/// responses list fields in a fixed order. A Swift `Dictionary` would lose all of that, so members live in two
/// parallel arrays. Small objects (the usual case) are searched linearly, which beats hashing at that size; once an
/// object grows past ``indexThreshold`` members a key → position dictionary is built and kept up to date.
///
/// Semantics follow PHP arrays: assigning to an existing key replaces the value in place (the key keeps its first
/// position), assigning `nil` removes the member. Equality is order-sensitive, because order is observable on the wire.
public struct JSONObject: Sendable {
    /// Above this many members lookups go through a hash index. Measured with Bitrix-style field names (release
    /// build, probes built fresh like parsed keys): 12 members, linear 32 ns vs hashed 44 ns a lookup; 16 members,
    /// linear 42 ns vs hashed 30 ns.
    static let indexThreshold = 12

    /// The member names, in order.
    public private(set) var keys: [String]
    /// The member values, in the same order as ``keys``.
    public private(set) var values: [JSONValue]
    /// Key → position, present only while `keys.count > indexThreshold`.
    private var index: [String: Int]?

    /// An empty object.
    public init() {
        keys = []
        values = []
        index = nil
    }

    /// An object made of members already known to be unique (the parser deduplicates while parsing); `index`, when
    /// given, must map each key to its position.
    init(uniqueKeys keys: [String], values: [JSONValue], index: [String: Int]?) {
        self.keys = keys
        self.values = values
        self.index = index
        if index == nil, keys.count > Self.indexThreshold {
            rebuildIndex()
        }
    }

    /// An empty object with room for `minimumCapacity` members, for callers that know the size up front.
    public init(minimumCapacity: Int) {
        self.init()
        keys.reserveCapacity(minimumCapacity)
        values.reserveCapacity(minimumCapacity)
    }

    /// The number of members.
    public var count: Int { keys.count }

    /// Whether the object has no members. Note that the writer still emits `{}` for it; PHP emits `[]` for an
    /// empty array, so callers mimicking an empty PHP array should write ``JSONValue/array(_:)`` instead.
    public var isEmpty: Bool { keys.isEmpty }

    /// The value stored under `key`, or `nil`. Setting a value replaces it in place or appends a new member;
    /// setting `nil` removes the member.
    public subscript(key: String) -> JSONValue? {
        get {
            guard let position = position(of: key) else { return nil }
            return values[position]
        }
        set {
            if let newValue {
                updateValue(newValue, forKey: key)
            } else {
                removeValue(forKey: key)
            }
        }
    }

    /// Stores `value` under `key`: in place when the key exists (PHP keeps the first position), appended otherwise.
    public mutating func updateValue(_ value: JSONValue, forKey key: String) {
        if let position = position(of: key) {
            values[position] = value
            return
        }
        keys.append(key)
        values.append(value)
        if index != nil {
            index?[key] = keys.count - 1
        } else if keys.count > Self.indexThreshold {
            rebuildIndex()
        }
    }

    /// Removes the member named `key` and returns its value, or `nil` when there was none. O(n): later members shift.
    @discardableResult
    public mutating func removeValue(forKey key: String) -> JSONValue? {
        guard let position = position(of: key) else { return nil }
        keys.remove(at: position)
        let removed = values.remove(at: position)
        if index != nil {
            rebuildIndex()
        }
        return removed
    }

    /// The position of `key` in ``keys``, or `nil`.
    public func position(of key: String) -> Int? {
        if let index {
            return index[key]
        }
        return keys.firstIndex(of: key)
    }

    private mutating func rebuildIndex() {
        guard keys.count > Self.indexThreshold else {
            index = nil
            return
        }
        var rebuilt = [String: Int](minimumCapacity: keys.count)
        for (position, key) in keys.enumerated() {
            rebuilt[key] = position
        }
        index = rebuilt
    }
}

// MARK: - Sequence

extension JSONObject: Sequence {
    /// Iterates members in order as `(key, value)` pairs.
    public struct Iterator: IteratorProtocol {
        private let keys: [String]
        private let values: [JSONValue]
        private var position = 0

        init(keys: [String], values: [JSONValue]) {
            self.keys = keys
            self.values = values
        }

        /// The next member, or `nil` after the last one.
        public mutating func next() -> (key: String, value: JSONValue)? {
            guard position < keys.count else { return nil }
            defer { position += 1 }
            return (keys[position], values[position])
        }
    }

    /// An iterator over the members in insertion order.
    public func makeIterator() -> Iterator {
        Iterator(keys: keys, values: values)
    }

    /// The member count, so `Array(object)` allocates once.
    public var underestimatedCount: Int { keys.count }
}

// MARK: - Hashable

extension JSONObject: Hashable {
    /// Two objects are equal when they have the same members in the same order (the hash index is not compared).
    public static func == (lhs: JSONObject, rhs: JSONObject) -> Bool {
        lhs.keys == rhs.keys && lhs.values == rhs.values
    }

    /// Hashes members in order, consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(keys)
        hasher.combine(values)
    }
}

// MARK: - Literals

extension JSONObject: ExpressibleByDictionaryLiteral {
    /// Members in the order written; a repeated key keeps its first position and its last value, as in PHP.
    public init(dictionaryLiteral elements: (String, JSONValue)...) {
        self.init(minimumCapacity: elements.count)
        for (key, value) in elements {
            updateValue(value, forKey: key)
        }
    }
}

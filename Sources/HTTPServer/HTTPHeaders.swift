/// An ordered list of header fields with case-insensitive lookup by name.
///
/// Names and values live in one byte array with an index of their ranges. A parsed request copies its header
/// block once and creates `String`s only for the fields somebody reads; responses are written to the socket
/// straight from the bytes. Repeated names are kept in order (`values(for:)` returns all of them).
///
/// `add` keeps the wire format safe: bytes that are not allowed in a name become `_`, and CR, LF and NUL in a
/// value become spaces, so a handler cannot split a response by accident.
public struct HTTPHeaders: Sendable {
    /// Where one field's name and value sit in `storage`.
    struct Field: Sendable, Hashable {
        var nameStart: Int
        var nameEnd: Int
        var valueStart: Int
        var valueEnd: Int
    }

    /// The bytes of all names and values (removed fields leave unreferenced bytes behind).
    private(set) var storage: [UInt8]
    /// One entry per field, in order.
    private(set) var fields: [Field]

    /// Creates an empty header list.
    public init() {
        storage = []
        fields = []
    }

    /// Creates headers from `(name, value)` pairs, in order.
    public init(_ pairs: some Sequence<(String, String)>) {
        self.init()
        for (name, value) in pairs {
            add(name: name, value: value)
        }
    }

    /// Adopts bytes and field ranges that the parser has already validated.
    init(storage: [UInt8], fields: [Field]) {
        self.storage = storage
        self.fields = fields
    }

    /// The number of fields, counting repeated names separately.
    public var count: Int { fields.count }

    /// Whether there are no fields.
    public var isEmpty: Bool { fields.isEmpty }

    /// The first value for `name` (case-insensitive), or `nil`.
    public subscript(name: String) -> String? {
        guard let index = firstIndex(of: name) else { return nil }
        return value(at: index)
    }

    /// All values for `name` (case-insensitive), in order.
    public func values(for name: String) -> [String] {
        indices(of: name).map { value(at: $0) }
    }

    /// Whether at least one field is called `name` (case-insensitive).
    public func contains(_ name: String) -> Bool {
        firstIndex(of: name) != nil
    }

    /// Appends a field, keeping any existing fields of the same name.
    public mutating func add(name: String, value: String) {
        let nameStart = storage.count
        storage.append(contentsOf: name.utf8)
        let nameEnd = storage.count
        storage.append(contentsOf: value.utf8)
        let valueEnd = storage.count
        storage.withUnsafeMutableBufferPointer { bytes in
            for index in nameStart..<nameEnd where !ASCII.isTokenChar(bytes[index]) {
                bytes[index] = UInt8(ascii: "_")
            }
            for index in nameEnd..<valueEnd {
                let byte = bytes[index]
                if byte == ASCII.cr || byte == ASCII.lf || byte == 0 {
                    bytes[index] = ASCII.space
                }
            }
        }
        fields.append(Field(nameStart: nameStart, nameEnd: nameEnd, valueStart: nameEnd, valueEnd: valueEnd))
    }

    /// Replaces every field called `name` with one field holding `value`, at the position of the first one
    /// (or at the end if there was none).
    public mutating func replaceOrAdd(name: String, value: String) {
        let matches = indices(of: name)
        guard let first = matches.first else {
            add(name: name, value: value)
            return
        }
        add(name: name, value: value)
        let replacement = fields.removeLast()
        fields[first] = replacement
        for index in matches.dropFirst().reversed() {
            fields.remove(at: index)
        }
    }

    /// Removes every field called `name` (case-insensitive).
    public mutating func remove(name: String) {
        for index in indices(of: name).reversed() {
            fields.remove(at: index)
        }
        if fields.isEmpty {
            storage.removeAll(keepingCapacity: true)
        }
    }

    // MARK: - Byte-level access for the parser and the response encoder

    /// The name of field `index`.
    func name(at index: Int) -> String {
        let field = fields[index]
        return String(decoding: storage[field.nameStart..<field.nameEnd], as: UTF8.self)
    }

    /// The value of field `index`.
    func value(at index: Int) -> String {
        let field = fields[index]
        return String(decoding: storage[field.valueStart..<field.valueEnd], as: UTF8.self)
    }

    /// Whether the name of field `index` equals a lowercase ASCII literal, ignoring case.
    func fieldName(at index: Int, equalsLowercase literal: StaticString) -> Bool {
        let field = fields[index]
        guard field.nameEnd - field.nameStart == literal.utf8CodeUnitCount else { return false }
        return storage.withUnsafeBytes { bytes in
            ASCII.equalsIgnoringCase(
                UnsafeRawBufferPointer(rebasing: bytes[field.nameStart..<field.nameEnd]), lowercase: literal)
        }
    }

    /// Whether field `index` of `self` and field `otherIndex` of `other` have the same name, ignoring case.
    func fieldName(at index: Int, equalsNameOf otherIndex: Int, in other: HTTPHeaders) -> Bool {
        let field = fields[index]
        let otherField = other.fields[otherIndex]
        guard field.nameEnd - field.nameStart == otherField.nameEnd - otherField.nameStart else { return false }
        return storage.withUnsafeBytes { bytes in
            other.storage.withUnsafeBytes { otherBytes in
                ASCII.equalsIgnoringCase(
                    UnsafeRawBufferPointer(rebasing: bytes[field.nameStart..<field.nameEnd]),
                    UnsafeRawBufferPointer(rebasing: otherBytes[otherField.nameStart..<otherField.nameEnd])
                )
            }
        }
    }

    /// Whether any field has the same name as field `otherIndex` of `other`.
    func containsName(of otherIndex: Int, in other: HTTPHeaders) -> Bool {
        for index in fields.indices where fieldName(at: index, equalsNameOf: otherIndex, in: other) {
            return true
        }
        return false
    }

    private func firstIndex(of name: String) -> Int? {
        var name = name
        return name.withUTF8 { nameBytes in
            storage.withUnsafeBytes { bytes in
                for (index, field) in fields.enumerated() where field.nameEnd - field.nameStart == nameBytes.count {
                    let fieldName = UnsafeRawBufferPointer(rebasing: bytes[field.nameStart..<field.nameEnd])
                    if ASCII.equalsIgnoringCase(fieldName, UnsafeRawBufferPointer(nameBytes)) {
                        return index
                    }
                }
                return nil
            }
        }
    }

    private func indices(of name: String) -> [Int] {
        var name = name
        return name.withUTF8 { nameBytes in
            storage.withUnsafeBytes { bytes in
                fields.indices.filter { index in
                    let field = fields[index]
                    let fieldName = UnsafeRawBufferPointer(rebasing: bytes[field.nameStart..<field.nameEnd])
                    return ASCII.equalsIgnoringCase(fieldName, UnsafeRawBufferPointer(nameBytes))
                }
            }
        }
    }
}

extension HTTPHeaders: Sequence {
    /// Walks the fields in order, creating each name and value `String` on demand.
    public struct Iterator: IteratorProtocol {
        private let headers: HTTPHeaders
        private var index = 0

        init(_ headers: HTTPHeaders) {
            self.headers = headers
        }

        /// The next `(name, value)` pair, or `nil` after the last one.
        public mutating func next() -> (name: String, value: String)? {
            guard index < headers.fields.count else { return nil }
            defer { index += 1 }
            return (headers.name(at: index), headers.value(at: index))
        }
    }

    /// Returns an iterator over the `(name, value)` pairs in order.
    public func makeIterator() -> Iterator {
        Iterator(self)
    }

    /// The number of fields; lets `Array(headers)` reserve once.
    public var underestimatedCount: Int { fields.count }
}

extension HTTPHeaders: ExpressibleByArrayLiteral {
    /// Allows `[("Content-Type", "text/plain")]`, keeping order and repeated names.
    public init(arrayLiteral elements: (String, String)...) {
        self.init(elements)
    }
}

extension HTTPHeaders: ExpressibleByDictionaryLiteral {
    /// Allows `["Content-Type": "text/plain"]`.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }
}

extension HTTPHeaders: Equatable {
    /// Equal when both hold the same `(name, value)` pairs in the same order (names compared exactly).
    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for index in 0..<lhs.count {
            let left = lhs.fields[index]
            let right = rhs.fields[index]
            guard
                lhs.storage[left.nameStart..<left.nameEnd] == rhs.storage[right.nameStart..<right.nameEnd],
                lhs.storage[left.valueStart..<left.valueEnd] == rhs.storage[right.valueStart..<right.valueEnd]
            else { return false }
        }
        return true
    }
}

extension HTTPHeaders: CustomStringConvertible {
    /// One `name: value` line per field, for logs and test failures.
    public var description: String {
        map { "\($0.name): \($0.value)" }.joined(separator: "\n")
    }
}

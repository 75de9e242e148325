import JSON

/// A value of a fixture document together with where it stands, so that every complaint names its place.
struct FixtureNode {
    let value: JSONValue
    let path: String
    let source: String

    func error(_ message: String) -> FixtureError {
        FixtureError(source: source, path: path, message: message)
    }

    func member(_ key: String) -> FixtureNode? {
        guard case .object(let object) = value, let member = object[key] else { return nil }
        return FixtureNode(value: member, path: "\(path).\(key)", source: source)
    }

    func required(_ key: String) throws(FixtureError) -> FixtureNode {
        guard let node = member(key) else { throw error("missing \"\(key)\"") }
        return node
    }

    func object() throws(FixtureError) -> JSONObject {
        guard case .object(let object) = value else { throw error("expected an object, found \(value.kindName)") }
        return object
    }

    /// The members of an object, each with its path, in document order.
    func members() throws(FixtureError) -> [(key: String, node: FixtureNode)] {
        try object().map { ($0.key, FixtureNode(value: $0.value, path: "\(path).\($0.key)", source: source)) }
    }

    /// Fails on any member not in `known`, so a typo (`PHONES`) is reported instead of silently ignored.
    func rejectUnknownMembers(except known: Set<String>, allowing isAllowed: (String) -> Bool = { _ in false })
        throws(FixtureError)
    {
        for (key, node) in try members() where !known.contains(key) && !isAllowed(key) {
            throw node.error("unknown key '\(key)'")
        }
    }

    func elements() throws(FixtureError) -> [FixtureNode] {
        guard case .array(let array) = value else { throw error("expected an array, found \(value.kindName)") }
        return array.enumerated().map { FixtureNode(value: $0.element, path: "\(path)[\($0.offset)]", source: source) }
    }

    /// An integer, also accepted as a string of digits (`"123"`), since that is how the portal prints ids.
    func integer() throws(FixtureError) -> Int64 {
        switch value {
        case .int(let number): return number
        case .double(let number) where number.rounded() == number && abs(number) < 9e15: return Int64(number)
        case .string(let text):
            if let number = Int64(text) { return number }
            throw error("expected an integer, found the string \"\(text)\"")
        default: throw error("expected an integer, found \(value.kindName)")
        }
    }

    func positiveInteger() throws(FixtureError) -> Int64 {
        let number = try integer()
        guard number > 0 else { throw error("expected a positive integer, found \(number)") }
        return number
    }

    func number() throws(FixtureError) -> Double {
        switch value {
        case .int(let number): return Double(number)
        case .double(let number): return number
        case .string(let text):
            if let number = Double(text) { return number }
            throw error("expected a number, found the string \"\(text)\"")
        default: throw error("expected a number, found \(value.kindName)")
        }
    }

    func string() throws(FixtureError) -> String {
        switch value {
        case .string(let text): return text
        case .int(let number): return String(number)
        default: throw error("expected a string, found \(value.kindName)")
        }
    }

    /// A flag: `true`/`false` or the portal's `"Y"`/`"N"`.
    func flag() throws(FixtureError) -> Bool {
        switch value {
        case .bool(let flag): return flag
        case .string("Y"), .string("y"): return true
        case .string("N"), .string("n"): return false
        default: throw error("expected true, false, \"Y\" or \"N\", found \(value.kindName)")
        }
    }

    func dateTime(portalUTCOffsetSeconds: Int) throws(FixtureError) -> CRMDateTime {
        let text = try string()
        guard let date = CRMDateTime(clientText: text, portalUTCOffsetSeconds: portalUTCOffsetSeconds) else {
            throw error("expected a date like 2026-11-02T09:30:00+03:00, found \"\(text)\"")
        }
        return date
    }

    func integers() throws(FixtureError) -> [Int64] {
        var result: [Int64] = []
        for element in try elements() {
            result.append(try element.positiveInteger())
        }
        return result
    }

    func strings() throws(FixtureError) -> [String] {
        var result: [String] = []
        for element in try elements() {
            result.append(try element.string())
        }
        return result
    }
}

extension JSONValue {
    /// The JSON kind, for error messages.
    var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .double: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}

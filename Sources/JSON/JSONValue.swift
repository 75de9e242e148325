/// One JSON value as the mock sees it on the wire.
///
/// Integers and doubles are kept apart because PHP (and therefore Bitrix24) keeps them apart: `json_decode("1")`
/// is an int, `json_decode("1.0")` a float. Objects are ordered (``JSONObject``) because PHP arrays are ordered maps
/// and clients see that order (batch `cmd`, `order` filters, `select` lists).
public enum JSONValue: Sendable, Hashable {
    /// JSON `null`.
    case null
    /// JSON `true` / `false`.
    case bool(Bool)
    /// An integer literal that fits `Int64`; larger ones parse as ``double(_:)``, as PHP's `json_decode` does.
    case int(Int64)
    /// Any number with a fraction or exponent, or an integer too large for `Int64`.
    case double(Double)
    /// A string, already unescaped.
    case string(String)
    /// An array (a PHP list).
    case array([JSONValue])
    /// An object whose members keep their insertion order.
    case object(JSONObject)
}

// MARK: - Access helpers

extension JSONValue {
    /// The member named `key` when this value is an object; `nil` for a missing key or any other kind of value.
    ///
    /// Lets callers walk request bodies without a `switch` at each level: `body["fields"]?["TITLE"]?.stringValue`.
    public subscript(key: String) -> JSONValue? {
        guard case .object(let object) = self else { return nil }
        return object[key]
    }

    /// The element at `index` when this value is an array and the index is in range; `nil` otherwise (never traps).
    public subscript(index: Int) -> JSONValue? {
        guard case .array(let elements) = self, elements.indices.contains(index) else { return nil }
        return elements[index]
    }

    /// The string payload, or `nil` when this is not a ``string(_:)``. No conversion from numbers is attempted.
    public var stringValue: String? {
        guard case .string(let string) = self else { return nil }
        return string
    }

    /// The object payload, or `nil` when this is not an ``object(_:)``.
    public var objectValue: JSONObject? {
        guard case .object(let object) = self else { return nil }
        return object
    }

    /// The array payload, or `nil` when this is not an ``array(_:)``.
    public var arrayValue: [JSONValue]? {
        guard case .array(let elements) = self else { return nil }
        return elements
    }

    /// The integer payload, or `nil` when this is not an ``int(_:)``. Doubles are not converted.
    public var intValue: Int64? {
        guard case .int(let integer) = self else { return nil }
        return integer
    }

    /// The numeric payload as a `Double`: a ``double(_:)`` as is, an ``int(_:)`` converted; `nil` for anything else.
    public var doubleValue: Double? {
        switch self {
        case .double(let double): return double
        case .int(let integer): return Double(integer)
        default: return nil
        }
    }

    /// The boolean payload, or `nil` when this is not a ``bool(_:)``. PHP truthiness is the REST layer's business.
    public var boolValue: Bool? {
        guard case .bool(let bool) = self else { return nil }
        return bool
    }

    /// Whether this is JSON `null`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

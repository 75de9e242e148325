/// One value as SQLite stores it: the five storage classes, nothing more.
///
/// Used for statement bindings and for materialized ``Row`` values. Literals work where a value is expected
/// (`try stmt.run(1, "Acme", nil, 2.5)`); other Swift values convert with ``init(_:)`` from any
/// ``SQLiteValueConvertible`` (`Int`, `Int64`, `Double`, `String`, `Bool` as 1/0, `[UInt8]`, and optionals of those,
/// where `nil` becomes ``null``).
public enum SQLiteValue: Sendable, Hashable {
    /// SQL `NULL`.
    case null
    /// A 64-bit signed integer (`INTEGER` storage class).
    case integer(Int64)
    /// An IEEE double (`REAL` storage class).
    case real(Double)
    /// UTF-8 text (`TEXT` storage class); may contain NUL characters.
    case text(String)
    /// Raw bytes (`BLOB` storage class).
    case blob([UInt8])

    /// Converts any supported Swift value; an optional that is `nil` becomes ``null``.
    public init(_ value: some SQLiteValueConvertible) {
        self = value.sqliteValue
    }

    /// Whether this is SQL `NULL`.
    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

extension SQLiteValue: ExpressibleByNilLiteral {
    /// `nil` binds SQL `NULL`.
    public init(nilLiteral: ()) {
        self = .null
    }
}

extension SQLiteValue: ExpressibleByIntegerLiteral {
    /// An integer literal binds an ``integer(_:)``.
    public init(integerLiteral value: Int64) {
        self = .integer(value)
    }
}

extension SQLiteValue: ExpressibleByFloatLiteral {
    /// A float literal binds a ``real(_:)``.
    public init(floatLiteral value: Double) {
        self = .real(value)
    }
}

extension SQLiteValue: ExpressibleByStringLiteral {
    /// A string literal binds ``text(_:)``.
    public init(stringLiteral value: String) {
        self = .text(value)
    }
}

extension SQLiteValue: ExpressibleByBooleanLiteral {
    /// `true` / `false` bind the integers 1 / 0, SQLite's booleans.
    public init(booleanLiteral value: Bool) {
        self = .integer(value ? 1 : 0)
    }
}

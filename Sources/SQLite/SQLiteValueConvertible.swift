/// A Swift type that has a natural SQLite storage class, so it can be bound with ``SQLiteValue/init(_:)``.
///
/// Optionals conform when their wrapped type does, which is what lets the store bind nullable columns without a
/// `switch` at every call site: `SQLiteValue(lead.assignedByID)` is ``SQLiteValue/null`` when the id is `nil`.
public protocol SQLiteValueConvertible {
    /// The value to bind.
    var sqliteValue: SQLiteValue { get }
}

extension SQLiteValue: SQLiteValueConvertible {
    /// The value itself.
    public var sqliteValue: SQLiteValue { self }
}

extension Int: SQLiteValueConvertible {
    /// ``SQLiteValue/integer(_:)``.
    public var sqliteValue: SQLiteValue { .integer(Int64(self)) }
}

extension Int64: SQLiteValueConvertible {
    /// ``SQLiteValue/integer(_:)``.
    public var sqliteValue: SQLiteValue { .integer(self) }
}

extension Int32: SQLiteValueConvertible {
    /// ``SQLiteValue/integer(_:)``.
    public var sqliteValue: SQLiteValue { .integer(Int64(self)) }
}

extension Double: SQLiteValueConvertible {
    /// ``SQLiteValue/real(_:)``.
    public var sqliteValue: SQLiteValue { .real(self) }
}

extension String: SQLiteValueConvertible {
    /// ``SQLiteValue/text(_:)``.
    public var sqliteValue: SQLiteValue { .text(self) }
}

extension Substring: SQLiteValueConvertible {
    /// ``SQLiteValue/text(_:)``.
    public var sqliteValue: SQLiteValue { .text(String(self)) }
}

extension Bool: SQLiteValueConvertible {
    /// ``SQLiteValue/integer(_:)`` 1 or 0: SQLite has no boolean storage class.
    public var sqliteValue: SQLiteValue { .integer(self ? 1 : 0) }
}

extension Array: SQLiteValueConvertible where Element == UInt8 {
    /// ``SQLiteValue/blob(_:)``.
    public var sqliteValue: SQLiteValue { .blob(self) }
}

extension Optional: SQLiteValueConvertible where Wrapped: SQLiteValueConvertible {
    /// The wrapped value's SQLite value, or ``SQLiteValue/null`` for `nil`.
    public var sqliteValue: SQLiteValue {
        switch self {
        case .some(let wrapped): return wrapped.sqliteValue
        case .none: return .null
        }
    }
}

extension SQLiteValue {
    /// The value as an integer, converting a real or numeric text the way SQLite would; `nil` for NULL.
    public var integerValue: Int64? {
        switch self {
        case .integer(let value): value
        case .real(let value): value.isFinite ? Int64(exactly: value.rounded(.towardZero)) : nil
        case .text(let value): Int64(value)
        case .null, .blob: nil
        }
    }

    /// The value as text; numbers are printed; `nil` for NULL.
    public var textValue: String? {
        switch self {
        case .text(let value): value
        case .integer(let value): String(value)
        case .real(let value): String(value)
        case .null, .blob: nil
        }
    }

    /// The value as a double; `nil` for NULL or text that is not a number.
    public var doubleValue: Double? {
        switch self {
        case .real(let value): value
        case .integer(let value): Double(value)
        case .text(let value): Double(value)
        case .null, .blob: nil
        }
    }
}

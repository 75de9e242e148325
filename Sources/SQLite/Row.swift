/// One result row, copied out of SQLite so it can outlive the statement and cross threads.
///
/// Columns are looked up by name with a linear scan, which is faster than hashing for the dozen-or-so columns a
/// CRM query returns. Absent columns read as ``SQLiteValue/null`` rather than trapping.
public struct Row: Sendable, Hashable {
    /// The result column names, in `SELECT` order (shared between all rows of one result).
    public let columnNames: [String]
    /// The values, parallel to ``columnNames``.
    public let values: [SQLiteValue]

    /// Creates a row from parallel name and value arrays (mostly for tests; statements build rows themselves).
    public init(columnNames: [String], values: [SQLiteValue]) {
        self.columnNames = columnNames
        self.values = values
    }

    /// The number of columns.
    public var count: Int { values.count }

    /// The value of the first column named `column` (as SQLite names it: the alias, else the column name), or
    /// ``SQLiteValue/null`` when there is no such column.
    public subscript(column: String) -> SQLiteValue {
        guard let index = columnNames.firstIndex(of: column) else { return .null }
        return values[index]
    }

    /// The value at `index`, or ``SQLiteValue/null`` when out of range.
    public subscript(index: Int) -> SQLiteValue {
        values.indices.contains(index) ? values[index] : .null
    }

    /// The column as an integer: `INTEGER` as is, an integral `REAL`, or `TEXT` holding a decimal integer;
    /// `nil` for `NULL`, blobs and anything that does not convert exactly.
    public func int(_ column: String) -> Int64? {
        switch self[column] {
        case .integer(let integer): return integer
        case .real(let real): return Int64(exactly: real)
        case .text(let text): return Int64(text)
        case .null, .blob: return nil
        }
    }

    /// The column as text: `TEXT` as is, numbers in decimal (`INTEGER` 5 → "5"); `nil` for `NULL` and blobs.
    public func string(_ column: String) -> String? {
        switch self[column] {
        case .text(let text): return text
        case .integer(let integer): return String(integer)
        case .real(let real): return String(real)
        case .null, .blob: return nil
        }
    }

    /// The column as a double: `REAL` as is, `INTEGER` converted, `TEXT` parsed; `nil` for `NULL` and blobs.
    public func double(_ column: String) -> Double? {
        switch self[column] {
        case .real(let real): return real
        case .integer(let integer): return Double(integer)
        case .text(let text): return Double(text)
        case .null, .blob: return nil
        }
    }
}

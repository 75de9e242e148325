import SQLite

/// A column of an entity row with its value in storage form, as fixtures and `add`/`update` calls supply them.
public struct ColumnValue: Sendable, Equatable {
    public var name: String
    public var value: SQLiteValue

    public init(name: String, value: SQLiteValue) {
        self.name = name
        self.value = value
    }
}

import SQLite

/// One condition of a `crm.lead.list` filter, already read from its wire form (`">=OPPORTUNITY": 100`).
///
/// Values are in storage form (dates as UTC text, ids as integers); `.null` stands for "empty", which the portal
/// matches as NULL or an empty string (or zero, for numbers).
public struct LeadCondition: Sendable, Equatable {
    /// What the operator prefix asks for.
    public enum Comparison: Sendable, Equatable {
        /// `=` or no prefix; several values mean any of them.
        case equal
        case less
        case lessOrEqual
        case greater
        case greaterOrEqual
        /// `%`: a case-insensitive substring.
        case contains
        /// `=%` and `%=`: SQL LIKE with the client's own `%` wildcards.
        case pattern
        /// `@`: one of a list.
        case oneOf
        /// A bare `PHONE`, `EMAIL`, `WEB` or `IM` key: a value of that kind starting with the text.
        case multiFieldPrefix
    }

    /// A standard field, `HAS_*`, a `UF_CRM_*` field, or a multi-field kind.
    public var field: String
    public var comparison: Comparison
    /// `!`: the negation of the comparison.
    public var isNegated: Bool
    public var values: [SQLiteValue]

    public init(field: String, comparison: Comparison, isNegated: Bool = false, values: [SQLiteValue]) {
        self.field = field
        self.comparison = comparison
        self.isNegated = isNegated
        self.values = values
    }
}

/// One sort key of `crm.lead.list`.
public struct LeadOrder: Sendable, Equatable {
    public var field: String
    public var ascending: Bool

    public init(field: String, ascending: Bool) {
        self.field = field
        self.ascending = ascending
    }
}

import JSON
import SQLite

/// A lead as read from the store: its columns in storage form, its user-field values and its multi-fields.
///
/// The REST layer turns it into the portal's wire shape; keeping the raw values here means the store does not know
/// about strings-for-numbers or time zones.
public struct LeadRecord: Sendable, Equatable {
    public var id: Int64
    /// Every column of `b_crm_lead`, in the order of `LeadField.columns`.
    public var values: [SQLiteValue]
    /// User-field values by field name; a field the lead has no value for is absent.
    public var userFields: [String: JSONValue]
    /// Multi-field values in the order they were added (by value id).
    public var multiFields: [MultiFieldStore.Value]

    public init(
        id: Int64, values: [SQLiteValue], userFields: [String: JSONValue] = [:],
        multiFields: [MultiFieldStore.Value] = []
    ) {
        self.id = id
        self.values = values
        self.userFields = userFields
        self.multiFields = multiFields
    }

    public subscript(column: String) -> SQLiteValue {
        LeadField.columnIndex[column].flatMap { $0 < values.count ? values[$0] : nil } ?? .null
    }

    /// A column by its position in `LeadField.columns`: no name lookup on the hot path.
    public func value(atColumn index: Int) -> SQLiteValue {
        index < values.count ? values[index] : .null
    }

    /// HAS_PHONE, HAS_EMAIL and HAS_IMOL as the portal computes them from the multi-fields: a non-empty phone, a
    /// non-empty e-mail, an IM value that is an open-line address (`imol|...`).
    public func computedFlag(_ name: String) -> Bool {
        Self.computedFlag(name, multiFields: multiFields)
    }

    /// The same flags for any entity's multi-fields (contacts have them too).
    public static func computedFlag(_ name: String, multiFields: [MultiFieldStore.Value]) -> Bool {
        switch name {
        case "HAS_PHONE": multiFields.contains { $0.typeID == "PHONE" && !$0.value.isEmpty }
        case "HAS_EMAIL": multiFields.contains { $0.typeID == "EMAIL" && !$0.value.isEmpty }
        case "HAS_IMOL": multiFields.contains { $0.typeID == "IM" && $0.value.hasPrefix("imol|") }
        default: false
        }
    }
}

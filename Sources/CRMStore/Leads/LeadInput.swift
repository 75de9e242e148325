import JSON

/// The changes `crm.lead.add` or `crm.lead.update` asks for, already read from their wire form: values in storage
/// form, unknown and read-only fields dropped (as the portal's `internalizeFields` does).
public struct LeadInput: Sendable, Equatable {
    /// Writable standard columns.
    public var columns: [ColumnValue] = []
    /// `UF_CRM_*` values; `.null` clears one.
    public var userFields: [UserFieldValue] = []
    public var multiFields: [MultiFieldEdit] = []
    /// `CONTACT_IDS`: when given, the lead's contact links become exactly these.
    public var contactIDs: [Int64]?
    /// `params.REGISTER_HISTORY_EVENT`: whether changes are written to the history (`b_crm_event`).
    public var registersHistory = true

    public init() {}

    public func column(_ name: String) -> ColumnValue? {
        columns.first { $0.name == name }
    }
}

/// A user-field value given to add or update.
public struct UserFieldValue: Sendable, Equatable {
    public var name: String
    public var value: JSONValue

    public init(name: String, value: JSONValue) {
        self.name = name
        self.value = value
    }
}

/// One change to a lead's phones, e-mails, sites, messengers or links.
public enum MultiFieldEdit: Sendable, Equatable {
    /// An item without `ID`: a new value (update never replaces the list).
    case add(typeID: String, valueType: String, value: String)
    /// An item with the `ID` of an existing value and a new value.
    case update(id: Int64, typeID: String, valueType: String, value: String)
    /// An item with `ID` and `DELETE: "Y"` or an empty `VALUE`.
    case delete(id: Int64)
}

/// What an add or update did, in the portal's order of checks.
public enum LeadWrite: Sendable, Equatable {
    case added(id: Int64)
    case updated
    case accessDenied
    case notFound
}

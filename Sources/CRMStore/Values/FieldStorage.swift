/// How a CRM field's value is kept in SQLite and shown on the wire.
public enum FieldStorage: Sendable, Equatable {
    /// An integer id (`"ASSIGNED_BY_ID":"1"` on the wire).
    case integer
    /// Free text.
    case text
    /// A money amount, shown with two decimals (`"15000.00"`).
    case money
    /// `Y` or `N`.
    case flag
    /// A date and time: UTC text in SQLite, ISO 8601 with the portal's offset on the wire.
    case dateTime
    /// A date alone (BIRTHDATE): `YYYY-MM-DD` in SQLite, ISO 8601 at midnight with the offset on the wire.
    case date
    /// Not a column: computed from other data when read (HAS_PHONE, CONTACT_IDS, ...).
    case computed
    /// Not a column: values in `b_crm_field_multi` (PHONE, EMAIL, WEB, IM, LINK).
    case multiField
}

/// The columns of the entities that a lead touches (contacts, companies, deals), with their storage.
///
/// Leads have a richer catalogue with wire metadata (`LeadField`); these are the minimum fixtures and the
/// read-back methods need.
public enum EntityColumns {
    public static let contact: [(name: String, storage: FieldStorage)] = [
        ("HONORIFIC", .text), ("NAME", .text), ("SECOND_NAME", .text), ("LAST_NAME", .text), ("POST", .text),
        ("COMMENTS", .text), ("SOURCE_ID", .text), ("TYPE_ID", .text), ("OPENED", .flag), ("COMPANY_ID", .integer),
        ("LEAD_ID", .integer), ("ASSIGNED_BY_ID", .integer), ("CREATED_BY_ID", .integer), ("MODIFY_BY_ID", .integer),
        ("DATE_CREATE", .dateTime), ("DATE_MODIFY", .dateTime),
    ]

    public static let company: [(name: String, storage: FieldStorage)] = [
        ("TITLE", .text), ("COMPANY_TYPE", .text), ("INDUSTRY", .text), ("COMMENTS", .text), ("OPENED", .flag),
        ("LEAD_ID", .integer), ("ASSIGNED_BY_ID", .integer), ("CREATED_BY_ID", .integer), ("MODIFY_BY_ID", .integer),
        ("DATE_CREATE", .dateTime), ("DATE_MODIFY", .dateTime),
    ]

    public static let deal: [(name: String, storage: FieldStorage)] = [
        ("TITLE", .text), ("STAGE_ID", .text), ("CATEGORY_ID", .integer), ("OPPORTUNITY", .money),
        ("CURRENCY_ID", .text), ("CONTACT_ID", .integer), ("COMPANY_ID", .integer), ("LEAD_ID", .integer),
        ("OPENED", .flag), ("ASSIGNED_BY_ID", .integer), ("CREATED_BY_ID", .integer), ("MODIFY_BY_ID", .integer),
        ("DATE_CREATE", .dateTime), ("DATE_MODIFY", .dateTime),
    ]

    /// The multi-field kinds (`b_crm_field_multi.TYPE_ID`) with the value type used when none is given.
    public static let multiFieldDefaultValueTypes: [String: String] = [
        "PHONE": "WORK", "EMAIL": "WORK", "WEB": "WORK", "IM": "OTHER", "LINK": "USER",
    ]

    /// The multi-field kinds in the order the portal lists them.
    public static let multiFieldTypes = ["PHONE", "EMAIL", "WEB", "IM", "LINK"]
}

/// One standard lead field: how it is stored, how it travels on the wire, and how `crm.lead.fields` describes it.
///
/// The list in `LeadField.standard` is the single place that knows the lead's columns: fixtures, `crm.lead.get`,
/// `crm.lead.list` and `crm.lead.fields` all read it, so a field added here appears everywhere at once.
public struct LeadField: Sendable, Equatable {
    public var name: String
    public var storage: FieldStorage
    /// The `type` `crm.lead.fields` reports (`string`, `integer`, `crm_status`, `user`, ...).
    public var wireType: String
    public var title: String
    public var isRequired = false
    public var isReadOnly = false
    public var isImmutable = false
    public var isMultiple = false
    /// For `crm_status` fields: the dictionary (`STATUS`, `SOURCE`, `HONORIFIC`).
    public var statusType: String?

    /// Whether the field is a column of `b_crm_lead` that fixtures and `crm.lead.add` may set.
    public var isColumn: Bool { storage != .computed }

    public static func named(_ name: String) -> LeadField? {
        byName[name]
    }

    private static let byName: [String: LeadField] = Dictionary(
        uniqueKeysWithValues: standard.map { ($0.name, $0) })
}

extension LeadField {
    private init(
        _ name: String, _ storage: FieldStorage, _ wireType: String, _ title: String, required: Bool = false,
        readOnly: Bool = false, immutable: Bool = false, multiple: Bool = false, statusType: String? = nil
    ) {
        self.name = name
        self.storage = storage
        self.wireType = wireType
        self.title = title
        self.isRequired = required
        self.isReadOnly = readOnly
        self.isImmutable = immutable
        self.isMultiple = multiple
        self.statusType = statusType
    }

    /// The standard fields in the order a portal returns them from `crm.lead.get`.
    public static let standard: [LeadField] = [
        LeadField("ID", .integer, "integer", "ID", readOnly: true),
        LeadField("TITLE", .text, "string", "Lead Name"),
        LeadField("HONORIFIC", .text, "crm_status", "Salutation", statusType: "HONORIFIC"),
        LeadField("NAME", .text, "string", "First name"),
        LeadField("SECOND_NAME", .text, "string", "Middle name"),
        LeadField("LAST_NAME", .text, "string", "Last name"),
        LeadField("COMPANY_TITLE", .text, "string", "Company name"),
        LeadField("COMPANY_ID", .integer, "crm_company", "Company"),
        LeadField("CONTACT_ID", .integer, "crm_contact", "Contact"),
        LeadField("IS_RETURN_CUSTOMER", .flag, "char", "Repeat lead", readOnly: true),
        LeadField("BIRTHDATE", .date, "date", "Date of birth"),
        LeadField("SOURCE_ID", .text, "crm_status", "Source", statusType: "SOURCE"),
        LeadField("SOURCE_DESCRIPTION", .text, "string", "Source information"),
        LeadField("STATUS_ID", .text, "crm_status", "Stage", statusType: "STATUS"),
        LeadField("STATUS_DESCRIPTION", .text, "string", "Stage information"),
        LeadField("POST", .text, "string", "Position"),
        LeadField("COMMENTS", .text, "string", "Comment"),
        LeadField("CURRENCY_ID", .text, "crm_currency", "Currency"),
        LeadField("OPPORTUNITY", .money, "double", "Total"),
        LeadField("IS_MANUAL_OPPORTUNITY", .flag, "char", "IS_MANUAL_OPPORTUNITY"),
        LeadField("HAS_PHONE", .computed, "char", "Has phone", readOnly: true),
        LeadField("HAS_EMAIL", .computed, "char", "Has email", readOnly: true),
        LeadField("HAS_IMOL", .computed, "char", "Has Open Channel", readOnly: true),
        LeadField("ASSIGNED_BY_ID", .integer, "user", "Responsible person"),
        LeadField("CREATED_BY_ID", .integer, "user", "Created by", readOnly: true),
        LeadField("MODIFY_BY_ID", .integer, "user", "Modified by", readOnly: true),
        LeadField("DATE_CREATE", .dateTime, "datetime", "Created", readOnly: true),
        LeadField("DATE_MODIFY", .dateTime, "datetime", "Modified", readOnly: true),
        LeadField("DATE_CLOSED", .dateTime, "datetime", "Completed on", readOnly: true),
        LeadField("STATUS_SEMANTIC_ID", .text, "string", "Status details", readOnly: true),
        LeadField("OPENED", .flag, "char", "Available to everyone"),
        LeadField("ORIGINATOR_ID", .text, "string", "External source"),
        LeadField("ORIGIN_ID", .text, "string", "Item ID in data source"),
        LeadField("MOVED_BY_ID", .integer, "user", "Moved by", readOnly: true),
        LeadField("MOVED_TIME", .dateTime, "datetime", "Moved on", readOnly: true),
        LeadField("ADDRESS", .text, "string", "Address"),
        LeadField("ADDRESS_2", .text, "string", "Address (line 2)"),
        LeadField("ADDRESS_CITY", .text, "string", "City"),
        LeadField("ADDRESS_POSTAL_CODE", .text, "string", "Zip"),
        LeadField("ADDRESS_REGION", .text, "string", "Region"),
        LeadField("ADDRESS_PROVINCE", .text, "string", "State / Province"),
        LeadField("ADDRESS_COUNTRY", .text, "string", "Country"),
        LeadField("ADDRESS_COUNTRY_CODE", .text, "string", "Country code"),
        LeadField("UTM_SOURCE", .text, "string", "Ad system"),
        LeadField("UTM_MEDIUM", .text, "string", "Traffic type"),
        LeadField("UTM_CAMPAIGN", .text, "string", "Ad campaign UTM"),
        LeadField("UTM_CONTENT", .text, "string", "Campaign contents"),
        LeadField("UTM_TERM", .text, "string", "Campaign search term"),
        LeadField("LAST_ACTIVITY_BY", .integer, "user", "Last activity by", readOnly: true),
        LeadField("LAST_ACTIVITY_TIME", .dateTime, "datetime", "Last activity", readOnly: true),
    ]
}

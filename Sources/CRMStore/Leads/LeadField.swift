import JSON

/// One standard lead field: how it is stored, and how `crm.lead.fields` describes it.
///
/// `LeadField.all` is the single place that knows the lead's fields, in the order `crm.lead.fields` lists them;
/// `LeadField.readOrder` is the order `crm.lead.get` and `crm.lead.list` print them. Fixtures, add, update, get, list
/// and fields all read these lists, so a field added here appears everywhere at once.
public struct LeadField: Sendable, Equatable {
    public var name: String
    public var storage: FieldStorage
    /// The `type` `crm.lead.fields` reports (`string`, `integer`, `crm_status`, `user`, ...).
    public var wireType: String
    /// The English title a fresh portal shows; fields without a caption show their code, as on the portal.
    public var title: String
    public var isRequired = false
    public var isReadOnly = false
    public var isImmutable = false
    public var isMultiple = false
    public var isDeprecated = false
    /// For `crm_status` fields: the dictionary (`STATUS`, `SOURCE`, `HONORIFIC`).
    public var statusType: String?
    public var settings: JSONObject?

    /// Whether the field is a column of `b_crm_lead`.
    public var isColumn: Bool {
        switch storage {
        case .computed, .multiField: false
        default: true
        }
    }

    /// Whether add and update accept the field (read-only and computed ones are silently dropped, as on a portal).
    public var isWritable: Bool { (!isReadOnly && storage != .computed) || name == "CONTACT_IDS" }

    public static func named(_ name: String) -> LeadField? {
        byName[name]
    }

    private static let byName: [String: LeadField] = Dictionary(uniqueKeysWithValues: all.map { ($0.name, $0) })

    /// The columns of `b_crm_lead`, in `crm.lead.fields` order.
    public static let columns: [LeadField] = all.filter(\.isColumn)

    /// Each column's position in `columns` (and so in `LeadRecord.values`).
    public static let columnIndex: [String: Int] = Dictionary(
        uniqueKeysWithValues: columns.enumerated().map { ($0.element.name, $0.offset) })

    /// The fields `crm.lead.get` and `crm.lead.list` print, in the portal's order (`CCrmLead::GetFields`): every
    /// standard field except CONTACT_IDS and the multi-fields, which follow the user fields.
    public static let readOrder: [LeadField] = [
        "ID", "TITLE", "HONORIFIC", "NAME", "SECOND_NAME", "LAST_NAME", "COMPANY_TITLE", "COMPANY_ID", "CONTACT_ID",
        "IS_RETURN_CUSTOMER", "BIRTHDATE", "SOURCE_ID", "SOURCE_DESCRIPTION", "STATUS_ID", "STATUS_DESCRIPTION", "POST",
        "COMMENTS", "CURRENCY_ID", "OPPORTUNITY", "IS_MANUAL_OPPORTUNITY", "HAS_PHONE", "HAS_EMAIL", "HAS_IMOL",
        "ASSIGNED_BY_ID", "CREATED_BY_ID", "MODIFY_BY_ID", "DATE_CREATE", "DATE_MODIFY", "DATE_CLOSED",
        "STATUS_SEMANTIC_ID", "OPENED", "ORIGINATOR_ID", "ORIGIN_ID", "MOVED_BY_ID", "MOVED_TIME", "ADDRESS",
        "ADDRESS_2", "ADDRESS_CITY", "ADDRESS_POSTAL_CODE", "ADDRESS_REGION", "ADDRESS_PROVINCE", "ADDRESS_COUNTRY",
        "ADDRESS_COUNTRY_CODE", "ADDRESS_LOC_ADDR_ID", "UTM_SOURCE", "UTM_MEDIUM", "UTM_CAMPAIGN", "UTM_CONTENT",
        "UTM_TERM", "LAST_COMMUNICATION_TIME", "LAST_ACTIVITY_BY", "LAST_ACTIVITY_TIME",
    ].compactMap { byName[$0] }
}

extension LeadField {
    private init(
        _ name: String, _ storage: FieldStorage, _ wireType: String, _ title: String, required: Bool = false,
        readOnly: Bool = false, immutable: Bool = false, multiple: Bool = false, deprecated: Bool = false,
        statusType: String? = nil, settings: JSONObject? = nil
    ) {
        self.name = name
        self.storage = storage
        self.wireType = wireType
        self.title = title
        self.isRequired = required
        self.isReadOnly = readOnly
        self.isImmutable = immutable
        self.isMultiple = multiple
        self.isDeprecated = deprecated
        self.statusType = statusType
        self.settings = settings
    }

    /// Every standard field in the order `crm.lead.fields` returns them on a fresh portal.
    public static let all: [LeadField] = [
        LeadField("ID", .integer, "integer", "ID", readOnly: true),
        LeadField("TITLE", .text, "string", "Lead Title"),
        LeadField("HONORIFIC", .text, "crm_status", "Salutation", statusType: "HONORIFIC"),
        LeadField("NAME", .text, "string", "First Name"),
        LeadField("SECOND_NAME", .text, "string", "Middle Name"),
        LeadField("LAST_NAME", .text, "string", "Last Name"),
        LeadField("BIRTHDATE", .date, "date", "Birthdate"),
        LeadField("COMPANY_TITLE", .text, "string", "Company Name"),
        LeadField("SOURCE_ID", .text, "crm_status", "Source", statusType: "SOURCE"),
        LeadField("SOURCE_DESCRIPTION", .text, "string", "Source Description"),
        LeadField("STATUS_ID", .text, "crm_status", "Stage", statusType: "STATUS"),
        LeadField("STATUS_DESCRIPTION", .text, "string", "Stage Description"),
        LeadField("STATUS_SEMANTIC_ID", .text, "string", "Status Semantic", readOnly: true),
        LeadField("POST", .text, "string", "Position"),
        LeadField("ADDRESS", .text, "string", "Address"),
        LeadField("ADDRESS_2", .text, "string", "Address (Line 2)"),
        LeadField("ADDRESS_CITY", .text, "string", "City"),
        LeadField("ADDRESS_POSTAL_CODE", .text, "string", "Postal Code"),
        LeadField("ADDRESS_REGION", .text, "string", "Region"),
        LeadField("ADDRESS_PROVINCE", .text, "string", "Province"),
        LeadField("ADDRESS_COUNTRY", .text, "string", "Country"),
        LeadField("ADDRESS_COUNTRY_CODE", .text, "string", "Country Code"),
        LeadField("ADDRESS_LOC_ADDR_ID", .integer, "integer", "Location Address ID"),
        LeadField("CURRENCY_ID", .text, "crm_currency", "Currency"),
        LeadField("OPPORTUNITY", .money, "double", "Amount"),
        LeadField("IS_MANUAL_OPPORTUNITY", .flag, "char", "IS_MANUAL_OPPORTUNITY"),
        LeadField("OPENED", .flag, "char", "Available to All"),
        LeadField("COMMENTS", .text, "string", "Comments"),
        LeadField("HAS_PHONE", .computed, "char", "Phone Provided", readOnly: true),
        LeadField("HAS_EMAIL", .computed, "char", "Email Provided", readOnly: true),
        LeadField("HAS_IMOL", .computed, "char", "Open Line Assigned", readOnly: true),
        LeadField("ASSIGNED_BY_ID", .integer, "user", "Responsible User"),
        LeadField("CREATED_BY_ID", .integer, "user", "Created By", readOnly: true),
        LeadField("MODIFY_BY_ID", .integer, "user", "Modified By", readOnly: true),
        LeadField("MOVED_BY_ID", .integer, "user", "MOVED_BY_ID", readOnly: true),
        LeadField("DATE_CREATE", .dateTime, "datetime", "Creation Date", readOnly: true),
        LeadField("DATE_MODIFY", .dateTime, "datetime", "Modification Date", readOnly: true),
        LeadField("MOVED_TIME", .dateTime, "datetime", "MOVED_TIME", readOnly: true),
        LeadField("COMPANY_ID", .integer, "crm_company", "Company", settings: ["parentEntityTypeId": 4]),
        LeadField("CONTACT_ID", .integer, "crm_contact", "Contact", deprecated: true),
        LeadField("CONTACT_IDS", .computed, "crm_contact", "CONTACT_IDS", multiple: true),
        LeadField("IS_RETURN_CUSTOMER", .flag, "char", "Returning Lead", readOnly: true),
        LeadField("DATE_CLOSED", .dateTime, "datetime", "Closing Date", readOnly: true),
        LeadField("ORIGINATOR_ID", .text, "string", "External Source"),
        LeadField("ORIGIN_ID", .text, "string", "Identifier in External Source"),
        LeadField("UTM_SOURCE", .text, "string", "Advertising System"),
        LeadField("UTM_MEDIUM", .text, "string", "Traffic Type"),
        LeadField("UTM_CAMPAIGN", .text, "string", "Campaign Identifier"),
        LeadField("UTM_CONTENT", .text, "string", "Campaign Content"),
        LeadField("UTM_TERM", .text, "string", "Campaign Search Term"),
        LeadField("LAST_ACTIVITY_TIME", .dateTime, "datetime", "LAST_ACTIVITY_TIME"),
        LeadField("LAST_ACTIVITY_BY", .integer, "user", "LAST_ACTIVITY_BY"),
        LeadField("LAST_COMMUNICATION_TIME", .text, "string", "LAST_COMMUNICATION_TIME", readOnly: true),
        LeadField("PHONE", .multiField, "crm_multifield", "Phone", multiple: true),
        LeadField("EMAIL", .multiField, "crm_multifield", "E-mail", multiple: true),
        LeadField("WEB", .multiField, "crm_multifield", "Website", multiple: true),
        LeadField("IM", .multiField, "crm_multifield", "Messenger", multiple: true),
        LeadField("LINK", .multiField, "crm_multifield", "LINK", multiple: true),
    ]
}

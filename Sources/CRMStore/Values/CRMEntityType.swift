/// The CRM entity kinds, with the portal's numeric ids (`CCrmOwnerType`).
///
/// Bindings of timeline entries, activities and observers name their entity by this id; history relations and
/// multi-fields name it by the legacy text id (`LEAD`, `CONTACT`), kept here as `legacyName`.
public enum CRMEntityType: Int64, Sendable, CaseIterable {
    case lead = 1
    case deal = 2
    case contact = 3
    case company = 4

    /// The upper-case name used by `b_crm_field_multi.ENTITY_ID` and `b_crm_event_relations.ENTITY_TYPE`.
    public var legacyName: String {
        switch self {
        case .lead: "LEAD"
        case .deal: "DEAL"
        case .contact: "CONTACT"
        case .company: "COMPANY"
        }
    }

    /// The lower-case name the timeline methods use (`ENTITY_TYPE: "lead"`).
    public var timelineName: String { legacyName.lowercased() }

    /// The owner letter of product rows (`b_crm_product_row.OWNER_TYPE`).
    public var productRowOwnerType: String {
        switch self {
        case .lead: "L"
        case .deal: "D"
        case .contact: "C"
        case .company: "CO"
        }
    }

    /// Finds the type as `CCrmOwnerType::ResolveID` does: by name or abbreviation, case-insensitively, trimmed
    /// (`"lead"`, `"LEAD"`, `"L"`).
    public init?(name: String) {
        let key = name.trimmingCharacters(in: " \t\n").uppercased()
        guard
            let match = CRMEntityType.allCases.first(where: { $0.legacyName == key || $0.productRowOwnerType == key })
        else { return nil }
        self = match
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: String) -> String {
        let characters = Set(set)
        guard let first = firstIndex(where: { !characters.contains($0) }),
            let last = lastIndex(where: { !characters.contains($0) })
        else { return "" }
        return String(self[first...last])
    }
}

import CRMStore
import JSON
import SQLite

/// Reads `filter`, `order`, `select` and `start` of `crm.lead.list` as the portal does (`CSqlUtil::GetFilterOperation`,
/// `PrepareSql`, `CCrmEntityListBuilder`): unknown fields are dropped without a word, filter keys are
/// case-sensitive, order and select names are not, and any direction but `ASC` sorts descending.
struct LeadListReader {
    var timeZone: PortalTimeZone
    var userFields: [UserFieldDefinition]
    var now: CRMDateTime

    /// What the items show: standard fields in order, user fields, multi-field kinds, and whether ID goes last.
    struct Selection {
        var standard: [LeadField]
        var userFields: [String]
        var multiFieldTypes: [String]
    }

    // MARK: Filter

    func conditions(from filter: JSONObject) -> [LeadCondition] {
        filter.compactMap { condition(key: $0.key, value: $0.value) }
    }

    private func condition(key: String, value: JSONValue) -> LeadCondition? {
        var name = Substring(key)
        var negated = false
        if name.hasPrefix("!") {
            negated = true
            name = name.dropFirst()
        }
        if name.hasPrefix("+") { name = name.dropFirst() }
        let prefixes: [(String, LeadCondition.Comparison)] = [
            (">=", .greaterOrEqual), (">", .greater), ("<=", .lessOrEqual), ("<", .less), ("@", .oneOf),
            ("=%", .pattern), ("%=", .pattern), ("%", .contains), ("=", .equal),
        ]
        var comparison = LeadCondition.Comparison.equal
        for (prefix, kind) in prefixes where name.hasPrefix(prefix) {
            comparison = kind
            name = name.dropFirst(prefix.count)
            break
        }
        let field = String(name)
        // Multi-fields filter by their bare key only: a prefix match on the first value given.
        if EntityColumns.multiFieldTypes.contains(field), field != "LINK" {
            guard key == field else { return nil }
            let first: JSONValue
            if case .array(let items) = value { first = items.first ?? .null } else { first = value }
            let text = (first.scalarText ?? "").filter { $0 != "%" }.trimmingSpaces
            guard !text.isEmpty else { return nil }
            return LeadCondition(field: field, comparison: .multiFieldPrefix, values: [.text(text)])
        }
        let storage: FieldStorage
        if let standard = LeadField.named(field), standard.isColumn || field.hasPrefix("HAS_") {
            storage = field.hasPrefix("HAS_") ? .flag : standard.storage
            // Dictionary and reference fields are never matched with LIKE.
            if comparison == .contains || comparison == .pattern,
                ["crm_status", "crm_company", "crm_contact"].contains(standard.wireType)
            {
                comparison = .equal
            }
        } else if userFields.contains(where: { $0.fieldName == field }) {
            storage = .text
        } else {
            return nil
        }
        var values = value.phpArrayElements ?? [value]
        if comparison == .oneOf, values.isEmpty { return nil }
        if values.isEmpty { values = [.string("")] }
        return LeadCondition(
            field: field, comparison: comparison, isNegated: negated,
            values: values.map { convert($0, storage: storage, field: field) })
    }

    private func convert(_ value: JSONValue, storage: FieldStorage, field: String) -> SQLiteValue {
        let text = value.scalarText ?? ""
        switch storage {
        case .integer:
            if text.isEmpty { return .null }
            return .integer(PHPCast.int(value))
        case .money:
            if text.isEmpty { return .null }
            return .real(PHPCast.double(value))
        case .dateTime:
            let offset = timeZone.utcOffsetSeconds(at: now.secondsSince1970)
            return CRMDateTime(clientText: text, portalUTCOffsetSeconds: offset).map { .text($0.sqlText) } ?? .null
        case .date:
            return CRMDateTime(clientText: String(text.prefix(10)), portalUTCOffsetSeconds: 0).map {
                .text(String($0.sqlText.prefix(10)))
            } ?? .null
        default:
            return text.isEmpty ? .null : .text(text)
        }
    }

    // MARK: Order

    func order(from order: JSONObject) -> [LeadOrder] {
        order.compactMap { key, value in
            let field = key.uppercased()
            guard LeadField.named(field)?.isColumn == true || userFields.contains(where: { $0.fieldName == field })
            else { return nil }
            return LeadOrder(field: field, ascending: value.scalarText?.uppercased() == "ASC")
        }
    }

    // MARK: Select

    func selection(from select: JSONValue?) -> Selection {
        let names = select?.phpArrayElements?.compactMap(\.scalarText) ?? []
        let wantsAll = names.isEmpty || names.contains("*")
        var standard: [LeadField] = wantsAll ? LeadField.readOrder : []
        var userFieldNames: [String] = []
        var multiFieldTypes: [String] = []
        for name in names {
            if name == "UF_*" {
                userFieldNames += userFields.map(\.fieldName).filter { !userFieldNames.contains($0) }
            } else if EntityColumns.multiFieldTypes.contains(name) {
                if !multiFieldTypes.contains(name) { multiFieldTypes.append(name) }
            } else if userFields.contains(where: { $0.fieldName == name }) {
                if !userFieldNames.contains(name) { userFieldNames.append(name) }
            } else if !wantsAll, let field = LeadField.readOrder.first(where: { $0.name == name.uppercased() }),
                !standard.contains(field)
            {
                standard.append(field)
            }
        }
        if !wantsAll, !standard.contains(where: { $0.name == "ID" }), let id = LeadField.named("ID") {
            standard.append(id)
        }
        return Selection(standard: standard, userFields: userFieldNames, multiFieldTypes: multiFieldTypes)
    }
}

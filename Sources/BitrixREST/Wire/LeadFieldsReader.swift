import CRMStore
import JSON
import SQLite

/// Reads the `fields` of `crm.lead.add` and `crm.lead.update` the way `CCrmLeadRestProxy::internalizeFields` does:
/// unknown, lower-case, read-only and computed keys are dropped without a word; values are converted to their
/// storage form; dates that cannot be read are dropped and `""` clears one.
struct LeadFieldsReader {
    var timeZone: PortalTimeZone
    var userFields: [UserFieldDefinition]
    var now: CRMDateTime

    func read(_ fields: JSONObject) throws(RESTError) -> LeadInput {
        var input = LeadInput()
        let defined = Set(userFields.map(\.fieldName))
        for (key, value) in fields {
            if defined.contains(key) {
                input.userFields.append(UserFieldValue(name: key, value: value == .string("") ? .null : value))
                continue
            }
            guard let field = LeadField.named(key), field.isWritable else { continue }
            switch field.storage {
            case .multiField:
                input.multiFields += try multiFieldEdits(of: key, value)
            case .computed:
                if key == "CONTACT_IDS" { input.contactIDs = contactIDs(value) }
            default:
                if let converted = convert(value, field: field) {
                    input.columns.append(ColumnValue(name: key, value: converted))
                }
            }
        }
        return input
    }

    /// A scalar in storage form; `nil` when the value cannot be read and the field is left alone.
    private func convert(_ value: JSONValue, field: LeadField) -> SQLiteValue? {
        if value.isNull { return .null }
        switch value {
        case .array, .object: return nil
        default: break
        }
        switch field.storage {
        case .integer:
            let number = PHPCast.int(value)
            let isReference = ["user", "crm_company", "crm_contact"].contains(field.wireType)
            if case .string("") = value { return .null }
            return isReference && number <= 0 ? .null : .integer(number)
        case .money:
            return .real(PHPCast.double(value))
        case .flag:
            switch value {
            case .bool(let flag): return .text(flag ? "Y" : "N")
            case .string(let text) where text.uppercased() == "Y" || text == "1": return .text("Y")
            case .string(let text) where text.uppercased() == "N" || text == "0" || text.isEmpty: return .text("N")
            case .int(let number): return .text(number != 0 ? "Y" : "N")
            default: return nil
            }
        case .dateTime:
            guard let text = value.scalarText, !text.isEmpty else { return .null }
            return CRMDateTime(clientText: text, portalUTCOffsetSeconds: offset).map { .text($0.sqlText) }
        case .date:
            guard let text = value.scalarText, !text.isEmpty else { return .null }
            return CRMDateTime(clientText: String(text.prefix(10)), portalUTCOffsetSeconds: 0).map {
                .text(String($0.sqlText.prefix(10)))
            }
        case .text:
            return value.scalarText.map(SQLiteValue.text)
        case .computed, .multiField:
            return nil
        }
    }

    private var offset: Int { timeZone.utcOffsetSeconds(at: now.secondsSince1970) }

    private func contactIDs(_ value: JSONValue) -> [Int64] {
        return (value.phpArrayElements ?? [value]).map(PHPCast.int).filter { $0 > 0 }
    }

    /// `tryInternalizeMultiFields`: an item with an `ID` updates or (with `DELETE: "Y"` or an empty VALUE) deletes
    /// that value; an item without one adds a value; a missing VALUE_TYPE becomes the kind's default. A value that is
    /// not a list of items is ignored. E-mail addresses are checked as `CCrmFieldMulti::CheckFields` does.
    private func multiFieldEdits(of type: String, _ value: JSONValue) throws(RESTError) -> [MultiFieldEdit] {
        guard let items = value.phpArrayElements else { return [] }
        var edits: [MultiFieldEdit] = []
        for item in items {
            guard case .object(let fields) = item else { continue }
            let text = fields["VALUE"]?.scalarText ?? ""
            let valueType =
                fields["VALUE_TYPE"]?.scalarText.flatMap { $0.isEmpty ? nil : $0 }
                ?? MultiFieldWire.defaultValueType(of: type)
            let id = fields["ID"].map(PHPCast.int) ?? 0
            let deletes = fields["DELETE"]?.scalarText?.uppercased() == "Y"
            if id > 0 {
                if deletes || text.isEmpty {
                    edits.append(.delete(id: id))
                    continue
                }
                try validate(text, type: type, valueType: valueType)
                edits.append(.update(id: id, typeID: type, valueType: valueType, value: text))
            } else if !text.isEmpty {
                try validate(text, type: type, valueType: valueType)
                edits.append(.add(typeID: type, valueType: valueType, value: text))
            }
        }
        return edits
    }

    private static let emailCaptions = [
        "WORK": "Work e-mail", "HOME": "Personal e-mail", "MAILING": "Newsletter e-mail", "OTHER": "Other e-mail",
    ]

    private func validate(_ value: String, type: String, valueType: String) throws(RESTError) {
        guard type == "EMAIL", !Self.isEmailAddress(value) else { return }
        let caption = Self.emailCaptions[valueType] ?? "E-mail"
        throw .core("The field \"\(caption)\" contains an invalid address.<br>")
    }

    /// PHP's `check_email`, loosely: one `@`, a local part, and a domain with a dot, no spaces.
    static func isEmailAddress(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !text.contains(" ") else { return false }
        let domain = parts[1]
        guard let dot = domain.lastIndex(of: "."), dot != domain.startIndex else { return false }
        return domain.distance(from: dot, to: domain.endIndex) > 2
    }
}

extension JSONValue {
    /// A scalar as PHP would print it; `nil` for arrays, objects and null.
    var scalarText: String? {
        switch self {
        case .string(let text): text
        case .int(let number): String(number)
        case .double(let number): String(number)
        case .bool(let flag): flag ? "1" : ""
        case .null, .array, .object: nil
        }
    }
}

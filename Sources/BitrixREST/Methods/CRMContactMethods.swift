import CRMStore
import JSON
import SQLite

/// `crm.contact.add` and `crm.contact.get`: enough of contacts to create one for a lead and to read back its
/// `LEAD_ID` (cleared when the lead is deleted).
public enum CRMContactMethods {
    public static let all: [RESTMethod] = [add, get]

    static let add = RESTMethod("crm.contact.add", scope: "crm") { call throws(RESTError) in
        let fields = try call.parameters.arrayObject("fields")
        _ = try call.parameters.arrayObject("params")
        var columns: [ColumnValue] = []
        let offset = call.timeZone.utcOffsetSeconds(at: call.now.secondsSince1970)
        for (name, storage) in EntityColumns.contact {
            guard let value = fields[name],
                !["CREATED_BY_ID", "MODIFY_BY_ID", "DATE_CREATE", "DATE_MODIFY"].contains(name)
            else { continue }
            switch storage {
            case .integer:
                let number = PHPCast.int(value)
                columns.append(ColumnValue(name: name, value: number > 0 ? .integer(number) : .null))
            case .flag:
                columns.append(ColumnValue(name: name, value: .text(value.scalarText?.uppercased() == "N" ? "N" : "Y")))
            case .dateTime:
                if let text = value.scalarText, let date = CRMDateTime(clientText: text, portalUTCOffsetSeconds: offset)
                {
                    columns.append(ColumnValue(name: name, value: .text(date.sqlText)))
                }
            default:
                columns.append(ColumnValue(name: name, value: value.scalarText.map(SQLiteValue.text) ?? .null))
            }
        }
        var multiFields: [FixtureSet.MultiField] = []
        for type in EntityColumns.multiFieldTypes {
            var items: [JSONValue] = []
            if case .array(let array)? = fields[type] { items = array }
            for case .object(let item) in items {
                guard let value = item["VALUE"]?.scalarText, !value.isEmpty else { continue }
                if type == "EMAIL", !LeadFieldsReader.isEmailAddress(value) {
                    throw .core("The field \"Work e-mail\" contains an invalid address.<br>")
                }
                let valueType = item["VALUE_TYPE"]?.scalarText ?? MultiFieldWire.defaultValueType(of: type)
                multiFields.append(FixtureSet.MultiField(typeID: type, valueType: valueType, value: value))
            }
        }
        return try call.write { session throws -> RESTResult in
            guard CRMPermissionCheck(actor: call.caller.actor).allowsAny(.add, on: .contact) else {
                throw RESTError.accessDenied
            }
            if let leadID = columns.first(where: { $0.name == "LEAD_ID" })?.value.integerValue,
                try !session.leads.exists(id: leadID)
            {
                columns.removeAll { $0.name == "LEAD_ID" }
            }
            let id = try session.contacts.insertContact(
                id: nil, columns: columns, multiFields: multiFields, by: call.caller.userID)
            return RESTResult(.int(id))
        }
    }

    static let get = RESTMethod("crm.contact.get", scope: "crm") { call throws(RESTError) in
        let id = call.parameters.entityID
        guard id > 0 else { throw .idNotDefinedOrInvalid }
        let reference = CRMEntityReference(entityType: .contact, entityID: id)
        return try call.read { session throws -> RESTResult in
            guard try session.allows(.read, on: reference, by: call.caller.actor) else { throw RESTError.accessDenied }
            guard let contact = try session.contacts.contact(id: id) else { throw RESTError.plain("Not found") }
            var writer = JSONWriter(options: ResponseEnvelope.jsonOptions)
            writer.beginObject()
            writer.key("ID")
            writer.write(WireValue.string(contact.columns["ID"] ?? .null))
            for (name, storage) in EntityColumns.contact {
                writer.key(name)
                writer.write(WireValue.field(contact.columns[name] ?? .null, storage: storage, in: call.timeZone))
                if name == "OPENED" {
                    for flag in ["HAS_PHONE", "HAS_EMAIL", "HAS_IMOL"] {
                        writer.key(flag)
                        writer.string(LeadRecord.computedFlag(flag, multiFields: contact.multiFields) ? "Y" : "N")
                    }
                }
            }
            MultiFieldWire.write(contact.multiFields, into: &writer)
            writer.endObject()
            return RESTResult(encoded: writer.bytes)
        }
    }
}

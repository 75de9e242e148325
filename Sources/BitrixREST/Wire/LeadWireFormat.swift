import CRMStore
import JSON
import SQLite

/// A lead as `crm.lead.get` and `crm.lead.list` print it: standard fields in the portal's order, then user fields,
/// then multi-fields, every value typed as the portal types it.
struct LeadWireFormat {
    var timeZone: PortalTimeZone

    /// `crm.lead.get`: every standard field, every defined user field (`""` when the lead has no value), every
    /// multi-field kind the lead has.
    func full(_ record: LeadRecord, userFields: [UserFieldDefinition]) -> JSONValue {
        var object = standard(record, fields: LeadField.readOrder)
        for field in userFields {
            object[field.fieldName] = record.userFields[field.fieldName] ?? .string("")
        }
        MultiFieldWire.append(record.multiFields, to: &object)
        return .object(object)
    }

    /// A `crm.lead.list` item: the selected fields; an unset user field is `null` here.
    func item(_ record: LeadRecord, selection: LeadListReader.Selection) -> JSONValue {
        var object = standard(record, fields: selection.standard)
        for name in selection.userFields {
            object[name] = record.userFields[name] ?? .null
        }
        MultiFieldWire.append(record.multiFields, to: &object, only: Set(selection.multiFieldTypes))
        return .object(object)
    }

    private func standard(_ record: LeadRecord, fields: [LeadField]) -> JSONObject {
        var object = JSONObject()
        for field in fields {
            if field.storage == .computed {
                object[field.name] = .string(record.computedFlag(field.name) ? "Y" : "N")
            } else {
                object[field.name] = WireValue.field(record[field.name], storage: field.storage, in: timeZone)
            }
        }
        return object
    }
}

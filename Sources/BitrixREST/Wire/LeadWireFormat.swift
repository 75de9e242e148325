import CRMStore
import JSON
import SQLite

/// A lead as `crm.lead.get` and `crm.lead.list` print it: standard fields in the portal's order, then user fields,
/// then multi-fields, every value typed as the portal types it.
///
/// Written straight into the answer's bytes: a lead has some sixty keys, and building them as a JSON object first
/// cost more than reading the lead.
struct LeadWireFormat {
    var timeZone: PortalTimeZone

    /// Standard fields with their column positions, resolved once rather than per lead.
    struct Columns {
        var fields: [(field: LeadField, column: Int?)]

        init(_ fields: [LeadField]) {
            self.fields = fields.map { ($0, LeadField.columnIndex[$0.name]) }
        }

        static let read = Columns(LeadField.readOrder)
    }

    /// `crm.lead.get`: every standard field, every defined user field (`""` when the lead has no value), every
    /// multi-field kind the lead has.
    func writeFull(_ record: LeadRecord, userFields: [UserFieldDefinition], into writer: inout JSONWriter) {
        writer.beginObject()
        writeStandard(record, columns: .read, into: &writer)
        for field in userFields {
            writer.key(field.fieldName)
            writer.write(record.userFields[field.fieldName] ?? .string(""))
        }
        MultiFieldWire.write(record.multiFields, into: &writer)
        writer.endObject()
    }

    /// A `crm.lead.list` item: the selected fields; an unset user field is `null` here.
    func writeItem(
        _ record: LeadRecord, columns: Columns, selection: LeadListReader.Selection, into writer: inout JSONWriter
    ) {
        writer.beginObject()
        writeStandard(record, columns: columns, into: &writer)
        for name in selection.userFields {
            writer.key(name)
            writer.write(record.userFields[name] ?? .null)
        }
        MultiFieldWire.write(record.multiFields, into: &writer, only: Set(selection.multiFieldTypes))
        writer.endObject()
    }

    private func writeStandard(_ record: LeadRecord, columns: Columns, into writer: inout JSONWriter) {
        for (field, column) in columns.fields {
            writer.key(field.name)
            if let column {
                writer.write(WireValue.field(record.value(atColumn: column), storage: field.storage, in: timeZone))
            } else {
                writer.string(record.computedFlag(field.name) ? "Y" : "N")
            }
        }
    }
}

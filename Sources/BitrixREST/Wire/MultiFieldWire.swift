import CRMStore
import JSON

/// Multi-fields on the wire: `"PHONE":[{"ID":"11","VALUE_TYPE":"WORK","VALUE":"+1555","TYPE_ID":"PHONE"}]`, one key
/// per kind in the order each kind first appears, a kind with no values left out.
enum MultiFieldWire {
    /// Writes an entity's multi-fields as keys of the object being written.
    static func write(_ values: [MultiFieldStore.Value], into writer: inout JSONWriter, only types: Set<String>? = nil)
    {
        var order: [String] = []
        for value in values where types?.contains(value.typeID) ?? true && !order.contains(value.typeID) {
            order.append(value.typeID)
        }
        for type in order {
            writer.key(type)
            writer.beginArray()
            for value in values where value.typeID == type {
                writer.beginObject()
                writer.key("ID")
                writer.string(String(value.id))
                writer.key("VALUE_TYPE")
                writer.string(value.valueType)
                writer.key("VALUE")
                writer.string(value.value)
                writer.key("TYPE_ID")
                writer.string(value.typeID)
                writer.endObject()
            }
            writer.endArray()
        }
    }

    /// The value type used when an item gives none (`CCrmFieldMulti::GetDefaultValueType`).
    static func defaultValueType(of type: String) -> String {
        type == "IM" ? "OTHER" : "WORK"
    }
}

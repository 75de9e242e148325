import CRMStore
import JSON

/// Multi-fields on the wire: `"PHONE":[{"ID":"11","VALUE_TYPE":"WORK","VALUE":"+1555","TYPE_ID":"PHONE"}]`, one key
/// per kind in the order each kind first appears, a kind with no values left out.
enum MultiFieldWire {
    static func append(_ values: [MultiFieldStore.Value], to object: inout JSONObject, only types: Set<String>? = nil) {
        var order: [String] = []
        var byType: [String: [JSONValue]] = [:]
        for value in values where types?.contains(value.typeID) ?? true {
            if byType[value.typeID] == nil { order.append(value.typeID) }
            byType[value.typeID, default: []].append(
                [
                    "ID": .string(String(value.id)), "VALUE_TYPE": .string(value.valueType),
                    "VALUE": .string(value.value), "TYPE_ID": .string(value.typeID),
                ])
        }
        for type in order {
            object[type] = .array(byType[type] ?? [])
        }
    }

    /// The value type used when an item gives none (`CCrmFieldMulti::GetDefaultValueType`).
    static func defaultValueType(of type: String) -> String {
        type == "IM" ? "OTHER" : "WORK"
    }
}
